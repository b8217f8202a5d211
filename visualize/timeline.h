// The run's net events counted per node group and per fixed-width time bin, so a trace of millions
// of lines becomes a few thousand numbers to draw.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "visualize/trace_reader.h"

namespace visualize {

// The smallest width 1, 2 or 5 x 10^k ns for which [0, end] fits in maxBins bins.
std::int64_t niceBinWidth(std::int64_t end, std::size_t maxBins);

struct Timeline {
  std::int64_t binNs = 1;
  std::size_t bins = 1;
  std::vector<std::string> groups;     // with events, busiest first; the last is "other groups" when merged > 0
  std::vector<std::size_t> groupNodes; // nodes per shown group
  std::size_t merged = 0;              // groups counted under "other groups"
  std::vector<std::vector<std::uint32_t>> counts;   // [group * kNetEvents + ev][bin]
  std::vector<std::string> nicCauses;               // order of first appearance
  std::vector<std::vector<std::uint32_t>> nicDrops; // [cause][bin]

  std::uint32_t at(std::size_t group, Ev ev, std::size_t bin) const {
    return counts[group * kNetEvents + static_cast<std::size_t>(ev)][bin];
  }
};

// groupOf: the group index of each Trace::nodes entry; groupNames: those groups' names.
Timeline binTrace(const Trace& trace, const std::vector<std::int32_t>& groupOf,
                  const std::vector<std::string>& groupNames, std::int64_t end, std::size_t maxBins,
                  std::size_t maxGroups);

} // namespace visualize
