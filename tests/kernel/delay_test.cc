// The delay line (sim/kernel/delay_line.h) on the real stack: a link's delay in the round
// trip, its loss among datagrams, jitter that keeps order, a setDelay and its undo. Real
// time: the windows are derived from the delays set, with a slack for a loaded machine; the
// added latency over the configured delay (p50, p99) and the packets per second through one
// link are printed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "tests/kernel/datagrams.h"
#include "tests/kernel/kernel_net.h"

namespace kerneltest {
namespace {

using sim::kernel::Shape;

// What the machine adds to a round trip beyond the configured delay (two namespaces, the
// delay line's thread twice, a loaded 2-core machine): measured ~0.3 ms; the window allows 15.
constexpr double kSlackMs = 15;

Topology pair(const Shape& shape, std::uint64_t bandwidth = 100'000'000) {
  Topology t;
  t.nodes = {"a", "b"};
  t.links = {{0, 1, bandwidth, 100}};
  t.shapes = {shape};
  t.seed = 7;
  return t;
}

Shape delay(std::int64_t ns) {
  Shape s;
  s.delayNs = ns;
  return s;
}

// Round trips of one byte on a TCP connection from a to b, `count` of them; each sample in
// ms. `between(i)` runs before round trip i.
std::vector<double> roundTrips(KernelNet& k, std::size_t count, std::function<void(std::size_t)> between = {}) {
  std::vector<double> rtt;
  auto server = k.node(1).createServer([](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
    s->on(net::ev::end, [s] { s->end(); });
  });
  auto sentAt = std::make_shared<net::Time>();
  server->listen(7000, [&, server, sentAt] {
    auto c = k.node(0).connect(7000, "b");
    auto next = [&, c, sentAt, server] {
      if (rtt.size() == count) {
        c->end();
        server->close();
        return;
      }
      if (between)
        between(rtt.size());
      *sentAt = k.node(0).now();
      c->write("x");
    };
    c->on(net::ev::connect, next);
    c->on(net::ev::data, [&, next, sentAt](const net::Buffer&) {
      rtt.push_back(std::chrono::duration<double, std::milli>(k.node(0).now() - *sentAt).count());
      next();
    });
  });
  EXPECT_TRUE(k.run(60s));
  return rtt;
}

// 50 ms each way: every round trip takes at least 100 ms, and hardly more.
TEST(KernelDelay, RoundTripIsTwiceTheLinksDelay) {
  requireKernel();
  KernelNet k(pair(delay(50 * kMs)));
  auto rtt = roundTrips(k, 20);
  ASSERT_EQ(rtt.size(), 20u);
  double least = *std::min_element(rtt.begin(), rtt.end());
  std::printf("rtt over 100 ms: p50 %.3f ms, max %.3f ms\n", percentile(rtt, 50) - 100,
              *std::max_element(rtt.begin(), rtt.end()) - 100);
  EXPECT_GE(least, 100.0);
  EXPECT_LE(percentile(rtt, 50), 100.0 + kSlackMs);
}

// 20 % independent loss: of 500 datagrams (0.2 ms apart), between 10 and 30 % are lost; the
// delay line counts what it dropped, the receiver misses exactly those.
TEST(KernelDelay, LossDropsItsShareOfPackets) {
  requireKernel();
  Shape s = delay(1 * kMs);
  s.loss = 0.2;
  KernelNet k(pair(s));
  auto r = blast(k.world, 500, 2 * kMs / 10, 300 * kMs);
  auto [accepted, dropped] = k.world.acceptedDropped(0, 1);
  std::size_t lost = 500 - r.seq.size();
  EXPECT_GE(lost, 50u);
  EXPECT_LE(lost, 150u);
  EXPECT_EQ(dropped, lost);
  EXPECT_EQ(accepted, r.seq.size());
}

// Three members on one segment (a bridge): every frame a member receives waits the medium's
// delay, whoever sent it.
Topology segment(const Shape& shape, std::vector<std::pair<std::size_t, std::size_t>> unreachable = {}) {
  Topology t;
  t.nodes = {"a", "b", "c"};
  t.segments = {{{0, 1, 2}, 100'000'000, 100, shape, std::move(unreachable)}};
  t.seed = 7;
  return t;
}

TEST(KernelDelay, ASegmentDelaysWhatEachMemberReceives) {
  requireKernel();
  KernelNet k(segment(delay(30 * kMs)));
  for (auto [from, to] : {std::pair<std::size_t, std::size_t>{0, 1}, {2, 0}}) {
    auto r = blast(k.world, 50, 2 * kMs, 200 * kMs, from, to);
    ASSERT_EQ(r.seq.size(), 50u);
    EXPECT_GE(percentile(r.oneWayMs, 0), 30.0);
    EXPECT_LE(percentile(r.oneWayMs, 50), 30 + kSlackMs);
  }
}

TEST(KernelDelay, ASegmentsLossFallsOnEachReceiver) {
  requireKernel();
  Shape s;
  s.loss = 0.2;
  KernelNet k(segment(s));
  for (auto [from, to] : {std::pair<std::size_t, std::size_t>{0, 1}, {1, 2}}) {
    auto r = blast(k.world, 500, kMs / 5, 300 * kMs, from, to);
    std::size_t lost = 500 - r.seq.size(); // binomial: mean 100, sd 9
    EXPECT_GE(lost, 50u);
    EXPECT_LE(lost, 150u);
  }
}

// A segment's `unreachable` pair: a and c share the medium with b but never hear each other.
TEST(KernelDelay, UnreachableMembersOfASegmentDoNotHearEachOther) {
  requireKernel();
  KernelNet k(segment({}, {{0, 2}}));
  EXPECT_EQ(blast(k.world, 20, kMs, 200 * kMs, 0, 2).seq.size(), 0u);
  EXPECT_EQ(blast(k.world, 20, kMs, 200 * kMs, 2, 0).seq.size(), 0u);
  EXPECT_EQ(blast(k.world, 20, kMs, 200 * kMs, 0, 1).seq.size(), 20u);
  EXPECT_EQ(blast(k.world, 20, kMs, 200 * kMs, 1, 2).seq.size(), 20u);
}

// Bursty loss (mean burst 4): about the same share lost, in runs.
TEST(KernelDelay, BurstyLossDropsInRuns) {
  requireKernel();
  Shape s = delay(1 * kMs);
  s.loss = 0.2;
  s.burst = 4;
  KernelNet k(pair(s));
  auto r = blast(k.world, 2000, 2 * kMs / 10, 300 * kMs);
  std::vector<bool> got(2000, false);
  for (auto q : r.seq)
    got[q] = true;
  std::size_t lost = 0, runs = 0;
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!got[i]) {
      ++lost;
      if (i == 0 || got[i - 1])
        ++runs;
    }
  ASSERT_GT(runs, 0u);
  double meanRun = static_cast<double>(lost) / static_cast<double>(runs);
  std::printf("bursty: %zu of 2000 lost in %zu runs (mean %.2f)\n", lost, runs, meanRun);
  EXPECT_GE(lost, 200u); // 10 .. 30 %
  EXPECT_LE(lost, 600u);
  EXPECT_GE(meanRun, 2.5);
  EXPECT_LE(meanRun, 6.0);
}

// A TCP transfer across 10 % loss each way completes: the kernel retransmits what the delay
// line dropped (a few seconds at most: some retransmissions back off).
TEST(KernelDelay, TcpCompletesAcrossLoss) {
  requireKernel();
  Shape s = delay(2 * kMs);
  s.loss = 0.1;
  KernelNet k(pair(s));
  const std::size_t total = 50'000;
  std::size_t received = 0;
  sendToB(k, total, [&](const net::Buffer& b) { received += b.size(); });
  ASSERT_TRUE(k.run(60s));
  EXPECT_EQ(received, total);
  EXPECT_GT(k.world.acceptedDropped(0, 1).second, 0u);
}

// 5 ms delay and 20 ms jitter on datagrams 0.2 ms apart: without order kept most would
// overtake each other; every one arrives, in the order sent, after at least the delay.
TEST(KernelDelay, JitterKeepsOrder) {
  requireKernel();
  Shape s = delay(5 * kMs);
  s.jitterNs = 20 * kMs;
  KernelNet k(pair(s));
  auto r = blast(k.world, 300, kMs / 5, 300 * kMs);
  ASSERT_EQ(r.seq.size(), 300u);
  EXPECT_TRUE(std::is_sorted(r.seq.begin(), r.seq.end()));
  EXPECT_GE(*std::min_element(r.oneWayMs.begin(), r.oneWayMs.end()), 5.0);
  EXPECT_GE(percentile(r.oneWayMs, 50), 10.0); // the jitter is there
  EXPECT_LE(percentile(r.oneWayMs, 50), 25.0 + kSlackMs);
}

// 10 ms each way; round trips 10 .. 19 under a setDelay of 60 ms, then its undo: ~20 ms,
// ~120 ms, ~20 ms again.
TEST(KernelDelay, SetDelayChangesTheRoundTripAndUndoRestoresIt) {
  requireKernel();
  KernelNet k(pair(delay(10 * kMs)));
  sim::kernel::FaultId id = 0;
  auto rtt = roundTrips(k, 30, [&](std::size_t i) {
    if (i == 10)
      id = k.world.setDelay(0, 1, 60 * kMs);
    if (i == 20)
      k.world.undo(id);
  });
  ASSERT_EQ(rtt.size(), 30u);
  std::vector<double> before(rtt.begin(), rtt.begin() + 10), during(rtt.begin() + 11, rtt.begin() + 20),
      after(rtt.begin() + 21, rtt.end());
  EXPECT_GE(percentile(before, 0), 20.0);
  EXPECT_LE(percentile(before, 50), 20.0 + kSlackMs);
  EXPECT_GE(percentile(during, 0), 120.0);
  EXPECT_LE(percentile(during, 50), 120.0 + kSlackMs);
  EXPECT_GE(percentile(after, 0), 20.0);
  EXPECT_LE(percentile(after, 50), 20.0 + kSlackMs);
  EXPECT_EQ(k.world.shape(0, 1).delayNs, 10 * kMs);
}

// A node crashed and rebooted gets a fresh namespace: its link's queues are bound there
// again, and the round trip still takes twice the delay.
TEST(KernelDelay, ARebootedNodeKeepsItsLinksDelay) {
  requireKernel();
  KernelNet k(pair(delay(20 * kMs)));
  k.crash(1);
  k.world.reboot(1);
  auto rtt = roundTrips(k, 5);
  ASSERT_EQ(rtt.size(), 5u);
  EXPECT_GE(percentile(rtt, 0), 40.0);
  EXPECT_LE(percentile(rtt, 50), 40.0 + kSlackMs);
}

// A setLoss on a link without a shape puts it on the delay line; its undo gives back no loss.
TEST(KernelDelay, SetLossOnAPlainLinkAndItsUndo) {
  requireKernel();
  KernelNet k(pair(Shape{}));
  auto id = k.world.setLoss(0, 1, 0.5);
  auto lossy = blast(k.world, 400, kMs / 5, 200 * kMs);
  k.world.undo(id);
  auto clean = blast(k.world, 400, kMs / 5, 200 * kMs);
  EXPECT_GE(400 - lossy.seq.size(), 120u);
  EXPECT_LE(400 - lossy.seq.size(), 280u);
  EXPECT_EQ(clean.seq.size(), 400u);
  EXPECT_EQ(k.world.shape(0, 1).loss, 0.0);
}

// The measurements the issue asks for: the latency added over a 10 ms delay (p50, p99) at
// 1,000 datagrams/s, and the datagrams per second one link direction carries (a 1 Gbit/s
// link, as fast as the sender goes).
TEST(KernelDelay, AddedLatencyAndThroughput) {
  requireKernel();
  {
    KernelNet k(pair(delay(10 * kMs), 1'000'000'000));
    auto r = blast(k.world, 2000, kMs, 200 * kMs);
    auto [accepted, dropped] = k.world.acceptedDropped(0, 1);
    // The delay line drops nothing here; the receiver may (a loaded machine): a few allowed.
    EXPECT_EQ(dropped, 0u);
    EXPECT_EQ(accepted, 2000u);
    ASSERT_GE(r.seq.size(), 1990u);
    std::vector<double> added;
    for (double ms : r.oneWayMs)
      added.push_back(ms - 10);
    std::printf("added over 10 ms: p50 %.3f ms, p99 %.3f ms\n", percentile(added, 50), percentile(added, 99));
    EXPECT_GE(percentile(added, 0), 0.0);
    EXPECT_LE(percentile(added, 50), kSlackMs);
  }
  {
    KernelNet k(pair(delay(1 * kMs), 1'000'000'000));
    auto r = blast(k.world, 200'000, 0, 300 * kMs);
    double rate = static_cast<double>(r.seq.size()) / r.seconds;
    auto [accepted, dropped] = k.world.acceptedDropped(0, 1);
    std::printf("throughput: %zu of 200000 datagrams in %.3f s: %.0f packets/s (%llu accepted, %llu dropped)\n",
                r.seq.size(), r.seconds, rate, static_cast<unsigned long long>(accepted),
                static_cast<unsigned long long>(dropped));
    EXPECT_GT(rate, 10'000.0);
  }
}

} // namespace
} // namespace kerneltest
