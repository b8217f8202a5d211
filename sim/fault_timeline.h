// A scenario's faults played on a World: every occurrence at its time, each undone after its
// `for`, by the ids the world gave it (so that overlapping faults give back only what each
// took, sim::World::undo).
//   sim::FaultTimeline faults(world, hooks);
//   std::int64_t last = faults.schedule(spec, durationNs);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/fault_spec.h"

namespace sim {

class Node;
class World;

class FaultTimeline {
public:
  struct Hooks {
    // Every occurrence and every undo, named as a scenario names them ("linkDown", "heal",
    // "reboot" for the end of a crash) with the nodes it hit (a link's two ends).
    std::function<void(const char* kind, const std::vector<std::string>& nodes)> happened;
    std::function<void(Node&)> crashed;  // a node went down (also one already down)
    std::function<void(Node&)> rebooted; // a node came back up: its applications start again
  };

  FaultTimeline(World& world, Hooks hooks) : world_(world), hooks_(std::move(hooks)) {}

  // Schedules every occurrence of `f` up to `endNs`; returns the time of the last thing it
  // schedules. `f` must outlive the run. Nodes are found by name (World::find).
  std::int64_t schedule(const FaultSpec& f, std::int64_t endNs);

private:
  using Ids = std::vector<std::uint64_t>;
  Ids apply(const FaultSpec& f);
  void undo(const FaultSpec& f, const Ids& ids);
  Node& node(const std::string& name);

  World& world_;
  Hooks hooks_;
};

} // namespace sim
