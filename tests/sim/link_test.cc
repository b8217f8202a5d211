// Link parameters beyond delay and bandwidth: jitter and bursty loss.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// One-way delays of 20 small messages sent 100 ms apart over `spec`.
std::vector<net::Duration> delays(const sim::LinkSpec& spec, std::uint64_t seed = 1) {
  sim::World world(seed);
  auto& a = world.node("a");
  auto& b = world.node("b");
  world.link(a, b, spec);
  std::vector<net::Time> sent, arrived;
  auto server = b.net().createServer([&](std::shared_ptr<net::Socket> s) {
    s->setNoDelay(true);
    s->on(net::ev::data, [&](const net::Buffer& d) {
      for (std::size_t i = 0; i < d.size(); ++i)
        arrived.push_back(b.net().now());
    });
  });
  server->listen(9);
  auto c = a.net().connect(9, "b");
  c->on(net::ev::connect, [&, c] {
    for (int i = 0; i < 20; ++i)
      a.net().setTimeout(std::chrono::milliseconds(100 * i), [&, c, i] {
        sent.push_back(a.net().now());
        c->write("x");
        if (i == 19)
          c->end();
      });
  });
  c->on(net::ev::close, [server](bool) { server->close(); });
  EXPECT_TRUE(world.run(60s));
  std::vector<net::Duration> out;
  // The first message queues behind the handshake's last ACK: it is left out.
  for (std::size_t i = 1; i < std::min(sent.size(), arrived.size()); ++i)
    out.push_back(arrived[i] - sent[i]);
  EXPECT_EQ(out.size(), 19u);
  return out;
}

TEST(Link, JitterSpreadsDelaysWithinItsBoundAndKeepsOrder) {
  // 8 Mbit/s: a 1-byte segment (with TCP timestamps: 2 + 20 + 32 + 1 bytes) takes 55 µs,
  // and ns-3 transmits a segment one time step (1 ns) after the write.
  constexpr net::Duration kWire = 55us + 1ns;
  auto fixed = delays({8'000'000, 5ms});
  std::set<net::Duration> distinctFixed(fixed.begin(), fixed.end());
  EXPECT_EQ(distinctFixed.size(), 1u);
  EXPECT_EQ(*distinctFixed.begin(), 5ms + kWire);

  auto jittered = delays({8'000'000, 5ms, 0, 100, 2ms});
  std::set<net::Duration> distinct(jittered.begin(), jittered.end());
  EXPECT_GT(distinct.size(), 10u);
  for (auto d : jittered) {
    EXPECT_GE(d, 5ms + kWire);
    EXPECT_LE(d, 7ms + kWire);
  }
  EXPECT_EQ(delays({8'000'000, 5ms, 0, 100, 2ms}), jittered); // same seed, same draws
  EXPECT_NE(delays({8'000'000, 5ms, 0, 100, 2ms}, 2), jittered);
}

TEST(Link, BurstyLossStillDeliversEverything) {
  sim::World world;
  auto& a = world.node("a");
  auto& b = world.node("b");
  world.link(a, b, {1'000'000, 5ms, 0.05, 100, 0ns, 4});
  std::size_t got = 0;
  auto server = b.net().createServer(
      [&](std::shared_ptr<net::Socket> s) { s->on(net::ev::data, [&](const net::Buffer& d) { got += d.size(); }); });
  server->listen(9);
  auto c = a.net().connect(9, "b");
  c->on(net::ev::connect, [c] { c->end(net::Buffer::alloc(200'000, 'z')); });
  c->on(net::ev::close, [server](bool) { server->close(); });
  EXPECT_TRUE(world.run(600s));
  EXPECT_EQ(got, 200'000u);
}

} // namespace
