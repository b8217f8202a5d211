// FaultTimeline: the switch from a scenario's fault kinds to the World's fault calls.
#include "sim/fault_timeline.h"

#include <memory>
#include <stdexcept>

#include "sim/world.h"

namespace sim {

Node& FaultTimeline::node(const std::string& name) {
  Node* n = world_.find(name);
  if (!n)
    throw std::invalid_argument("sim::FaultTimeline: no node '" + name + "'");
  return *n;
}

std::int64_t FaultTimeline::schedule(const FaultSpec& f, std::int64_t endNs) {
  return scheduleOccurrences<Ids>(
      f, endNs, [this](std::int64_t t, std::function<void()> fn) { world_.at(Time(t), std::move(fn)); },
      [this, &f] { return apply(f); }, [this, &f](const Ids& ids) { undo(f, ids); });
}

FaultTimeline::Ids FaultTimeline::apply(const FaultSpec& f) {
  Ids ids;
  switch (f.kind) {
  case FaultKind::LinkDown:
    for (const auto& [a, b] : f.links)
      ids.push_back(world_.linkDown(node(a), node(b)));
    hooks_.happened("linkDown", linkEnds(f));
    break;
  case FaultKind::LinkUp:
    for (const auto& [a, b] : f.links)
      world_.linkUp(node(a), node(b));
    hooks_.happened("linkUp", linkEnds(f));
    break;
  case FaultKind::SetLoss:
    for (const auto& [a, b] : f.links)
      ids.push_back(world_.setLoss(node(a), node(b), f.loss));
    hooks_.happened("setLoss", linkEnds(f));
    break;
  case FaultKind::SetDelay:
    for (const auto& [a, b] : f.links)
      ids.push_back(world_.setDelay(node(a), node(b), Duration(f.delayNs)));
    hooks_.happened("setDelay", linkEnds(f));
    break;
  case FaultKind::Partition: {
    std::vector<Node*> side;
    for (const auto& n : f.nodes)
      side.push_back(&node(n));
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
      Node& n = node(name);
      ids.push_back(world_.crash(n));
      hooks_.crashed(n);
    }
    hooks_.happened("crash", f.nodes);
    break;
  case FaultKind::Reboot:
    for (const auto& name : f.nodes) {
      Node& n = node(name);
      if (!world_.crashed(n))
        continue; // rebooting a running node changes nothing
      world_.reboot(n);
      hooks_.rebooted(n);
    }
    hooks_.happened("reboot", f.nodes);
    break;
  }
  return ids;
}

// Only linkDown, partition, setLoss, setDelay and crash take a `for` (the loader refuses it on
// the others).
void FaultTimeline::undo(const FaultSpec& f, const Ids& ids) {
  switch (f.kind) {
  case FaultKind::LinkDown:
  case FaultKind::SetLoss:
  case FaultKind::SetDelay:
  case FaultKind::Partition:
    for (FaultId id : ids)
      world_.undo(id);
    hooks_.happened(undoneName(f.kind), f.kind == FaultKind::Partition ? std::vector<std::string>{} : linkEnds(f));
    break;
  case FaultKind::Crash:
    for (std::size_t i = 0; i < ids.size(); ++i) {
      Node& n = node(f.nodes[i]);
      bool wasCrashed = world_.crashed(n);
      world_.undo(ids[i]);
      if (wasCrashed && !world_.crashed(n)) // its last crash: it rebooted
        hooks_.rebooted(n);
    }
    hooks_.happened(undoneName(f.kind), f.nodes);
    break;
  case FaultKind::LinkUp:
  case FaultKind::Heal:
  case FaultKind::Reboot: throw std::logic_error("sim::FaultTimeline: no `for` on this fault");
  }
}

} // namespace sim
