// The scenario loader's `faults:` section: each fault's time (at, every, until), its one
// action and its targets (links between nodes and groups, or nodes), and its `for`.
#include <algorithm>
#include <string>
#include <vector>

#include "sim/apps/units.h"
#include "sim/scenario/loader_state.h"

namespace sim::scenario {

std::vector<std::pair<std::string, std::string>> Loader::linksBetween(const YAML::Node& n,
                                                                      const std::string& path) const {
  if (!n.IsSequence() || n.size() != 2)
    fail(n, path, "the link's two ends [a, b] (node or group names)", found(n));
  auto as = members(n[0], child(path, "0"));
  auto bs = members(n[1], child(path, "1"));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : as)
    for (const auto& b : bs)
      if (linkPairs_.count(std::minmax(a, b)))
        out.emplace_back(a, b);
  if (out.empty())
    fail(n, path, "ends joined by a link", "no link between '" + n[0].Scalar() + "' and '" + n[1].Scalar() + "'");
  return out;
}

void Loader::loadFaults(const YAML::Node& n, const std::string& path) {
  eachOfList(n, path, "a list of faults ({at: TIME, crash: NODE}, ...)", "a fault ({at: TIME, crash: NODE} ...)",
             [this](const YAML::Node& f, const std::string& p) { loadFault(f, p); });
}

void Loader::loadFault(const YAML::Node& f, const std::string& p) {
  checkKeys(f, p, plus({"at", "every", "until", "for"}, kFaults));
  std::vector<std::string> actions;
  for (const auto& k : kFaults)
    if (f[k])
      actions.push_back(k);
  if (actions.size() != 1)
    fail(f, p, "exactly one action (" + join(kFaults) + ")",
         actions.empty() ? "none" : std::to_string(actions.size()) + ": " + join(actions));
  Fault fault;
  fault.kind = static_cast<FaultKind>(std::find(kFaults.begin(), kFaults.end(), actions[0]) - kFaults.begin());
  const YAML::Node a = f[actions[0]];
  const std::string ap = child(p, actions[0]);
  if (!f["at"] && !f["every"])
    fail(f, child(p, "at"), "a time (at: TIME, or every: INTERVAL)", "nothing");
  if (f["every"])
    fault.everyNs = duration(f["every"], child(p, "every"), 1);
  fault.atNs = f["at"] ? duration(f["at"], child(p, "at")) : fault.everyNs;
  fault.untilNs = f["until"] ? duration(f["until"], child(p, "until")) : s_.durationNs;
  if (f["until"] && !f["every"])
    fail(f["until"], child(p, "until"), "until only with every", found(f["until"]));
  if (fault.atNs > s_.durationNs)
    fail(f["at"] ? f["at"] : f["every"], child(p, "at"),
         "a time within the run's duration (" + apps::units::formatDuration(s_.durationNs) + ")",
         quote(apps::units::formatDuration(fault.atNs)));
  if (f["for"]) {
    fault.forNs = duration(f["for"], child(p, "for"), 1);
    if (fault.kind == FaultKind::LinkUp || fault.kind == FaultKind::Heal || fault.kind == FaultKind::Reboot)
      fail(f["for"], child(p, "for"), "for only with linkDown, partition, crash, setLoss or setDelay",
           "for with " + actions[0]);
    if (fault.everyNs > 0 && fault.forNs >= fault.everyNs)
      fail(f["for"], child(p, "for"), "a time shorter than every (" + apps::units::formatDuration(fault.everyNs) + ")",
           quote(apps::units::formatDuration(fault.forNs)));
  }
  std::string target;
  switch (fault.kind) {
  case FaultKind::LinkDown:
  case FaultKind::LinkUp:
    fault.links = linksBetween(a, ap);
    target = a[0].Scalar() + "-" + a[1].Scalar();
    break;
  case FaultKind::SetLoss:
  case FaultKind::SetDelay: {
    if (!a.IsMap())
      fail(a, ap, actions[0] == "setLoss" ? "{link: [a, b], loss: P}" : "{link: [a, b], delay: TIME}", found(a));
    const char* valueKey = fault.kind == FaultKind::SetLoss ? "loss" : "delay";
    checkKeys(a, ap, {"link", valueKey});
    if (!a["link"])
      fail(a, child(ap, "link"), "the link's two ends [a, b] (required)", "nothing");
    if (!a[valueKey])
      fail(a, child(ap, valueKey), std::string("the new ") + valueKey + " (required)", "nothing");
    fault.links = linksBetween(a["link"], child(ap, "link"));
    if (fault.kind == FaultKind::SetLoss)
      fault.loss = probability(a["loss"], child(ap, "loss"));
    else
      fault.delayNs = duration(a["delay"], child(ap, "delay"));
    target = a["link"][0].Scalar() + "-" + a["link"][1].Scalar();
    break;
  }
  case FaultKind::Partition:
  case FaultKind::Crash:
  case FaultKind::Reboot:
    fault.nodes = membersOfList(a, ap);
    target = a.IsScalar() ? a.Scalar() : join(names(a, ap));
    break;
  case FaultKind::Heal:
    if (!a.IsScalar() || (a.Scalar() != "true" && a.Scalar() != "all"))
      fail(a, ap, "true (heal every partition)", found(a));
    break;
  }
  fault.text = actions[0] + (target.empty() ? "" : " " + target);
  s_.faults.push_back(std::move(fault));
}

} // namespace sim::scenario
