// A point-to-point link with ns-3's PointToPointNetDevice at one end and a SystemC NIC at the
// other: a scenario may choose, per node, an ns-3 device or a NIC. Both ends speak PPP framing
// (2-byte header); each frame arrives `delay` after its last bit left the sender.
#pragma once

#include <ns3/point-to-point-channel.h>
#include <ns3/point-to-point-net-device.h>

#include "model/nic_device.h"

namespace model {

class MixedChannel : public ns3::PointToPointChannel, public NicMedium {
public:
  static ns3::TypeId GetTypeId();
  MixedChannel();
  // Joins both ends; the ns-3 device is configured by the caller and not attached yet.
  void join(ns3::Ptr<ns3::PointToPointNetDevice> device, ns3::Ptr<NicDevice> nic);

  std::size_t GetNDevices() const override { return 2; }
  ns3::Ptr<ns3::NetDevice> GetDevice(std::size_t i) const override;
  bool TransmitStart(ns3::Ptr<const ns3::Packet> p, ns3::Ptr<ns3::PointToPointNetDevice> src,
                     ns3::Time txTime) override;

  void transmit(NicDevice* from, const Frame& f, std::uint64_t endNs) override;
  std::uint64_t reserve(NicDevice*, std::uint64_t earliestNs, std::uint64_t) override { return earliestNs; }
  bool pointToPoint() const override { return true; }

protected:
  void DoDispose() override;

private:
  ns3::Ptr<ns3::PointToPointNetDevice> device_;
  ns3::Ptr<NicDevice> nic_;
};

} // namespace model
