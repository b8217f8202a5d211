// The kernel world's addressing and routes, computed from the links and segments alone (no
// kernel, no ns-3): the same addresses sim::World gives (sim/world.cc: each link a /30 of
// 10.0.0.0/8 in link order, then each segment a block of 172.16.0.0/12 sized for its
// members) and the same next hops its route table picks (sim/routing.cc: a node with one
// neighbour sends everything there, routers by a breadth-first search over routers from
// the destination, ties to the earlier link).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sim::kernel {

// A link direction's delay, jitter and loss, as sim::LinkSpec has them: the delay line's
// (delay_line.h).
struct Shape {
  std::int64_t delayNs = 0;
  std::int64_t jitterNs = 0; // uniform in [0, jitter], order kept
  double loss = 0;
  double burst = 1; // the mean length of a loss burst (1: independent losses)
  bool any() const { return delayNs > 0 || jitterNs > 0 || loss > 0; }
};

struct Topology {
  struct Link {
    std::size_t a, b;           // node indices
    std::uint64_t bandwidth;    // bit/s
    std::uint32_t queuePackets; // the transmit queue, in full frames
  };
  struct Segment {
    std::vector<std::size_t> members;
    std::uint64_t bandwidth;
    std::uint32_t queuePackets;
    // What each member receives: delayed, and lost with the shape's loss (its own draws).
    Shape shape = {};
    // Pairs of members (indices in `members`) that do not hear each other.
    std::vector<std::pair<std::size_t, std::size_t>> unreachable = {};
  };
  std::vector<std::string> nodes;
  std::vector<Link> links;
  std::vector<Segment> segments;
  // Per link (none beyond its size): its delay, jitter and loss, both ways.
  std::vector<Shape> shapes;
  std::uint64_t seed = 1; // the delay line's draws
  // Every interface also carries IPv6, as sim::World::enableIpv6 gives it: fd00::/96 with
  // its IPv4 address in the low 32 bits ("fd00::a00:1" beside 10.0.0.1), routed as IPv4 is.
  bool ipv6 = false;
};

struct Plan {
  // One end of a link, or one member's attachment to a segment.
  struct Interface {
    std::size_t node;
    std::size_t slot;       // its index among the node's interfaces (i0, i1, ...)
    std::uint32_t address;  // host order
    int prefix;             // 30 on a link
    std::int64_t link = -1; // index into Topology::links, or -1
    std::int64_t segment = -1;
    std::size_t member = 0; // its index among the segment's members
    std::uint64_t mac;      // 02:00 and the address: unique in the world
  };
  struct Route {
    std::uint32_t destination; // host order; 0 with prefix 0: the default route
    int prefix;
    std::uint32_t gateway;
    std::size_t interface; // index into interfaces
  };
  std::vector<Interface> interfaces;               // in the order sim::World makes them
  std::vector<std::vector<std::size_t>> ofNode;    // per node: its interfaces, in order
  std::vector<std::uint32_t> address;              // per node: its first address (0: none)
  std::vector<std::vector<Route>> routes;          // per node: beyond its own subnets
  std::vector<std::vector<std::size_t>> ofSegment; // per segment: its members' interfaces
};

// "fd00::a00:1" of 10.0.0.1 (host order): an interface's IPv6 address in an IPv6 world, as
// sim::mappedIpv6 (sim/routing6.h) makes it and inet_ntop writes it.
std::string ip6Text(std::uint32_t address);
// Its 16 bytes, in network order.
void ip6Bytes(std::uint32_t address, unsigned char (&bytes)[16]);

// Throws std::invalid_argument when the addresses run out (as sim::World does).
Plan makePlan(const Topology& t);

} // namespace sim::kernel
