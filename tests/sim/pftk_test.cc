// Bulk TCP throughput under independent random loss against the PFTK model (Padhye, Firoiu,
// Towsley, Kurose, "Modeling TCP Throughput: A Simple Model and its Empirical Validation",
// SIGCOMM 1998), the full formula with timeouts:
//
//   B(p) = min( Wmax/RTT , 1 / ( RTT*sqrt(2bp/3) + T0*min(1, 3*sqrt(3bp/8)) * p * (1 + 32p^2) ) )
//
// in packets per second. Every input is computed here from the link's and the profile's
// constants; the only thing read back from a run is the goodput the receiver counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <vector>

#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// The link: 100 Mbit/s (far above the rates loss allows here: not the bottleneck),
// 25 ms each way, a drop-tail device queue only.
constexpr std::uint64_t kBandwidth = 100'000'000; // bit/s
constexpr net::Duration kDelay = 25ms;            // propagation, each way

// What the link carries (sim/world.cc sets ns3::TcpSocket::SegmentSize to 1448):
//   a data segment: 1448 payload + 20 TCP + 12 TCP options (timestamps: 10 bytes, padded to
//   12) + 20 IPv4 + 2 PPP (ns-3's point-to-point device) = 1502 bytes;
//   a pure ACK: 20 TCP + 12 timestamps + 20 IPv4 + 2 PPP = 54 bytes (ACKs during recovery
//   carry SACK blocks too, 8 bytes each plus 2: a few microseconds, ignored).
constexpr double kSegment = 1448;
constexpr double kDataFrame = kSegment + 20 + 12 + 20 + 2;
constexpr double kAckFrame = 20 + 12 + 20 + 2;
static_assert(kDataFrame == 1502 && kAckFrame == 54, "frame sizes");

// ns-3's default TcpSocket::RcvBufSize (and SndBufSize), bytes: the receiver's window, as
// the receiving application reads everything at once (window scaling is on by default).
constexpr double kRcvBuf = 131072;

double seconds(net::Duration d) { return std::chrono::duration<double>(d).count(); }

// The round trip with no queueing: propagation both ways, plus the serialization of one
// full data frame and of one ACK at the link's rate. 50 ms + 120.16 us + 4.32 us.
double pathRtt() {
  return 2 * seconds(kDelay) + kDataFrame * 8 / static_cast<double>(kBandwidth) +
         kAckFrame * 8 / static_cast<double>(kBandwidth);
}

// PFTK's full model, packets per second.
//   p:    the loss indication rate; with independent per-packet loss on the data direction
//         this is the link's loss probability (below).
//   rtt:  the round-trip time, seconds.
//   t0:   the first retransmission timeout, seconds (later ones back off: the 1 + 32p^2).
//   b:    packets acknowledged by one ACK.
//   wmax: the receiver's window, packets.
double pftk(double p, double rtt, double t0, double b, double wmax) {
  double denominator =
      rtt * std::sqrt(2 * b * p / 3) + t0 * std::min(1.0, 3 * std::sqrt(3 * b * p / 8)) * p * (1 + 32 * p * p);
  return std::min(wmax / rtt, 1 / denominator);
}

// The model's inputs for a profile.
struct ModelInputs {
  double rtt, t0, b, wmax;
};

ModelInputs inputsFor(const sim::TcpProfile& profile) {
  ModelInputs m{};
  m.rtt = pathRtt();
  // ns-3's RTO is max(MinRto, SRTT + max(1 ms clock granularity, 4 RTTVAR)). On a path of a
  // constant 50 ms RTT, SRTT + 4 RTTVAR stays below either profile's minimum (1 s for ns3,
  // 200 ms for linux), so T0 is the minimum. (Checked once by tracing the sender's RTO in
  // these runs: it left the minimum only when backed off by a timeout.)
  m.t0 = seconds(profile.minRto);
  // An ACK every `delayedAckCount` full segments (2 in both profiles). ns-3's NewReno grows
  // the window by one segment per ACK in slow start and by 1/cwnd per ACK in congestion
  // avoidance (not per segment acknowledged), exactly the model's b.
  m.b = profile.delayedAck.count() == 0 ? 1 : profile.delayedAckCount;
  m.wmax = std::floor(kRcvBuf / kSegment); // 90 full segments
  return m;
}

// The model's p is the data direction's loss rate. ACKs are lost independently at the same
// rate on the way back; a lost ACK matters little: the next one is cumulative and carries
// the same information (the window grows by one ACK's worth less, about p of the growth,
// and a lost duplicate ACK rarely delays a fast retransmit, as SACK and later duplicates
// follow within the same round).
//
// The model gives the sending rate (PFTK's "throughput" counts retransmissions); the
// receiver counts goodput, about (1 - p) of it: at most 2% below at the rates tested.

constexpr net::Duration kWarmup = 20s;  // past slow start and the first losses
constexpr net::Duration kWindow = 300s; // simulated seconds measured per seed

// One run: a sender that writes as fast as the connection takes it (drain-driven, as the
// bulk-sender app does) to a receiver that counts bytes; the goodput over the window after
// the warm-up, packets (full segments) per second.
double measure(const sim::TcpProfile& profile, double loss, std::uint64_t seed) {
  sim::World world(seed);
  world.tcp(profile);
  auto& receiver = world.node("receiver");
  auto& sender = world.node("sender");
  sim::LinkSpec link;
  link.bandwidth = kBandwidth;
  link.delay = kDelay;
  link.loss = loss;
  link.queueDisc = false;
  world.link(sender, receiver, link);

  std::uint64_t received = 0, atStart = 0, atEnd = 0;
  auto server = receiver.net().createServer([&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [&](const net::Buffer& b) { received += b.size(); });
  });
  server->listen(9);
  auto c = sender.net().connect(9, "receiver");
  const net::Buffer chunk = net::Buffer::alloc(64 * 1024, 'b');
  auto pump = [c, chunk] {
    while (c->write(chunk)) {
    }
  };
  c->on(net::ev::connect, pump);
  c->on(net::ev::drain, pump);
  c->on(net::ev::data, [](const net::Buffer&) {});
  world.at(kWarmup, [&] { atStart = received; });
  world.at(kWarmup + kWindow, [&] {
    atEnd = received;
    c->destroy();
    server->close();
  });
  world.run(kWarmup + kWindow + 1s);
  return static_cast<double>(atEnd - atStart) / kSegment / seconds(kWindow);
}

struct Row {
  double loss, measured, model, ratio;
  std::vector<double> perSeed; // packets per second
};

// The mean goodput over `seeds` runs, against the model.
Row compare(const sim::TcpProfile& profile, double loss, int seeds) {
  double sum = 0;
  Row r{loss, 0, 0, 0, {}};
  for (int s = 1; s <= seeds; ++s) {
    r.perSeed.push_back(measure(profile, loss, static_cast<std::uint64_t>(s)));
    sum += r.perSeed.back();
  }
  ModelInputs m = inputsFor(profile);
  r.measured = sum / seeds;
  r.model = pftk(loss, m.rtt, m.t0, m.b, m.wmax);
  r.ratio = r.measured / r.model;
  return r;
}

void report(const std::string& name, const Row& r) {
  std::ostringstream line;
  line << std::fixed << std::setprecision(1) << name << " p=" << r.loss * 100 << "%: measured " << r.measured
       << " pkt/s, PFTK " << r.model << " pkt/s, ratio " << std::setprecision(3) << r.ratio << " (seeds:";
  for (double v : r.perSeed)
    line << " " << std::setprecision(1) << v;
  line << ")";
  std::cout << line.str() << "\n";
  std::ostringstream key;
  key << name << "_p" << std::setprecision(3) << r.loss * 100;
  ::testing::Test::RecordProperty(key.str() + "_measured", std::to_string(r.measured));
  ::testing::Test::RecordProperty(key.str() + "_model", std::to_string(r.model));
  ::testing::Test::RecordProperty(key.str() + "_ratio", std::to_string(r.ratio));
}

// Seeds per case: three where the ratio is asserted (one seed's goodput differs from the
// others' by up to 13% at p = 1%), one where it is only printed (the test stays near 20 s).
constexpr int kAssertedSeeds = 3, kPrintedSeeds = 1;

sim::TcpProfile ns3NewReno() {
  sim::TcpProfile p = sim::TcpProfile::forNs3();
  p.congestion = "newreno";
  return p;
}

TEST(Pftk, ModelInputsFromConstants) {
  EXPECT_NEAR(pathRtt(), 0.05012448, 1e-9);
  ModelInputs ns3 = inputsFor(ns3NewReno());
  EXPECT_EQ(ns3.t0, 1.0);
  EXPECT_EQ(ns3.b, 2);
  EXPECT_EQ(ns3.wmax, 90);
  EXPECT_EQ(inputsFor(sim::TcpProfile::forLinux()).t0, 0.2);
}

// The requirement: the ns3 profile with NewReno within 25% of PFTK. Measured here:
// 1.06, 1.09, 1.18. Above 1 and growing with p: PFTK models Reno, whose multiple losses in
// one window end in a timeout; NewReno with SACK and PRR recovers most of them without one,
// and the timeout term is half of the model's denominator at p = 2%.
TEST(Pftk, Ns3NewRenoWithin25PercentOfModel) {
  for (double loss : {0.005, 0.01, 0.02}) {
    Row r = compare(ns3NewReno(), loss, kAssertedSeeds);
    report("ns3-newreno", r);
    EXPECT_GE(r.ratio, 0.75) << "p = " << loss;
    EXPECT_LE(r.ratio, 1.25) << "p = " << loss;
  }
}

// Measured and printed, not asserted tightly: low loss, and the linux profile (Cubic, 40 ms
// delayed ACK, 200 ms minimum RTO).
TEST(Pftk, Ns3NewRenoAtLowLoss) {
  Row r = compare(ns3NewReno(), 0.001, kPrintedSeeds);
  report("ns3-newreno", r);
  EXPECT_GT(r.measured, 0);
}

// Cubic falls well short of PFTK (about 0.6 at 0.5% to 2%): ns-3 3.37's TcpCubic has no
// TCP-friendly (Reno) region, and at these windows (10 to 40 segments) its cubic growth
// after a loss is slower than Reno's. The control, the same profile with NewReno, is near
// the model (about 0.9): the inputs (T0 = 200 ms, b = 2) are not what makes Cubic differ.
TEST(Pftk, LinuxProfile) {
  for (double loss : {0.001, 0.005, 0.01, 0.02}) {
    Row r = compare(sim::TcpProfile::forLinux(), loss, kPrintedSeeds);
    report("linux-cubic", r);
    EXPECT_GT(r.measured, 0);
  }
  sim::TcpProfile control = sim::TcpProfile::forLinux();
  control.congestion = "newreno";
  Row r = compare(control, 0.01, kPrintedSeeds);
  report("linux-newreno", r);
  EXPECT_GT(r.measured, 0);
}

} // namespace
