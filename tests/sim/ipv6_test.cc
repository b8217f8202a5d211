// IPv6 in the simulated world: addresses beside the IPv4 ones, routed over several hops and
// over a shared segment (neighbour discovery), and names that resolve to both families.
#include <gtest/gtest.h>

#include <string>

#include "sim/topology.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// The client on `from` sends "ping" to the server on `to` over IPv6 and reads the echo.
std::string echoOverIpv6(sim::World& world, sim::Node& from, sim::Node& to, net::Address* seen = nullptr) {
  std::string echoed;
  auto server = to.net().createServer([](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [raw = s.get()](const net::Buffer& b) { raw->write(b); });
  });
  server->listen(7);
  net::ConnectOptions o;
  o.port = 7;
  o.host = to.name();
  o.family = 6;
  auto c = from.net().connect(o);
  c->on(net::ev::connect, [c, seen] {
    if (seen)
      *seen = c->remote();
    c->end("ping");
  });
  c->on(net::ev::data, [&](const net::Buffer& b) { echoed += b.toString(); });
  c->on(net::ev::close, [server](bool) { server->close(); });
  EXPECT_TRUE(world.run(60s));
  return echoed;
}

TEST(Ipv6, AddressesMirrorTheIpv4Ones) {
  sim::World world;
  world.enableIpv6();
  world.link(world.node("a"), world.node("b"));
  EXPECT_EQ(world.node("a").address(), "10.0.0.1");
  EXPECT_EQ(world.node("a").address6(), "fd00::a00:1");
  EXPECT_EQ(world.node("b").address6(), "fd00::a00:2");
  EXPECT_THROW(world.enableIpv6(), std::logic_error); // after the first node
}

TEST(Ipv6, EchoAcrossAChainOfFourHops) {
  sim::World world;
  world.enableIpv6();
  auto hops = sim::chain(world, world.node("head"), "hop", 4, {10'000'000, 2ms});
  net::Address remote;
  EXPECT_EQ(echoOverIpv6(world, *hops.back(), world.node("head"), &remote), "ping");
  EXPECT_EQ(remote.family, 6);
  EXPECT_EQ(remote.address, world.node("head").address6());
}

TEST(Ipv6, EchoOverASharedSegment) {
  sim::World world;
  world.enableIpv6();
  world.segment({&world.node("gateway"), &world.node("s1"), &world.node("s2")});
  EXPECT_EQ(echoOverIpv6(world, world.node("s2"), world.node("gateway")), "ping");
}

TEST(Ipv6, WithoutIpv6NamesHaveNoIpv6Address) {
  sim::World world;
  world.link(world.node("a"), world.node("b"));
  EXPECT_EQ(world.node("b").address6(), "");
  net::ConnectOptions o;
  o.port = 7;
  o.host = "b";
  o.family = 6;
  auto c = world.node("a").net().connect(o);
  std::string code;
  c->on(net::ev::error, [&](const net::Error& e) { code = e.code(); });
  EXPECT_TRUE(world.run(10s));
  EXPECT_EQ(code, "ENOTFOUND");
}

// Nodes of a world without IPv6 have no IPv6 stack: as Linux with IPv6 disabled, an IPv6
// destination has no source address, and a listener binds IPv4 only.
TEST(Ipv6, WithoutIpv6AnIpv6AddressCannotBeConnectedTo) {
  sim::World world;
  world.link(world.node("a"), world.node("b"));
  auto server = world.node("b").net().createServer([](std::shared_ptr<net::Socket>) {});
  server->listen(7);
  for (const char* host : {"::1", "fd00::a00:2"}) {
    auto c = world.node("a").net().connect(7, host);
    std::string code;
    c->on(net::ev::error, [&](const net::Error& e) { code = e.code(); });
    world.run(1s); // the server stays: not idle
    EXPECT_EQ(code, "EADDRNOTAVAIL") << host;
  }
  server->close();
  EXPECT_TRUE(world.run(10s));
}

} // namespace
