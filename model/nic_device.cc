#include "model/nic_device.h"

#include "model/type_id.h"

#include <ns3/ethernet-header.h>
#include <ns3/log.h>
#include <ns3/node.h>
#include <ns3/pcap-file-wrapper.h>
#include <ns3/pointer.h>
#include <ns3/ppp-header.h>
#include <ns3/simulator.h>
#include <ns3/trace-helper.h>

#include <stdexcept>

#include "model/bridge.h"
#include "model/nic_model.h"

namespace model {

NS_OBJECT_ENSURE_REGISTERED(NicDevice);

namespace {

// PPP protocol numbers, as PointToPointNetDevice writes them.
uint16_t etherToPpp(uint16_t proto) {
  switch (proto) {
  case 0x0800: return 0x0021; // IPv4
  case 0x86DD: return 0x0057; // IPv6
  default: throw std::invalid_argument("model::NicDevice: no PPP number for protocol " + std::to_string(proto));
  }
}

uint16_t pppToEther(uint16_t proto) {
  switch (proto) {
  case 0x0021: return 0x0800;
  case 0x0057: return 0x86DD;
  default: return 0;
  }
}

} // namespace

ns3::TypeId NicDevice::GetTypeId() {
  static ns3::TypeId tid =
      newTypeId<NicDevice, ns3::NetDevice>("model::NicDevice", "Netbed")
          .AddAttribute("ReceiveErrorModel", "Decides which frames arriving from the medium are lost",
                        ns3::PointerValue(), ns3::MakePointerAccessor(&NicDevice::errorModel_),
                        ns3::MakePointerChecker<ns3::ErrorModel>())
          .AddTraceSource("Sniffer", "A link frame the host sends or receives",
                          ns3::MakeTraceSourceAccessor(&NicDevice::snifferTrace_), "ns3::Packet::TracedCallback")
          .AddTraceSource("PromiscSniffer", "A link frame the host sends or receives",
                          ns3::MakeTraceSourceAccessor(&NicDevice::promiscSnifferTrace_), "ns3::Packet::TracedCallback")
          .AddTraceSource("MediumRx", "A frame's last bit arrives from the medium (packet, bytes on the medium)",
                          ns3::MakeTraceSourceAccessor(&NicDevice::mediumRxTrace_),
                          "model::NicDevice::MediumRxCallback")
          .AddTraceSource("AckRx", "A radio ACK for this device arrives from the medium (its bytes)",
                          ns3::MakeTraceSourceAccessor(&NicDevice::ackRxTrace_), "model::NicDevice::AckRxCallback");
  return tid;
}

NicDevice::NicDevice() = default;
NicDevice::~NicDevice() = default;

void NicDevice::setSpec(const NicSpec& spec) {
  if (model_)
    throw std::logic_error("model::NicDevice: the device already has a model");
  model_ = makeModel(spec);
  spec_ = spec;
  model_->setPort(this);
  if (std::uint32_t mtu = model_->mtu())
    mtu_ = static_cast<uint16_t>(std::min<std::uint32_t>(mtu, 65535));
}

void NicDevice::setRate(std::uint64_t bitsPerSecond) {
  if (bitsPerSecond == 0)
    throw std::invalid_argument("model::NicDevice::setRate: a rate > 0 bit/s expected");
  model_->setRate(bitsPerSecond);
}

void NicDevice::attach(NicMedium* medium, ns3::Ptr<ns3::Channel> channel) {
  if (!model_)
    throw std::logic_error("model::NicDevice::attach: setSpec first");
  medium_ = medium;
  pointToPoint_ = medium->pointToPoint();
  channel_ = channel;
  linkChange_();
}

NicStats NicDevice::stats() const { return model_ ? model_->stats() : NicStats(); }

void NicDevice::enablePcap(const std::string& prefix) {
  ns3::PcapHelper helper;
  std::string name = helper.GetFilenameFromDevice(prefix, this);
  auto file =
      helper.CreateFile(name, std::ios::out, IsPointToPoint() ? ns3::PcapHelper::DLT_PPP : ns3::PcapHelper::DLT_EN10MB);
  helper.HookDefaultSink<NicDevice>(this, "PromiscSniffer", file);
}

bool NicDevice::SetMtu(const uint16_t mtu) {
  std::uint32_t max = model_ ? model_->mtu() : 0;
  if (max && mtu > max)
    return false;
  mtu_ = mtu;
  return true;
}

void NicDevice::AddLinkChangeCallback(ns3::Callback<void> callback) { linkChange_.ConnectWithoutContext(callback); }

ns3::Address NicDevice::GetBroadcast() const { return ns3::Mac48Address::GetBroadcast(); }

ns3::Address NicDevice::GetMulticast(ns3::Ipv4Address group) const { return ns3::Mac48Address::GetMulticast(group); }

ns3::Address NicDevice::GetMulticast(ns3::Ipv6Address addr) const { return ns3::Mac48Address::GetMulticast(addr); }

std::uint32_t NicDevice::headerBytes() const { return IsPointToPoint() ? 2 : 14; }

bool NicDevice::Send(ns3::Ptr<ns3::Packet> packet, const ns3::Address& dest, uint16_t protocolNumber) {
  return SendFrom(packet, address_, dest, protocolNumber);
}

bool NicDevice::SendFrom(ns3::Ptr<ns3::Packet> packet, const ns3::Address& source, const ns3::Address& dest,
                         uint16_t protocolNumber) {
  if (!medium_)
    return false;
  if (IsPointToPoint()) {
    ns3::PppHeader ppp;
    ppp.SetProtocol(etherToPpp(protocolNumber));
    packet->AddHeader(ppp);
  } else {
    ns3::EthernetHeader eth(false);
    eth.SetSource(ns3::Mac48Address::ConvertFrom(source));
    eth.SetDestination(ns3::Mac48Address::ConvertFrom(dest));
    eth.SetLengthType(protocolNumber);
    packet->AddHeader(eth);
  }
  Frame f;
  f.packet = packet;
  f.bytes = packet->GetSize();
  f.seq = seq_++;
  f.ackRequest = IsPointToPoint() || !ns3::Mac48Address::ConvertFrom(dest).IsGroup(); // unicast
  bool accepted = false;
  Bridge::get().input([&] { accepted = model_->send(f); });
  if (accepted) {
    snifferTrace_(packet);
    promiscSnifferTrace_(packet);
  }
  stopQueueIfFull();
  return accepted;
}

void NicDevice::stopQueueIfFull() {
  if (queueInterface_ && model_->txFull(mtu_ + headerBytes()))
    queueInterface_->GetTxQueue(0)->Stop();
}

void NicDevice::txRoom() {
  if (queueInterface_ && !model_->txFull(mtu_ + headerBytes()))
    queueInterface_->GetTxQueue(0)->Wake();
}

void NicDevice::transmitted(const Frame& f, std::uint64_t endNs) {
  if (!medium_)
    return;
  if (f.ack && !IsPointToPoint()) {
    // An ACK carries no addresses; its receiver's error model (a segment's filter) is shown a
    // header with this sender's address, so that it can tell where the ACK came from.
    Frame out = f;
    ns3::EthernetHeader eth(false);
    eth.SetSource(address_);
    eth.SetDestination(ns3::Mac48Address::GetBroadcast());
    eth.SetLengthType(0);
    out.packet = ns3::Create<ns3::Packet>();
    out.packet->AddHeader(eth);
    medium_->transmit(this, out, endNs);
    return;
  }
  medium_->transmit(this, f, endNs);
}

std::uint64_t NicDevice::reserveMedium(std::uint64_t earliestNs, std::uint64_t durationNs) {
  return medium_ ? medium_->reserve(this, earliestNs, durationNs) : earliestNs;
}

bool NicDevice::channelBusy(std::uint64_t fromNs, std::uint64_t toNs) {
  return medium_ ? medium_->busy(this, fromNs, toNs) : false;
}

void NicDevice::collidedOnMedium(const Frame&) {
  if (model_)
    model_->countCollision();
}

void NicDevice::receiveFromMedium(Frame f) {
  if (!model_)
    return;
  if (f.ack) { // a radio ACK: for the sender it acknowledges only
    if (f.dst != model_->id())
      return;
    ackRxTrace_(f.bytes);
    if (errorModel_ && errorModel_->IsCorrupt(f.packet ? f.packet : ns3::Create<ns3::Packet>(f.bytes))) {
      model_->countDrop(cause::linkLoss);
      reportDrop(cause::linkLoss, f.bytes);
      return;
    }
    Bridge::get().input([&] { model_->receive(f); });
    return;
  }
  if (!IsPointToPoint()) {
    // The MAC's address filter, before anything reaches the NIC's buffers.
    ns3::EthernetHeader eth(false);
    f.packet->PeekHeader(eth);
    ns3::Mac48Address to = eth.GetDestination();
    if (to != address_ && !to.IsBroadcast() && !to.IsGroup())
      return;
  }
  mediumRxTrace_(f.packet, f.bytes);
  if (errorModel_) {
    // A fragment is judged as a frame of its own size.
    ns3::Ptr<ns3::Packet> judged = f.count > 1 ? ns3::Create<ns3::Packet>(f.bytes) : f.packet;
    if (errorModel_->IsCorrupt(judged)) {
      model_->countDrop(cause::linkLoss);
      reportDrop(cause::linkLoss, f.bytes);
      return;
    }
  }
  Bridge::get().input([&] { model_->receive(f); });
}

void NicDevice::delivered(const Frame& f) {
  ns3::Ptr<ns3::Packet> packet = f.packet;
  snifferTrace_(packet);
  promiscSnifferTrace_(packet);
  uint16_t protocol = 0;
  ns3::Address from;
  ns3::Address to = address_;
  PacketType type = PACKET_HOST;
  if (IsPointToPoint()) {
    ns3::PppHeader ppp;
    packet->RemoveHeader(ppp);
    protocol = pppToEther(ppp.GetProtocol());
    if (peer_.IsInvalid() && channel_) { // as PointToPointNetDevice::GetRemote: the link's one peer
      for (std::size_t i = 0; i < channel_->GetNDevices(); ++i)
        if (channel_->GetDevice(i) != this)
          peer_ = channel_->GetDevice(i)->GetAddress();
    }
    from = peer_;
  } else {
    ns3::EthernetHeader eth(false);
    packet->RemoveHeader(eth);
    protocol = eth.GetLengthType();
    from = eth.GetSource();
    to = eth.GetDestination();
    ns3::Mac48Address dst = eth.GetDestination();
    type = dst.IsBroadcast() ? PACKET_BROADCAST : dst.IsGroup() ? PACKET_MULTICAST : PACKET_HOST;
  }
  if (!promiscCallback_.IsNull())
    promiscCallback_(this, packet, protocol, from, to, type);
  if (!rxCallback_.IsNull())
    rxCallback_(this, packet, protocol, from);
}

void NicDevice::dropped(const char* cause, std::uint32_t bytes) { reportDrop(cause, bytes); }

void NicDevice::reportDrop(const char* cause, std::uint32_t bytes) {
  if (dropHook_)
    dropHook_(static_cast<std::uint64_t>(ns3::Simulator::Now().GetTimeStep()), cause, bytes);
}

void NicDevice::NotifyNewAggregate() {
  if (!queueInterface_) {
    if (auto ndqi = GetObject<ns3::NetDeviceQueueInterface>())
      queueInterface_ = ndqi;
  }
  ns3::NetDevice::NotifyNewAggregate();
}

void NicDevice::DoDispose() {
  if (model_)
    model_->setPort(nullptr);
  medium_ = nullptr;
  channel_ = nullptr;
  node_ = nullptr;
  queueInterface_ = nullptr;
  errorModel_ = nullptr;
  rxCallback_ = ReceiveCallback();
  promiscCallback_ = PromiscReceiveCallback();
  dropHook_ = nullptr;
  ns3::NetDevice::DoDispose();
}

} // namespace model
