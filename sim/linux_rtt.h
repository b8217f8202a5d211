// Linux's RTT estimator and RTO (net/ipv4/tcp_input.c, tcp_rtt_estimator and tcp_set_rto) as an
// ns-3 RttEstimator, for the linux TCP profile. ns-3 computes every RTO as
// max(minRto, estimate + max(1 ms, 4 * variation)); this estimator reports SRTT as the estimate
// and a quarter of Linux's rttvar as the variation, so ns-3's formula gives Linux's
// RTO = SRTT + rttvar, where rttvar is never below minRto (TCP_RTO_MIN): about SRTT + 200 ms on
// a quiet path, where RFC 6298's formula gives max(200 ms, SRTT + 4 * RTTVAR). In microseconds,
// as Linux computes it; Linux then rounds the RTO up to its clock's ticks, which this does not.
#pragma once

#include <cstdint>

#include <ns3/nstime.h>
#include <ns3/rtt-estimator.h>

namespace sim {

class LinuxRttEstimator : public ns3::RttEstimator {
public:
  static ns3::TypeId GetTypeId();
  LinuxRttEstimator() = default;
  LinuxRttEstimator(const LinuxRttEstimator&) = default;

  ns3::TypeId GetInstanceTypeId() const override { return GetTypeId(); }
  void Measurement(ns3::Time t) override;
  ns3::Ptr<ns3::RttEstimator> Copy() const override;
  void Reset() override;

private:
  void publish();

  ns3::Time minRto_ = ns3::MilliSeconds(200);
  // Linux's fixed-point state, in microseconds as Linux keeps it: 8 x SRTT, 4 x the mean
  // deviation, the deviation's maximum in the current window, and rttvar (what the RTO adds
  // to SRTT).
  std::int64_t srtt8_ = 0, mdev4_ = 0, mdevMax_ = 0, rttvar_ = 0;
  // Linux renews the window once the data sent at its start is acknowledged (snd_una past
  // rtt_seq): one round trip. Without sequence numbers here, a window is one SRTT long.
  std::int64_t windowEndUs_ = 0;
};

} // namespace sim
