// A fault as a scenario states it: what, when (once, or every period until a time), for how
// long, and what it hits. Plain data: the scenario loader fills it without ns-3; the fault
// timeline (sim/fault_timeline.h) plays it on a World.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sim {

enum class FaultKind { LinkDown, LinkUp, Partition, Heal, SetLoss, SetDelay, Crash, Reboot };

struct FaultSpec {
  FaultKind kind = FaultKind::LinkDown;
  std::int64_t atNs = 0;
  std::int64_t everyNs = 0; // > 0: repeated from atNs while <= untilNs
  std::int64_t untilNs = 0;
  std::int64_t forNs = 0;                                 // > 0: undone that long after each occurrence
  std::vector<std::string> nodes;                         // crash, reboot: the nodes; partition: one side
  std::vector<std::pair<std::string, std::string>> links; // linkDown/Up, setLoss/Delay: the links
  double loss = 0;
  std::int64_t delayNs = 0;
};

// What every world's fault player shares (sim/fault_timeline.h, sim/kernel/fault_player.h).

// The nodes a link fault names: both ends of each link, in order.
inline std::vector<std::string> linkEnds(const FaultSpec& f) {
  std::vector<std::string> e;
  for (const auto& [a, b] : f.links) {
    e.push_back(a);
    e.push_back(b);
  }
  return e;
}

// How the end of a fault's `for` is named in the trace and the expectations; null for the kinds
// that take no `for` (linkUp, heal, reboot).
inline const char* undoneName(FaultKind k) {
  switch (k) {
  case FaultKind::LinkDown: return "linkUp";
  case FaultKind::Partition: return "heal";
  case FaultKind::SetLoss: return "setLoss";
  case FaultKind::SetDelay: return "setDelay";
  case FaultKind::Crash: return "reboot";
  default: return nullptr;
  }
}

// Schedules, through at(ns, fn), every occurrence of `f` up to `endNs` (apply() returns the ids
// the world gave it) and the end of each occurrence's `for` (undo(ids) gives them back). Returns
// the time of the last thing scheduled.
template <class Ids, class At, class Apply, class Undo>
std::int64_t scheduleOccurrences(const FaultSpec& f, std::int64_t endNs, At&& at, Apply apply, Undo undo) {
  std::int64_t last = f.atNs;
  for (std::int64_t t = f.atNs; t <= endNs && (f.everyNs == 0 || t <= f.untilNs); t += f.everyNs) {
    auto ids = std::make_shared<Ids>();
    at(t, [apply, ids] { *ids = apply(); });
    last = std::max(last, t);
    if (f.forNs > 0 && t + f.forNs <= endNs) {
      at(t + f.forNs, [undo, ids] { undo(*ids); });
      last = std::max(last, t + f.forNs);
    }
    if (f.everyNs == 0)
      break;
  }
  return last;
}

} // namespace sim
