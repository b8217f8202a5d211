// Shared segments: many devices on one medium, and pcap output.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <map>
#include <stdexcept>

#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

struct Result {
  int delivered = 0;
  std::string hash;
  net::Time last{0};
};

// 20 sensors and a gateway share a 1 Mbit/s medium; each sensor sends 4 KB at once.
Result uploads(const std::string& pcapPrefix = "") {
  sim::World world;
  std::vector<sim::Node*> members{&world.node("gateway")};
  for (int i = 1; i <= 20; ++i)
    members.push_back(&world.node("sensor-" + std::to_string(i)));
  world.segment(members, {1'000'000, 2us});
  if (!pcapPrefix.empty())
    world.pcap(pcapPrefix);
  Result r;
  auto server = members[0]->net().createServer([&](std::shared_ptr<net::Socket> s) {
    auto got = std::make_shared<std::size_t>(0);
    s->on(net::ev::data, [got](const net::Buffer& b) { *got += b.size(); });
    s->on(net::ev::end, [&, got] {
      r.delivered += *got == 4096 ? 1 : 0;
      r.last = members[0]->net().now();
    });
  });
  server->listen(80);
  int closed = 0;
  for (std::size_t i = 1; i < members.size(); ++i) {
    auto c = members[i]->net().connect(80, "gateway");
    c->on(net::ev::connect, [c] { c->end(net::Buffer::alloc(4096, 's')); });
    c->on(net::ev::close, [&, server](bool) {
      if (++closed == 20)
        server->close();
    });
  }
  EXPECT_TRUE(world.run(600s));
  r.hash = world.trace().hash();
  return r;
}

TEST(Segment, TwentySensorsShareOneMedium) {
  Result a = uploads();
  EXPECT_EQ(a.delivered, 20);
  // 80 KB of payload cannot cross a 1 Mbit/s medium in less than 0.65 s.
  EXPECT_GT(a.last, net::Time(650ms));
  EXPECT_EQ(uploads().hash, a.hash);
}

TEST(Segment, PcapFilesAreWritten) {
  std::string prefix = ::testing::TempDir() + "netbed-segment";
  uploads(prefix);
  struct stat st {};
  ASSERT_EQ(stat((prefix + "-0-1.pcap").c_str(), &st), 0) << prefix;
  EXPECT_GT(st.st_size, 24); // more than the pcap file header (device 0 is the loopback)
}

} // namespace

namespace {

// Four members of one LAN; "gateway" serves; records when each client connected.
struct SegmentFaultRun {
  sim::World world;
  std::vector<sim::Node*> members;
  std::map<std::string, net::Time> connected;
  std::shared_ptr<net::Server> server;
  int closed = 0;

  SegmentFaultRun() {
    for (const char* n : {"gateway", "a", "b", "c"})
      members.push_back(&world.node(n));
    world.segment(members, {10'000'000, 1us});
    server = world.node("gateway").net().createServer([](std::shared_ptr<net::Socket> s) { s->end(); });
    server->listen(80);
  }
  // Each client connects at `at`; the server closes when all three are done.
  void connectAt(net::Time at) {
    for (const char* n : {"a", "b", "c"})
      world.at(at, [this, n] {
        auto c = world.node(n).net().connect(80, "gateway");
        c->on(net::ev::connect, [this, n] { connected[n] = world.now(); });
        c->on(net::ev::close, [this](bool) {
          if (++closed == 3)
            server->close();
        });
      });
  }
};

TEST(Segment, PartitionCutsTheMediumBetweenSidesUntilHealed) {
  SegmentFaultRun r;
  r.world.at(net::Time(1s), [&] { r.world.partition({r.members[0], r.members[1]}); });
  r.connectAt(net::Time(2s));
  r.world.at(net::Time(5s), [&] { r.world.heal(); });
  ASSERT_TRUE(r.world.run(120s));
  ASSERT_EQ(r.connected.size(), 3u);
  // "a" is on the gateway's side: connected at once (ARP's random delay of up to 10 ms each
  // way, the medium's backoff, the handshake).
  EXPECT_LT(r.connected["a"].count(), net::Time(2s + 100ms).count());
  // "b" and "c" were cut off until the heal; their retransmitted SYNs get through after it.
  EXPECT_GT(r.connected["b"].count(), net::Time(5s).count());
  EXPECT_GT(r.connected["c"].count(), net::Time(5s).count());
}

TEST(Segment, LinkDownBetweenTwoMembersCutsOnlyThatPair) {
  SegmentFaultRun r;
  r.world.at(net::Time(1s), [&] { r.world.linkDown(r.world.node("gateway"), r.world.node("c")); });
  r.connectAt(net::Time(2s));
  r.world.at(net::Time(5s), [&] { r.world.linkUp(r.world.node("gateway"), r.world.node("c")); });
  ASSERT_TRUE(r.world.run(120s));
  ASSERT_EQ(r.connected.size(), 3u);
  EXPECT_LT(r.connected["a"].count(), net::Time(2s + 100ms).count());
  EXPECT_LT(r.connected["b"].count(), net::Time(2s + 100ms).count());
  EXPECT_GT(r.connected["c"].count(), net::Time(5s).count());
}

TEST(Segment, LinkDownBetweenNodesThatShareNothingIsAnError) {
  sim::World world;
  world.segment({&world.node("a"), &world.node("b")});
  world.node("z");
  EXPECT_THROW(world.linkDown(world.node("a"), world.node("z")), std::invalid_argument);
}

} // namespace
