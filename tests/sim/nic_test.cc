// SystemC NICs as the interfaces of simulated nodes: a link's ends can be NIC models, their
// drops appear in the trace and their counters in the world's reports.
#include <gtest/gtest.h>

#include <string>

#include "sim/topology.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// Each sensor uploads `bytes` to the gateway at t = 0 and closes; returns the bytes received.
std::size_t uploads(sim::World& world, const std::vector<sim::Node*>& sensors, std::size_t bytes) {
  std::size_t received = 0;
  int closed = 0;
  auto server = world.node("gateway").net().createServer([&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [&](const net::Buffer& b) { received += b.size(); });
  });
  server->listen(80);
  for (sim::Node* n : sensors) {
    auto c = n->net().connect(80, "gateway");
    c->on(net::ev::connect, [c, bytes] { c->end(net::Buffer::alloc(bytes, 'x')); });
    c->on(net::ev::close, [&, server, count = sensors.size()](bool) {
      if (++closed == static_cast<int>(count))
        server->close();
    });
  }
  EXPECT_TRUE(world.run(600s));
  return received;
}

TEST(Nic, SpiEthernetSensorFacingAnNs3Gateway) {
  sim::World world;
  world.trace().keep();
  auto& sensor = world.node("sensor");
  world.setNic(sensor, model::SpiEthernetNic{});
  world.link(world.node("gateway"), sensor, {10'000'000, 1ms});
  EXPECT_EQ(uploads(world, {&sensor}, 20'000), 20'000u);
  auto reports = world.nicReports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].node, "sensor");
  EXPECT_EQ(reports[0].model, "spi-ethernet");
  EXPECT_EQ(reports[0].device, 1u); // after the loopback
  // 20,000 bytes in 1448-byte segments: at least 14 data frames, plus the handshake.
  EXPECT_GE(reports[0].stats.txFrames, 16u);
  EXPECT_GE(reports[0].stats.rxFrames, 2u);
}

TEST(Nic, ABurstOverflowsTheSpiBufferAndTcpStillDeliversEverything) {
  sim::World world;
  world.trace().keep();
  auto& gw = world.node("gateway");
  // Each sensor downloads from the gateway's fast ns-3 device into its small buffer.
  std::vector<sim::Node*> sensors;
  for (int i = 1; i <= 4; ++i) {
    auto& s = world.node("sensor-" + std::to_string(i));
    world.setNic(s, model::SpiEthernetNic{});
    world.link(gw, s, {100'000'000, 100us});
    sensors.push_back(&s);
  }
  std::size_t received = 0;
  int closed = 0;
  auto server = gw.net().createServer([](std::shared_ptr<net::Socket> s) { s->end(net::Buffer::alloc(200'000, 'd')); });
  server->listen(80);
  for (sim::Node* n : sensors) {
    auto c = n->net().connect(80, "gateway");
    c->on(net::ev::data, [&](const net::Buffer& b) { received += b.size(); });
    c->on(net::ev::close, [&, server](bool) {
      if (++closed == 4)
        server->close();
    });
  }
  ASSERT_TRUE(world.run(600s));
  EXPECT_EQ(received, 4 * 200'000u);
  std::uint64_t drops = 0;
  for (const auto& r : world.nicReports())
    drops += r.stats.dropped();
  // 100 Mbit/s into a 10 Mbit/s controller read over an 8 MHz SPI bus: the buffer overflows.
  EXPECT_GT(drops, 0u);
  // Every drop is in the trace, with its cause.
  auto lines = world.trace().select("", "nic");
  EXPECT_EQ(lines.size(), drops);
  EXPECT_EQ(lines.at(0).code, "buffer_full");
}

TEST(Nic, RadioSensorsOnAStarOfRadios) {
  sim::World world;
  auto& gw = world.node("gateway");
  std::vector<sim::Node*> sensors;
  for (int i = 1; i <= 3; ++i) {
    auto& s = world.node("sensor-" + std::to_string(i));
    world.setNic(s, model::RadioNic{});
    sensors.push_back(&s);
  }
  for (auto* s : sensors)
    world.link(gw, *s, {250'000, 0ns}); // the gateway gets a default radio on each link
  EXPECT_EQ(uploads(world, sensors, 3'000), 3 * 3'000u);
  int radios = 0;
  for (const auto& r : world.nicReports())
    radios += r.model == "radio" ? 1 : 0;
  EXPECT_EQ(radios, 6);
}

TEST(Nic, SameSeedSameTraceWithNics) {
  std::string hashes[2];
  for (auto& h : hashes) {
    sim::World world(3);
    auto& gw = world.node("gateway");
    std::vector<sim::Node*> sensors;
    for (int i = 1; i <= 20; ++i) {
      auto& s = world.node("sensor-" + std::to_string(i));
      world.setNic(s, model::SpiEthernetNic{});
      world.link(gw, s, {10'000'000, 1ms, 0.02});
      sensors.push_back(&s);
    }
    EXPECT_EQ(uploads(world, sensors, 10'000), 20 * 10'000u);
    h = world.trace().hash();
  }
  EXPECT_EQ(hashes[0], hashes[1]);
}

TEST(Nic, BadCombinationsAreRejected) {
  sim::World world;
  world.setNic(world.node("radio"), model::RadioNic{});
  world.setNic(world.node("wired"), model::GenericNic{});
  EXPECT_THROW(world.link(world.node("radio"), world.node("wired")), std::invalid_argument);
  sim::LinkSpec jittery;
  jittery.jitter = 1ms;
  EXPECT_THROW(world.link(world.node("wired"), world.node("other"), jittery), std::invalid_argument);
  EXPECT_THROW(world.segment({&world.node("wired"), &world.node("other")}), std::invalid_argument);
  model::GenericNic bad;
  bad.txFifoFrames = 0;
  EXPECT_THROW(world.setNic(world.node("x"), bad), std::invalid_argument);
}

} // namespace
