// What a run observed, as expectations and the summary need it: event counts per node, the
// faults, each application's metrics. Internal to the runner.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace sim::scenario {

struct EventStat {
  std::uint64_t count = 0;
  std::uint64_t firstSeq = std::numeric_limits<std::uint64_t>::max(); // order of the first one
  std::int64_t firstNs = -1, lastNs = -1;                             // times of the first and the last
  std::vector<std::int64_t> times; // every one's time, only for keys an expectation counts in a window
};

// One instance of an application (one app of one node): what it reported itself.
struct InstanceMetrics {
  std::size_t node; // index into Scenario::nodes
  double messages = 0, bytes = 0;
  std::map<std::string, double> counters;
};

struct AppMetrics {
  std::uint64_t instances = 0;
  double messages = 0, bytes = 0;
  std::vector<std::int64_t> latencies;      // ns, in the order measured
  std::vector<std::uint32_t> latencyOf;     // the instance (into perInstance) of each latency
  std::map<std::string, double> counters;   // summed over the instances
  std::vector<InstanceMetrics> perInstance; // in the order of Scenario::nodes
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
  std::uint64_t seq = 0;           // events and faults, numbered in the order they happened
  std::set<std::string> timedKeys; // "error:ETIMEDOUT": keys whose every time is kept

  void event(const std::string& node, const std::string& ev, const std::string& code, std::int64_t tNs) {
    auto& stats = nodes[node];
    bump(stats[ev], ev, tNs);
    if (!code.empty()) {
      std::string k = ev + ":" + code;
      bump(stats[k], k, tNs);
    }
    ++seq;
  }

private:
  void bump(EventStat& s, const std::string& key, std::int64_t tNs) {
    ++s.count;
    if (s.firstSeq == std::numeric_limits<std::uint64_t>::max()) {
      s.firstSeq = seq;
      s.firstNs = tNs;
    }
    s.lastNs = tNs;
    if (!timedKeys.empty() && timedKeys.count(key))
      s.times.push_back(tNs);
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

// The same over some of its instances (`chosen`, indexes into AppMetrics::perInstance).
bool metricValue(const AppMetrics& m, const std::vector<std::size_t>& chosen, const std::string& metric, double& value);

} // namespace sim::scenario
