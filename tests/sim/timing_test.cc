// Exact times on the simulated backend: computed from the link's delay and bandwidth,
// asserted to the nanosecond.
#include <gtest/gtest.h>

#include <ns3/boolean.h>
#include <ns3/config.h>

#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// 8 Mbit/s: one byte takes exactly 1 µs on the wire. Bare 20-byte TCP headers (no
// timestamp, window-scale or SACK options) keep the sizes easy to check by hand:
// a segment on the wire is PPP 2 + IPv4 20 + TCP 20 + payload bytes.
constexpr std::uint64_t kRate = 8'000'000;
constexpr net::Duration kDelay = 5ms;
constexpr net::Duration wire(std::size_t payload) { return std::chrono::microseconds(2 + 20 + 20 + payload); }

void bareTcpHeaders() {
  ns3::Config::SetDefault("ns3::TcpSocketBase::Timestamp", ns3::BooleanValue(false));
  ns3::Config::SetDefault("ns3::TcpSocketBase::WindowScaling", ns3::BooleanValue(false));
  ns3::Config::SetDefault("ns3::TcpSocketBase::Sack", ns3::BooleanValue(false));
}

TEST(Timing, ConnectAndFirstDataAtComputedTimes) {
  sim::World world;
  bareTcpHeaders();
  auto& server = world.node("server");
  auto& client = world.node("client");
  world.link(server, client, {kRate, kDelay});

  net::Time accepted{-1}, dataAt{-1}, connectedAt{-1};
  auto srv = server.net().createServer([&](std::shared_ptr<net::Socket> s) {
    accepted = server.net().now();
    s->on(net::ev::data, [&, s](const net::Buffer& b) {
      dataAt = server.net().now();
      EXPECT_EQ(b.size(), 64u);
      s->end();
    });
  });
  srv->listen(7000);
  auto c = client.net().connect(7000, "server");
  c->on(net::ev::connect, [&, c] {
    connectedAt = client.net().now();
    c->end(net::Buffer::alloc(64, 'x'));
  });
  c->on(net::ev::close, [srv](bool) { srv->close(); });
  ASSERT_TRUE(world.run(10s));

  // SYN out, SYN-ACK back: two bare segments and two propagation delays.
  EXPECT_EQ(connectedAt, wire(0) + kDelay + wire(0) + kDelay);
  // The handshake's ACK reaches the server one bare segment and a delay later.
  EXPECT_EQ(accepted, connectedAt + wire(0) + kDelay);
  // The data segment queues behind that ACK on the client's device.
  EXPECT_EQ(dataAt, connectedAt + wire(0) + wire(64) + kDelay);
}

} // namespace
