#include "visualize/timeline.h"

#include <algorithm>

namespace visualize {

std::int64_t niceBinWidth(std::int64_t end, std::size_t maxBins) {
  if (maxBins == 0)
    maxBins = 1;
  auto fits = [&](std::int64_t w) { return static_cast<std::uint64_t>(end / w) + 1 <= maxBins; };
  for (std::int64_t scale = 1;; scale *= 10)
    for (std::int64_t m : {1, 2, 5})
      if (fits(m * scale))
        return m * scale;
}

Timeline binTrace(const Trace& trace, const std::vector<std::int32_t>& groupOf,
                  const std::vector<std::string>& groupNames, std::int64_t end, std::size_t maxBins,
                  std::size_t maxGroups) {
  Timeline tl;
  end = std::max<std::int64_t>(end, trace.lastT);
  tl.binNs = niceBinWidth(end, maxBins);
  tl.bins = static_cast<std::size_t>(end / tl.binNs) + 1;

  // Busiest groups first (ties by name) so the cap keeps the ones that say the most.
  std::vector<std::uint64_t> total(groupNames.size(), 0);
  std::vector<std::size_t> nodes(groupNames.size(), 0);
  for (std::int32_t g : groupOf)
    ++nodes[static_cast<std::size_t>(g)];
  for (const TraceEvent& e : trace.events)
    if (e.node >= 0 && static_cast<std::size_t>(e.ev) < kNetEvents)
      ++total[static_cast<std::size_t>(groupOf[static_cast<std::size_t>(e.node)])];
  // Groups without a net event (a router only in topology.json) have nothing to draw.
  std::vector<std::size_t> order;
  for (std::size_t g = 0; g < groupNames.size(); ++g)
    if (total[g] > 0)
      order.push_back(g);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return total[a] != total[b] ? total[a] > total[b] : groupNames[a] < groupNames[b];
  });
  maxGroups = std::max<std::size_t>(maxGroups, 2);
  std::size_t shown = order.size() <= maxGroups ? order.size() : maxGroups - 1;
  std::vector<std::size_t> row(groupNames.size(), shown);
  for (std::size_t i = 0; i < shown; ++i) {
    row[order[i]] = i;
    tl.groups.push_back(groupNames[order[i]]);
    tl.groupNodes.push_back(nodes[order[i]]);
  }
  if (shown < order.size()) {
    tl.merged = order.size() - shown;
    tl.groups.push_back("other groups (" + std::to_string(tl.merged) + ")");
    std::size_t rest = 0;
    for (std::size_t i = shown; i < order.size(); ++i)
      rest += nodes[order[i]];
    tl.groupNodes.push_back(rest);
  }
  tl.counts.assign(tl.groups.size() * kNetEvents, std::vector<std::uint32_t>(tl.bins, 0));
  for (const TraceEvent& e : trace.events) {
    auto bin = std::min(static_cast<std::size_t>(e.t / tl.binNs), tl.bins - 1);
    if (e.ev == Ev::nic) {
      const std::string& cause = trace.str(e.code);
      auto it = std::find(tl.nicCauses.begin(), tl.nicCauses.end(), cause);
      if (it == tl.nicCauses.end()) {
        tl.nicCauses.push_back(cause);
        tl.nicDrops.emplace_back(tl.bins, 0);
        it = tl.nicCauses.end() - 1;
      }
      ++tl.nicDrops[static_cast<std::size_t>(it - tl.nicCauses.begin())][bin];
    } else if (e.node >= 0) {
      std::size_t g = row[static_cast<std::size_t>(groupOf[static_cast<std::size_t>(e.node)])];
      ++tl.counts[g * kNetEvents + static_cast<std::size_t>(e.ev)][bin];
    }
  }
  return tl;
}

} // namespace visualize
