// The medium between NicDevices.
// - Point-to-point (two devices): full duplex, one wire per direction; a frame arrives at the
//   peer `delay` after its last bit left the sender's NIC.
// - Shared (two or more devices): half duplex, every member hears every frame `delay` after
//   its last bit. Medium access is an ideal, collision-free arbiter: a NIC asks for the medium
//   when its transmit engine takes a frame, and gets it at the time it asked for or when the
//   frames granted before are through, whichever is later (first come, first served; the same
//   instant in the order the NICs ask). No backoff, no collisions, no carrier-sense delay.
// Radios use model/radio_channel.h instead.
#pragma once

#include <ns3/channel.h>
#include <ns3/nstime.h>

#include <vector>

#include "model/nic_device.h"

namespace model {

class NicChannel : public ns3::Channel, public NicMedium {
public:
  static ns3::TypeId GetTypeId();
  NicChannel();
  void setShared(bool shared) { shared_ = shared; }
  // Also the "Delay" attribute, as on ns-3's channels; a change applies to frames sent after it.
  void setDelay(ns3::Time delay) { delay_ = delay; }
  // Adds a device (at most two on a point-to-point channel) and attaches it.
  void add(ns3::Ptr<NicDevice> device);

  std::size_t GetNDevices() const override { return devices_.size(); }
  ns3::Ptr<ns3::NetDevice> GetDevice(std::size_t i) const override { return devices_.at(i); }

  void transmit(NicDevice* from, const Frame& f, std::uint64_t endNs) override;
  std::uint64_t reserve(NicDevice* from, std::uint64_t earliestNs, std::uint64_t durationNs) override;
  bool pointToPoint() const override { return !shared_; }

protected:
  void DoDispose() override;

  ns3::Time delay_;
  std::vector<ns3::Ptr<NicDevice>> devices_;

private:
  bool shared_ = false;
  std::uint64_t busyUntil_ = 0; // shared: end of the last frame granted
};

} // namespace model
