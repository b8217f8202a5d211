// The 802.15.4-style radio: per-frame turnaround and overhead, fragmentation of large packets
// (with the MAC of issue 15 off: no CSMA-CA, no ACKs, no IFS; radio_mac_test.cc tests the MAC).
#include <gtest/gtest.h>
#include <ns3/simulator.h>

#include "model/radio_nic.h"
#include "tests/model/harness.h"

namespace nictest {

namespace {

// 250 kbit/s: 32000 ns per byte on the air; 192 us turnaround and 6 PHY bytes per frame.
constexpr std::int64_t byteNs = 32'000, turnaround = 192'000, phy = 6, t0 = 1'000'000, delay = 1'000;

std::int64_t air(std::int64_t psdu) { return turnaround + (phy + psdu) * byteNs; }

// The radio without its MAC: every frame turnaroundNs after it is taken, back to back.
model::RadioNic plain() {
  model::RadioNic r;
  r.csmaCa = 0;
  r.macAck = 0;
  r.sifsNs = 0;
  r.lifsNs = 0;
  return r;
}

struct Radio : ::testing::Test {
  void SetUp() override { freshNs3(); }
  void TearDown() override { freshNs3(); }
};

TEST_F(Radio, FragmentationOfAThousandBytePacket) {
  // 1000 bytes of IP + 2 of link header. MAC overhead 11: the first fragment (header 4) carries
  // (127 - 11 - 4) rounded down to 8 = 112 bytes, the others (header 5) 104: 112 + 8 * 104 = 944,
  // the 10th carries the last 58.
  model::RadioNic r;
  auto cut = model::fragmentation(1002, r);
  EXPECT_EQ(cut.count, 10u);
  EXPECT_EQ(cut.firstPayload, 112u);
  EXPECT_EQ(cut.nextPayload, 104u);
  EXPECT_EQ(cut.psdu(0, 1002, r), 127u);
  EXPECT_EQ(cut.psdu(1, 1002, r), 120u);
  EXPECT_EQ(cut.psdu(9, 1002, r), 74u);
  EXPECT_EQ(model::fragmentation(116, r).count, 1u); // 116 + 11 = 127 fits one frame
  EXPECT_EQ(model::fragmentation(117, r).count, 2u);
}

TEST_F(Radio, SmallFrameTiming) {
  auto p = rawPair(plain(), plain(), ns3::NanoSeconds(delay));
  sendAt(p, ns3::NanoSeconds(t0), 50); // 52 bytes + 11 MAC = 63-byte PSDU
  ns3::Simulator::Run();
  std::int64_t end = t0 + air(63); // 1000000 + 192000 + 69 * 32000 = 3400000
  EXPECT_EQ(end, 3'400'000);
  EXPECT_EQ(p->mediumRx, (std::vector<Seen>{{end + delay, 63}}));
  EXPECT_EQ(p->hostRx, (std::vector<Seen>{{end + delay, 50}}));
}

TEST_F(Radio, AThousandByteIpPacketCrossesAsTenFrames) {
  Net net;
  Link link;
  link.rate = 0; // the radios' own 250 kbit/s
  link.delay = ns3::NanoSeconds(delay);
  link.a = plain();
  link.b = plain();
  addPair(net, link);
  std::vector<Seen> frames;
  net.nics[1]->TraceConnectWithoutContext("MediumRx",
                                          ns3::Callback<void, ns3::Ptr<const ns3::Packet>, std::uint32_t>(
                                              [&frames](ns3::Ptr<const ns3::Packet>, std::uint32_t bytes) {
                                                frames.push_back({ns3::Simulator::Now().GetTimeStep(), bytes});
                                              }));
  udpAt(net, 0, 1, ns3::NanoSeconds(t0), 1000 - 28); // a 1000-byte IPv4 packet
  ns3::Simulator::Stop(ns3::Seconds(1));
  ns3::Simulator::Run();
  std::vector<Seen> expected;
  std::int64_t t = t0;
  for (std::int64_t psdu : {127, 120, 120, 120, 120, 120, 120, 120, 120, 74}) {
    t += air(psdu);
    expected.push_back({t + delay, static_cast<std::uint32_t>(psdu)});
  }
  EXPECT_EQ(frames, expected);
  // 4448000 + 8 * 4224000 + 2752000
  EXPECT_EQ(t - t0, 40'992'000);
  // (node 0 then gets an ICMP port unreachable: nobody listens)
  ASSERT_GE(net.received.size(), 1u);
  EXPECT_EQ(net.received[0], (Rx{net.nodes[1]->GetId(), t0 + 40'992'000 + delay, 1000}));
  model::NicStats a = net.nics[0]->stats(), b = net.nics[1]->stats();
  EXPECT_EQ(a.txPackets, 1u);
  EXPECT_EQ(a.txFrames, 10u);
  EXPECT_EQ(a.txBytes, 127u + 8 * 120 + 74);
  EXPECT_EQ(b.rxFrames, 10u);
  EXPECT_EQ(b.rxPackets, 1u);
}

TEST_F(Radio, ALostFragmentLosesThePacket) {
  auto p = rawPair(plain(), plain(), ns3::NanoSeconds(delay));
  auto em = ns3::CreateObject<ns3::ReceiveListErrorModel>();
  em->SetList({3}); // the 4th air frame: a fragment of the first packet
  p->db->SetReceiveErrorModel(em);
  sendAt(p, ns3::NanoSeconds(t0), 1000);
  sendAt(p, ns3::NanoSeconds(t0), 1000);
  ns3::Simulator::Run();
  // The second packet's fragments follow the first's back to back.
  EXPECT_EQ(p->hostRx, (std::vector<Seen>{{t0 + 2 * 40'992'000 + delay, 1000}}));
  model::NicStats b = p->db->stats();
  EXPECT_EQ(b.drops, (std::map<std::string, std::uint64_t>{{"link_loss", 1}, {"reassembly_failed", 1}}));
  EXPECT_EQ(b.rxFrames, 19u);
  EXPECT_EQ(b.rxPackets, 1u);
  ASSERT_EQ(p->drops.size(), 2u);
  // The loss at the 4th frame's arrival, the failure when the 5th shows the gap.
  std::int64_t fourth = t0 + air(127) + 3 * air(120) + delay;
  EXPECT_EQ(p->drops[0].ns, fourth);
  EXPECT_EQ(p->drops[0].cause, "link_loss");
  EXPECT_EQ(p->drops[0].bytes, 120u);
  EXPECT_EQ(p->drops[1].ns, fourth + air(120));
  EXPECT_EQ(p->drops[1].cause, "reassembly_failed");
  EXPECT_EQ(p->drops[1].bytes, 1002u);
}

TEST_F(Radio, TheTxQueueHoldsFourPackets) {
  auto p = rawPair(plain(), plain(), ns3::NanoSeconds(delay));
  for (int i = 0; i < 7; ++i)
    sendAt(p, ns3::NanoSeconds(t0), 50);
  ns3::Simulator::Run();
  // The first goes on the air at once, 4 wait, 2 are dropped.
  EXPECT_EQ(p->accepted, (std::vector<bool>{true, true, true, true, true, false, false}));
  EXPECT_EQ(p->da->stats().drops, (std::map<std::string, std::uint64_t>{{"tx_queue_full", 2}}));
  ASSERT_EQ(p->hostRx.size(), 5u);
  EXPECT_EQ(p->hostRx[4].ns, t0 + 5 * air(63) + delay);
}

TEST_F(Radio, TcpOverFragmentingRadiosWithLoss) {
  Net net;
  Link link;
  link.rate = 0;
  link.delay = ns3::NanoSeconds(delay);
  link.a = plain();
  link.b = plain();
  addPair(net, link);
  for (auto& d : net.nics) {
    auto em = ns3::CreateObject<ns3::RateErrorModel>();
    em->SetUnit(ns3::RateErrorModel::ERROR_UNIT_PACKET);
    em->SetRate(0.02);
    em->AssignStreams(d == net.nics[0] ? 10 : 20);
    d->SetReceiveErrorModel(em);
  }
  auto tcp = tcpBulk(net, 0, 1, ns3::MilliSeconds(10), 20'000);
  ns3::Simulator::Stop(ns3::Seconds(300));
  ns3::Simulator::Run();
  EXPECT_EQ(tcp->received, 20'000u);
  model::NicStats b = net.nics[1]->stats();
  EXPECT_GT(b.drops["link_loss"], 0u);
  EXPECT_GT(b.drops["reassembly_failed"], 0u);
  EXPECT_EQ(net.nics[0]->GetMtu(), 1280);
}

} // namespace
} // namespace nictest
