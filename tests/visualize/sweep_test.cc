// A sweep's results.csv: parameters before "seed", metrics after; mean and sample standard
// deviation per parameter value, one series per value of the other parameters; SVG plots.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <sstream>

#include "visualize/input_error.h"
#include "visualize/svg_plot.h"
#include "visualize/sweep_table.h"

namespace {

using ::testing::HasSubstr;

const char* kResults = "loss,clients,seed,repeat,passed,time.simulatedNs,metrics.telemetry.latencyP50Ns,scenario.note\n"
                       "0,10,1,0,true,60000000000,10000000,a\n"
                       "0,10,2,1,true,60000000000,12000000,b\n"
                       "0.1,10,1,0,false,60000000000,30000000,c\n"
                       "0.1,10,2,1,true,60000000000,40000000,d\n"
                       "0,100,1,0,true,60000000000,20000000,e\n"
                       "0,100,2,1,true,60000000000,,f\n"
                       "0.1,100,1,0,false,60000000000,50000000,g\n"
                       "0.1,100,2,1,false,60000000000,70000000,h\n";

visualize::SweepTable table() {
  std::istringstream in(kResults);
  return visualize::parseSweep(in, "sweep/results.csv");
}

TEST(Sweep, SplitsParametersFromMetrics) {
  visualize::SweepTable t = table();
  EXPECT_EQ(t.params, (std::vector<std::string>{"loss", "clients"}));
  EXPECT_EQ(t.metrics, (std::vector<std::string>{"passed", "time.simulatedNs", "metrics.telemetry.latencyP50Ns"}));
  EXPECT_EQ(t.skipped, (std::vector<std::string>{"scenario.note"}));
  EXPECT_EQ(t.rows(), 8u);
  EXPECT_EQ(t.values[2][0], 0);            // passed=false
  EXPECT_TRUE(std::isnan(t.values[5][2])); // an empty cell
  EXPECT_FALSE(visualize::isConstant(t, 0));
  EXPECT_TRUE(visualize::isConstant(t, 1));
}

TEST(Sweep, MeanAndSampleStandardDeviationPerValueOneSeriesPerOtherParameter) {
  visualize::SweepPlot p = visualize::aggregate(table(), 2, 0); // latency vs loss
  EXPECT_EQ(p.metric, "metrics.telemetry.latencyP50Ns");
  EXPECT_EQ(p.param, "loss");
  EXPECT_TRUE(p.numericX);
  ASSERT_EQ(p.series.size(), 2u);
  EXPECT_EQ(p.series[0].label, "clients=10");
  EXPECT_EQ(p.series[1].label, "clients=100");
  const auto& a = p.series[0].points;
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].x, "0");
  EXPECT_EQ(a[0].n, 2u);
  EXPECT_DOUBLE_EQ(a[0].mean, 11e6);
  EXPECT_DOUBLE_EQ(a[0].stddev, std::sqrt(2e12)); // values 10e6 and 12e6
  EXPECT_DOUBLE_EQ(a[0].min, 10e6);
  EXPECT_DOUBLE_EQ(a[0].max, 12e6);
  EXPECT_EQ(a[1].x, "0.1");
  EXPECT_DOUBLE_EQ(a[1].xNumber, 0.1);
  EXPECT_DOUBLE_EQ(a[1].mean, 35e6);
  const auto& b = p.series[1].points;
  EXPECT_EQ(b[0].n, 1u); // the empty cell is not a zero
  EXPECT_DOUBLE_EQ(b[0].mean, 20e6);
  EXPECT_DOUBLE_EQ(b[0].stddev, 0);
  EXPECT_DOUBLE_EQ(b[1].mean, 60e6);
  EXPECT_DOUBLE_EQ(b[1].stddev, std::sqrt(2e14));
}

TEST(Sweep, NumericValuesAreSortedCategoricalOnesKeepTheirOrder) {
  std::istringstream in("mode,seed,m\nz,1,1\n10,1,2\n2,1,3\n");
  visualize::SweepTable t = visualize::parseSweep(in, "r.csv");
  visualize::SweepPlot p = visualize::aggregate(t, 0, 0);
  EXPECT_FALSE(p.numericX);
  ASSERT_EQ(p.series.size(), 1u);
  EXPECT_EQ(p.series[0].label, "m"); // one parameter: the series is the metric
  EXPECT_EQ(p.series[0].points[0].x, "z");
  EXPECT_EQ(p.series[0].points[1].x, "10");

  std::istringstream numeric("n,seed,m\n10,1,1\n2,1,2\n");
  visualize::SweepPlot q = visualize::aggregate(visualize::parseSweep(numeric, "r.csv"), 0, 0);
  EXPECT_EQ(q.series[0].points[0].x, "2");
  EXPECT_EQ(q.series[0].points[1].x, "10");
}

TEST(Sweep, BadFilesAreRefusedWithTheLine) {
  auto error = [](const std::string& text) {
    std::istringstream in(text);
    try {
      visualize::parseSweep(in, "sweep/results.csv");
    } catch (const visualize::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(
      error("loss,repeat,m\n0,1,2\n"),
      "sweep/results.csv:1: header: no \"seed\" column (expected the swept parameters, then seed, repeat, passed)");
  EXPECT_EQ(error("loss,seed,m\n0,1,2\n0,1\n"), "sweep/results.csv:3: 2 fields, the header has 3");
  EXPECT_EQ(error("loss,seed,m\n\"0,1,2\n"), "sweep/results.csv:2: unterminated quoted field (field 1)");
  EXPECT_EQ(error(""), "sweep/results.csv: empty (expected a header: the parameters, seed, repeat, passed, metrics)");
}

TEST(SweepSvg, DrawsOneLinePerSeriesWithErrorBarsAndExactValuesInTooltips) {
  visualize::SweepPlot p = visualize::aggregate(table(), 2, 0);
  std::string svg = visualize::renderSweepSvg(p);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(count("<path class=\"mean\""), 2u);
  EXPECT_EQ(count("<path class=\"error-bars\""), 2u); // clients=100 at loss 0 has one run: no bar there
  EXPECT_EQ(count("<circle"), 4u);
  EXPECT_EQ(count("<title>"), 4u);
  EXPECT_THAT(svg, HasSubstr("clients=10: loss=0: mean 1.1e+07, sd 1.41421e+06, min 1e+07, max 1.2e+07, n 2"));
  EXPECT_THAT(svg, HasSubstr(">metrics.telemetry.latencyP50Ns (ms)</text>")); // Ns shown in ms
  EXPECT_THAT(svg, HasSubstr(">metrics.telemetry.latencyP50Ns vs loss</text>"));
  EXPECT_THAT(svg, HasSubstr("mean \xC2\xB1 1 standard deviation over 1-2 runs per point"));
  // Every element that opens closes (a well-formed file for a paper's toolchain).
  std::regex open("<(svg|g|text)[ >]"), close("</(svg|g|text)>");
  auto opened = std::distance(std::sregex_iterator(svg.begin(), svg.end(), open), std::sregex_iterator());
  auto closed = std::distance(std::sregex_iterator(svg.begin(), svg.end(), close), std::sregex_iterator());
  EXPECT_EQ(opened, closed);
}

TEST(SweepSvg, EscapesNames) {
  std::istringstream in("a<b,seed,m&n\n1,1,1\n2,1,2\n");
  visualize::SweepPlot p = visualize::aggregate(visualize::parseSweep(in, "r.csv"), 0, 0);
  std::string svg = visualize::renderSweepSvg(p);
  EXPECT_THAT(svg, HasSubstr("m&amp;n vs a&lt;b"));
  EXPECT_EQ(svg.find("a<b"), std::string::npos);
}

} // namespace
