// Reads a scenario file (YAML, scenarios/README.md), applies --set overrides, checks every
// value and expands groups and topology helpers. Every problem is a ScenarioError naming
// file:line:column, the key, what was expected and what was found; nothing else escapes.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_error.h"

namespace sim::scenario {

// `sets` are "dotted.key=value" overrides, applied in order before checking.
Scenario loadScenario(const std::string& path, const std::vector<std::string>& sets = {});
// The same from text; `file` names it in errors.
Scenario parseScenario(const std::string& text, const std::string& file, const std::vector<std::string>& sets = {});

} // namespace sim::scenario
