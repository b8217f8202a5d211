// IPv6 in the kernel world (Topology::ipv6): each interface's fd00::/96 image of its IPv4
// address, routes as IPv4's, the delay line and the faults on IPv6 packets too, names as on
// sim::World with IPv6.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/kernel/datagrams.h"
#include "tests/kernel/kernel_net.h"

namespace kerneltest {
namespace {

using sim::kernel::Shape;

Topology six(Topology t) {
  t.ipv6 = true;
  return t;
}

Topology pair6(const Shape& shape = {}) {
  Topology t;
  t.nodes = {"a", "b"};
  t.links = {{0, 1, 100'000'000, 100}};
  t.shapes = {shape};
  t.seed = 7;
  return six(t);
}

double since(net::Context& c, net::Time t) { return std::chrono::duration<double>(c.now() - t).count(); }

// An echo of "ping" from node `from` to `host` (port 7000 on node `to`); what came back and
// the peer address the server saw.
std::pair<std::string, std::string> echo(KernelNet& k, std::size_t from, std::size_t to, const std::string& host,
                                         int family = 0) {
  std::string got, peer;
  auto server = k.node(to).createServer([&](std::shared_ptr<net::Socket> s) {
    peer = s->remoteAddress();
    s->on(net::ev::data, [s](const net::Buffer& b) { s->end(b); });
  });
  server->listen(7000, [&] {
    net::ConnectOptions o;
    o.port = 7000;
    o.host = host;
    o.family = family;
    auto c = k.node(from).connect(o);
    c->on(net::ev::connect, [c] { c->write("ping"); });
    c->on(net::ev::data, [&](const net::Buffer& b) { got += b.toString(); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  EXPECT_TRUE(k.run(10s));
  return {got, peer};
}

// Two namespaces on a link: the addresses sim::World gives, by address and by name.
TEST(KernelIpv6, EchoOnALink) {
  requireKernel();
  KernelNet k(pair6());
  EXPECT_TRUE(k.world.ipv6());
  EXPECT_EQ(k.world.address6(0), "fd00::a00:1");
  EXPECT_EQ(k.world.address6(1), "fd00::a00:2");
  EXPECT_EQ(echo(k, 0, 1, "fd00::a00:2"), std::make_pair(std::string("ping"), std::string("fd00::a00:1")));
  // A name with family 6 gives its IPv6 address; family 0 its IPv4 one first, as on sim.
  EXPECT_EQ(echo(k, 0, 1, "b", 6), std::make_pair(std::string("ping"), std::string("fd00::a00:1")));
  EXPECT_EQ(echo(k, 0, 1, "b"), std::make_pair(std::string("ping"), std::string("10.0.0.1")));
}

// a - b - c: c's address on its link (10.0.0.6's image) through b, which forwards IPv6.
TEST(KernelIpv6, EchoAcrossARouter) {
  requireKernel();
  KernelNet k(six(chain3()));
  EXPECT_EQ(k.world.address6(2), "fd00::a00:6");
  EXPECT_EQ(echo(k, 0, 2, "fd00::a00:6"), std::make_pair(std::string("ping"), std::string("fd00::a00:1")));
  EXPECT_EQ(echo(k, 2, 0, "a", 6), std::make_pair(std::string("ping"), std::string("fd00::a00:6")));
}

// Without Topology::ipv6 a name has no IPv6 address (sim::World without IPv6 neither).
TEST(KernelIpv6, NoIpv6WithoutTheFlag) {
  requireKernel();
  KernelNet k(chain3());
  EXPECT_FALSE(k.world.ipv6());
  EXPECT_EQ(k.world.address6(0), "");
  std::string code;
  net::ConnectOptions o;
  o.port = 7000;
  o.host = "b";
  o.family = 6;
  auto c = k.node(0).connect(o);
  c->on(net::ev::error, [&](const net::Error& e) { code = std::string(e.code()); });
  ASSERT_TRUE(k.run(5s));
  EXPECT_EQ(code, "ENOTFOUND");
}

// Round trips of one byte over IPv6 from node 0 to `host` (port 7000 on node `to`), kCount
// of them, in ms; `remote` is the address the client's socket reached.
constexpr std::size_t kCount = 10;
std::vector<double> roundTrips(KernelNet& k, std::size_t to, const std::string& host, std::string& remote) {
  std::vector<double> rtt;
  auto server = k.node(to).createServer([](std::shared_ptr<net::Socket> sock) {
    sock->on(net::ev::data, [sock](const net::Buffer& b) { sock->write(b); });
    sock->on(net::ev::end, [sock] { sock->end(); });
  });
  net::Time sentAt{0};
  server->listen(7000, [&] {
    auto c = k.node(0).connect(7000, host);
    auto next = [&, c] {
      if (rtt.size() == kCount) {
        c->end();
        server->close();
        return;
      }
      sentAt = k.node(0).now();
      c->write("x");
    };
    c->on(net::ev::connect, [&, c, next] {
      remote = c->remoteAddress();
      next();
    });
    c->on(net::ev::data, [&, next](const net::Buffer&) {
      rtt.push_back(std::chrono::duration<double, std::milli>(k.node(0).now() - sentAt).count());
      next();
    });
  });
  EXPECT_TRUE(k.run(30s));
  return rtt;
}

// 50 ms each way on the link: IPv6 packets pass the delay line too (the rule in table ip6
// netbed_ID), so every round trip takes at least 100 ms, and hardly more.
TEST(KernelIpv6, RoundTripIsTwiceTheLinksDelay) {
  requireKernel();
  Shape s;
  s.delayNs = 50 * kMs;
  KernelNet k(pair6(s));
  std::string remote;
  auto rtt = roundTrips(k, 1, "fd00::a00:2", remote);
  EXPECT_EQ(remote, "fd00::a00:2");
  ASSERT_EQ(rtt.size(), kCount);
  EXPECT_GE(*std::min_element(rtt.begin(), rtt.end()), 100.0);
  EXPECT_LE(percentile(rtt, 50), 115.0); // the delay tests' slack: 15 ms
  auto [accepted, dropped] = k.world.acceptedDropped(0, 1);
  EXPECT_GE(accepted, kCount); // the data segments at least, all IPv6: queued by the ip6 table's rule
  EXPECT_EQ(dropped, 0u);
}

// a - b - c with 20 ms and 30 ms: the router's two interfaces each feed a queue (two rules in
// each of its tables), and a round trip from a to c takes 2 x 50 ms at least.
TEST(KernelIpv6, ARouterWithTwoDelayedLinks) {
  requireKernel();
  Topology t = six(chain3());
  Shape d1, d2;
  d1.delayNs = 20 * kMs;
  d2.delayNs = 30 * kMs;
  t.shapes = {d1, d2};
  KernelNet k(t);
  std::string remote;
  auto rtt = roundTrips(k, 2, "fd00::a00:6", remote);
  EXPECT_EQ(remote, "fd00::a00:6");
  ASSERT_EQ(rtt.size(), kCount);
  EXPECT_GE(*std::min_element(rtt.begin(), rtt.end()), 100.0);
  EXPECT_LE(percentile(rtt, 50), 115.0);
}

// The server's node crashes: its IPv6 address answers nothing. A connection made before
// hears no echo, no FIN, no RST; a new one gets no SYN-ACK and no RST and times out after
// the profile's one SYN retry: SYN at 0 and 1 s, given up at 3 s (1 s + 2 s).
TEST(KernelIpv6, ACrashedNodeAnswersNothing) {
  requireKernel();
  sim::TcpProfile tcp = sim::TcpProfile::forLinux();
  tcp.synRetries = 1;
  KernelNet k(pair6(), tcp);
  std::string echoed, code, oldEvents;
  net::Time crashedAt{0};
  double errorAt = -1;
  auto server = k.node(1).createServer(
      [](std::shared_ptr<net::Socket> s) { s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); }); });
  server->listen(7000, [&] {
    auto old = k.node(0).connect(7000, "fd00::a00:2");
    old->on(net::ev::data, [&](const net::Buffer& b) { echoed += b.toString(); });
    old->on(net::ev::end, [&] { oldEvents += "end "; });
    old->on(net::ev::error, [&](const net::Error& e) { oldEvents += std::string(e.code()) + " "; });
    old->on(net::ev::connect, [&, old] {
      k.crash(1);
      crashedAt = k.node(0).now();
      old->write("lost");
      auto fresh = k.node(0).connect(7000, "fd00::a00:2");
      fresh->on(net::ev::connect, [&] { code = "connected"; });
      fresh->on(net::ev::error, [&, old](const net::Error& e) {
        code = std::string(e.code());
        errorAt = since(k.node(0), crashedAt);
        old->destroy();
      });
    });
  });
  ASSERT_TRUE(k.run(15s));
  EXPECT_EQ(echoed, "");
  EXPECT_EQ(oldEvents, "") << "the crashed node sent a FIN or RST";
  EXPECT_EQ(code, "ETIMEDOUT");
  EXPECT_GT(errorAt, 2.5);
  EXPECT_LT(errorAt, 4.5);
}

// A link that is down drops IPv6 as it drops IPv4 (the fault rules' inet table).
TEST(KernelIpv6, LinkDownDropsIpv6) {
  requireKernel();
  sim::TcpProfile tcp = sim::TcpProfile::forLinux();
  tcp.synRetries = 1;
  KernelNet k(pair6(), tcp);
  k.world.linkDown(0, 1);
  std::string code;
  auto server = k.node(1).createServer([](std::shared_ptr<net::Socket>) {});
  server->listen(7000, [&] {
    auto c = k.node(0).connect(7000, "fd00::a00:2");
    c->on(net::ev::connect, [&] { code = "connected"; });
    c->on(net::ev::error, [&](const net::Error& e) {
      code = std::string(e.code());
      server->close();
    });
  });
  ASSERT_TRUE(k.run(15s));
  EXPECT_EQ(code, "ETIMEDOUT");
}

} // namespace
} // namespace kerneltest
