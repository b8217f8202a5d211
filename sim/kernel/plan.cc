// Addresses and next hops as sim::World and sim::RouteTable give them.
#include "sim/kernel/plan.h"

#include <arpa/inet.h>

#include <deque>
#include <map>
#include <stdexcept>

namespace sim::kernel {

namespace {

struct Hop {
  std::size_t neighbor, interface;
  std::uint32_t gateway;
};

// The first hops of every router toward `destination`: one search over routers from it
// (sim/routing.cc, RouteTable::next). -1: unreachable.
std::vector<std::int64_t> towards(const std::vector<std::vector<Hop>>& hops, const std::vector<bool>& router,
                                  std::size_t destination) {
  std::vector<std::int64_t> via(hops.size(), -1);
  std::vector<bool> seen(hops.size(), false);
  seen[destination] = true;
  std::deque<std::size_t> queue{destination};
  while (!queue.empty()) {
    std::size_t at = queue.front();
    queue.pop_front();
    for (const Hop& h : hops[at]) {
      if (!router[h.neighbor] || seen[h.neighbor])
        continue;
      seen[h.neighbor] = true;
      const auto& back = hops[h.neighbor];
      for (std::size_t i = 0; i < back.size(); ++i)
        if (back[i].neighbor == at) {
          via[h.neighbor] = static_cast<std::int64_t>(i);
          break;
        }
      queue.push_back(h.neighbor);
    }
  }
  return via;
}

} // namespace

void ip6Bytes(std::uint32_t address, unsigned char (&bytes)[16]) {
  for (auto& b : bytes)
    b = 0;
  bytes[0] = 0xfd;
  for (int i = 0; i < 4; ++i)
    bytes[12 + i] = static_cast<unsigned char>(address >> (24 - 8 * i));
}

std::string ip6Text(std::uint32_t address) {
  unsigned char b[16];
  ip6Bytes(address, b);
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, b, text, sizeof text);
  return text;
}

Plan makePlan(const Topology& t) {
  Plan p;
  const std::size_t n = t.nodes.size();
  p.ofNode.resize(n);
  p.address.assign(n, 0);
  p.routes.resize(n);
  std::vector<std::vector<Hop>> hops(n);
  auto add = [&](std::size_t node, std::uint32_t address, int prefix) {
    Plan::Interface i{node, p.ofNode[node].size(), address, prefix, -1, -1, 0, (0x0200ull << 32) | address};
    p.ofNode[node].push_back(p.interfaces.size());
    p.interfaces.push_back(i);
    if (!p.address[node])
      p.address[node] = address;
    return p.interfaces.size() - 1;
  };
  for (std::size_t k = 0; k < t.links.size(); ++k) {
    const auto& l = t.links[k];
    if (k >= (1u << 22))
      throw std::invalid_argument("kernel: address space for links exhausted");
    std::uint32_t base = (10u << 24) + 4u * static_cast<std::uint32_t>(k);
    std::size_t ia = add(l.a, base + 1, 30), ib = add(l.b, base + 2, 30);
    p.interfaces[ia].link = p.interfaces[ib].link = static_cast<std::int64_t>(k);
    hops[l.a].push_back({l.b, ia, base + 2});
    hops[l.b].push_back({l.a, ib, base + 1});
  }
  std::uint32_t blocksUsed = 0;
  for (std::size_t s = 0; s < t.segments.size(); ++s) {
    const auto& members = t.segments[s].members;
    std::uint32_t bits = 8;
    while ((1u << bits) < members.size() + 2)
      ++bits;
    std::uint32_t blocks = 1u << (bits - 8);
    blocksUsed = (blocksUsed + blocks - 1) / blocks * blocks;
    if (blocksUsed + blocks > (1u << 12))
      throw std::invalid_argument("kernel: address space for segments exhausted");
    std::uint32_t base = (172u << 24) + (16u << 16) + (blocksUsed << 8);
    blocksUsed += blocks;
    std::vector<std::size_t> ifs;
    for (std::size_t m = 0; m < members.size(); ++m) {
      std::size_t i = add(members[m], base + 1 + static_cast<std::uint32_t>(m), static_cast<int>(32 - bits));
      p.interfaces[i].segment = static_cast<std::int64_t>(s);
      p.interfaces[i].member = m;
      ifs.push_back(i);
    }
    for (std::size_t a = 0; a < members.size(); ++a)
      for (std::size_t b = 0; b < members.size(); ++b)
        if (a != b)
          hops[members[a]].push_back({members[b], ifs[a], p.interfaces[ifs[b]].address});
    p.ofSegment.push_back(std::move(ifs));
  }
  // Routes: a node with one hop sends everything through it; a router gets a route to every
  // address outside its own subnets, through the hop its search gives.
  std::vector<bool> router(n);
  for (std::size_t i = 0; i < n; ++i)
    router[i] = hops[i].size() >= 2;
  std::map<std::size_t, std::vector<std::int64_t>> searches;
  auto onSubnet = [&](std::size_t node, std::uint32_t address) {
    for (std::size_t i : p.ofNode[node]) {
      std::uint32_t mask = ~0u << (32 - p.interfaces[i].prefix);
      if ((p.interfaces[i].address & mask) == (address & mask))
        return true;
    }
    return false;
  };
  for (std::size_t node = 0; node < n; ++node) {
    if (hops[node].size() == 1) {
      p.routes[node].push_back({0, 0, hops[node][0].gateway, hops[node][0].interface});
      continue;
    }
    if (!router[node])
      continue;
    for (std::size_t dest = 0; dest < n; ++dest) {
      if (dest == node || p.ofNode[dest].empty())
        continue;
      const Hop* hop = nullptr;
      for (const Hop& h : hops[node])
        if (h.neighbor == dest) {
          hop = &h;
          break;
        }
      std::size_t target = dest;
      if (!hop && hops[dest].size() == 1) { // a leaf: reached through its one neighbour
        target = hops[dest][0].neighbor;
        for (const Hop& h : hops[node])
          if (h.neighbor == target) {
            hop = &h;
            break;
          }
        if (target == node)
          continue;
      }
      if (!hop && router[target]) {
        auto it = searches.find(target);
        if (it == searches.end())
          it = searches.emplace(target, towards(hops, router, target)).first;
        if (it->second[node] >= 0)
          hop = &hops[node][static_cast<std::size_t>(it->second[node])];
      }
      if (!hop)
        continue;
      for (std::size_t i : p.ofNode[dest])
        if (!onSubnet(node, p.interfaces[i].address))
          p.routes[node].push_back({p.interfaces[i].address, 32, hop->gateway, hop->interface});
    }
  }
  return p;
}

} // namespace sim::kernel
