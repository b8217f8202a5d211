// metrics.csv turned into what the page plots: per application, throughput and latency
// percentiles per time bin, and a latency CDF; other metrics (queue occupancy, ...) as mean and max
// per bin.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "visualize/run_files.h"

namespace visualize {

// The nearest-rank p-quantile (0 < p <= 1) of ascending `sorted` (not empty).
double quantile(const std::vector<double>& sorted, double p);

struct AppMetrics {
  std::string app;
  std::size_t latencySamples = 0;
  std::vector<double> bytes;         // per bin, summed over nodes
  std::vector<double> p50, p90, max; // latency (ns) per bin; NaN where the bin has no sample
  std::vector<double> cdfX, cdfY;    // latency (ns) and fraction of samples <= it
};

struct OtherMetric {
  std::string app, name;
  std::vector<double> mean, max; // per bin over all samples of all nodes; NaN where none
};

struct MetricsView {
  std::vector<AppMetrics> apps;
  std::vector<OtherMetric> other;
};

// Samples at or after the last bin count in the last bin. cdfPoints: the CDF's points at most
// (evenly spaced ranks, the first and last sample always included).
MetricsView viewMetrics(const Metrics& m, std::int64_t binNs, std::size_t bins, std::size_t cdfPoints);

} // namespace visualize
