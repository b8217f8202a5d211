// Shared segments: many devices on one medium, and pcap output.
#include <gtest/gtest.h>

#include <sys/stat.h>

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
