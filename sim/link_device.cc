#include "sim/link_device.h"

#include <ns3/channel.h>
#include <ns3/csma-helper.h>
#include <ns3/csma-net-device.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/point-to-point-net-device.h>

#include "model/nic_device.h"

namespace sim {

namespace {

// Drops every frame, and draws no random number: a cut cable.
class Blackhole : public ns3::ErrorModel {
  bool DoCorrupt(ns3::Ptr<ns3::Packet>) override { return true; }
  void DoReset() override {}
};

// How each kind writes its pcap file.
void writePcap(const std::string& prefix, const ns3::Ptr<ns3::PointToPointNetDevice>& d) {
  ns3::PointToPointHelper().EnablePcap(prefix, d);
}
void writePcap(const std::string& prefix, const ns3::Ptr<ns3::CsmaNetDevice>& d) {
  ns3::CsmaHelper().EnablePcap(prefix, d);
}
void writePcap(const std::string& prefix, const ns3::Ptr<model::NicDevice>& d) { d->enablePcap(prefix); }

// A device of a kind known when it was made: each kind has its own SetReceiveErrorModel (not
// a method of ns3::NetDevice) and its own way to pcap.
template <class Device> class KnownLinkDevice final : public LinkDevice {
public:
  explicit KnownLinkDevice(ns3::Ptr<Device> d) : device_(std::move(d)) {}
  ns3::Ptr<ns3::NetDevice> device() const override { return device_; }
  void pcap(const std::string& prefix) override { writePcap(prefix, device_); }

private:
  void setReceiveErrorModel(ns3::Ptr<ns3::ErrorModel> em) override { device_->SetReceiveErrorModel(em); }
  ns3::Ptr<Device> device_;
};

} // namespace

void LinkDevice::setLoss(ns3::Ptr<ns3::ErrorModel> em) {
  loss_ = std::move(em);
  if (up_)
    setReceiveErrorModel(loss_);
}

void LinkDevice::setUp(bool up) {
  up_ = up;
  setReceiveErrorModel(up ? loss_ : ns3::Ptr<ns3::ErrorModel>(ns3::CreateObject<Blackhole>()));
}

// Every channel a world makes (JitterChannel, CsmaChannel, model::NicChannel and RadioChannel,
// model::MixedChannel) takes its delay as the attribute "Delay".
void LinkDevice::setDelay(ns3::Time delay) { device()->GetChannel()->SetAttribute("Delay", ns3::TimeValue(delay)); }

std::unique_ptr<LinkDevice> linkDevice(ns3::Ptr<ns3::PointToPointNetDevice> device) {
  return std::make_unique<KnownLinkDevice<ns3::PointToPointNetDevice>>(std::move(device));
}

std::unique_ptr<LinkDevice> linkDevice(ns3::Ptr<ns3::CsmaNetDevice> device) {
  return std::make_unique<KnownLinkDevice<ns3::CsmaNetDevice>>(std::move(device));
}

std::unique_ptr<LinkDevice> linkDevice(ns3::Ptr<model::NicDevice> device) {
  return std::make_unique<KnownLinkDevice<model::NicDevice>>(std::move(device));
}

} // namespace sim
