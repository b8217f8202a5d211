// The time bridge: SystemC never runs ahead of ns-3, and the one pending wake-up is always at
// SystemC's next activity; NICs are made before the kernel runs; the kernel is replaced
// between simulations; 10,000 NICs in one kernel.
#include <gtest/gtest.h>
#include <ns3/simulator.h>

#include <systemc>

#include "model/bridge.h"
#include "tests/model/harness.h"

namespace nictest {
namespace {

struct Bridge : ::testing::Test {
  void SetUp() override { freshNs3(); }
  void TearDown() override { freshNs3(); }
};

TEST_F(Bridge, OneWakeUpAtSystemCsNextActivity) {
  Net net;
  Link link;
  link.a = model::GenericNic{};
  link.b = model::SpiEthernetNic{};
  link.rate = 10'000'000;
  addPair(net, link);
  auto tcp = tcpBulk(net, 0, 1, ns3::MilliSeconds(1), 100'000);
  int probes = 0, waking = 0;
  std::function<void()> probe = [&] {
    ++probes;
    auto& b = model::Bridge::get();
    auto now = static_cast<std::uint64_t>(ns3::Simulator::Now().GetTimeStep());
    ASSERT_LE(b.nowNs(), now);
    if (sc_core::sc_pending_activity_at_future_time()) {
      ++waking;
      ASSERT_TRUE(b.wakePending());
      ASSERT_EQ(b.wakeAtNs(), b.nowNs() + sc_core::sc_time_to_pending_activity().value());
      ASSERT_GE(b.wakeAtNs(), now);
    }
    if (probes < 20'000)
      ns3::Simulator::Schedule(ns3::NanoSeconds(7'919), probe);
  };
  ns3::Simulator::Schedule(ns3::MilliSeconds(1), probe);
  ns3::Simulator::Stop(ns3::Seconds(10));
  ns3::Simulator::Run();
  EXPECT_EQ(tcp->received, 100'000u);
  EXPECT_EQ(probes, 20'000);
  EXPECT_GT(waking, 1'000);
}

TEST_F(Bridge, ASecondSimulationGetsAFreshKernel) {
  std::int64_t first = 0;
  for (int round = 0; round < 3; ++round) {
    auto p = rawPair(model::GenericNic{}, model::GenericNic{}, ns3::MicroSeconds(1));
    sendAt(p, ns3::MicroSeconds(10), 100);
    ns3::Simulator::Run();
    ASSERT_EQ(p->hostRx.size(), 1u);
    // Same time every round: the new kernel starts from zero.
    EXPECT_EQ(p->hostRx[0].ns, round == 0 ? p->hostRx[0].ns : first);
    if (round == 0)
      first = p->hostRx[0].ns;
    EXPECT_EQ(sc_core::sc_time_stamp().value(), static_cast<std::uint64_t>(p->hostRx[0].ns));
    freshNs3();
  }
}

TEST_F(Bridge, TenThousandNicsInOneKernel) {
  std::vector<std::shared_ptr<RawPair>> pairs;
  for (int i = 0; i < 5'000; ++i) {
    pairs.push_back(rawPair(model::GenericNic{}, model::GenericNic{}, ns3::MicroSeconds(1)));
    sendAt(pairs.back(), ns3::NanoSeconds(1'000 + i), 1000);
  }
  ns3::Simulator::Run();
  for (auto& p : pairs)
    ASSERT_EQ(p->hostRx.size(), 1u);
  // DMA 500 + 1002 ns, 1002 bytes at 100 Mbit/s: 80160 ns, 1 us on the medium, DMA and 2 us IRQ.
  EXPECT_EQ(pairs[0]->hostRx[0].ns, 1'000 + 1'502 + 80'160 + 1'000 + 1'502 + 2'000);
  EXPECT_EQ(pairs[4'999]->hostRx[0].ns, 5'999 + 1'502 + 80'160 + 1'000 + 1'502 + 2'000);
}

} // namespace
} // namespace nictest
