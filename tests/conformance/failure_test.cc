// Failures of the peer host that loopback cannot produce (rules 3, 13 and 14), for backends
// whose Env can inflict them (env.h: crashServer, rebootServer). An Env without these skips.
#include <type_traits>
#include <utility>

#include "tests/conformance/util.h"

namespace conformance {
namespace {

template <class Env> using Failure = Suite<Env>;
TYPED_TEST_SUITE(Failure, Backends, EnvName);

template <class Env, class = void> struct CanCrash : std::false_type {};
template <class Env>
struct CanCrash<Env, std::void_t<decltype(std::declval<Env&>().crashServer())>> : std::true_type {};
template <class Env, class = void> struct CanReboot : std::false_type {};
template <class Env>
struct CanReboot<Env, std::void_t<decltype(std::declval<Env&>().rebootServer())>> : std::true_type {};

template <class Env> void crash(Env& env) {
  if constexpr (CanCrash<Env>::value)
    env.crashServer();
}
template <class Env> void reboot(Env& env) {
  if constexpr (CanReboot<Env>::value)
    env.rebootServer();
}

// Rule 13: a peer that stops answering is found by the keepalive probes: 'error' ETIMEDOUT,
// then 'close', no sooner than the initial delay after the last activity.
TYPED_TEST(Failure, KeepAliveFindsACrashedPeer) {
  if (!CanCrash<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot crash a host";
  auto& hosts = this->env;
  Log log;
  net::Time crashed{0}, failed{0};
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(keepAliveOptionsTo(hosts, server->address().port, 1s));
    record(*c, log, "client");
    c->on(net::ev::connect, [c] { c->write("hello"); });
    c->once(net::ev::data, [&](const net::Buffer&) {
      crashed = hosts.client().now();
      crash(hosts);
    });
    c->on(net::ev::error, [&](const net::Error&) { failed = hosts.client().now(); });
  });
  ASSERT_TRUE(hosts.run(3600s)) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:connect", "client:data",
                                                    "client:error:ETIMEDOUT", "client:close!"}));
  EXPECT_GE(failed - crashed, 1s);
}

// Rule 3: a connection attempt nobody answers fails with ETIMEDOUT after the SYN retries.
TYPED_TEST(Failure, UnansweredConnectTimesOut) {
  if (!CanCrash<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot crash a host";
  auto& hosts = this->env;
  Log log;
  auto server = hosts.server().createServer();
  server->listen(0, hosts.serverAddress(), [&] {
    int port = server->address().port;
    crash(hosts);
    auto c = hosts.client().connect(port, hosts.serverAddress());
    record(*c, log, "client");
  });
  ASSERT_TRUE(hosts.run(3600s)) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:error:ETIMEDOUT", "client:close!"}));
}

// Data that is never acknowledged: the retransmissions give up with ETIMEDOUT.
TYPED_TEST(Failure, UnacknowledgedWritesTimeOut) {
  if (!CanCrash<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot crash a host";
  auto& hosts = this->env;
  Log log;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    record(*c, log, "client");
    c->on(net::ev::connect, [&, c] {
      crash(hosts);
      c->write("into the void");
    });
  });
  ASSERT_TRUE(hosts.run(3600s)) << log.str();
  EXPECT_EQ(log.events(),
            (std::vector<std::string>{"client:lookup", "client:connect", "client:error:ETIMEDOUT", "client:close!"}));
}

// Rule 14: data sent to a peer that rebooted (it no longer knows the connection) is answered
// with RST: 'error' ECONNRESET, then 'close'.
TYPED_TEST(Failure, RebootedPeerResets) {
  if (!CanReboot<TypeParam>::value)
    GTEST_SKIP() << "this backend cannot reboot a host";
  auto& hosts = this->env;
  Log log;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    record(*c, log, "client");
    c->on(net::ev::connect, [c] { c->write("before"); });
    c->once(net::ev::data, [&, c](const net::Buffer&) {
      reboot(hosts);
      c->write("after");
    });
  });
  ASSERT_TRUE(hosts.run(3600s)) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:connect", "client:data",
                                                    "client:error:ECONNRESET", "client:close!"}));
}

} // namespace
} // namespace conformance
