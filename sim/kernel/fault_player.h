// A scenario's faults (sim/fault_spec.h) played on a kernel World in real time, as
// sim::FaultTimeline plays them on a simulated one: every occurrence at its time, each
// undone after its `for` by the ids the world gave it. Loss and delay changes go to the
// world's delay line (delay_line.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/fault_spec.h"

namespace sim::kernel {

class World;

class FaultPlayer {
public:
  struct Hooks {
    // Runs fn at `ns` from the start of the run.
    std::function<void(std::int64_t ns, std::function<void()> fn)> at;
    // A node index by name; throws for an unknown one.
    std::function<std::size_t(const std::string&)> node;
    // As sim::FaultTimeline::Hooks::happened.
    std::function<void(const char* kind, const std::vector<std::string>& nodes)> happened;
    // A node went down: its applications must vanish now, without a word.
    std::function<void(std::size_t node)> crashed;
  };

  FaultPlayer(World& world, Hooks hooks) : world_(world), hooks_(std::move(hooks)) {}
  // Schedules every occurrence of `f` up to `endNs`; the time of the last thing scheduled.
  // `f` must outlive the run.
  std::int64_t schedule(const sim::FaultSpec& f, std::int64_t endNs);

private:
  using Ids = std::vector<std::uint64_t>;
  Ids apply(const sim::FaultSpec& f);
  void undo(const sim::FaultSpec& f, const Ids& ids);

  World& world_;
  Hooks hooks_;
};

} // namespace sim::kernel
