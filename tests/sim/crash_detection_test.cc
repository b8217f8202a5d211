// When a silently crashed peer is noticed by retransmission, per TCP profile, to the
// nanosecond. The expected times are computed here from the constants that
// scenarios/README.md ("TCP profiles") lists, not read back from a run.
#include <gtest/gtest.h>

#include "sim/world.h"
#include "tests/sim/server_client.h"

namespace {

using namespace std::chrono_literals;

// ns-3 sends written bytes from an event one time step (1 ns) after Send().
constexpr net::Duration kSendStep = 1ns;
// The path's round trip (two 1 ms hops; a small segment's wire time, 4.7 us each way, aside)
// as the stack samples it: whole milliseconds, the clock of the timestamps option that ns-3
// measures RTT with. Every sample reads 2 ms, so SRTT is 2 ms.
constexpr net::Duration kSrtt = 2ms;
// The linux profile's RTO on a path this quiet (tcp_rtt_estimator, tcp_set_rto): SRTT plus an
// rttvar at its floor, the minimum RTO.
constexpr net::Duration linuxRto(net::Duration minRto) { return kSrtt + minRto; }

// Linux (retransmits_timed_out): the connection is dropped at the first timeout at least
// tcp_model_timeout(retries) after the head's first transmission (a budget counted from
// 200 ms, TCP_RTO_MIN, whatever the RTO); the RTO starts at the one in force and doubles up
// to 120 s.
net::Duration linuxGiveUp(std::uint32_t retries, net::Duration firstRto) {
  net::Duration budget{0}, step = 200ms;
  for (std::uint32_t i = 0; i <= retries; ++i, step = std::min<net::Duration>(step * 2, 120s))
    budget += step;
  net::Duration at{0}, rto = firstRto;
  while (at < budget) {
    at += rto;
    rto = std::min<net::Duration>(rto * 2, 120s);
  }
  return at;
}

// ns-3: the connection is dropped at the (retries + 1)-th timeout; the RTO doubles from the
// minimum up to 60 s.
net::Duration ns3GiveUp(std::uint32_t retries, net::Duration firstRto) {
  net::Duration at{0}, rto = firstRto;
  for (std::uint32_t i = 0; i <= retries; ++i, rto = std::min<net::Duration>(rto * 2, 60s))
    at += rto;
  return at;
}

enum class Traffic { RequestResponse, OneWay, EchoesThenRequest };

// A client and a server one 1 ms, 100 Mbit/s link apart. The client exchanges one echo,
// the server crashes at 1 s, the client writes at 30 s: a request it waits an answer for,
// or 64 KiB into a server that never answers.
struct Outcome {
  net::Time wroteAt{-1}, errorAt{-1};
  std::string code;
  bool closed = false;
};

Outcome crashThenWrite(const sim::TcpProfile& profile, Traffic traffic) {
  simtests::ServerClient n(profile, {100'000'000, 1ms});
  sim::World& world = n.world;
  sim::Node& client = n.client;
  Outcome r;
  n.server.net()
      .createServer(
          [](std::shared_ptr<net::Socket> s) { s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); }); })
      ->listen(7);
  auto c = client.net().connect(7, "server");
  c->on(net::ev::connect, [c] { c->write("hello"); });
  // Echoes 1 s apart before the crash: each RTT sample must be the path's (TSecr echoing
  // the latest TSval, RFC 7323 §4.3), or the RTO in force grows past the minimum.
  auto echoes = std::make_shared<int>(traffic == Traffic::EchoesThenRequest ? 5 : 0);
  c->on(net::ev::data, [&client, c, echoes](const net::Buffer&) {
    if (*echoes > 0 && --*echoes >= 0)
      client.net().setTimeout(1s, [c] { c->write("again"); });
  });
  c->on(net::ev::error, [&](const net::Error& e) {
    r.errorAt = client.net().now();
    r.code = std::string(e.code());
  });
  c->on(net::ev::close, [&](bool) { r.closed = true; });
  world.at(traffic == Traffic::EchoesThenRequest ? 10s : 1s, [&] { world.crash(n.server); });
  world.at(30s, [&, c] {
    r.wroteAt = client.net().now();
    c->write(traffic == Traffic::OneWay ? net::Buffer(std::string(64 * 1024, 'x')) : net::Buffer("anyone?"));
  });
  world.run(3600s);
  return r;
}

// The write's connection ended with ETIMEDOUT `giveUp` after the write left (one send step
// after it).
void expectTimedOutAfter(const Outcome& r, net::Duration giveUp) {
  EXPECT_EQ(r.code, "ETIMEDOUT");
  EXPECT_EQ(r.errorAt, r.wroteAt + kSendStep + giveUp);
}

TEST(CrashDetection, LinuxRequestResponseClient) {
  Outcome r = crashThenWrite(sim::TcpProfile::forLinux(), Traffic::RequestResponse);
  expectTimedOutAfter(r, linuxGiveUp(15, linuxRto(200ms))); // 926.646 s
  EXPECT_TRUE(r.closed);
  EXPECT_EQ(linuxGiveUp(15, 200ms), 924'600ms); // the budget itself, reached by an RTO of exactly 200 ms
  EXPECT_EQ(linuxGiveUp(15, linuxRto(200ms)), 926'646ms);
}

TEST(CrashDetection, LinuxOneWaySender) {
  Outcome r = crashThenWrite(sim::TcpProfile::forLinux(), Traffic::OneWay);
  expectTimedOutAfter(r, linuxGiveUp(15, linuxRto(200ms)));
}

TEST(CrashDetection, LinuxAfterEchoesWithPauses) {
  Outcome r = crashThenWrite(sim::TcpProfile::forLinux(), Traffic::EchoesThenRequest);
  expectTimedOutAfter(r, linuxGiveUp(15, linuxRto(200ms)));
}

TEST(CrashDetection, Ns3AfterEchoesWithPauses) {
  Outcome r = crashThenWrite(sim::TcpProfile::forNs3(), Traffic::EchoesThenRequest);
  expectTimedOutAfter(r, ns3GiveUp(6, 1s));
}

TEST(CrashDetection, Ns3RequestResponseClient) {
  Outcome r = crashThenWrite(sim::TcpProfile::forNs3(), Traffic::RequestResponse);
  expectTimedOutAfter(r, ns3GiveUp(6, 1s)); // 123 s
  EXPECT_TRUE(r.closed);
  EXPECT_EQ(ns3GiveUp(6, 1s), 123s);
}

TEST(CrashDetection, Ns3OneWaySender) {
  Outcome r = crashThenWrite(sim::TcpProfile::forNs3(), Traffic::OneWay);
  expectTimedOutAfter(r, ns3GiveUp(6, 1s));
}

// Overrides: fewer retries, a larger minimum RTO.
TEST(CrashDetection, ProfileOverrides) {
  sim::TcpProfile p = sim::TcpProfile::forLinux();
  p.dataRetries = 5;
  p.minRto = 1s;
  Outcome r = crashThenWrite(p, Traffic::RequestResponse);
  // Budget 12.6 s; timeouts at 1.002, 3.006, 7.014, 15.030 s.
  EXPECT_EQ(r.errorAt, r.wroteAt + kSendStep + linuxGiveUp(5, linuxRto(1s)));
  EXPECT_EQ(linuxGiveUp(5, linuxRto(1s)), 15'030ms);
}

// TCP_USER_TIMEOUT replaces the budget, and the last timer is clamped to it (Linux's
// tcp_clamp_rto_to_user_timeout): the connection ends exactly that long after the write.
TEST(CrashDetection, UserTimeoutEndsTheConnectionOnTime) {
  sim::TcpProfile p = sim::TcpProfile::forLinux();
  p.userTimeout = 10s;
  Outcome r = crashThenWrite(p, Traffic::RequestResponse);
  expectTimedOutAfter(r, 10s);
}

// A SYN to a crashed host: the first after `initialRto`, then doubling, `synRetries` of
// them, and the connect fails one doubled timeout after the last.
net::Duration unansweredConnect(const sim::TcpProfile& profile) {
  simtests::ServerClient n(profile, {100'000'000, 1ms});
  n.world.crash(n.server);
  net::Time failedAt{-1};
  std::string code;
  auto c = n.client.net().connect(7, "server");
  c->on(net::ev::error, [&](const net::Error& e) {
    failedAt = n.client.net().now();
    code = std::string(e.code());
  });
  n.world.run(3600s);
  EXPECT_EQ(code, "ETIMEDOUT");
  return failedAt;
}

TEST(CrashDetection, UnansweredConnectGivesUpPerProfile) {
  auto synGiveUp = [](net::Duration first, std::uint32_t retries) {
    net::Duration at{0};
    for (std::uint32_t i = 0; i <= retries; ++i)
      at += first * (1 << i);
    return at;
  };
  EXPECT_EQ(unansweredConnect(sim::TcpProfile::forLinux()), synGiveUp(1s, 6)); // 127 s
  EXPECT_EQ(unansweredConnect(sim::TcpProfile::forNs3()), synGiveUp(3s, 5));   // 189 s
  EXPECT_EQ(synGiveUp(1s, 6), 127s);
}

TEST(CrashDetection, ProfilesByName) {
  EXPECT_EQ(sim::TcpProfile::named("linux").minRto, 200ms);
  EXPECT_EQ(sim::TcpProfile::named("ns3").minRto, 1s);
  EXPECT_THROW(sim::TcpProfile::named("bsd"), std::invalid_argument);
  sim::TcpProfile bad = sim::TcpProfile::forLinux();
  bad.congestion = "vegas";
  EXPECT_THROW(bad.validate(), std::invalid_argument);
}

} // namespace
