// Faults at exact simulated times, and what the peers see: ETIMEDOUT from keepalive or
// retransmissions after a silent crash, ECONNRESET after a reboot, a partition survived
// or not.
#include <gtest/gtest.h>

#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

struct Seen {
  net::Time dataAt{-1};
  net::Time errorAt{-1};
  std::string code;
  bool closed = false;
  std::string received;
};

// A server that echoes on `server`, a client on `client` that sends "hello" once connected.
std::shared_ptr<net::Socket> echoPair(sim::World& world, sim::Node& server, sim::Node& client, Seen& seen,
                                      bool keepAlive, net::Duration keepAliveDelay = 0s) {
  auto srv = server.net().createServer([](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
    s->on(net::ev::error, [](const net::Error&) {});
  });
  srv->listen(7);
  net::ConnectOptions o;
  o.port = 7;
  o.host = server.name();
  o.keepAlive = keepAlive;
  o.keepAliveInitialDelay = keepAliveDelay;
  auto c = client.net().connect(o);
  c->on(net::ev::connect, [c] { c->write("hello"); });
  c->on(net::ev::data, [&seen, &client](const net::Buffer& b) {
    seen.dataAt = client.net().now();
    seen.received += b.toString();
  });
  c->on(net::ev::error, [&seen, &client](const net::Error& e) {
    seen.errorAt = client.net().now();
    seen.code = std::string(e.code());
  });
  c->on(net::ev::close, [&seen](bool) { seen.closed = true; });
  static_cast<void>(world);
  return c;
}

TEST(Faults, CrashedPeerFoundByKeepAliveAtComputedTime) {
  sim::World world;
  auto& server = world.node("server");
  auto& client = world.node("client");
  world.link(server, client, {100'000'000, 1ms});
  Seen seen;
  echoPair(world, server, client, seen, true, 5s);
  world.at(1s, [&] { world.crash(server); });
  world.run(120s);
  EXPECT_EQ(seen.received, "hello");
  EXPECT_EQ(seen.code, "ETIMEDOUT");
  EXPECT_TRUE(seen.closed);
  // The echo was the last segment heard; after 5 s of silence, 10 probes 1 s apart go
  // unanswered: the connection ends 5 s + 10 s after that segment arrived.
  EXPECT_EQ(seen.errorAt, seen.dataAt + 15s);
}

TEST(Faults, CrashedPeerWithoutKeepAliveIsSilentUntilAWrite) {
  sim::World world;
  auto& server = world.node("server");
  auto& client = world.node("client");
  world.link(server, client, {100'000'000, 1ms});
  Seen seen;
  auto c = echoPair(world, server, client, seen, false);
  world.at(1s, [&] { world.crash(server); });
  world.at(30s, [&] { c->write("anyone?"); });
  world.run(3600s);
  EXPECT_EQ(seen.code, "ETIMEDOUT");
  EXPECT_TRUE(seen.closed);
  // Nothing is noticed before the write; then the retransmissions take more than a minute
  // (ns-3: DataRetries 6, RTO from 1 s doubling).
  EXPECT_GT(seen.errorAt, net::Time(30s + 60s));
  EXPECT_LT(seen.errorAt, net::Time(30s + 600s));
}

TEST(Faults, RebootedPeerAnswersWithReset) {
  sim::World world;
  auto& server = world.node("server");
  auto& client = world.node("client");
  world.link(server, client, {100'000'000, 1ms});
  Seen seen;
  auto c = echoPair(world, server, client, seen, false);
  world.at(1s, [&] { world.crash(server); });
  world.at(2s, [&] { world.reboot(server); });
  world.at(3s, [&] { c->write("still there?"); });
  world.run(60s);
  EXPECT_EQ(seen.code, "ECONNRESET");
  EXPECT_TRUE(seen.closed);
  // One round trip after the write: the segment out, the RST back (two 1 ms hops and two
  // short frames at 100 Mbit/s).
  EXPECT_GT(seen.errorAt, net::Time(3s + 2ms));
  EXPECT_LT(seen.errorAt, net::Time(3s + 3ms));
}

TEST(Faults, ShortPartitionIsSurvivedLongOneTimesOut) {
  for (bool longOne : {false, true}) {
    sim::World world;
    auto& server = world.node("server");
    auto& client = world.node("client");
    world.link(server, client, {100'000'000, 1ms});
    Seen seen;
    auto c = echoPair(world, server, client, seen, true, 2s);
    world.at(1s, [&] { world.partition({&server}); });
    world.at(1500ms, [&] { c->write(" again"); });
    world.at(longOne ? 60s : 3s, [&] { world.heal(); });
    world.at(120s, [&] { c->end(); });
    world.run(300s);
    if (longOne) {
      EXPECT_EQ(seen.code, "ETIMEDOUT");
      EXPECT_EQ(seen.received, "hello");
    } else {
      EXPECT_EQ(seen.code, "");
      EXPECT_EQ(seen.received, "hello again");
    }
    EXPECT_TRUE(seen.closed);
  }
}

} // namespace
