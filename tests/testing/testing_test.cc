// sim::testing itself: its refusals, its printers, the event kinds, and its wire sizes and
// times against a pcap of a real run and against the events of runs at rates that do not
// divide evenly.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/testing.h"

namespace {

using namespace netbed::testing; // the package's name for sim::testing (user_test.cc uses the other)

// The message a refusal throws; empty (and a failure) when there is none.
template <class Fn> std::string refusal(Fn fn) {
  try {
    fn();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "nothing was refused";
  return {};
}

// The sensor-router-gateway exchange of user_test.cc: the gateway answers "ok" and ends.
void reply(Testbed& t, const sim::LinkSpec& up, const sim::LinkSpec& down) {
  t.hosts({"sensor", "router", "gateway"});
  t.link("sensor", "router", up);
  t.link("router", "gateway", down);
  auto server = t.net("gateway").createServer([](std::shared_ptr<net::Socket> s) { s->end("ok"); });
  server->listen(80);
  t.net("sensor").connect(80, "gateway")->on(net::ev::data, [server](const net::Buffer&) { server->close(); });
}

// The example at the top of sim/testing.h.
TEST_F(Network, HeaderExample) {
  hosts({"sensor", "gateway"});
  auto up = link("sensor", "gateway", {250'000, 5ms});
  auto server = net("gateway").createServer([](std::shared_ptr<net::Socket> s) { s->end("ok"); });
  server->listen(80);
  auto client = net("sensor").connect(80, "gateway");
  client->on(net::ev::data, [server](const net::Buffer&) { server->close(); }); // read: 'end' follows
  ASSERT_TRUE(run(10s));
  Time connected = 2 * wireTime(up, syn); // the SYN there, the SYN-ACK back
  EXPECT_EQ(event("sensor", Kind::socket, "connect").t, connected);
  // The ACK there, "ok" written on 'connection', sent 1 ns later, back with the FIN.
  EXPECT_EQ(event("sensor", Kind::socket, "data").t, connected + wireTime(up, 0) + kSendDelay + wireTime(up, 2));
}

TEST_F(Network, UnknownHostIsRefusedWithTheHostsAndTheNearest) {
  hosts({"sensor", "router", "gateway"});
  EXPECT_EQ(refusal([&] { node("gatway"); }),
            "sim::testing: no host \"gatway\" (hosts: sensor, router, gateway); did you mean \"gateway\"?");
  // No hint for a name near none of them; a lookup creates nothing.
  EXPECT_EQ(refusal([&] { net("backend"); }), "sim::testing: no host \"backend\" (hosts: sensor, router, gateway)");
  EXPECT_EQ(world().nodes().size(), 3u);
  EXPECT_EQ(&node("router"), world().find("router"));
}

TEST_F(Network, LookupsBeforeAnyHostAndAmongManyHosts) {
  EXPECT_EQ(refusal([&] { node("a"); }), "sim::testing: no host \"a\" (hosts: none yet)");
  for (int i = 1; i <= 25; ++i)
    host("sensor-" + std::to_string(i));
  EXPECT_EQ(refusal([&] { node("sensor-26x"); }),
            "sim::testing: no host \"sensor-26x\" (hosts: sensor-1, sensor-2, sensor-3, sensor-4, sensor-5, "
            "sensor-6, sensor-7, sensor-8, sensor-9, sensor-10, sensor-11, sensor-12, sensor-13, sensor-14, "
            "sensor-15, sensor-16, sensor-17, sensor-18, sensor-19, sensor-20, and 5 more); did you mean "
            "\"sensor-2\"?");
}

TEST_F(Network, DeclaringIsSeparateFromLookingUp) {
  sim::Node& sensor = host("sensor");
  EXPECT_EQ(&node("sensor"), &sensor);
  EXPECT_EQ(refusal([&] { host("sensor"); }), "sim::testing: host \"sensor\" is declared already");
  EXPECT_EQ(refusal([&] { hosts({"gateway", "sensor"}); }), "sim::testing: host \"sensor\" is declared already");
  // A link needs both ends declared, and declares neither.
  EXPECT_EQ(refusal([&] { link("sensor", "gateway-2"); }),
            "sim::testing: no host \"gateway-2\" (hosts: sensor, gateway); did you mean \"gateway\"?");
  EXPECT_EQ(world().nodes().size(), 2u);
}

TEST_F(Network, EventSelectionsRefuseUnknownHostsAndEvents) {
  reply(*this, {}, {});
  ASSERT_TRUE(run(10s));
  EXPECT_EQ(refusal([&] { events("senor", Kind::socket, "data"); }),
            "sim::testing: no host \"senor\" (hosts: sensor, router, gateway); did you mean \"sensor\"?");
  EXPECT_EQ(refusal([&] { events("sensor", Kind::socket, "conect"); }),
            "sim::testing: a socket emits no \"conect\" (a socket's events: lookup, connect, data, drain, end, "
            "timeout, error, close); did you mean \"connect\"?");
  EXPECT_EQ(refusal([&] { events("gateway", Kind::server, "data"); }),
            "sim::testing: a server emits no \"data\" (a server's events: listening, connection, error, close)");
  // A known event that did not happen is no refusal: an empty selection.
  EXPECT_TRUE(events("router", Kind::socket, "error").empty());
  // event() says what happened instead.
  EXPECT_EQ(refusal([&] { event("sensor", Kind::socket, "data", 1); }),
            "sim::testing: sensor: no socket 'data' #1 (from 0): 1 of them. Its events:\n"
            "  sensor socket 1 'lookup' at 0.000000 s (0 ns)\n"
            "  sensor socket 1 'connect' at 0.00401856 s (4018560 ns)\n"
            "  sensor socket 1 'data' 2 B at 0.008036161 s (8036161 ns)\n"
            "  sensor socket 1 'end' at 0.008036161 s (8036161 ns)\n"
            "  sensor socket 1 'close' at 0.008036161 s (8036161 ns)");
  EXPECT_EQ(refusal([&] { event("router", Kind::server, "close"); }),
            "sim::testing: router: no server 'close' #0 (from 0): 0 of them. Its events: none");
}

// The kept events carry their kind: a server's 'close' and its accepted socket's 'close', on one
// host at one time, are told apart; faults have none.
TEST_F(Network, EventsCarryTheirKind) {
  reply(*this, {}, {});
  world().at(Time(5s), [this] { world().linkDown(node("sensor"), node("router")); });
  ASSERT_TRUE(run(10s));
  std::vector<std::string> gateway;
  for (const auto& e : world().trace().select("gateway"))
    gateway.push_back(e.kind + " " + e.ev);
  EXPECT_EQ(gateway, (std::vector<std::string>{"server listening", "server connection", "socket end", "socket close",
                                               "server close"}));
  EXPECT_EQ(events("gateway", Kind::server, "close").size(), 1u);
  EXPECT_EQ(events("gateway", Kind::socket, "close").size(), 1u);
  EXPECT_NE(event("gateway", Kind::server, "close").obj, event("gateway", Kind::socket, "close").obj);
  auto faults = world().trace().select("", "fault");
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_EQ(faults[0].kind, "");
  EXPECT_EQ(kindName(Kind::socket), std::string("socket"));
  EXPECT_EQ(kindName(Kind::server), std::string("server"));
}

TEST(Printers, TimesInSecondsAndNanoseconds) {
  EXPECT_EQ(::testing::PrintToString(Time(1'000'058'000ns)), "1.000058 s (1000058000 ns)");
  EXPECT_EQ(::testing::PrintToString(Time(0ns)), "0.000000 s (0 ns)");
  EXPECT_EQ(::testing::PrintToString(Time(31'412'801ns)), "0.031412801 s (31412801 ns)");
  EXPECT_EQ(::testing::PrintToString(Duration(90s)), "90.000000 s (90000000000 ns)");
  EXPECT_EQ(::testing::PrintToString(Duration(-1500ns)), "-0.0000015 s (-1500 ns)");
  EXPECT_EQ(::testing::PrintToString(Duration::min()), "-9223372036.854775808 s (-9223372036854775808 ns)");
  // As a failed assertion shows them.
  EXPECT_NONFATAL_FAILURE(EXPECT_EQ(Time(1s), Time(1s) + kSendDelay), "Which is: 1.000000001 s (1000000001 ns)");
}

TEST(Printers, Events) {
  sim::Trace::Event data{Time(31'412'801ns), "sensor", 3, "data", 2, "", "socket"};
  EXPECT_EQ(::testing::PrintToString(data), "sensor socket 3 'data' 2 B at 0.031412801 s (31412801 ns)");
  sim::Trace::Event error{Time(2s), "sensor", 3, "error", 0, "ECONNRESET", "socket"};
  EXPECT_EQ(::testing::PrintToString(error), "sensor socket 3 'error' ECONNRESET at 2.000000 s (2000000000 ns)");
  sim::Trace::Event fault{Time(5s), "", 0, "fault", 0, "link-down sensor-router", ""};
  EXPECT_EQ(::testing::PrintToString(fault), "- 'fault' link-down sensor-router at 5.000000 s (5000000000 ns)");
}

// One frame of a pcap file of a point-to-point device, decoded by hand (not by ns-3, which
// wrote it): its length on the wire, whether it is a SYN, its TCP payload.
struct Frame {
  std::uint32_t length = 0;
  bool syn = false;
  std::size_t payload = 0;
};

std::vector<Frame> readFrames(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto byte = [&](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(d.at(at))); };
  auto le32 = [&](std::size_t at) { return byte(at) | byte(at + 1) << 8 | byte(at + 2) << 16 | byte(at + 3) << 24; };
  auto be16 = [&](std::size_t at) { return byte(at) << 8 | byte(at + 1); };
  EXPECT_EQ(le32(0), 0xa1b2c3d4u) << path; // pcap, microseconds, little-endian
  EXPECT_EQ(le32(20), 9u) << path;         // DLT_PPP
  std::vector<Frame> frames;
  for (std::size_t at = 24; at + 16 <= d.size(); at += 16 + le32(at + 8)) {
    const std::size_t ppp = at + 16, ip = ppp + 2;
    EXPECT_EQ(be16(ppp), 0x0021u) << path; // PPP protocol: IPv4, the whole PPP header
    const std::size_t ipHeader = (byte(ip) & 0xf) * 4, tcp = ip + ipHeader;
    EXPECT_EQ(byte(ip + 9), 6u) << path; // TCP
    const std::size_t tcpHeader = (byte(tcp + 12) >> 4) * 4;
    frames.push_back({le32(at + 12), (byte(tcp + 13) & 0x02) != 0, be16(ip + 2) - ipHeader - tcpHeader});
  }
  return frames;
}

// Every frame of a run, as its pcap files show it, against frameBytes: SYNs, SYN-ACKs, pure
// ACKs, data with FIN, bare FINs. The files are complete once the world is gone: the sizes
// expected are taken before.
void expectFramesAsPcapShows(const sim::TcpProfile& profile, std::size_t synBytes, std::size_t ackBytes) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / ("netbed-testing-frames-" + std::to_string(synBytes));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::size_t expectedSyn = 0, expectedAck = 0, expectedData = 0;
  {
    Testbed t;
    t.world().tcp(profile);
    reply(t, {250'000, 5ms}, {10'000'000, 1ms});
    t.world().pcap((dir / "host").string());
    ASSERT_TRUE(t.run(10s));
    expectedSyn = t.frameBytes(syn);
    expectedAck = t.frameBytes(0);
    expectedData = t.frameBytes(2);
  }
  EXPECT_EQ(expectedSyn, synBytes);
  EXPECT_EQ(expectedAck, ackBytes);
  EXPECT_EQ(expectedData, ackBytes + 2);
  std::size_t syns = 0, acks = 0, data = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir))
    for (const auto& f : readFrames(file.path())) {
      EXPECT_EQ(f.length, f.syn ? expectedSyn : f.payload ? expectedData : expectedAck) << file.path();
      EXPECT_TRUE(f.payload == 0 || f.payload == 2) << file.path();
      (f.syn ? syns : f.payload ? data : acks)++;
    }
  EXPECT_EQ(syns, 8u); // SYN and SYN-ACK, each captured by the four devices
  EXPECT_EQ(data, 4u); // "ok" with the FIN
  EXPECT_GT(acks, 0u);
}

// PPP 2 + IPv4 20 + TCP 20, and options: on SYNs timestamps 10, window scale 3, SACK-permitted
// 2 and one EOL (58); on the others timestamps 10 and two EOL (54 + payload).
TEST(Frames, SizesAreThoseOfThePcap) { expectFramesAsPcapShows(sim::TcpProfile::forLinux(), 58, 54); }

// Without timestamps and SACK: window scale 3 and one EOL on SYNs (46), no option else (42).
TEST(Frames, SizesWithoutTimestampsOrSack) {
  sim::TcpProfile bare = sim::TcpProfile::forLinux();
  bare.timestamps = false;
  bare.sack = false;
  expectFramesAsPcapShows(bare, 46, 42);
}

TEST_F(Network, LargestSegment) {
  EXPECT_EQ(frameBytes(1448), 1502u); // the MSS the world sets: 1500-byte IP packets
}

// 7 Mbit/s: a frame's time is not a whole number of nanoseconds. ns-3 rounds to the nearest
// (58 B: 66,285.71 ns -> 66,286), and so does wireTime; the events fall on those times.
TEST_F(Network, WireTimesAtARateThatDoesNotDivide) {
  reply(*this, {7'000'000, 3ms}, {7'000'000, 3ms});
  const Link up("sensor", "router", {7'000'000, 3ms}), down("router", "gateway", {7'000'000, 3ms});
  EXPECT_EQ(wireTime(up, syn), 66'286ns + 3ms);
  EXPECT_EQ(wireTime(up, 0), 61'714ns + 3ms); // 54 B: 61,714.29 ns
  EXPECT_EQ(wireTime({up, down}, 2), 2 * (64'000ns + 3ms));
  ASSERT_TRUE(run(10s));
  const Time connected = 2 * wireTime({up, down}, syn), accepted = connected + wireTime({up, down}, 0);
  EXPECT_EQ(event("sensor", Kind::socket, "connect").t, connected);
  EXPECT_EQ(event("gateway", Kind::server, "connection").t, accepted);
  EXPECT_EQ(event("sensor", Kind::socket, "data").t, accepted + kSendDelay + wireTime({down, up}, 2));
}

TEST_F(Network, WireTimesWithoutTimestamps) {
  sim::TcpProfile bare = sim::TcpProfile::forLinux();
  bare.timestamps = false;
  world().tcp(bare);
  reply(*this, {250'000, 5ms}, {250'000, 5ms});
  const Link up("sensor", "router", {250'000, 5ms}), down("router", "gateway", {250'000, 5ms});
  ASSERT_TRUE(run(10s));
  EXPECT_EQ(event("sensor", Kind::socket, "connect").t, 2 * wireTime({up, down}, syn));
  EXPECT_EQ(event("sensor", Kind::socket, "data").t,
            2 * wireTime({up, down}, syn) + wireTime({up, down}, 0) + kSendDelay + wireTime({down, up}, 2));
}

TEST_F(Network, WireTimeRefusesWhatItCannotCompute) {
  hosts({"a", "b", "c", "d"});
  world().setNic(node("c"), model::GenericNic{});
  const Link jittery = link("a", "b", {1'000'000, 1ms, 0, 100, 2ms}), withNic = link("b", "c");
  EXPECT_EQ(refusal([&] { wireTime(jittery, 0); }),
            "sim::testing: wireTime: the link a-b has jitter; its frames take random extra time");
  EXPECT_EQ(refusal([&] { wireTime({withNic}, syn); }),
            "sim::testing: wireTime: c has a SystemC NIC; its frames take the model's time (model/README.md)");
  EXPECT_EQ(refusal([&] { frameBytes(1449); }), "sim::testing: frameBytes(1449): a segment carries at most 1448 bytes");
  EXPECT_EQ(refusal([&] { wireTime(Link("a", "x", {}), 0); }),
            "sim::testing: no host \"x\" (hosts: a, b, c, d); did you mean \"a\"?");
}

// The plain class, without the fixture, in any test.
TEST(Testbed, WorksWithoutTheFixture) {
  Testbed t(/*seed=*/7);
  reply(t, {}, {});
  EXPECT_TRUE(t.run(10s));
  EXPECT_EQ(t.events("gateway", Kind::server, "connection").size(), 1u);
}

} // namespace
