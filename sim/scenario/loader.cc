// The scenario loader: YAML in, a checked and expanded Scenario out (format: scenarios/README.md).
// This file reads the top level and hands each section to its own file (loader_state.h).
#include "sim/scenario/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "sim/apps/units.h"
#include "sim/scenario/loader_state.h"
#include "sim/scenario/overrides.h"

namespace sim::scenario {

namespace {

std::string stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

} // namespace

bool validName(const std::string& s) {
  if (s.empty() || s.size() > 64)
    return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

const char* faultName(FaultKind kind) {
  switch (kind) {
  case FaultKind::LinkDown: return "linkDown";
  case FaultKind::LinkUp: return "linkUp";
  case FaultKind::Partition: return "partition";
  case FaultKind::Heal: return "heal";
  case FaultKind::SetLoss: return "setLoss";
  case FaultKind::SetDelay: return "setDelay";
  case FaultKind::Crash: return "crash";
  case FaultKind::Reboot: return "reboot";
  }
  return "?";
}

std::string windowText(const Expectation& x) {
  if (!x.afterNs && !x.beforeNs)
    return "";
  return " in [" + apps::units::formatDuration(x.afterNs.value_or(0)) + ", " +
         (x.beforeNs ? apps::units::formatDuration(*x.beforeNs) : std::string("end")) + ")";
}

const NodeInstance* Scenario::findNode(const std::string& nodeName) const {
  auto it = byName_.find(nodeName);
  return it == byName_.end() ? nullptr : &nodes[it->second];
}

std::vector<std::string> Scenario::membersOf(const std::string& nodeOrGroup) const {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].name != nodeOrGroup)
      continue;
    std::vector<std::string> out;
    for (const auto& n : nodes)
      if (n.group == g)
        out.push_back(n.name);
    return out;
  }
  if (findNode(nodeOrGroup))
    return {nodeOrGroup};
  return {};
}

Scenario Loader::load(const YAML::Node& root) {
  s_.file = file();
  s_.name = stem(file());
  if (!root.IsMap())
    fail(root, "", "a mapping of top-level keys (name, seed, duration, nodes, network, faults, expect)", found(root));
  checkKeys(root, "",
            {"name", "description", "seed", "run", "duration", "tcp", "nodes", "network", "faults", "expect"});
  if (root["name"]) {
    s_.name = text(root["name"], "name");
    if (!validName(s_.name))
      fail(root["name"], "name", "a name of letters, digits, '-' and '_'", found(root["name"]));
  }
  if (root["description"])
    text(root["description"], "description");
  if (root["seed"])
    s_.seed = static_cast<std::uint64_t>(integer(root["seed"], "seed", 1, 4294967295.0));
  if (root["run"])
    s_.run = static_cast<std::uint64_t>(integer(root["run"], "run", 1, 9e18));
  s_.durationNs = 60'000'000'000;
  if (root["duration"])
    s_.durationNs = duration(root["duration"], "duration", 1);
  if (root["tcp"])
    loadTcp(root["tcp"], "tcp");
  if (!root["nodes"])
    fail(root, "nodes", "a mapping of nodes and groups (required)", "nothing");
  loadNodes(root["nodes"], "nodes");
  connected_.clear();
  if (root["network"])
    loadNetwork(root["network"], "network");
  for (const auto& n : s_.nodes)
    if (!connected_.count(n.name))
      fail(nodeAt(n.name), "nodes." + s_.groups[n.group].name,
           "every node on a link or segment (links, segments, star, chain, tree)",
           "'" + n.name + "' connected to nothing");
  checkHosts();
  if (root["faults"])
    loadFaults(root["faults"], "faults");
  if (root["expect"])
    loadExpectations(root["expect"], "expect");
  return std::move(s_);
}

Scenario parseScenario(const std::string& text, const std::string& file, const std::vector<std::string>& sets) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Location l{file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0, {}};
    throw ScenarioError(l, "", "expected valid YAML, found a syntax error: " + e.msg);
  }
  try {
    auto origins = applyOverrides(root, sets);
    Scenario s = Loader(file, origins).load(root);
    for (const auto& set : sets) {
      auto eq = set.find('=');
      s.sets.emplace_back(set.substr(0, eq), set.substr(eq + 1));
    }
    return s;
  } catch (const YAML::Exception& e) {
    // yaml-cpp refuses some access we did not foresee: still a located error, never a crash.
    Location l{file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0, {}};
    throw ScenarioError(l, "", "expected a well-formed scenario, found: " + e.msg);
  }
}

Scenario loadScenario(const std::string& path, const std::vector<std::string>& sets) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ScenarioError(Location{path, 0, 0, {}}, "", "expected a readable scenario file, found none");
  std::ostringstream text;
  text << in.rdbuf();
  return parseScenario(text.str(), path, sets);
}

} // namespace sim::scenario
