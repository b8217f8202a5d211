// With every model latency at zero, generic SystemC NICs time packets exactly as ns-3's
// PointToPointNetDevice: same receive time and size for every IPv4 packet, UDP and TCP; also
// on a link with ns-3's device at one end and a NIC at the other.
#include <gtest/gtest.h>
#include <ns3/simulator.h>

#include "tests/model/harness.h"

namespace nictest {

namespace {

enum class Ends { Ns3, Nics, Mixed };

std::vector<Rx> run(Ends ends, const std::function<void(Net&)>& workload, ns3::Time limit) {
  freshNs3();
  Net net;
  Link link;
  link.rate = 10'000'000;
  link.delay = ns3::MilliSeconds(2);
  if (ends == Ends::Nics)
    link.a = zeroLatency(link.queuePackets);
  if (ends != Ends::Ns3)
    link.b = zeroLatency(link.queuePackets);
  addPair(net, link);
  workload(net);
  ns3::Simulator::Stop(limit);
  ns3::Simulator::Run();
  if (ends == Ends::Mixed) {
    EXPECT_GT(net.nics[0]->stats().txFrames, 0u);
    EXPECT_GT(net.nics[0]->stats().rxFrames, 0u);
  }
  if (ends == Ends::Nics) { // the frames did cross the SystemC models
    model::NicStats a = net.nics[0]->stats(), b = net.nics[1]->stats();
    EXPECT_GT(a.txFrames, 0u);
    EXPECT_EQ(a.txFrames, b.rxFrames);
    EXPECT_EQ(b.txFrames, a.rxFrames);
    EXPECT_EQ(a.dropped() + b.dropped(), 0u);
  }
  auto rx = net.received;
  freshNs3();
  return rx;
}

void expectSame(const std::vector<Rx>& ref, const std::vector<Rx>& got) {
  ASSERT_EQ(ref.size(), got.size());
  for (std::size_t i = 0; i < ref.size(); ++i)
    ASSERT_EQ(ref[i], got[i]) << "packet " << i;
}

TEST(Exactness, UdpBurstsBothWays) {
  auto workload = [](Net& net) {
    // Bursts beyond the line rate: the device queues fill and stop the queue disc.
    for (std::uint32_t i = 0; i < 400; ++i) {
      ns3::Time at = ns3::MilliSeconds(100 + 50 * (i / 100)) + ns3::MicroSeconds((i * 37) % 400);
      udpAt(net, i % 3 == 0 ? 1 : 0, i % 3 == 0 ? 0 : 1, at, 20 + (i * 97) % 1450);
    }
  };
  auto ref = run(Ends::Ns3, workload, ns3::Seconds(5));
  auto got = run(Ends::Nics, workload, ns3::Seconds(5));
  EXPECT_GT(ref.size(), 300u);
  expectSame(ref, got);
  expectSame(ref, run(Ends::Mixed, workload, ns3::Seconds(5)));
}

TEST(Exactness, TcpBulkBothWays) {
  std::uint64_t delivered[2] = {0, 0};
  auto workload = [&delivered](Net& net) {
    auto one = tcpBulk(net, 0, 1, ns3::MilliSeconds(100), 2'000'000, 5000);
    auto two = tcpBulk(net, 1, 0, ns3::MilliSeconds(350), 300'000, 5001);
    ns3::Simulator::Schedule(ns3::Seconds(29), [one, two, &delivered] {
      delivered[0] = one->received;
      delivered[1] = two->received;
    });
  };
  auto ref = run(Ends::Ns3, workload, ns3::Seconds(30));
  EXPECT_EQ(delivered[0], 2'000'000u);
  EXPECT_EQ(delivered[1], 300'000u);
  auto got = run(Ends::Nics, workload, ns3::Seconds(30));
  EXPECT_EQ(delivered[0], 2'000'000u);
  EXPECT_EQ(delivered[1], 300'000u);
  EXPECT_GT(ref.size(), 2000u);
  expectSame(ref, got);
  // One end ns-3's device, the other a NIC.
  expectSame(ref, run(Ends::Mixed, workload, ns3::Seconds(30)));
}

} // namespace
} // namespace nictest
