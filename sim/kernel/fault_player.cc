// Fault kinds to kernel World calls.
#include "sim/kernel/fault_player.h"

#include <memory>

#include "sim/kernel/kernel_world.h"

namespace sim::kernel {

using sim::FaultKind;

std::int64_t FaultPlayer::schedule(const sim::FaultSpec& f, std::int64_t endNs) {
  return sim::scheduleOccurrences<Ids>(
      f, endNs, [this](std::int64_t t, std::function<void()> fn) { hooks_.at(t, std::move(fn)); },
      [this, &f] { return apply(f); }, [this, &f](const Ids& ids) { undo(f, ids); });
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
    hooks_.happened(f.kind == FaultKind::LinkDown ? "linkDown" : "linkUp", sim::linkEnds(f));
    break;
  case FaultKind::SetLoss:
  case FaultKind::SetDelay:
    for (const auto& [a, b] : f.links)
      ids.push_back(f.kind == FaultKind::SetLoss ? world_.setLoss(node(a), node(b), f.loss)
                                                 : world_.setDelay(node(a), node(b), f.delayNs));
    hooks_.happened(f.kind == FaultKind::SetLoss ? "setLoss" : "setDelay", sim::linkEnds(f));
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
  if (const char* name = sim::undoneName(f.kind))
    hooks_.happened(name, f.kind == FaultKind::Crash       ? f.nodes
                          : f.kind == FaultKind::Partition ? std::vector<std::string>{}
                                                           : sim::linkEnds(f));
}

} // namespace sim::kernel
