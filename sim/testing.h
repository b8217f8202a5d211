// sim::testing: GoogleTest tests of code on the simulated network, in turmoil's way:
// declare the hosts, link them, start the applications, run, assert on typed events at
// exact times.
//
//   #include "sim/testing.h"
//   using namespace sim::testing;
//
//   TEST_F(Network, ReplyAtExactTimes) {
//     hosts({"sensor", "gateway"});
//     auto up = link("sensor", "gateway", {250'000, 5ms});
//     auto server = net("gateway").createServer([](std::shared_ptr<net::Socket> s) { s->end("ok"); });
//     server->listen(80);
//     auto client = net("sensor").connect(80, "gateway");
//     client->on(net::ev::data, [server](const net::Buffer&) { server->close(); }); // read: 'end' follows
//     ASSERT_TRUE(run(10s));
//     Time connected = 2 * wireTime(up, syn); // the SYN there, the SYN-ACK back
//     EXPECT_EQ(event("sensor", Kind::socket, "connect").t, connected);
//     // The ACK there, "ok" written on 'connection', sent 1 ns later, back with the FIN.
//     EXPECT_EQ(event("sensor", Kind::socket, "data").t, connected + wireTime(up, 0) + kSendDelay + wireTime(up, 2));
//   }
//
// (tests/testing/testing_test.cc runs it: Network.HeaderExample.)
//
// Link the target sim::testing (find_package(netbed COMPONENTS testing)): it brings
// GoogleTest and the main that runs it, whatever else the program links (SystemC's library
// has a main of its own; see testing_main.cc).
//
// Every lookup by name refuses a name that does not exist, with the names that do and the
// nearest one: host() declares a host (and only declares), node()/net() and the event
// selections look up. A refusal throws std::invalid_argument; GoogleTest reports its message.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

#include "sim/trace.h"
#include "sim/world.h"

// GoogleTest prints net::Time and net::Duration (both std::chrono::nanoseconds) as
// "1.000058 s (1000058000 ns)" instead of their bytes. GoogleTest finds a PrintTo by
// argument-dependent lookup only, and the only namespace it searches for nanoseconds is
// std::chrono: the printer has to stand there (the standard reserves std for itself; no
// name of the library is redeclared, and GoogleTest documents no other extension point).
namespace std::chrono {
void PrintTo(const nanoseconds& d, std::ostream* os);
} // namespace std::chrono

namespace sim {
// "sensor socket 3 'data' 2 B at 1.000058 s (1000058000 ns)", for GoogleTest's messages.
void PrintTo(const Trace::Event& e, std::ostream* os);
} // namespace sim

namespace sim::testing {

using namespace std::chrono_literals;
using net::Duration;
using net::Time;
using Event = sim::Trace::Event;

// What emitted an event: a socket, or a server (its 'listening', 'connection', 'close').
enum class Kind { socket, server };
const char* kindName(Kind k); // "socket", "server": Event::kind

// A point-to-point link of the network, as link() made it.
class Link {
public:
  Link(std::string from, std::string to, const sim::LinkSpec& linkSpec)
      : a(std::move(from)), b(std::move(to)), spec(linkSpec) {}
  std::string a, b;
  sim::LinkSpec spec;
};

// A SYN or SYN-ACK segment, for frameBytes and wireTime.
struct Syn {};
inline constexpr Syn syn{};

// The sizes of a TCP segment on a point-to-point link, as a pcap of a run shows them (and
// tests/testing/testing_test.cc checks against one):
inline constexpr std::size_t kPppHeader = 2;   // ns-3's PppHeader: the protocol field alone (0x0021)
inline constexpr std::size_t kIpv4Header = 20; // no IP options
inline constexpr std::size_t kTcpHeader = 20;  // without options
// TCP options, padded with EOL to a multiple of 4 bytes (ns-3's TcpHeader):
inline constexpr std::size_t kTimestampOption = 10;    // RFC 7323, on every segment when timestamps are on
inline constexpr std::size_t kWindowScaleOption = 3;   // RFC 7323, on SYNs only
inline constexpr std::size_t kSackPermittedOption = 2; // RFC 2018, on SYNs only, when SACK is on
inline constexpr std::size_t paddedOptions(std::size_t n) { return (n + 3) / 4 * 4; }

// Data an application writes leaves one nanosecond after the write: ns-3's
// TcpSocketBase::Send schedules SendPendingData one time step (1 ns) ahead. SYNs, ACKs and a
// FIN with no data before it leave at once.
inline constexpr Duration kSendDelay = Duration(1);

// The world of one test. Network below is the GoogleTest fixture made of it.
class Testbed {
public:
  explicit Testbed(std::uint64_t seed = 1);
  Testbed(const Testbed&) = delete;
  Testbed& operator=(const Testbed&) = delete;

  // Declares a host. Throws if one of that name exists already.
  sim::Node& host(const std::string& name);
  // Declares several, in this order (their node ids follow it).
  void hosts(std::initializer_list<std::string> names);
  // The host of that name. Throws for any other name, with the names that exist.
  sim::Node& node(const std::string& name);
  // Its `net` module.
  net::Context& net(const std::string& name) { return node(name).net(); }

  // A point-to-point link between two hosts (declared before).
  Link link(const std::string& a, const std::string& b, const sim::LinkSpec& spec = {});

  // Runs until every host is idle, or until `limit` (simulated time). True when idle.
  bool run(Duration limit = 3600s) { return world_.run(limit); }
  Time now() const { return world_.now(); }

  // The events `kind` emitted on host `node` named `ev`, in order. Throws for a host that does
  // not exist and for an event that kind never emits (a socket's: lookup, connect, data,
  // drain, end, timeout, error, close; a server's: listening, connection, error, close).
  std::vector<Event> events(const std::string& node, Kind kind, const std::string& ev) const;
  // The n-th of them (from 0). Throws, saying what happened instead, when there are fewer.
  Event event(const std::string& node, Kind kind, const std::string& ev, std::size_t n = 0) const;

  // The bytes on the wire of a TCP segment (data or ACK, with or without FIN) carrying
  // `payload` bytes, and of a SYN or SYN-ACK: PPP, IPv4 and TCP headers and the options the
  // simulated TCP sends (read from ns-3's defaults, which the world's TCP profile sets:
  // timestamps, SACK, window scaling). 54 + payload and 58 with the default profile. Not
  // counted: SACK blocks, which an ACK carries after a loss. Throws for a payload larger
  // than a segment (1448 bytes).
  std::size_t frameBytes(std::size_t payload) const;
  std::size_t frameBytes(Syn) const;
  // The time from the start of such a segment's transmission on `link` to its arrival at the
  // other end: its frame's serialization at the link's bandwidth (as ns-3's device computes
  // it), plus the link's delay. Throws for a link with jitter or whose ends have SystemC
  // NICs (their timing is the model's: model/README.md).
  Duration wireTime(const Link& link, std::size_t payload) const;
  Duration wireTime(const Link& link, Syn) const;
  // The same across the links of a route, one after the other (store and forward), when no
  // other frame is in the way.
  Duration wireTime(std::initializer_list<Link> route, std::size_t payload) const;
  Duration wireTime(std::initializer_list<Link> route, Syn) const;

  // The world itself, for what the fixture does not wrap (faults, NICs, pcap, TCP profile).
  // Its node() creates nodes: declare them with host().
  sim::World& world() { return world_; }
  const sim::World& world() const { return world_; }

private:
  const sim::Node& known(const std::string& name) const;
  Duration wire(const Link& link, std::size_t frame) const;

  sim::World world_;
};

// The fixture: TEST_F(Network, Name) { host(...); link(...); ...; run(); EXPECT_EQ(...); }.
class Network : public ::testing::Test, public Testbed {};

} // namespace sim::testing

// The fixture under the package's name as well: `using namespace netbed::testing;` (the CMake
// target is netbed::testing).
namespace netbed {
namespace testing = sim::testing;
} // namespace netbed
