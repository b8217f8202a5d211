// A point-to-point channel whose propagation delay varies per frame: delay + U(0, jitter),
// never reordering (a frame arrives no earlier than the one before it, as on one wire).
// Internal to sim/.
#pragma once

#include <ns3/point-to-point-channel.h>
#include <ns3/random-variable-stream.h>

namespace sim {

class JitterChannel : public ns3::PointToPointChannel {
public:
  static ns3::TypeId GetTypeId();
  JitterChannel();
  void setJitter(ns3::Time jitter, int64_t stream);
  bool TransmitStart(ns3::Ptr<const ns3::Packet> p, ns3::Ptr<ns3::PointToPointNetDevice> src,
                     ns3::Time txTime) override;

private:
  ns3::Time jitter_;
  ns3::Ptr<ns3::UniformRandomVariable> draw_;
  ns3::Time lastArrival_[2];
};

} // namespace sim
