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
