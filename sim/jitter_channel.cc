#include "sim/jitter_channel.h"

#include "model/type_id.h"

#include <ns3/node.h>
#include <ns3/packet.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/simulator.h>

#include <algorithm>

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(JitterChannel);

ns3::TypeId JitterChannel::GetTypeId() {
  return model::typeIdOf<JitterChannel, ns3::PointToPointChannel>("sim::JitterChannel", "PointToPoint");
}

JitterChannel::JitterChannel() : draw_(ns3::CreateObject<ns3::UniformRandomVariable>()) {}

void JitterChannel::setJitter(ns3::Time jitter, int64_t stream) {
  jitter_ = jitter;
  draw_->SetStream(stream);
}

bool JitterChannel::TransmitStart(ns3::Ptr<const ns3::Packet> p, ns3::Ptr<ns3::PointToPointNetDevice> src,
                                  ns3::Time txTime) {
  if (jitter_.IsZero())
    return ns3::PointToPointChannel::TransmitStart(p, src, txTime);
  std::size_t from = GetPointToPointDevice(0) == src ? 0 : 1;
  ns3::Ptr<ns3::PointToPointNetDevice> dst = GetPointToPointDevice(1 - from);
  ns3::Time now = ns3::Simulator::Now();
  auto extra =
      ns3::NanoSeconds(static_cast<int64_t>(draw_->GetValue(0, static_cast<double>(jitter_.GetNanoSeconds()))));
  ns3::Time arrival = std::max(lastArrival_[from], now + txTime + GetDelay() + extra);
  lastArrival_[from] = arrival;
  ns3::Simulator::ScheduleWithContext(dst->GetNode()->GetId(), arrival - now, &ns3::PointToPointNetDevice::Receive, dst,
                                      p->Copy());
  return true;
}

} // namespace sim
