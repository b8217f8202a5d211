// Which group a node belongs to and which NIC it has: from topology.json when the run wrote one,
// otherwise guessed from the node's name ("sensor-17" -> "sensor").
#pragma once

#include <string>
#include <string_view>

namespace visualize {

// The name without a trailing number and the separator before it: "sensor-17" -> "sensor",
// "node12" -> "node", "gateway" -> "gateway".
std::string groupFromName(std::string_view name);

} // namespace visualize
