// Two-node ns-3 topologies whose link is ns-3's PointToPointNetDevice or SystemC NICs, small
// UDP and TCP workloads, and a record of every IPv4 packet each node receives.
#pragma once

#include <ns3/error-model.h>
#include <ns3/ipv4-address.h>
#include <ns3/node.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "model/install.h"
#include "model/nic.h"

namespace nictest {

// One IPv4 packet as the receiving node's IP layer saw it.
struct Rx {
  std::uint32_t node;
  std::int64_t ns;
  std::uint32_t bytes;
  bool operator==(const Rx& o) const { return node == o.node && ns == o.ns && bytes == o.bytes; }
};

// Ends a simulation and resets ns-3's process-wide state, so that the next one starts afresh.
void freshNs3();

// One end of a link: ns-3's PointToPointNetDevice unless a NIC spec is assigned. (Not a
// std::optional<NicSpec>: g++ 12 with sanitizers warns maybe-uninitialized on its copies.)
struct End {
  bool isNic = false;
  model::NicSpec spec;
  template <class Spec> End& operator=(const Spec& s) {
    isNic = true;
    spec = s;
    return *this;
  }
  explicit operator bool() const { return isNic; }
  const model::NicSpec& operator*() const { return spec; }
};

struct Link {
  std::uint64_t rate = 10'000'000; // bit/s
  ns3::Time delay = ns3::MilliSeconds(2);
  std::uint32_t queuePackets = 100; // ns-3 device queue (reference)
  End a, b;                         // SystemC NIC at that end, or a PointToPointNetDevice
};

struct Net {
  std::vector<ns3::Ptr<ns3::Node>> nodes;
  std::vector<ns3::Ipv4Address> addresses;
  std::vector<ns3::Ptr<model::NicDevice>> nics; // when the links are NICs
  std::vector<Rx> received;                     // every node's IPv4 receptions, in order
  bool record = true;                           // fill `received` (pairs added from now on)
};

// Adds a pair of nodes joined by `link`, on a /30 of its own, recording their receptions.
void addPair(Net& net, const Link& link);

// Sends one UDP datagram of `bytes` (payload) at time `at` from node `from` to node `to`.
void udpAt(Net& net, std::size_t from, std::size_t to, ns3::Time at, std::uint32_t bytes);

// A TCP connection from node `from` to node `to` at time `at` sending `bytes`, then closing.
struct TcpResult {
  std::uint64_t sent = 0, received = 0;
  bool closed = false;
};
std::shared_ptr<TcpResult> tcpBulk(Net& net, std::size_t from, std::size_t to, ns3::Time at, std::uint64_t bytes,
                                   std::uint16_t port = 5000);

// A generic NIC with every latency at zero and room for everything but `fifoFrames` in the
// TX FIFO: times frames as PointToPointNetDevice with a queue of fifoFrames packets.
model::GenericNic zeroLatency(std::uint32_t fifoFrames = 100);

// Two nodes without an Internet stack, joined by SystemC NICs; what b's host and b's side of
// the medium see, and what both NICs drop.
struct Seen {
  std::int64_t ns;
  std::uint32_t bytes;
  bool operator==(const Seen& o) const { return ns == o.ns && bytes == o.bytes; }
};
struct Drop {
  std::int64_t ns;
  std::string cause;
  std::uint32_t bytes;
};
struct RawPair {
  ns3::Ptr<ns3::Node> a, b;
  ns3::Ptr<model::NicDevice> da, db;
  std::vector<Seen> hostRx;   // at b's host (link frame without its header)
  std::vector<Seen> mediumRx; // last bits arriving at b's NIC (bytes on the medium)
  std::vector<Drop> drops;    // both NICs
  std::vector<bool> accepted; // Send results at a, in order
};
std::shared_ptr<RawPair> rawPair(const model::NicSpec& a, const model::NicSpec& b, ns3::Time delay,
                                 std::uint64_t rate = 0);
// a sends a frame of `payload` bytes (plus its 2-byte link header) at `at`.
void sendAt(const std::shared_ptr<RawPair>& pair, ns3::Time at, std::uint32_t payload);

std::ostream& operator<<(std::ostream& o, const Rx& r);
std::ostream& operator<<(std::ostream& o, const Seen& s);

// FNV-1a over the receptions.
std::uint64_t hash(const std::vector<Rx>& rx);

} // namespace nictest
