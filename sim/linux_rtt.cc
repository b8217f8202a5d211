#include "sim/linux_rtt.h"

#include <algorithm>

#include <ns3/simulator.h>

#include "model/type_id.h"

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(LinuxRttEstimator);

ns3::TypeId LinuxRttEstimator::GetTypeId() {
  static ns3::TypeId tid =
      model::newTypeId<LinuxRttEstimator, ns3::RttEstimator>("sim::LinuxRttEstimator", "Internet")
          .AddAttribute("MinRto", "The least rttvar, so the least RTO over SRTT (Linux TCP_RTO_MIN).",
                        ns3::TimeValue(ns3::MilliSeconds(200)), ns3::MakeTimeAccessor(&LinuxRttEstimator::minRto_),
                        ns3::MakeTimeChecker(ns3::MicroSeconds(1)));
  return tid;
}

void LinuxRttEstimator::Measurement(ns3::Time t) {
  std::int64_t m = std::max<std::int64_t>(t.GetMicroSeconds(), 1);
  std::int64_t now = ns3::Simulator::Now().GetMicroSeconds();
  std::int64_t minRto = minRto_.GetMicroSeconds();
  if (srtt8_ == 0) {
    // The first sample: SRTT = m, mean deviation m / 2, so rttvar = max(2m, minRto).
    srtt8_ = m << 3;
    mdev4_ = m << 1;
    rttvar_ = std::max(mdev4_, minRto);
    mdevMax_ = rttvar_;
    windowEndUs_ = now + m;
  } else {
    std::int64_t err = m - (srtt8_ >> 3);
    srtt8_ += err; // SRTT += err / 8
    if (err < 0) {
      // A sample below SRTT whose error exceeds the deviation counts only an eighth: a
      // falling RTT must not inflate the RTO (Linux's comment cites Eifel).
      err = -err - (mdev4_ >> 2);
      if (err > 0)
        err >>= 3;
    } else {
      err -= mdev4_ >> 2;
    }
    mdev4_ += err; // mdev = 3/4 mdev + 1/4 |err|
    if (mdev4_ > mdevMax_) {
      mdevMax_ = mdev4_;
      rttvar_ = std::max(rttvar_, mdevMax_);
    }
    if (now >= windowEndUs_) {
      // Once per round trip rttvar decays a quarter of the way to the window's maximum.
      if (mdevMax_ < rttvar_)
        rttvar_ -= (rttvar_ - mdevMax_) >> 2;
      windowEndUs_ = now + (srtt8_ >> 3);
      mdevMax_ = minRto;
    }
  }
  publish();
  ++m_nSamples;
}

void LinuxRttEstimator::publish() {
  m_estimatedRtt = ns3::MicroSeconds(srtt8_ >> 3);
  m_estimatedVariation = ns3::NanoSeconds(rttvar_ * 250); // ns-3 adds 4 x this: rttvar exactly
}

ns3::Ptr<ns3::RttEstimator> LinuxRttEstimator::Copy() const { return ns3::CopyObject<LinuxRttEstimator>(this); }

void LinuxRttEstimator::Reset() {
  ns3::RttEstimator::Reset();
  srtt8_ = mdev4_ = mdevMax_ = rttvar_ = windowEndUs_ = 0;
}

} // namespace sim
