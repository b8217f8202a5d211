// --set key=value: replaces (or adds) one scalar of a scenario by its dotted path, before the
// scenario is checked: nodes.sensor.count=100, network.links.0.loss=0.1, seed=7.
// Internal to the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

namespace sim::scenario {

// Applies every override in order. Returns, for each path set, the override that set it
// ("nodes.sensor.count" -> "nodes.sensor.count=100"), so errors can name it. Throws
// ScenarioError for a malformed override or a path that cannot hold a scalar.
std::map<std::string, std::string> applyOverrides(YAML::Node& root, const std::vector<std::string>& sets);

} // namespace sim::scenario
