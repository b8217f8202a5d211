// The SPI Ethernet controller: the SPI bus, not the 10 Mbit/s wire, paces frames; bursts from a
// faster sender overflow the 8 KiB buffer.
#include <gtest/gtest.h>
#include <ns3/simulator.h>

#include <deque>

#include "tests/model/harness.h"

namespace nictest {

namespace {

// Defaults: 8 MHz SPI, 8 us per frame transfer, 5 us interrupt latency, 24 bytes of wire overhead.
// A frame of 1000 + 2 (PPP) bytes:
//   write: 8000 + (2 + 1002) * 8 bits / 8 MHz = 8000 + 1004000 = 1012000 ns
//   wire:  (1002 + 24) * 8 bits / 10 Mbit/s = 820800 ns
//   read:  8000 + (1 + 6 + 1002) * 8 bits / 8 MHz = 8000 + 1009000 = 1017000 ns
constexpr std::int64_t t0 = 1'000'000, write = 1'012'000, wire = 820'800, readNs = 1'017'000, irq = 5'000,
                       delay = 5'000;

struct SpiEthernet : ::testing::Test {
  void SetUp() override { freshNs3(); }
  void TearDown() override { freshNs3(); }
};

TEST_F(SpiEthernet, SingleFrame) {
  auto p = rawPair(model::SpiEthernetNic{}, model::SpiEthernetNic{}, ns3::NanoSeconds(delay));
  sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  std::int64_t arrival = t0 + write + wire + delay; // 2837800
  EXPECT_EQ(p->mediumRx, (std::vector<Seen>{{arrival, 1002}}));
  EXPECT_EQ(p->hostRx, (std::vector<Seen>{{arrival + irq + readNs, 1000}}));
  EXPECT_EQ(p->hostRx.at(0).ns, 3'859'800);
  model::NicStats a = p->da->stats(), b = p->db->stats();
  EXPECT_EQ(a.txFrames, 1u);
  EXPECT_EQ(a.peakBufferBytes, 8u + 1002u); // control byte and status vector
  EXPECT_EQ(b.rxFrames, 1u);
  EXPECT_EQ(b.rxPackets, 1u);
  EXPECT_EQ(b.peakBufferBytes, 6u + 1002u);
  EXPECT_EQ(b.peakRxBytes, 6u + 1002u);
}

TEST_F(SpiEthernet, TheBusPacesBackToBackFrames) {
  auto p = rawPair(model::SpiEthernetNic{}, model::SpiEthernetNic{}, ns3::NanoSeconds(delay));
  for (int i = 0; i < 3; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  // Writes back to back; each frame goes on the (faster) wire when written.
  std::vector<Seen> medium;
  for (std::int64_t k = 1; k <= 3; ++k)
    medium.push_back({t0 + k * write + wire + delay, 1002});
  EXPECT_EQ(p->mediumRx, medium);
  // Reads: the first one interrupt latency after its arrival, the others as soon as the bus is
  // free (they arrive every 1012000 ns, a read takes 1017000 ns).
  std::int64_t a0 = medium[0].ns;
  std::vector<Seen> host = {{a0 + irq + readNs, 1000}, {a0 + irq + 2 * readNs, 1000}, {a0 + irq + 3 * readNs, 1000}};
  EXPECT_EQ(p->hostRx, host);
  EXPECT_EQ(p->da->stats().peakTxFrames, 2u);
  EXPECT_EQ(p->db->stats().peakRxFrames, 2u);
}

TEST_F(SpiEthernet, ABurstAtWireSpeedOverflowsTheBuffer) {
  // A sender at the full 10 Mbit/s wire rate (no bus in its way).
  model::GenericNic fast = zeroLatency(1000);
  fast.lineRate = 10'000'000;
  fast.wireOverheadBytes = 24;
  auto p = rawPair(fast, model::SpiEthernetNic{}, ns3::NanoSeconds(delay));
  const int n = 40;
  for (int i = 0; i < n; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 1400);
  ns3::Simulator::Run();
  // Frames of 1402 bytes: on the wire (1402 + 24) * 8 / 10 Mbit/s = 1140800 ns apart; each
  // holds 6 + 1402 = 1408 buffer bytes (5 fit in 8192) until its read of
  // 8000 + (1 + 6 + 1402) * 1000 = 1417000 ns ends; reads one after the other, the first
  // 5 us after its arrival.
  const std::int64_t gap = 1'140'800, read1402 = 1'417'000, held = 1'408;
  std::deque<std::int64_t> inBuffer; // read ends of the frames held
  std::int64_t busFree = 0;
  std::vector<Seen> host;
  std::vector<std::int64_t> dropTimes;
  for (std::int64_t k = 1; k <= n; ++k) {
    std::int64_t a = t0 + k * gap + delay;
    while (!inBuffer.empty() && inBuffer.front() <= a)
      inBuffer.pop_front();
    if (static_cast<std::int64_t>(inBuffer.size() + 1) * held > 8192) {
      dropTimes.push_back(a);
      continue;
    }
    busFree = std::max(a + irq, busFree) + read1402;
    inBuffer.push_back(busFree);
    host.push_back({busFree, 1400});
  }
  // By hand: read j (from 1) ends 5000 + j * 1417000 ns after the first arrival; arrival k
  // comes (k - 1) * 1140800 ns after it. The 22nd finds reads 17..21 unfinished: 5 frames,
  // the buffer is full. From then on a slot frees every 1417000 ns against an arrival every
  // 1140800 ns: 4 of the last 19 arrivals are dropped.
  EXPECT_EQ(dropTimes.size(), 4u);
  EXPECT_EQ(dropTimes.front(), t0 + 22 * gap + delay);
  EXPECT_EQ(p->hostRx, host);
  model::NicStats b = p->db->stats();
  EXPECT_EQ(b.drops, (std::map<std::string, std::uint64_t>{{"buffer_full", dropTimes.size()}}));
  EXPECT_EQ(b.peakBufferBytes, 5u * 1408u);
  ASSERT_EQ(p->drops.size(), dropTimes.size());
  for (std::size_t i = 0; i < dropTimes.size(); ++i) {
    EXPECT_EQ(p->drops[i].ns, dropTimes[i]);
    EXPECT_EQ(p->drops[i].cause, "buffer_full");
    EXPECT_EQ(p->drops[i].bytes, 1402u);
  }
}

TEST_F(SpiEthernet, TcpFromAFastSenderDeliversEveryByte) {
  Net net;
  Link link;
  link.rate = 10'000'000; // the wire of both ends
  model::GenericNic fast;
  fast.wireOverheadBytes = 24;
  link.a = fast;
  link.b = model::SpiEthernetNic{};
  addPair(net, link);
  std::uint64_t hooked = 0;
  net.nics[1]->setDropHook([&hooked](std::uint64_t, const std::string&, std::uint32_t) { ++hooked; });
  auto tcp = tcpBulk(net, 0, 1, ns3::MilliSeconds(10), 500'000);
  ns3::Simulator::Stop(ns3::Seconds(120));
  ns3::Simulator::Run();
  EXPECT_EQ(tcp->received, 500'000u);
  model::NicStats b = net.nics[1]->stats();
  EXPECT_GT(b.drops["buffer_full"], 0u);
  EXPECT_EQ(hooked, b.dropped());
  EXPECT_LE(b.peakBufferBytes, 8192u);
}

TEST_F(SpiEthernet, TcpBetweenTwoControllersBothWays) {
  Net net;
  Link link;
  link.rate = 0; // each spec's own 10 Mbit/s
  link.a = model::SpiEthernetNic{};
  link.b = model::SpiEthernetNic{};
  addPair(net, link);
  auto one = tcpBulk(net, 0, 1, ns3::MilliSeconds(10), 200'000, 5000);
  auto two = tcpBulk(net, 1, 0, ns3::MilliSeconds(10), 200'000, 5001);
  ns3::Simulator::Stop(ns3::Seconds(120));
  ns3::Simulator::Run();
  EXPECT_EQ(one->received, 200'000u);
  EXPECT_EQ(two->received, 200'000u);
  // The driver queue (4 frames) stops the device queue: the queue disc holds the backlog.
  EXPECT_EQ(net.nics[0]->stats().peakTxFrames, 4u);
  EXPECT_EQ(net.nics[0]->stats().drops.count("tx_queue_full"), 0u);
}

} // namespace
} // namespace nictest
