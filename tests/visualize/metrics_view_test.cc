// metrics.csv: parsing with clear errors, throughput and latency percentiles per bin, the CDF.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "visualize/input_error.h"
#include "visualize/metrics_view.h"

namespace {

visualize::Metrics parse(const std::string& text) {
  std::istringstream in(text);
  return visualize::parseMetrics(in, "run/metrics.csv");
}

TEST(Quantile, IsTheNearestRank) {
  std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(visualize::quantile(v, 0.5), 5);
  EXPECT_EQ(visualize::quantile(v, 0.9), 9);
  EXPECT_EQ(visualize::quantile(v, 0.95), 10);
  EXPECT_EQ(visualize::quantile(v, 1), 10);
  EXPECT_EQ(visualize::quantile({7}, 0.5), 7);
}

TEST(MetricsView, ThroughputAndLatencyPerBinAndTheCdf) {
  visualize::Metrics m = parse("tNs,node,app,metric,value\n"
                               "100,a,telemetry,latencyNs,30\n"
                               "200,b,telemetry,latencyNs,10\n"
                               "300,a,telemetry,latencyNs,20\n"
                               "300,a,telemetry,bytes,64\n"
                               "900,b,telemetry,bytes,64\n"
                               "1500,b,telemetry,latencyNs,40\n"
                               "1500,b,telemetry,bytes,64\n"
                               "100,a,nic0,queueBytes,100\n"
                               "200,a,nic0,queueBytes,300\n");
  EXPECT_EQ(m.size(), 9u);
  visualize::MetricsView v = visualize::viewMetrics(m, 1000, 2, 400);
  ASSERT_EQ(v.apps.size(), 1u); // nic0 wrote no latency or bytes
  const auto& a = v.apps[0];
  EXPECT_EQ(a.app, "telemetry");
  EXPECT_EQ(a.bytes, (std::vector<double>{128, 64}));
  EXPECT_EQ(a.p50[0], 20);
  EXPECT_EQ(a.p90[0], 30);
  EXPECT_EQ(a.max[0], 30);
  EXPECT_EQ(a.p50[1], 40);
  EXPECT_EQ(a.latencySamples, 4u);
  EXPECT_EQ(a.cdfX, (std::vector<double>{10, 20, 30, 40}));
  EXPECT_EQ(a.cdfY, (std::vector<double>{0.25, 0.5, 0.75, 1}));
  ASSERT_EQ(v.other.size(), 1u);
  EXPECT_EQ(v.other[0].name, "queueBytes");
  EXPECT_EQ(v.other[0].mean[0], 200);
  EXPECT_EQ(v.other[0].max[0], 300);
  EXPECT_TRUE(std::isnan(v.other[0].mean[1]));
}

TEST(MetricsView, TheCdfIsSampledAtEvenRanksWithBothEnds) {
  std::string csv = "tNs,node,app,metric,value\n";
  for (int i = 1; i <= 1001; ++i)
    csv += "0,a,x,latencyNs," + std::to_string(i) + "\n";
  visualize::MetricsView v = visualize::viewMetrics(parse(csv), 1000, 1, 11);
  EXPECT_EQ(v.apps[0].cdfX, (std::vector<double>{1, 101, 201, 301, 401, 501, 601, 701, 801, 901, 1001}));
  EXPECT_EQ(v.apps[0].cdfY.back(), 1);
}

TEST(MetricsView, BadRowsAreRefusedWithTheLine) {
  auto error = [](const std::string& text) {
    try {
      parse(text);
    } catch (const visualize::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("tNs,node,app,value\n"),
            "run/metrics.csv:1: header: missing column \"metric\" (expected tNs,node,app,metric,value)");
  EXPECT_EQ(error("tNs,node,app,metric,value\n1,a,b,c,1\n2,a,b,c,fast\n"),
            "run/metrics.csv:3: column value: expected a number, found \"fast\"");
  EXPECT_EQ(error("tNs,node,app,metric,value\n-1,a,b,c,1\n"),
            "run/metrics.csv:2: column tNs: expected a non-negative integer, found \"-1\"");
  EXPECT_EQ(error("tNs,node,app,metric,value\n1,a,b,c\n"), "run/metrics.csv:2: 4 fields, the header has 5");
}

} // namespace
