// The kernel world on the real stack: namespaces, addresses, routes, token buckets, and
// what is left after it (nothing).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "sim/kernel/netlink.h"
#include "sim/kernel/netns.h"
#include "sim/kernel/nft.h"
#include "tests/kernel/kernel_net.h"

namespace kerneltest {
namespace {

using sim::kernel::namedNamespaces;

// An echo from a to c across b, c reached by its name: routes and forwarding work.
TEST(KernelWorld, EchoAcrossThreeNamespaces) {
  requireKernel();
  KernelNet k(chain3());
  std::string got, from;
  auto server = k.node(2).createServer([&](std::shared_ptr<net::Socket> s) {
    from = s->remoteAddress();
    s->on(net::ev::data, [s](const net::Buffer& b) { s->end(b); });
  });
  server->listen(7000, [&] {
    auto c = k.node(0).connect(7000, "c");
    c->on(net::ev::connect, [c] { c->write("ping"); });
    c->on(net::ev::data, [&](const net::Buffer& b) { got += b.toString(); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(k.run(10s));
  EXPECT_EQ(got, "ping");
  EXPECT_EQ(from, "10.0.0.1"); // a's address on its link, as sim::World gives it
  EXPECT_EQ(k.world.address(2), "10.0.0.6");
  EXPECT_EQ(namedNamespaces("netbed-" + k.world.runId()).size(), 3u);
  EXPECT_EQ(k.world.namespaceName(1), "netbed-" + k.world.runId() + "-b");
}

// Bulk data across a 10 Mbit/s link arrives at the token bucket's rate: goodput is the rate
// less the headers (1448 of every 1514 bytes on the wire): at most 15 % above (the bucket),
// at most 25 % below (a receiver slowed by a loaded machine).
TEST(KernelWorld, BandwidthIsTheTokenBucketsRate) {
  requireKernel();
  const std::uint64_t rate = 10'000'000;
  Topology t;
  t.nodes = {"a", "b"};
  t.links = {{0, 1, rate, 100}};
  KernelNet k(t);
  const std::size_t total = 2'000'000;
  std::size_t received = 0;
  net::Time first{0}, last{0};
  sendToB(k, total, [&](const net::Buffer& b) {
    if (received == 0)
      first = k.node(1).now();
    received += b.size();
    last = k.node(1).now();
  });
  ASSERT_TRUE(k.run(20s));
  ASSERT_EQ(received, total);
  double seconds = std::chrono::duration<double>(last - first).count();
  double goodput = static_cast<double>(total) * 8 / seconds;
  double expected = static_cast<double>(rate) * 1448 / 1514;
  EXPECT_GT(goodput, 0.75 * expected) << seconds << " s";
  EXPECT_LT(goodput, 1.15 * expected) << seconds << " s";
}

// A world with a segment and faults in force leaves nothing once gone: no namespace of its
// id, no lock, and the host's interfaces and rules as they were (read, never changed).
TEST(KernelWorld, NothingIsLeftAfterIt) {
  requireKernel();
  sim::kernel::Fd host = sim::kernel::currentNamespace();
  auto hostLinks = sim::kernel::Netlink(host.get()).links();
  auto hostRules = sim::kernel::nftRuleset(host.get());
  std::string id;
  {
    Topology t = chain3();
    t.nodes.push_back("d");
    t.segments = {{{1, 2, 3}, 10'000'000, 100}};
    KernelNet k(t);
    id = k.world.runId();
    k.world.linkDown(0, 1);
    k.world.partition({3});
    k.crash(2);
    EXPECT_EQ(namedNamespaces("netbed-" + id).size(), 5u); // four nodes and the segments'
    EXPECT_NE(sim::kernel::nftRuleset(k.world.ns(0)).find("netbed_" + id), std::string::npos);
  }
  EXPECT_TRUE(namedNamespaces("netbed-" + id).empty());
  EXPECT_NE(access(("/run/netbed/" + id + ".lock").c_str(), F_OK), 0);
  EXPECT_EQ(sim::kernel::Netlink(host.get()).links(), hostLinks);
  EXPECT_EQ(sim::kernel::nftRuleset(host.get()), hostRules);
}

// A star of 100 namespaces (a gateway and 99 leaves) builds and goes within seconds; the
// times are printed (sim/kernel/README.md quotes them).
TEST(KernelWorld, AHundredNamespacesBuildAndGoQuickly) {
  requireKernel();
  Topology t;
  t.nodes.push_back("gateway");
  for (std::size_t i = 1; i < 100; ++i) {
    t.nodes.push_back("leaf-" + std::to_string(i));
    t.links.push_back({0, i, 10'000'000, 100});
  }
  auto began = std::chrono::steady_clock::now();
  auto world = std::make_unique<sim::kernel::World>(t, sim::TcpProfile::forLinux());
  auto built = std::chrono::steady_clock::now();
  std::string id = world->runId();
  world.reset();
  auto gone = std::chrono::steady_clock::now();
  double setup = std::chrono::duration<double>(built - began).count();
  double teardown = std::chrono::duration<double>(gone - built).count();
  std::printf("100 namespaces, 99 links: setup %.3f s, teardown %.3f s\n", setup, teardown);
  EXPECT_LT(setup, 20.0);
  EXPECT_LT(teardown, 20.0);
  EXPECT_TRUE(namedNamespaces("netbed-" + id).empty());
}

} // namespace
} // namespace kerneltest
