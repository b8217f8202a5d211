// A fault as a scenario states it: what, when (once, or every period until a time), for how
// long, and what it hits. Plain data: the scenario loader fills it without ns-3; the fault
// timeline (sim/fault_timeline.h) plays it on a World.
#pragma once

#include <cstdint>
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

} // namespace sim
