// The generic NIC's timing, queueing and overflow, to the nanosecond.
#include <gtest/gtest.h>
#include <ns3/simulator.h>

#include <cstdio>
#include <deque>

#include "tests/model/harness.h"

namespace nictest {

namespace {

// lineRate 10 Mbit/s, 20 bytes of wire overhead, DMA 500 ns + 2 ns/B, interrupt 3 us.
model::GenericNic timed() {
  model::GenericNic g;
  g.lineRate = 10'000'000;
  g.wireOverheadBytes = 20;
  g.dmaSetupNs = 500;
  g.dmaPsPerByte = 2'000;
  g.irqLatencyNs = 3'000;
  return g;
}

// A frame of 1000 + 2 (PPP) bytes: DMA 500 + 1002 * 2 = 2504 ns; wire (1002 + 20) * 8 bits at
// 10 Mbit/s = 817600 ns.
constexpr std::int64_t t0 = 1'000'000, dma = 2'504, wire = 817'600, delay = 5'000, irq = 3'000;

struct Generic : ::testing::Test {
  void SetUp() override { freshNs3(); }
  void TearDown() override { freshNs3(); }
};

TEST_F(Generic, SingleFrame) {
  auto p = rawPair(timed(), timed(), ns3::NanoSeconds(delay));
  sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  std::int64_t departure = t0 + dma + wire; // 1820104
  EXPECT_EQ(p->mediumRx, (std::vector<Seen>{{departure + delay, 1002}}));
  EXPECT_EQ(p->hostRx, (std::vector<Seen>{{departure + delay + dma + irq, 1000}}));
  EXPECT_EQ(p->mediumRx[0].ns, 1'825'104);
  EXPECT_EQ(p->hostRx[0].ns, 1'830'608);
  model::NicStats a = p->da->stats(), b = p->db->stats();
  EXPECT_EQ(a.txPackets, 1u);
  EXPECT_EQ(a.txFrames, 1u);
  EXPECT_EQ(a.txBytes, 1002u);
  EXPECT_EQ(b.rxFrames, 1u);
  EXPECT_EQ(b.rxPackets, 1u);
  EXPECT_EQ(b.rxBytes, 1002u);
  EXPECT_EQ(a.peakTxFrames, 1u);
  EXPECT_EQ(a.peakTxBytes, 1002u);
  EXPECT_EQ(b.peakRxFrames, 1u);
  EXPECT_TRUE(p->drops.empty());
}

TEST_F(Generic, BackToBackFramesQueueInTheTxFifo) {
  auto p = rawPair(timed(), timed(), ns3::NanoSeconds(delay));
  for (int i = 0; i < 3; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  // The engine takes each frame when the one before has left: every dma + wire.
  std::vector<Seen> medium, host;
  for (std::int64_t k = 1; k <= 3; ++k) {
    medium.push_back({t0 + k * (dma + wire) + delay, 1002});
    host.push_back({t0 + k * (dma + wire) + delay + dma + irq, 1000});
  }
  EXPECT_EQ(p->mediumRx, medium);
  EXPECT_EQ(p->hostRx, host);
  EXPECT_EQ(p->da->stats().peakTxFrames, 2u); // the first was taken at once
}

TEST_F(Generic, SlowReceiveDmaQueuesInTheRxRing) {
  model::GenericNic slow = timed();
  slow.dmaPsPerByte = 1'000'000; // 1 us/B: 500 + 1002000 ns per frame, slower than the wire
  auto p = rawPair(timed(), slow, ns3::NanoSeconds(delay));
  for (int i = 0; i < 3; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  const std::int64_t rxDma = 1'002'500;
  std::int64_t a0 = t0 + (dma + wire) + delay; // arrivals every dma + wire = 820104 ns
  std::vector<Seen> host = {{a0 + rxDma + irq, 1000}, {a0 + 2 * rxDma + irq, 1000}, {a0 + 3 * rxDma + irq, 1000}};
  EXPECT_EQ(p->hostRx, host);
  EXPECT_EQ(p->db->stats().peakRxFrames, 2u);
  EXPECT_EQ(p->db->stats().peakRxBytes, 2004u);
}

TEST_F(Generic, TxFifoOverflowDropsTheExcess) {
  model::GenericNic small = timed();
  small.txFifoFrames = 4;
  auto p = rawPair(small, timed(), ns3::NanoSeconds(delay));
  for (int i = 0; i < 10; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  // The engine takes the first at once, 4 wait, 5 are dropped.
  EXPECT_EQ(p->accepted, (std::vector<bool>{true, true, true, true, true, false, false, false, false, false}));
  EXPECT_EQ(p->hostRx.size(), 5u);
  model::NicStats a = p->da->stats();
  EXPECT_EQ(a.drops, (std::map<std::string, std::uint64_t>{{"tx_fifo_full", 5}}));
  EXPECT_EQ(a.txFrames, 5u);
  EXPECT_EQ(a.peakTxFrames, 4u);
  ASSERT_EQ(p->drops.size(), 5u);
  for (const auto& d : p->drops) {
    EXPECT_EQ(d.ns, t0);
    EXPECT_EQ(d.cause, "tx_fifo_full");
    EXPECT_EQ(d.bytes, 1002u);
  }
}

TEST_F(Generic, RxRingOverflowDropsTheComputedFrames) {
  model::GenericNic slow = timed();
  slow.rxRingFrames = 3;
  slow.dmaPsPerByte = 3'000'000; // 500 + 3006000 ns per frame: 3.67 frame times of the wire
  auto p = rawPair(timed(), slow, ns3::NanoSeconds(delay));
  const int n = 12;
  for (int i = 0; i < n; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  // Reference: arrivals every dma + wire; a frame leaves the ring when its DMA ends (a DMA
  // ending at an arrival's instant frees its slot first); the DMAs run one after the other.
  const std::int64_t rxDma = 3'006'500;
  std::deque<std::int64_t> ring; // DMA ends of the frames in the ring
  std::int64_t lastEnd = 0;
  std::vector<Seen> host;
  std::vector<std::int64_t> dropTimes;
  for (std::int64_t k = 1; k <= n; ++k) {
    std::int64_t a = t0 + k * (dma + wire) + delay;
    while (!ring.empty() && ring.front() <= a)
      ring.pop_front();
    if (ring.size() == 3) {
      dropTimes.push_back(a);
      continue;
    }
    lastEnd = std::max(a, lastEnd) + rxDma;
    ring.push_back(lastEnd);
    host.push_back({lastEnd + irq, 1000});
  }
  // By hand: arrivals at 0, 0.82, 1.64, ... 9.02 ms (after the first); DMAs end at 3.0065,
  // 6.013, 9.0195 ms: a slot frees at the 5th, 9th and 12th arrival; the 4th, 6th-8th, 10th
  // and 11th find the ring full.
  EXPECT_EQ(dropTimes.size(), 6u);
  EXPECT_EQ(p->hostRx, host);
  model::NicStats b = p->db->stats();
  EXPECT_EQ(b.drops, (std::map<std::string, std::uint64_t>{{"rx_ring_full", dropTimes.size()}}));
  EXPECT_EQ(b.peakRxFrames, 3u);
  ASSERT_EQ(p->drops.size(), dropTimes.size());
  for (std::size_t i = 0; i < dropTimes.size(); ++i) {
    EXPECT_EQ(p->drops[i].ns, dropTimes[i]);
    EXPECT_EQ(p->drops[i].cause, "rx_ring_full");
  }
}

TEST_F(Generic, TcpDeliversEveryByteDespiteRingOverflows) {
  Net net;
  Link link;
  link.rate = 10'000'000;
  model::GenericNic slow;
  slow.rxRingFrames = 4;
  slow.dmaPsPerByte = 1'200'000; // 1.2 us/B against 0.8 us/B on the wire
  link.a = model::GenericNic{};
  link.b = slow;
  addPair(net, link);
  std::vector<Drop> hooked;
  net.nics[1]->setDropHook([&hooked](std::uint64_t ns, const std::string& cause, std::uint32_t bytes) {
    hooked.push_back({static_cast<std::int64_t>(ns), cause, bytes});
  });
  auto tcp = tcpBulk(net, 0, 1, ns3::MilliSeconds(10), 300'000);
  ns3::Simulator::Stop(ns3::Seconds(60));
  ns3::Simulator::Run();
  EXPECT_EQ(tcp->received, 300'000u);
  model::NicStats b = net.nics[1]->stats();
  ASSERT_GT(b.drops["rx_ring_full"], 0u);
  EXPECT_EQ(b.dropped(), b.drops["rx_ring_full"]);
  EXPECT_EQ(hooked.size(), b.dropped());
  EXPECT_EQ(b.peakRxFrames, 4u);
  for (const auto& d : hooked)
    EXPECT_EQ(d.cause, "rx_ring_full");
  // Retransmissions: more data frames left a than 300000 bytes need.
  EXPECT_GT(net.nics[0]->stats().txBytes, 300'000u + b.drops["rx_ring_full"] * 1000);
}

TEST_F(Generic, ReceiveErrorModelIsLinkLoss) {
  auto p = rawPair(timed(), timed(), ns3::NanoSeconds(delay));
  auto em = ns3::CreateObject<ns3::ReceiveListErrorModel>();
  em->SetList({1}); // the second frame b receives
  p->db->SetReceiveErrorModel(em);
  for (int i = 0; i < 3; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  EXPECT_EQ(p->hostRx.size(), 2u);
  EXPECT_EQ(p->db->stats().drops, (std::map<std::string, std::uint64_t>{{"link_loss", 1}}));
  ASSERT_EQ(p->drops.size(), 1u);
  EXPECT_EQ(p->drops[0].ns, t0 + 2 * (dma + wire) + delay);
  EXPECT_EQ(p->drops[0].cause, "link_loss");
}

TEST_F(Generic, NoNicAfterTheKernelStarted) {
  auto p = rawPair(timed(), timed(), ns3::NanoSeconds(delay));
  sendAt(p, ns3::NanoSeconds(t0), 100);
  ns3::Simulator::Run();
  auto n = ns3::CreateObject<ns3::Node>();
  EXPECT_THROW(model::makeDevice(n, model::GenericNic{}), std::logic_error);
}

TEST_F(Generic, BadSpecNamesTheParameter) {
  model::GenericNic g;
  g.lineRate = 0;
  try {
    model::validate(g);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("lineRate"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace nictest

namespace nictest {
namespace {

TEST_F(Generic, PcapFilesThroughNs3sHelper) {
  auto p = rawPair(timed(), timed(), ns3::NanoSeconds(delay));
  std::string prefix = ::testing::TempDir() + "nic-pcap";
  p->da->enablePcap(prefix);
  p->db->enablePcap(prefix);
  sendAt(p, ns3::NanoSeconds(t0), 100);
  ns3::Simulator::Run();
  freshNs3();
  p.reset(); // the last references to the devices, whose trace sinks hold the files
  for (auto* node : {"0", "1"}) {
    std::string name = prefix + "-" + node + "-0.pcap";
    std::FILE* f = std::fopen(name.c_str(), "rb");
    ASSERT_NE(f, nullptr) << name;
    unsigned char buf[512];
    std::size_t n = std::fread(buf, 1, sizeof buf, f);
    std::fclose(f);
    EXPECT_EQ(n, 24u + 16u + 102u) << name; // file header, record header, PPP frame
    EXPECT_EQ(buf[20], 9u) << name;         // DLT_PPP
  }
}

} // namespace
} // namespace nictest

namespace nictest {
namespace {

TEST(Spec, FromTextParameters) {
  model::NicSpec s = model::makeSpec("spi-ethernet", {{"spiClockHz", "20000000"}, {"bufferBytes", "4096"}});
  ASSERT_TRUE(std::holds_alternative<model::SpiEthernetNic>(s));
  EXPECT_EQ(std::get<model::SpiEthernetNic>(s).spiClockHz, 20'000'000u);
  EXPECT_EQ(std::get<model::SpiEthernetNic>(s).bufferBytes, 4096u);
  EXPECT_EQ(std::get<model::SpiEthernetNic>(s).wireRate, 10'000'000u); // default kept
  EXPECT_EQ(model::parameterNames("radio").front(), "airRate");
  auto message = [](const std::string& kind, const std::map<std::string, std::string>& p) {
    try {
      model::makeSpec(kind, p);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_EQ(message("generic", {{"lineRat", "1"}}),
            "nic spec (generic): unknown parameter 'lineRat' (expected one of: lineRate, wireOverheadBytes, "
            "txFifoFrames, txFifoBytes, rxRingFrames, rxRingBytes, dmaSetupNs, dmaPsPerByte, irqLatencyNs)");
  EXPECT_EQ(message("generic", {{"lineRate", "10M"}}),
            "nic spec (generic): lineRate: '10M': an unsigned decimal integer up to 18446744073709551615 expected");
  EXPECT_EQ(message("radio", {{"txQueuePackets", "0"}}),
            "nic spec (radio): txQueuePackets/rxQueuePackets: queues of at least one packet expected");
  EXPECT_EQ(message("wifi", {}), "nic spec: unknown kind 'wifi' (expected generic, spi-ethernet or radio)");
}

} // namespace
} // namespace nictest

namespace nictest {
namespace {

TEST_F(Generic, ChannelDelayIsAnAttribute) {
  auto p = rawPair(timed(), timed(), ns3::NanoSeconds(delay));
  p->da->GetChannel()->SetAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(70)));
  sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  EXPECT_EQ(p->mediumRx, (std::vector<Seen>{{t0 + dma + wire + 70'000, 1002}}));
}

} // namespace
} // namespace nictest
