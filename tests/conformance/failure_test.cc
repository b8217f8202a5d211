// Failures of the peer host that loopback cannot produce (rules 3, 13 and 14), for backends
// whose Env can inflict them (env.h: crashServer, rebootServer). An Env without these skips.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Failure);

template <class Env, class = void> struct CanCrash : std::false_type {};
template <class Env>
struct CanCrash<Env, std::void_t<decltype(std::declval<Env&>().crashServer())>> : std::true_type {};
template <class Env, class = void> struct CanReboot : std::false_type {};
template <class Env>
struct CanReboot<Env, std::void_t<decltype(std::declval<Env&>().rebootServer())>> : std::true_type {};

// --- the windows on the Linux stack ----------------------------------------------------------
// An Env on a real Linux stack gives the constants it set (Env::kTcp, kernel_env.h); each
// failure's time is derived from them as Linux's tcp_timer.c computes it, never read back
// from a run. The window's lower edge allows `early`: the clocks' granularity (jiffies, the
// millisecond TCP timestamps) or, where the test's start is an event that follows the
// kernel's (a 'data' after the segment arrived), that event's delivery. The upper edge allows
// kLate: Linux's timer wheel fires a timer of seconds up to 1/8 of it late (its level's
// granularity), once per timer of the chain, and the loop hears the error when a loaded
// 2-core machine schedules it.
template <class Env, class = void> struct LinuxStack : std::false_type {};
template <class Env> struct LinuxStack<Env, std::void_t<decltype(Env::kTcp)>> : std::true_type {};

constexpr net::Duration kLate = 750ms;

std::string seconds(net::Duration d) { return std::to_string(std::chrono::duration<double>(d).count()) + " s"; }

void expectWithin(net::Duration measured, net::Duration expected, net::Duration early) {
  EXPECT_GE(measured, expected - early) << "measured " << seconds(measured) << ", derived " << seconds(expected);
  EXPECT_LE(measured, expected + kLate) << "measured " << seconds(measured) << ", derived " << seconds(expected);
}

// tcp_keepalive_timer: a probe after `idle` of silence since the last segment heard, then
// one every keepAliveInterval; with a user timeout the connection fails at the first timer
// at which the user timeout has passed since that segment and a probe is out, without one
// when keepAliveProbes probes are out.
net::Duration linuxKeepAliveGiveUp(const LinuxTcp& t, net::Duration idle) {
  if (t.userTimeout == 0s)
    return idle + t.keepAliveProbes * t.keepAliveInterval;
  auto k = std::max<std::int64_t>(1, (t.userTimeout - idle + t.keepAliveInterval - 1ns) / t.keepAliveInterval);
  return idle + k * t.keepAliveInterval;
}
// tcp_write_timeout in SYN_SENT: gives up at the timeout that finds synRetries
// retransmissions made (tcp_syn_linear_timeouts 0: the first timeout is initialRto and each
// one doubles, capped at maxRto), whatever the user timeout (it only clamps the timer, and
// kTcp's is past the last SYN timeout).
net::Duration linuxConnectGiveUp(const LinuxTcp& t) {
  net::Duration total{0}, rto = t.initialRto;
  for (std::uint32_t i = 0; i <= t.synRetries; ++i, rto = std::min(2 * rto, t.maxRto))
    total += rto;
  return total;
}
// A write to a silent peer, one segment out: first a tail loss probe (tcp_early_retrans's
// default, TLP) after min(2·SRTT + minRto, RTO), then the first retransmission timeout one
// RTO later (both minRto here: the veth's SRTT is microseconds); that retransmission is
// the start Linux counts from (tcp_retransmit_skb: retrans_stamp, "the first retransmit";
// the probe does not set it). retransmits_timed_out with a user timeout drops the
// connection when the user timeout has passed since then, the last timer clamped to end
// there (tcp_clamp_rto_to_user_timeout); tcp_retries2 is not asked.
net::Duration linuxWriteGiveUp(const LinuxTcp& t) { return 2 * t.minRto + t.userTimeout; }

template <class Env> void crash(Env& env) {
  if constexpr (CanCrash<Env>::value)
    env.crashServer();
}
template <class Env> void reboot(Env& env) {
  if constexpr (CanReboot<Env>::value)
    env.rebootServer();
}

// The scenario of most tests below: a client, recorded in log as "client", connects with
// `options` to an echo server on the server host (the port is the server's), `act(c)` adds
// what the test does to it, and `failed` becomes the client's clock at its 'error'. Runs for
// up to an hour of the backend's time; false if that passed first.
template <class Env>
bool runEchoClient(Env& hosts, Log& log, net::Time& failed, net::ConnectOptions options,
                   const std::function<void(const std::shared_ptr<net::Socket>& c)>& act) {
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    options.port = server->address().port;
    auto c = hosts.client().connect(options);
    record(*c, log, "client");
    act(c);
    c->on(net::ev::error, [&](const net::Error&) { failed = hosts.client().now(); });
  });
  return hosts.run(3600s);
}

// Rule 13: a peer that stops answering is found by the keepalive probes: 'error' ETIMEDOUT,
// then 'close', no sooner than the initial delay after the last activity.
TYPED_TEST(Failure, KeepAliveFindsACrashedPeer) {
  if (!CanCrash<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot crash a host";
  auto& hosts = this->env;
  Log log;
  net::Time crashed{0}, failed{0};
  ASSERT_TRUE(runEchoClient(hosts, log, failed, keepAliveOptionsTo(hosts, 0, 1s), [&](const auto& c) {
    c->on(net::ev::connect, [c] { c->write("hello"); });
    c->once(net::ev::data, [&](const net::Buffer&) {
      crashed = hosts.client().now();
      crash(hosts);
    });
  })) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:connect", "client:data",
                                                    "client:error:ETIMEDOUT", "client:close!"}));
  EXPECT_GE(failed - crashed, 1s);
  // `crashed` is the 'data' of the last segment heard: its delivery may follow it by 50 ms.
  if constexpr (LinuxStack<TypeParam>::value)
    expectWithin(failed - crashed, linuxKeepAliveGiveUp(TypeParam::kTcp, 1s), 50ms);
}

// Rule 3: a connection attempt nobody answers fails with ETIMEDOUT after the SYN retries.
TYPED_TEST(Failure, UnansweredConnectTimesOut) {
  if (!CanCrash<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot crash a host";
  auto& hosts = this->env;
  Log log;
  net::Time connected{0}, failed{0};
  auto server = hosts.server().createServer();
  server->listen(0, hosts.serverAddress(), [&] {
    int port = server->address().port;
    crash(hosts);
    connected = hosts.client().now();
    auto c = recordedClient(hosts, port, log);
    c->on(net::ev::error, [&](const net::Error&) { failed = hosts.client().now(); });
  });
  ASSERT_TRUE(hosts.run(3600s)) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:error:ETIMEDOUT", "client:close!"}));
  if constexpr (LinuxStack<TypeParam>::value)
    expectWithin(failed - connected, linuxConnectGiveUp(TypeParam::kTcp), 10ms);
}

// Data that is never acknowledged: the retransmissions give up with ETIMEDOUT.
TYPED_TEST(Failure, UnacknowledgedWritesTimeOut) {
  if (!CanCrash<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot crash a host";
  auto& hosts = this->env;
  Log log;
  net::Time wrote{0}, failed{0};
  ASSERT_TRUE(runEchoClient(hosts, log, failed, optionsTo(hosts, 0), [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      crash(hosts);
      wrote = hosts.client().now();
      c->write("into the void");
    });
  })) << log.str();
  EXPECT_EQ(log.events(),
            (std::vector<std::string>{"client:lookup", "client:connect", "client:error:ETIMEDOUT", "client:close!"}));
  if constexpr (LinuxStack<TypeParam>::value)
    expectWithin(failed - wrote, linuxWriteGiveUp(TypeParam::kTcp), 10ms);
}

// Rule 14: data sent to a peer that rebooted (it no longer knows the connection) is answered
// with RST: 'error' ECONNRESET, then 'close'.
TYPED_TEST(Failure, RebootedPeerResets) {
  if (!CanReboot<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot reboot a host";
  auto& hosts = this->env;
  Log log;
  net::Time wrote{0}, failed{0};
  ASSERT_TRUE(runEchoClient(hosts, log, failed, optionsTo(hosts, 0), [&](const auto& c) {
    c->on(net::ev::connect, [c] { c->write("before"); });
    c->once(net::ev::data, [&, c](const net::Buffer&) {
      reboot(hosts);
      wrote = hosts.client().now();
      c->write("after");
    });
  })) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:connect", "client:data",
                                                    "client:error:ECONNRESET", "client:close!"}));
  // The RST answers the write's segment at once (the path's round trip: microseconds on a
  // veth). But the reboot moved the server's veth end, so the client's end lost its carrier
  // and got it back; Linux's link watch handles those events at most once a second (HZ; a
  // veth whose peer's ifindex equals its own, as two namespaces number them, is no urgent
  // case), and when it ran in between (other namespaces' events, a loaded machine: about 1
  // run in 250 here) it has flushed the client's neighbour entry and stopped its queue until
  // it runs again, within that second. The client's ARP request goes out again one
  // neighbour retry later (retrans_time) and finds the link back: the segments waiting for
  // it then meet the RST.
  if constexpr (LinuxStack<TypeParam>::value) {
    EXPECT_LE(failed - wrote, TypeParam::kTcp.neighbourRetry + kLate) << "measured " << seconds(failed - wrote);
  }
}

} // namespace
} // namespace conformance
