// An ns-3 NetDevice whose hardware is a SystemC NIC model (model/nic.h). The device adds a
// link header (PPP, 2 bytes, on point-to-point links; Ethernet, 14 bytes, on shared media),
// hands frames to the model through the bridge and takes back what the model sends and
// delivers. Flow control as ns-3's own devices: the NetDeviceQueueInterface's TX queue stops
// when the model cannot take a frame of MTU + header bytes and wakes when it can again, so the
// traffic-control layer installs its default queue disc and TCP sees the same back-pressure.
//
// Loss: SetReceiveErrorModel (also the "ReceiveErrorModel" attribute) as PointToPointNetDevice;
// it judges every frame (radio: every air frame) arriving from the medium; a frame it corrupts
// counts as a "link_loss" drop. pcap: the "Sniffer" and "PromiscSniffer" trace sources see
// whole link frames as the host sends and receives them; enablePcap() hooks a file to them.
// "MediumRx" (packet, bytes on the medium) fires when a frame's last bit arrives from the
// medium, before the error model: the sender's departure time plus the propagation delay
// (data frames; not radio ACKs). "AckRx" (bytes) fires when a radio ACK addressed to this device
// arrives, before the error model, which judges ACKs too: as a packet of the ACK's bytes on
// point-to-point links, as an Ethernet header with the ACK's sender as source (14 bytes) on
// shared media. Radio frames lost to a collision reach neither (NicStats::collisions).
#pragma once

#include <ns3/channel.h>
#include <ns3/error-model.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device-queue-interface.h>
#include <ns3/net-device.h>
#include <ns3/traced-callback.h>

#include <cstdint>
#include <string>

#include "model/frame.h"
#include "model/nic.h"

namespace model {

class NicModel;
class NicDevice;

// What a device transmits into (model/nic_channel.h).
class NicMedium {
public:
  virtual void transmit(NicDevice* from, const Frame& f, std::uint64_t endNs) = 0;
  // Start of a frame of durationNs from `from` at earliestNs or later.
  virtual std::uint64_t reserve(NicDevice* from, std::uint64_t earliestNs, std::uint64_t durationNs) = 0;
  virtual bool pointToPoint() const = 0;
  // Radio media: whether `who` hears a frame on the air during [fromNs, toNs) (CCA).
  virtual bool busy(NicDevice* who, std::uint64_t fromNs, std::uint64_t toNs) {
    (void)who, (void)fromNs, (void)toNs;
    return false;
  }
  virtual std::uint64_t delayNs() const { return 0; }

protected:
  ~NicMedium() = default;
};

class NicDevice : public ns3::NetDevice, public NicPort {
public:
  static ns3::TypeId GetTypeId();
  NicDevice();
  ~NicDevice() override;

  // Creates the device's SystemC model: before the simulation runs (else std::logic_error).
  void setSpec(const NicSpec& spec);
  const NicSpec& spec() const { return spec_; }
  // Overrides the spec's bit rate on the medium.
  void setRate(std::uint64_t bitsPerSecond);
  // Joins a medium (done by model/install.h); `channel` is the medium as an ns3::Channel.
  void attach(NicMedium* medium, ns3::Ptr<ns3::Channel> channel);

  void SetReceiveErrorModel(ns3::Ptr<ns3::ErrorModel> em) { errorModel_ = em; }
  // Statistics of the model. SystemC only moves when touched: what happened at the very last
  // instant of a run (a wake-up due at the stop time) may be missing.
  NicStats stats() const;
  void setDropHook(DropHook hook) { dropHook_ = std::move(hook); }
  // Writes <prefix>-<node id>-<device index>.pcap.
  void enablePcap(const std::string& prefix);

  // From the medium: a frame's last bit arrives now.
  void receiveFromMedium(Frame f);
  // From a radio medium: a frame whose last bit arrives now was lost here to another frame.
  void collidedOnMedium(const Frame& f);

  // ns3::NetDevice
  void SetIfIndex(const uint32_t index) override { ifIndex_ = index; }
  uint32_t GetIfIndex() const override { return ifIndex_; }
  ns3::Ptr<ns3::Channel> GetChannel() const override { return channel_; }
  void SetAddress(ns3::Address address) override { address_ = ns3::Mac48Address::ConvertFrom(address); }
  ns3::Address GetAddress() const override { return address_; }
  bool SetMtu(const uint16_t mtu) override;
  uint16_t GetMtu() const override { return mtu_; }
  bool IsLinkUp() const override { return medium_ != nullptr; }
  void AddLinkChangeCallback(ns3::Callback<void> callback) override;
  bool IsBroadcast() const override { return true; }
  ns3::Address GetBroadcast() const override;
  bool IsMulticast() const override { return !IsPointToPoint(); }
  ns3::Address GetMulticast(ns3::Ipv4Address group) const override;
  ns3::Address GetMulticast(ns3::Ipv6Address addr) const override;
  bool IsBridge() const override { return false; }
  bool IsPointToPoint() const override { return pointToPoint_; }
  bool Send(ns3::Ptr<ns3::Packet> packet, const ns3::Address& dest, uint16_t protocolNumber) override;
  bool SendFrom(ns3::Ptr<ns3::Packet> packet, const ns3::Address& source, const ns3::Address& dest,
                uint16_t protocolNumber) override;
  ns3::Ptr<ns3::Node> GetNode() const override { return node_; }
  void SetNode(ns3::Ptr<ns3::Node> node) override { node_ = node; }
  bool NeedsArp() const override { return !IsPointToPoint(); }
  void SetReceiveCallback(ReceiveCallback cb) override { rxCallback_ = cb; }
  void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override { promiscCallback_ = cb; }
  bool SupportsSendFrom() const override { return !IsPointToPoint(); }

protected:
  void DoDispose() override;
  void NotifyNewAggregate() override;

private:
  // NicPort
  void transmitted(const Frame& f, std::uint64_t endNs) override;
  void delivered(const Frame& f) override;
  void txRoom() override;
  void dropped(const char* cause, std::uint32_t bytes) override;
  std::uint64_t reserveMedium(std::uint64_t earliestNs, std::uint64_t durationNs) override;
  bool channelBusy(std::uint64_t fromNs, std::uint64_t toNs) override;
  std::uint64_t propagationNs() override { return medium_ ? medium_->delayNs() : 0; }

  std::uint32_t headerBytes() const;
  void stopQueueIfFull();
  void reportDrop(const char* cause, std::uint32_t bytes);

  NicSpec spec_;
  NicModel* model_ = nullptr; // owned by the bridge's SystemC context
  NicMedium* medium_ = nullptr;
  bool pointToPoint_ = true; // the medium's, cached
  ns3::Address peer_;        // point-to-point: the other end's address, once known
  ns3::Ptr<ns3::Channel> channel_;
  ns3::Ptr<ns3::Node> node_;
  ns3::Ptr<ns3::NetDeviceQueueInterface> queueInterface_;
  ns3::Ptr<ns3::ErrorModel> errorModel_;
  ns3::Mac48Address address_;
  uint32_t ifIndex_ = 0;
  uint16_t mtu_ = 1500;
  std::uint32_t seq_ = 0;
  DropHook dropHook_;
  ReceiveCallback rxCallback_;
  PromiscReceiveCallback promiscCallback_;
  ns3::TracedCallback<> linkChange_;
  ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> snifferTrace_, promiscSnifferTrace_;
  ns3::TracedCallback<ns3::Ptr<const ns3::Packet>, std::uint32_t> mediumRxTrace_;
  ns3::TracedCallback<std::uint32_t> ackRxTrace_;
};

} // namespace model
