// sim::LinuxRttEstimator against Linux's tcp_rtt_estimator and tcp_set_rto, worked by hand
// in microseconds as Linux keeps them (8 x SRTT, 4 x mdev, mdev_max, rttvar): the RTO ns-3
// derives from it, estimate + 4 x variation, is Linux's SRTT + rttvar.
#include <gtest/gtest.h>

#include <ns3/simulator.h>

#include "sim/linux_rtt.h"

namespace {

using ns3::MicroSeconds;
using ns3::MilliSeconds;

// What TcpSocketBase makes of an estimator (its minimum RTO aside: rttvar is never below it).
ns3::Time rtoOf(const ns3::RttEstimator& e) { return e.GetEstimate() + e.GetVariation() * 4; }

ns3::Ptr<sim::LinuxRttEstimator> estimator() {
  auto e = ns3::CreateObject<sim::LinuxRttEstimator>();
  e->SetAttribute("MinRto", ns3::TimeValue(MilliSeconds(200)));
  return e;
}

// A sample at simulated time `at` (the estimator opens a new window once per SRTT).
void sampleAt(ns3::Time at, ns3::Ptr<sim::LinuxRttEstimator> e, ns3::Time m) {
  ns3::Simulator::Schedule(at, [e, m] { e->Measurement(m); });
}

TEST(LinuxRtt, FirstSampleGivesSrttPlusTheLargerOfTwiceItAndTheMinimum) {
  auto quiet = estimator(), slow = estimator();
  quiet->Measurement(MilliSeconds(10)); // 10 + max(20, 200)
  slow->Measurement(MilliSeconds(150)); // 150 + max(300, 200)
  EXPECT_EQ(rtoOf(*quiet), MilliSeconds(210));
  EXPECT_EQ(rtoOf(*slow), MilliSeconds(450));
  EXPECT_EQ(quiet->GetEstimate(), MilliSeconds(10));
  EXPECT_EQ(quiet->GetNSamples(), 1u);
}

TEST(LinuxRtt, BeforeAnySampleTheInitialEstimateStands) {
  auto e = estimator();
  EXPECT_EQ(e->GetEstimate(), ns3::Seconds(1)); // RttEstimator's InitialEstimation
  EXPECT_EQ(e->GetVariation(), ns3::Time(0));
}

TEST(LinuxRtt, ARisingSampleRaisesRttvarAtOnceAFallingOneDampedByAnEighth) {
  auto e = estimator();
  e->Measurement(MilliSeconds(100)); // srtt 100 ms, mdev4 200 ms, rttvar 200 ms
  // err = 400 ms: srtt 150 ms; mdev4 = 200 + (400 - 50) = 550 ms, above mdev_max: rttvar 550 ms.
  e->Measurement(MilliSeconds(500));
  EXPECT_EQ(rtoOf(*e), MilliSeconds(700));
  // err = -50 ms: srtt 143.75 ms; |err| - mdev4/4 = 50 - 137.5 < 0 is added whole:
  // mdev4 462.5 ms, rttvar stays 550 ms (the window has not ended: no decay).
  e->Measurement(MilliSeconds(100));
  EXPECT_EQ(rtoOf(*e), MicroSeconds(143'750 + 550'000));
  // err = -133.75 ms: 8 x srtt 1,016,250 us (srtt 127,031 us); |err| - mdev4/4 = 133,750 -
  // 115,625 = 18,125 us > 0 counts an eighth: 2,265 us; mdev4 464,765 us, below rttvar.
  e->Measurement(MilliSeconds(10));
  EXPECT_EQ(e->GetEstimate(), MicroSeconds(127'031));
  EXPECT_EQ(rtoOf(*e), MicroSeconds(127'031 + 550'000));
}

TEST(LinuxRtt, RttvarDecaysOncePerRoundTripTowardsTheWindowsLargestDeviation) {
  auto e = estimator();
  sampleAt(ns3::Time(0), e, MilliSeconds(100));
  sampleAt(ns3::Time(0), e, MilliSeconds(500)); // as above: srtt 150 ms, mdev4 550 ms, rttvar 550 ms
  // 1 s, past the window (it ended at 100 ms): err -50 ms, srtt 143.75 ms, mdev4 462.5 ms; the
  // window's largest deviation (550 ms) is rttvar's: no decay. The next window starts,
  // its largest deviation back at the minimum, 200 ms, and ends at 1.14375 s.
  sampleAt(ns3::Seconds(1), e, MilliSeconds(100));
  // 2 s: err = -43.75 ms, 8 x srtt 1,106,250 us (srtt 138,281 us); 43,750 - 115,625 < 0:
  // mdev4 390,625 us, the window's largest; the window ended: rttvar loses a quarter of
  // its lead, (550,000 - 390,625) / 4 = 39,843 us: 510,157 us.
  sampleAt(ns3::Seconds(2), e, MilliSeconds(100));
  ns3::Simulator::Run();
  ns3::Simulator::Destroy();
  EXPECT_EQ(e->GetEstimate(), MicroSeconds(138'281));
  EXPECT_EQ(rtoOf(*e), MicroSeconds(138'281 + 510'157));
}

TEST(LinuxRtt, ACopyCarriesTheStateAndResetForgetsIt) {
  auto e = estimator();
  e->Measurement(MilliSeconds(100));
  e->Measurement(MilliSeconds(500));
  auto copy = e->Copy();
  EXPECT_EQ(rtoOf(*copy), MilliSeconds(700));
  copy->Measurement(MilliSeconds(100)); // continues from the copied state
  EXPECT_EQ(rtoOf(*copy), MicroSeconds(143'750 + 550'000));
  e->Reset();
  e->Measurement(MilliSeconds(10)); // a first sample again
  EXPECT_EQ(rtoOf(*e), MilliSeconds(210));
}

} // namespace
