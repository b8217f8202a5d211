// The network as the page draws it: every node when there are few; otherwise one item per node
// group (its size, NIC mix and faulted members), links aggregated between items.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "visualize/run_files.h"

namespace visualize {

// Every node of the run: topology.json's in its order, then those only the trace names.
struct NodeTable {
  std::vector<std::string> names;
  std::vector<std::string> groupNames, nicNames; // in order of first appearance
  std::vector<std::int32_t> group, nic;          // per node
  std::map<std::string, std::int32_t> index;

  // Adds a node (no-op when known); the group defaults to the name's prefix, the NIC to "unknown".
  std::int32_t add(const std::string& name, const std::string& group, const std::string& nic);
};

struct TopologyLimits {
  std::size_t individual = 60; // up to this many nodes, each is drawn
  std::size_t items = 150;     // at most this many items; the smallest groups are merged past it
};

// faulted: per NodeTable node, the faults that hit it (0 = none). observed: (client, server) node
// pairs of connections, drawn as links when there is no topology.
nlohmann::json topologyView(const NodeTable& nodes, const Topology* topology, const std::vector<std::uint32_t>& faulted,
                            const std::vector<std::pair<std::int32_t, std::int32_t>>& observed,
                            const std::vector<std::pair<std::string, std::string>>& faultedLinks,
                            const TopologyLimits& limits, std::vector<std::string>& notes);

} // namespace visualize
