// A scenario as the loader returns it: checked, with groups expanded into nodes and the
// topology helpers into links. Nothing here needs ns-3: the loader (and its fuzz target)
// works without a simulator. scenarios/README.md documents the file format.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/apps/app.h"
#include "sim/fault_spec.h"
#include "sim/world.h"

namespace sim::scenario {

// Where a value came from: file:line:column, or the --set that gave it.
struct Location {
  std::string file;
  int line = 0; // 1-based; 0: unknown
  int column = 0;
  std::string set; // "key=value" when the value came from --set
  std::string str() const;
};

// A node's network interface: "ns3" (the simulator's own devices) or a SystemC model.
struct NicChoice {
  std::string model = "ns3";
  std::map<std::string, std::string> params; // as written; the model checks them
  Location where;
  std::string key; // "nodes.sensor.nic"
};

struct AppSpec {
  std::string app;
  std::int64_t startNs = 0;
  std::int64_t jitterNs = 0; // start uniformly in [start, start + jitter], drawn from the seed
  apps::Params params;       // complete: defaults filled in
  Location where;
};

// A node, or a group of `count` nodes named name-1 ... name-count.
struct NodeGroup {
  std::string name;
  int count = 0; // 0: a single node named `name`
  NicChoice nic;
  std::vector<AppSpec> apps;
};

struct NodeInstance {
  std::string name;  // "sensor-17"
  std::size_t group; // index into Scenario::groups
  int index;         // 17 (1 for a single node)
};

struct LinkInstance {
  std::string a, b;
  sim::LinkSpec spec;
};

struct SegmentInstance {
  std::string name;
  std::vector<std::string> members;
  sim::SegmentSpec spec;
};

using FaultKind = sim::FaultKind;
const char* faultName(FaultKind kind); // "linkDown", ... as in the file and the trace contract

struct Fault : sim::FaultSpec {
  std::string text; // "crash gateway"
};

// Which events an expectation looks at.
struct EventSelector {
  std::string ev;                 // an event name, or "fault"
  std::string on;                 // the node or group as written; empty: every node
  std::vector<std::string> nodes; // expanded
  std::string code;               // 'error': only this code; 'fault': only this fault
};

enum class ExpectKind { Count, Metric, Latency, Before };

// Which occurrences of a counted event a time window (`after`, `before`) looks at.
enum class Occurrence { All, First, Last };

// Whom a metric's bound applies to: the sum over every instance, each node's sum, or each
// instance of the application on its own.
enum class MetricPer { Total, Node, Instance };

struct Expectation {
  ExpectKind kind;
  std::string text; // as the summary prints it
  Location where;
  EventSelector first, second; // Count: first; Before: first before second; Metric, Latency: first.on
  bool perNode = true;         // Count, Before: each node on its own
  std::optional<double> min, max;
  std::string app, metric; // Metric: app.metric; Latency: app
  double percentile = 50;
  // Count: only events at a time t with afterNs <= t < beforeNs (from the start of the run).
  std::optional<std::int64_t> afterNs, beforeNs;
  Occurrence occurrence = Occurrence::All; // First, Last: that occurrence lies in the window
  MetricPer per = MetricPer::Total;        // Metric
};

// " in [134 s, 135 s)" for a count's time window; empty without one.
std::string windowText(const Expectation& x);

struct Scenario {
  std::string file;
  std::string name;
  std::uint64_t seed = 1;
  std::uint64_t run = 1;
  std::int64_t durationNs = 0;
  sim::TcpProfile tcp; // every node's TCP (`tcp:`); linux unless given
  std::vector<NodeGroup> groups;
  std::vector<NodeInstance> nodes;
  std::vector<LinkInstance> links;
  std::vector<SegmentInstance> segments;
  std::vector<Fault> faults;
  std::vector<Expectation> expectations;
  std::vector<std::pair<std::string, std::string>> sets; // --set key=value, in order

  const NodeInstance* findNode(const std::string& nodeName) const;
  std::vector<std::string> membersOf(const std::string& nodeOrGroup) const; // empty: unknown

private:
  friend class Loader;
  std::map<std::string, std::size_t> byName_;
};

} // namespace sim::scenario
