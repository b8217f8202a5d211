// What a run observed, as expectations and the summary need it: event counts per node, the
// faults, each application's metrics. Internal to the runner.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace netbed {

struct EventStat {
  std::uint64_t count = 0;
  std::uint64_t firstSeq = std::numeric_limits<std::uint64_t>::max(); // order of the first one
};

struct AppMetrics {
  std::uint64_t instances = 0;
  double messages = 0, bytes = 0;
  std::vector<std::int64_t> latencies; // ns, in the order measured
  std::map<std::string, double> counters;
};

struct FaultRecord {
  std::uint64_t seq;
  std::int64_t tNs;
  std::string kind; // "crash"
  std::vector<std::string> nodes;
};

struct Observed {
  // node -> "close" or "error:ECONNRESET" (an error also counts under "error") -> stat
  std::map<std::string, std::map<std::string, EventStat>> nodes;
  std::vector<FaultRecord> faults;
  std::map<std::string, AppMetrics> apps;
  std::uint64_t seq = 0; // events and faults, numbered in the order they happened

  void event(const std::string& node, const std::string& ev, const std::string& code) {
    auto& stats = nodes[node];
    bump(stats[ev]);
    if (!code.empty())
      bump(stats[ev + ":" + code]);
    ++seq;
  }

private:
  void bump(EventStat& s) {
    ++s.count;
    if (s.firstSeq == std::numeric_limits<std::uint64_t>::max())
      s.firstSeq = seq;
  }
};

// Nearest-rank percentile of unsorted samples (0 when there are none).
std::int64_t percentile(std::vector<std::int64_t> samples, double p);

struct ExpectationResult {
  std::string text;
  bool pass = false;
  std::string detail;
};

std::vector<ExpectationResult> evaluate(const Scenario& s, const Observed& o);

// The application's summary metric (messages, bytes, latencyP50Ns, latencyP90Ns, latencyP99Ns,
// latencyMaxNs, or a counter); false when it has none of that name.
bool metricValue(const AppMetrics& m, const std::string& metric, double& value);

} // namespace netbed
