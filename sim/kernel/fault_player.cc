// Fault kinds to kernel World calls.
#include "sim/kernel/fault_player.h"

#include <memory>

#include "sim/kernel/world.h"

namespace netbed::kernel {

using sim::FaultKind;

std::vector<std::string> FaultPlayer::ends(const sim::FaultSpec& f) const {
  std::vector<std::string> e;
  for (const auto& link : f.links) {
    e.push_back(link.first);
    e.push_back(link.second);
  }
  return e;
}

std::int64_t FaultPlayer::schedule(const sim::FaultSpec& f, std::int64_t endNs) {
  std::int64_t last = f.atNs;
  for (std::int64_t t = f.atNs; t <= endNs && (f.everyNs == 0 || t <= f.untilNs); t += f.everyNs) {
    auto ids = std::make_shared<Ids>();
    hooks_.at(t, [this, &f, ids] { *ids = apply(f); });
    last = std::max(last, t);
    if (f.forNs > 0 && t + f.forNs <= endNs) {
      hooks_.at(t + f.forNs, [this, &f, ids] { undo(f, *ids); });
      last = std::max(last, t + f.forNs);
    }
    if (f.everyNs == 0)
      break;
  }
  return last;
}

FaultPlayer::Ids FaultPlayer::apply(const sim::FaultSpec& f) {
  Ids ids;
  auto node = hooks_.node;
  switch (f.kind) {
  case FaultKind::LinkDown:
  case FaultKind::LinkUp:
    for (const auto& [a, b] : f.links) {
      if (f.kind == FaultKind::LinkDown)
        ids.push_back(world_.linkDown(node(a), node(b)));
      else
        world_.linkUp(node(a), node(b));
    }
    hooks_.happened(f.kind == FaultKind::LinkDown ? "linkDown" : "linkUp", ends(f));
    break;
  case FaultKind::SetLoss:
  case FaultKind::SetDelay:
    for (const auto& [a, b] : f.links)
      ids.push_back(f.kind == FaultKind::SetLoss ? world_.setLoss(node(a), node(b), f.loss)
                                                 : world_.setDelay(node(a), node(b), f.delayNs));
    hooks_.happened(f.kind == FaultKind::SetLoss ? "setLoss" : "setDelay", ends(f));
    break;
  case FaultKind::Partition: {
    std::vector<std::size_t> side;
    for (const auto& n : f.nodes)
      side.push_back(node(n));
    ids.push_back(world_.partition(side));
    hooks_.happened("partition", f.nodes);
    break;
  }
  case FaultKind::Heal:
    world_.heal();
    hooks_.happened("heal", {});
    break;
  case FaultKind::Crash:
    for (const auto& name : f.nodes) {
      std::size_t n = node(name);
      ids.push_back(world_.crash(n));
      hooks_.crashed(n);
    }
    hooks_.happened("crash", f.nodes);
    break;
  case FaultKind::Reboot:
    for (const auto& name : f.nodes)
      world_.reboot(node(name)); // a running node: nothing (World::onReboot hears the others)
    hooks_.happened("reboot", f.nodes);
    break;
  }
  return ids;
}

// Only linkDown, partition, setLoss, setDelay and crash take a `for` (the loader refuses it on
// the others).
void FaultPlayer::undo(const sim::FaultSpec& f, const Ids& ids) {
  for (std::uint64_t id : ids)
    world_.undo(id);
  switch (f.kind) {
  case FaultKind::LinkDown: hooks_.happened("linkUp", ends(f)); break;
  case FaultKind::Partition: hooks_.happened("heal", {}); break;
  case FaultKind::SetLoss: hooks_.happened("setLoss", ends(f)); break;
  case FaultKind::SetDelay: hooks_.happened("setDelay", ends(f)); break;
  case FaultKind::Crash: hooks_.happened("reboot", f.nodes); break;
  default: break;
  }
}

} // namespace netbed::kernel
