#include "visualize/topology_view.h"

#include <algorithm>
#include <numeric>

#include "visualize/groups.h"

namespace visualize {

namespace {

std::int32_t intern(std::vector<std::string>& list, const std::string& s) {
  auto it = std::find(list.begin(), list.end(), s);
  if (it != list.end())
    return static_cast<std::int32_t>(it - list.begin());
  list.push_back(s);
  return static_cast<std::int32_t>(list.size() - 1);
}

struct Edge {
  std::size_t n = 0;
  std::string kind;
  double bwMin = 0, bwMax = 0;
  std::int64_t delayMin = 0, delayMax = 0;
  double lossMax = 0;
  bool faulted = false;
};

} // namespace

std::int32_t NodeTable::add(const std::string& name, const std::string& g, const std::string& n) {
  auto it = index.find(name);
  if (it != index.end())
    return it->second;
  auto i = static_cast<std::int32_t>(names.size());
  names.push_back(name);
  group.push_back(intern(groupNames, g.empty() ? groupFromName(name) : g));
  nic.push_back(intern(nicNames, n.empty() ? "unknown" : n));
  index.emplace(name, i);
  return i;
}

nlohmann::json topologyView(const NodeTable& nodes, const Topology* topology, const std::vector<std::uint32_t>& faulted,
                            const std::vector<std::pair<std::int32_t, std::int32_t>>& observed,
                            const std::vector<std::pair<std::string, std::string>>& faultedLinks,
                            const TopologyLimits& limits, std::vector<std::string>& notes) {
  using nlohmann::json;
  const std::size_t n = nodes.names.size();
  // item of each node: itself when few, else its group (a group of one stays a node).
  std::vector<std::size_t> groupSize(nodes.groupNames.size(), 0);
  for (std::int32_t g : nodes.group)
    ++groupSize[static_cast<std::size_t>(g)];
  bool byGroup = n > limits.individual;
  std::vector<std::int64_t> itemOf(n, -1);
  struct Item {
    std::string label;
    std::int32_t group = -1;
    bool isGroup = false;
    std::vector<std::size_t> members;
  };
  std::vector<Item> items;
  std::vector<std::int64_t> itemOfGroup(nodes.groupNames.size(), -1);
  for (std::size_t i = 0; i < n; ++i) {
    auto g = static_cast<std::size_t>(nodes.group[i]);
    if (byGroup && groupSize[g] > 1) {
      if (itemOfGroup[g] < 0) {
        itemOfGroup[g] = static_cast<std::int64_t>(items.size());
        items.push_back({nodes.groupNames[g], nodes.group[i], true, {}});
      }
      itemOf[i] = itemOfGroup[g];
    } else {
      itemOf[i] = static_cast<std::int64_t>(items.size());
      items.push_back({nodes.names[i], nodes.group[i], false, {}});
    }
    items[static_cast<std::size_t>(itemOf[i])].members.push_back(i);
  }
  // Past the item cap the smallest items are merged into one.
  if (items.size() > limits.items) {
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return items[a].members.size() > items[b].members.size(); });
    std::vector<std::int64_t> remap(items.size(), -1);
    std::vector<Item> kept;
    for (std::size_t k = 0; k + 1 < limits.items; ++k) {
      remap[order[k]] = static_cast<std::int64_t>(kept.size());
      kept.push_back(std::move(items[order[k]]));
    }
    Item rest{"", -1, true, {}};
    std::size_t merged = 0;
    for (std::size_t k = limits.items - 1; k < order.size(); ++k) {
      remap[order[k]] = static_cast<std::int64_t>(kept.size());
      rest.members.insert(rest.members.end(), items[order[k]].members.begin(), items[order[k]].members.end());
      ++merged;
    }
    rest.label = "other (" + std::to_string(merged) + " groups)";
    std::sort(rest.members.begin(), rest.members.end());
    kept.push_back(std::move(rest));
    for (auto& i : itemOf)
      i = remap[static_cast<std::size_t>(i)];
    items = std::move(kept);
    notes.push_back("Topology: " + std::to_string(merged) + " small groups drawn as one item \"other\".");
  }

  json out;
  out["byGroup"] = byGroup;
  out["source"] = topology ? "topology.json" : "trace";
  json jitems = json::array();
  for (const Item& it : items) {
    json j;
    j["label"] = it.label;
    j["kind"] = it.isGroup ? "group" : "node";
    j["group"] = it.group >= 0 ? json(nodes.groupNames[static_cast<std::size_t>(it.group)]) : json(nullptr);
    j["n"] = it.members.size();
    std::map<std::string, std::size_t> nics;
    std::size_t hit = 0, hits = 0;
    json faultedNames = json::array();
    for (std::size_t m : it.members) {
      ++nics[nodes.nicNames[static_cast<std::size_t>(nodes.nic[m])]];
      if (faulted[m]) {
        ++hit;
        hits += faulted[m];
        if (faultedNames.size() < 12)
          faultedNames.push_back(nodes.names[m]);
      }
    }
    // NIC types in the order the run's node table lists them, for stable colours.
    json jn = json::array();
    for (const std::string& name : nodes.nicNames)
      if (auto f = nics.find(name); f != nics.end())
        jn.push_back({name, f->second});
    j["nics"] = jn;
    j["faulted"] = hit;
    j["faults"] = hits;
    j["faultedNames"] = faultedNames;
    json members = json::array();
    for (std::size_t k = 0; k < it.members.size() && k < 12; ++k)
      members.push_back(nodes.names[it.members[k]]);
    j["members"] = members;
    jitems.push_back(std::move(j));
  }

  std::map<std::pair<std::size_t, std::size_t>, Edge> edges;
  std::vector<std::size_t> internal(items.size(), 0);
  auto itemNamed = [&](const std::string& name) -> std::int64_t {
    auto f = nodes.index.find(name);
    return f == nodes.index.end() ? -1 : itemOf[static_cast<std::size_t>(f->second)];
  };
  auto isFaultedLink = [&](const std::string& a, const std::string& b) {
    for (const auto& [x, y] : faultedLinks)
      if ((x == a && y == b) || (x == b && y == a))
        return true;
    return false;
  };
  auto addEdge = [&](std::int64_t a, std::int64_t b, const std::string& kind, double bw, std::int64_t delay,
                     double loss, bool hitByFault) {
    if (a < 0 || b < 0)
      return;
    if (a == b) {
      ++internal[static_cast<std::size_t>(a)];
      return;
    }
    auto lo = static_cast<std::size_t>(std::min(a, b)), hi = static_cast<std::size_t>(std::max(a, b));
    Edge& e = edges[{lo, hi}];
    if (e.n == 0) {
      e.kind = kind;
      e.bwMin = e.bwMax = bw;
      e.delayMin = e.delayMax = delay;
    }
    ++e.n;
    e.bwMin = std::min(e.bwMin, bw);
    e.bwMax = std::max(e.bwMax, bw);
    e.delayMin = std::min(e.delayMin, delay);
    e.delayMax = std::max(e.delayMax, delay);
    e.lossMax = std::max(e.lossMax, loss);
    e.faulted = e.faulted || hitByFault;
  };
  if (topology) {
    for (const Topology::Link& l : topology->links)
      addEdge(itemNamed(l.a), itemNamed(l.b), l.kind, l.bandwidth, l.delayNs, l.loss, isFaultedLink(l.a, l.b));
    for (const Topology::Segment& s : topology->segments) {
      auto seg = static_cast<std::int64_t>(jitems.size());
      json j;
      j["label"] = s.name;
      j["kind"] = "segment";
      j["group"] = nullptr;
      j["n"] = s.members.size();
      j["nics"] = json::array();
      j["faulted"] = 0;
      j["faults"] = 0;
      j["faultedNames"] = json::array();
      json members = json::array();
      for (std::size_t k = 0; k < s.members.size() && k < 12; ++k)
        members.push_back(s.members[k]);
      j["members"] = members;
      jitems.push_back(std::move(j));
      internal.push_back(0);
      for (const std::string& m : s.members)
        addEdge(seg, itemNamed(m), "segment", s.bandwidth, s.delayNs, s.loss, false);
    }
  } else {
    for (const auto& [c, s] : observed)
      if (c >= 0 && s >= 0)
        addEdge(itemOf[static_cast<std::size_t>(c)], itemOf[static_cast<std::size_t>(s)], "connection", 0, 0, 0, false);
  }
  for (std::size_t i = 0; i < items.size(); ++i)
    jitems[i]["internal"] = internal[i];
  for (std::size_t i = items.size(); i < jitems.size(); ++i)
    jitems[i]["internal"] = 0;
  json jedges = json::array();
  for (const auto& [key, e] : edges)
    jedges.push_back({{"a", key.first},
                      {"b", key.second},
                      {"n", e.n},
                      {"kind", e.kind},
                      {"bw", {e.bwMin, e.bwMax}},
                      {"delayNs", {e.delayMin, e.delayMax}},
                      {"loss", e.lossMax},
                      {"faulted", e.faulted}});
  out["items"] = std::move(jitems);
  out["edges"] = std::move(jedges);
  return out;
}

} // namespace visualize
