// What a user's own test looks like: declare the hosts, start the apps, run, assert on
// events and exact times.
#include <gtest/gtest.h>

#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

TEST(Fixture, TenLineTest) {
  sim::World world;
  world.trace().keep();
  world.link(world.node("gateway"), world.node("sensor"), {250'000, 5ms});
  auto server = world.node("gateway").net().createServer([](std::shared_ptr<net::Socket> s) { s->end("ok"); });
  server->listen(80);
  auto client = world.node("sensor").net().connect(80, "gateway");
  client->on(net::ev::data, [](const net::Buffer&) {}); // as in Node: unread data holds 'end' back
  client->on(net::ev::close, [server](bool) { server->close(); });
  ASSERT_TRUE(world.run(10s));

  EXPECT_EQ(world.trace().select("sensor", "data").size(), 1u);
  EXPECT_EQ(world.trace().select("sensor", "error").size(), 0u);
  auto close = world.trace().select("sensor", "close");
  ASSERT_EQ(close.size(), 1u);
  // 'end' comes with the server's FIN, right behind its data: the reply arrived whole.
  EXPECT_EQ(world.trace().select("sensor", "end").at(0).t, close[0].t);
  EXPECT_GT(world.trace().select("gateway", "close").at(0).t, close[0].t);
  EXPECT_EQ(world.trace().select("", "fault").size(), 0u);
}

} // namespace

namespace {

// A fault scheduled after the applications are done still happens: run() does not call the
// world idle while an at() call is pending.
TEST(Fixture, RunWaitsForScheduledFaults) {
  sim::World world;
  world.trace().keep();
  world.link(world.node("a"), world.node("b"));
  bool called = false;
  world.at(net::Time(30s), [&] {
    called = true;
    world.crash(world.node("b"));
  });
  EXPECT_TRUE(world.run(60s));
  EXPECT_TRUE(called);
  EXPECT_EQ(world.now(), net::Time(30s));
  ASSERT_EQ(world.trace().select("", "fault").size(), 1u);
  // Beyond the limit, the call is still pending: the run is not idle.
  world.at(net::Time(100s), [] {});
  EXPECT_FALSE(world.run(10s));
}

} // namespace
