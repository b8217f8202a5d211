// One end of a link, or one member of a segment, as the world drives it: what the world asks
// of a device (its loss, up or down, pcap, the link's delay) whatever the device is (ns-3's
// point-to-point or CSMA device, or a SystemC NIC). Made once, where the device is made and
// its kind is known, so that nothing later asks what type a device is. Internal to sim/.
#pragma once

#include <ns3/error-model.h>
#include <ns3/net-device.h>
#include <ns3/nstime.h>
#include <ns3/ptr.h>

#include <memory>
#include <string>

namespace ns3 {
class CsmaNetDevice;
class PointToPointNetDevice;
} // namespace ns3

namespace model {
class NicDevice;
}

namespace sim {

class LinkDevice {
public:
  virtual ~LinkDevice() = default;
  LinkDevice(const LinkDevice&) = delete;
  LinkDevice& operator=(const LinkDevice&) = delete;

  virtual ns3::Ptr<ns3::NetDevice> device() const = 0;
  // The error model that judges every frame arriving here while the device is up (null:
  // none): a link's loss, a segment member's filter.
  void setLoss(ns3::Ptr<ns3::ErrorModel> em);
  // Down: every frame arriving here is lost, and no random number is drawn (a cut cable);
  // up again: the loss model judges them as before. Up when made.
  void setUp(bool up);
  // Writes <prefix>-<node id>-<device index>.pcap: the frames the device sends and receives.
  virtual void pcap(const std::string& prefix) = 0;
  // The propagation delay of the channel the device is attached to (on a link, both
  // directions), for frames sent from now on.
  void setDelay(ns3::Time delay);

protected:
  LinkDevice() = default;

private:
  // Sets the device's receive error model (null: none).
  virtual void setReceiveErrorModel(ns3::Ptr<ns3::ErrorModel> em) = 0;

  ns3::Ptr<ns3::ErrorModel> loss_;
  bool up_ = true;
};

std::unique_ptr<LinkDevice> linkDevice(ns3::Ptr<ns3::PointToPointNetDevice> device);
std::unique_ptr<LinkDevice> linkDevice(ns3::Ptr<ns3::CsmaNetDevice> device);
std::unique_ptr<LinkDevice> linkDevice(ns3::Ptr<model::NicDevice> device);

} // namespace sim
