#include "model/mixed_channel.h"

#include "model/type_id.h"

#include <ns3/node.h>
#include <ns3/simulator.h>

#include <stdexcept>

namespace model {

NS_OBJECT_ENSURE_REGISTERED(MixedChannel);

ns3::TypeId MixedChannel::GetTypeId() {
  return typeIdOf<MixedChannel, ns3::PointToPointChannel>("model::MixedChannel", "Netbed");
}

MixedChannel::MixedChannel() = default;

void MixedChannel::join(ns3::Ptr<ns3::PointToPointNetDevice> device, ns3::Ptr<NicDevice> nic) {
  if (device_ || nic_)
    throw std::logic_error("model::MixedChannel: both ends are already joined");
  device_ = device;
  nic_ = nic;
  device->Attach(this); // registers with the base channel as its only device
  nic->attach(this, this);
}

ns3::Ptr<ns3::NetDevice> MixedChannel::GetDevice(std::size_t i) const {
  if (i == 0)
    return device_;
  if (i == 1)
    return nic_;
  throw std::out_of_range("model::MixedChannel::GetDevice: two devices");
}

bool MixedChannel::TransmitStart(ns3::Ptr<const ns3::Packet> p, ns3::Ptr<ns3::PointToPointNetDevice>,
                                 ns3::Time txTime) {
  Frame f;
  f.packet = p->Copy();
  f.bytes = p->GetSize();
  ns3::Simulator::ScheduleWithContext(nic_->GetNode()->GetId(), txTime + GetDelay(), &NicDevice::receiveFromMedium,
                                      nic_, f);
  return true;
}

void MixedChannel::transmit(NicDevice*, const Frame& f, std::uint64_t endNs) {
  auto now = static_cast<std::uint64_t>(ns3::Simulator::Now().GetTimeStep());
  ns3::Simulator::ScheduleWithContext(device_->GetNode()->GetId(),
                                      ns3::TimeStep(static_cast<int64_t>(endNs - now)) + GetDelay(),
                                      &ns3::PointToPointNetDevice::Receive, device_, f.packet->Copy());
}

void MixedChannel::DoDispose() {
  device_ = nullptr;
  nic_ = nullptr;
  ns3::PointToPointChannel::DoDispose();
}

} // namespace model
