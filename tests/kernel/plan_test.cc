// The kernel world's plan gives every node the address sim::World gives it, and routes as
// sim::RouteTable picks them (leaves by default route, routers by a search over routers).
#include <gtest/gtest.h>

#include "sim/kernel/netlink.h"
#include "sim/kernel/plan.h"
#include "sim/world.h"

namespace {

using sim::kernel::Topology;

// Routers r0-r1-r2 in a ring, leaves l1 (on r1) and l2 (on r2), a segment of r2, s1, s2.
Topology ring() {
  Topology t;
  t.nodes = {"r0", "r1", "r2", "l1", "l2", "s1", "s2"};
  t.links = {{0, 1, 1'000'000, 10},
             {1, 2, 1'000'000, 10},
             {2, 0, 1'000'000, 10},
             {1, 3, 1'000'000, 10},
             {2, 4, 1'000'000, 10}};
  t.segments = {{{2, 5, 6}, 1'000'000, 10}};
  return t;
}

TEST(KernelPlan, AddressesAreTheSimulatedWorlds) {
  Topology t = ring();
  sim::kernel::Plan p = sim::kernel::makePlan(t);
  sim::World w;
  for (const auto& n : t.nodes)
    w.node(n);
  for (const auto& l : t.links)
    w.link(*w.find(t.nodes[l.a]), *w.find(t.nodes[l.b]));
  for (const auto& s : t.segments) {
    std::vector<sim::Node*> members;
    for (std::size_t m : s.members)
      members.push_back(w.find(t.nodes[m]));
    w.segment(members);
  }
  for (std::size_t i = 0; i < t.nodes.size(); ++i)
    EXPECT_EQ(sim::kernel::ipText(p.address[i]), w.addressOf(t.nodes[i])) << t.nodes[i];
  EXPECT_EQ(p.interfaces.size(), 2 * t.links.size() + 3);
  EXPECT_EQ(p.interfaces.back().prefix, 24); // 3 members and the network and broadcast addresses
}

TEST(KernelPlan, LeavesGetADefaultRouteRoutersOneHostRoutePerFarAddress) {
  sim::kernel::Plan p = sim::kernel::makePlan(ring());
  ASSERT_EQ(p.routes[3].size(), 1u); // l1: everything through r1
  EXPECT_EQ(p.routes[3][0].prefix, 0);
  EXPECT_EQ(sim::kernel::ipText(p.routes[3][0].gateway), "10.0.0.13"); // r1's end of link 3
  // r0 reaches l2 (on r2) through r2 directly (link 2, r2's end 10.0.0.9), not via r1.
  bool found = false;
  for (const auto& r : p.routes[0])
    if (sim::kernel::ipText(r.destination) == "10.0.0.18") { // l2's address
      found = true;
      EXPECT_EQ(sim::kernel::ipText(r.gateway), "10.0.0.9");
    }
  EXPECT_TRUE(found);
  // s1 has one hop per other member of its segment: a router by the table's rule (two hops),
  // reaching l1 through r2.
  for (const auto& r : p.routes[5]) {
    if (sim::kernel::ipText(r.destination) == "10.0.0.14") { // l1
      EXPECT_EQ(sim::kernel::ipText(r.gateway), "172.16.0.1");
    }
  }
}

} // namespace
