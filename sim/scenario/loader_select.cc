// The scenario loader's selectors: a node or group name (or a list of them) expanded into
// nodes, and an event selector of an expectation (an event name, or {ev, on, code, fault}).
#include <algorithm>
#include <string>
#include <vector>

#include "sim/scenario/loader_state.h"

namespace sim::scenario {

// A node or group name, expanded to its nodes.
std::vector<std::string> Loader::members(const YAML::Node& n, const std::string& path) const {
  std::string name = text(n, path);
  auto out = s_.membersOf(name);
  if (out.empty()) {
    std::string hint = nearest(name, knownNames());
    fail(n, path, "a node or group name" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"),
         quote(name));
  }
  return out;
}

// A node or group name, or a list of them, expanded to their nodes in order.
std::vector<std::string> Loader::membersOfList(const YAML::Node& n, const std::string& path) const {
  if (n.IsScalar())
    return members(n, path);
  if (!n.IsSequence() || n.size() == 0)
    fail(n, path, "a node or group name, or a list of them", found(n));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n.size(); ++i)
    for (auto& m : members(n[i], child(path, std::to_string(i))))
      out.push_back(m);
  return out;
}

std::vector<std::string> Loader::knownNames() const {
  std::vector<std::string> out;
  for (const auto& g : s_.groups)
    out.push_back(g.name);
  for (const auto& n : s_.nodes)
    if (n.name != s_.groups[n.group].name)
      out.push_back(n.name);
  return out;
}

YAML::Node Loader::nodeAt(const std::string& name) const {
  auto it = nodeMarks_.find(name);
  return it == nodeMarks_.end() ? YAML::Node() : it->second;
}

// An event name, or {ev, on, code, fault}; `on` (the expectation's) applies when the selector has none.
EventSelector Loader::selector(const YAML::Node& n, const std::string& path, const std::string& on) const {
  EventSelector sel;
  YAML::Node evNode = n;
  if (n.IsMap()) {
    checkKeys(n, path, {"ev", "on", "code", "fault"});
    if (!n["ev"])
      fail(n, child(path, "ev"), "an event name (required)", "nothing");
    evNode.reset(n["ev"]);
    sel.ev = text(n["ev"], child(path, "ev"));
    if (n["code"])
      sel.code = text(n["code"], child(path, "code"));
    if (n["fault"]) {
      sel.code = text(n["fault"], child(path, "fault"));
      if (std::find(kFaults.begin(), kFaults.end(), sel.code) == kFaults.end())
        fail(n["fault"], child(path, "fault"), "a fault (" + join(kFaults) + ")", found(n["fault"]));
    }
    if (n["on"]) {
      sel.on = text(n["on"], child(path, "on"));
      sel.nodes = members(n["on"], child(path, "on"));
    }
  } else {
    sel.ev = text(n, path);
  }
  if (sel.ev != "fault" && std::find(kEvents.begin(), kEvents.end(), sel.ev) == kEvents.end()) {
    std::string hint = nearest(sel.ev, plus(kEvents, {"fault"}));
    fail(evNode, n.IsMap() ? child(path, "ev") : path,
         "an event (" + join(kEvents) + ", fault)" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"),
         quote(sel.ev));
  }
  if (sel.on.empty() && !on.empty()) {
    sel.on = on;
    sel.nodes = s_.membersOf(on);
  }
  return sel;
}

} // namespace sim::scenario
