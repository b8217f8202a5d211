#include "model/nic_channel.h"

#include "model/type_id.h"

#include <ns3/node.h>
#include <ns3/simulator.h>

#include <algorithm>
#include <stdexcept>

namespace model {

NS_OBJECT_ENSURE_REGISTERED(NicChannel);

ns3::TypeId NicChannel::GetTypeId() {
  static ns3::TypeId tid = newTypeId<NicChannel, ns3::Channel>("model::NicChannel", "Netbed")
                               .AddAttribute("Delay", "Propagation delay", ns3::TimeValue(ns3::Seconds(0)),
                                             ns3::MakeTimeAccessor(&NicChannel::delay_), ns3::MakeTimeChecker());
  return tid;
}

NicChannel::NicChannel() = default;

void NicChannel::add(ns3::Ptr<NicDevice> device) {
  if (!shared_ && devices_.size() == 2)
    throw std::logic_error("model::NicChannel: a point-to-point channel takes two devices");
  devices_.push_back(device);
  device->attach(this, this);
}

void NicChannel::transmit(NicDevice* from, const Frame& f, std::uint64_t endNs) {
  auto now = static_cast<std::uint64_t>(ns3::Simulator::Now().GetTimeStep());
  ns3::Time in = ns3::TimeStep(static_cast<int64_t>(endNs - now)) + delay_;
  bool last = f.index + 1 == f.count; // only a packet's last fragment carries it to the host
  for (auto& d : devices_) {
    if (ns3::PeekPointer(d) == from)
      continue;
    Frame copy = f;
    if (last)
      copy.packet = f.packet->Copy();
    ns3::Simulator::ScheduleWithContext(d->GetNode()->GetId(), in, &NicDevice::receiveFromMedium, d, copy);
  }
}

std::uint64_t NicChannel::reserve(NicDevice*, std::uint64_t earliestNs, std::uint64_t durationNs) {
  if (!shared_)
    return earliestNs;
  std::uint64_t start = std::max(earliestNs, busyUntil_);
  busyUntil_ = start + durationNs;
  return start;
}

void NicChannel::DoDispose() {
  devices_.clear();
  ns3::Channel::DoDispose();
}

} // namespace model
