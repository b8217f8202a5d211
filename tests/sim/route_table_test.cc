// sim::RouteTable: next hops by breadth-first search over the routers, leaves routed through
// their only neighbour. The graphs are drawn in each test; node ids are small integers.
#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

#include "sim/routing.h"

namespace {

// A graph of links (a, b), made in order; each end's interface is its number of links so far,
// plus one (after the loopback), and the gateway is the other end's id (enough to tell hops
// apart).
void addLinks(sim::RouteTable& t, std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> links) {
  std::uint32_t ifs[16] = {};
  for (auto [a, b] : links) {
    t.addHop(a, ++ifs[a], b, b);
    t.addHop(b, ++ifs[b], a, a);
  }
}

std::int64_t via(sim::RouteTable& t, std::uint32_t from, std::uint32_t to) {
  const sim::RouteTable::Hop* h = t.next(from, to);
  return h ? static_cast<std::int64_t>(h->neighbor) : -1;
}

// Routers 0-1-2-3 in a chain with a shortcut 0-3; leaves 4 (on 0), 5 and 6 (on 2).
TEST(RouteTable, ShortestPathsOverRoutersAndLeavesThroughTheirNeighbour) {
  sim::RouteTable t;
  addLinks(t, {{0, 1}, {1, 2}, {2, 3}, {0, 3}, {0, 4}, {2, 5}, {2, 6}});
  EXPECT_EQ(via(t, 0, 1), 1);  // direct
  EXPECT_EQ(via(t, 0, 2), 1);  // 0-1-2 and 0-3-2 tie: the search from 2 takes 2's first link (to 1) first
  EXPECT_EQ(via(t, 1, 3), 2);  // 1-0-3 and 1-2-3 tie: 3's first link is to 2
  EXPECT_EQ(via(t, 3, 5), 2);  // to a leaf: toward its neighbour 2
  EXPECT_EQ(via(t, 4, 6), 0);  // from a leaf: its only link
  EXPECT_EQ(via(t, 1, 4), 0);  // 4 hangs on 0
  EXPECT_EQ(via(t, 5, 5), -1); // itself
}

TEST(RouteTable, UnreachableAndIsolatedNodesHaveNoRoute) {
  sim::RouteTable t;
  addLinks(t, {{0, 1}, {1, 2}, {3, 4}, {4, 5}}); // two separate chains
  EXPECT_EQ(via(t, 1, 4), -1);
  EXPECT_EQ(via(t, 0, 5), 1);  // a leaf sends everything through its one link, even there
  EXPECT_EQ(via(t, 1, 9), -1); // no such node
}

// Adding a link makes a leaf a router and changes routes: nothing computed before is kept.
TEST(RouteTable, ALinkAddedLaterChangesTheRoutes) {
  sim::RouteTable t;
  addLinks(t, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}}); // routers 1..4 in a chain, leaves 0 and 5
  EXPECT_EQ(via(t, 1, 4), 2);
  t.addHop(1, 3, 4, 4); // a shortcut 1-4 (1's third interface, 4's third)
  t.addHop(4, 3, 1, 1);
  EXPECT_EQ(via(t, 1, 4), 4);
  EXPECT_EQ(via(t, 2, 5), 3); // toward 5's neighbour 4: 2-3-4 and 2-1-4 tie, 4's first link is to 3
}

} // namespace
