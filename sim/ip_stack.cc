#include "sim/ip_stack.h"

#include "model/type_id.h"
#include "sim/fq_codel.h"

#include <ns3/arp-l3-protocol.h>
#include <ns3/ipv4-routing-protocol.h>
#include <ns3/ipv6-routing-protocol.h>
#include <ns3/ipv6.h>
#include <ns3/object-factory.h>
#include <ns3/packet-socket-factory.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/socket.h>

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(Ipv4L3Protocol);
NS_OBJECT_ENSURE_REGISTERED(TrafficControlLayer);

// --- Ipv4L3Protocol ---------------------------------------------------------------------

ns3::TypeId Ipv4L3Protocol::GetTypeId() {
  return model::typeIdOf<Ipv4L3Protocol, ns3::Ipv4L3Protocol>("sim::Ipv4L3Protocol", "Internet");
}

uint32_t Ipv4L3Protocol::AddInterface(ns3::Ptr<ns3::NetDevice> device) {
  uint32_t interface = ns3::Ipv4L3Protocol::AddInterface(device);
  // Known by index only when the index is the device's place on this node.
  ns3::Ptr<ns3::Node> node = GetObject<ns3::Node>();
  uint32_t k = device->GetIfIndex();
  if (node && k < node->GetNDevices() && node->GetDevice(k) == device) {
    if (byIfIndex_.size() <= k)
      byIfIndex_.resize(k + 1);
    byIfIndex_[k] = {ns3::PeekPointer(device), static_cast<std::int32_t>(interface)};
  }
  return interface;
}

int32_t Ipv4L3Protocol::GetInterfaceForDevice(ns3::Ptr<const ns3::NetDevice> device) const {
  if (device) {
    uint32_t k = device->GetIfIndex();
    if (k < byIfIndex_.size() && byIfIndex_[k].device == ns3::PeekPointer(device))
      return byIfIndex_[k].interface;
  }
  return ns3::Ipv4L3Protocol::GetInterfaceForDevice(device); // the loopback, others' devices
}

void Ipv4L3Protocol::DoDispose() {
  byIfIndex_.clear();
  ns3::Ipv4L3Protocol::DoDispose();
}

// --- TrafficControlLayer ----------------------------------------------------------------

ns3::TypeId TrafficControlLayer::GetTypeId() {
  return model::typeIdOf<TrafficControlLayer, ns3::TrafficControlLayer>("sim::TrafficControlLayer", "TrafficControl");
}

// After ns-3's scan, each device ns-3's Send would treat as "one transmission queue, the root
// queue disc (woken as root) or none" is entered: ns-3 then uses queue 0 and that disc.
void TrafficControlLayer::ScanDevices() {
  ns3::TrafficControlLayer::ScanDevices();
  byIfIndex_.clear();
  ns3::Ptr<ns3::Node> node = GetObject<ns3::Node>();
  if (!node)
    return;
  byIfIndex_.resize(node->GetNDevices());
  for (uint32_t i = 0; i < node->GetNDevices(); ++i) {
    ns3::Ptr<ns3::NetDevice> device = node->GetDevice(i);
    auto ndqi = device->GetObject<ns3::NetDeviceQueueInterface>();
    if (device->GetIfIndex() != i || !ndqi || ndqi->GetNTxQueues() != 1)
      continue;
    ns3::Ptr<ns3::QueueDisc> root = GetRootQueueDiscOnDevice(device);
    if (root && root->GetWakeMode() != ns3::QueueDisc::WAKE_ROOT)
      continue;
    // A point-to-point device never calls back into this layer from its Send, so the queue disc
    // is not running when a packet arrives at it.
    FqCoDel* fq = root && dynamic_cast<ns3::PointToPointNetDevice*>(ns3::PeekPointer(device))
                      ? dynamic_cast<FqCoDel*>(ns3::PeekPointer(root))
                      : nullptr;
    byIfIndex_[i] = {ns3::PeekPointer(device), ndqi->GetTxQueue(0), root, fq};
  }
}

void TrafficControlLayer::forget(const ns3::Ptr<ns3::NetDevice>& device) {
  uint32_t k = device->GetIfIndex();
  if (k < byIfIndex_.size() && byIfIndex_[k].device == ns3::PeekPointer(device))
    byIfIndex_[k] = Entry{};
}

// A queue disc set or deleted after the scan: ns-3's own code from then on, as it keeps its
// own state of what to wake.
void TrafficControlLayer::SetRootQueueDiscOnDevice(ns3::Ptr<ns3::NetDevice> device, ns3::Ptr<ns3::QueueDisc> qDisc) {
  forget(device);
  ns3::TrafficControlLayer::SetRootQueueDiscOnDevice(device, qDisc);
}

void TrafficControlLayer::DeleteRootQueueDiscOnDevice(ns3::Ptr<ns3::NetDevice> device) {
  forget(device);
  ns3::TrafficControlLayer::DeleteRootQueueDiscOnDevice(device);
}

// As ns3::TrafficControlLayer::Send for a single-queue device.
void TrafficControlLayer::Send(ns3::Ptr<ns3::NetDevice> device, ns3::Ptr<ns3::QueueDiscItem> item) {
  uint32_t k = device->GetIfIndex();
  if (k < byIfIndex_.size() && byIfIndex_[k].device == ns3::PeekPointer(device)) {
    const Entry& e = byIfIndex_[k];
    if (e.fq && e.fq->passes() && !e.queue->IsStopped()) {
      // As Enqueue and Run would: the queue disc's decisions, then DequeuePacket's header and
      // Transmit's send (the device queue is not stopped; the queue disc is empty after it).
      item->SetTxQueueIndex(0);
      ns3::Ptr<ns3::QueueDiscItem> out = e.fq->passThrough(item);
      out->AddHeader();
      ns3::SocketPriorityTag priority;
      out->GetPacket()->RemovePacketTag(priority);
      device->Send(out->GetPacket(), out->GetAddress(), out->GetProtocol());
      return;
    }
    if (e.root) {
      item->SetTxQueueIndex(0);
      ns3::Ptr<ns3::QueueDisc> root = e.root;
      root->Enqueue(item);
      root->Run();
      return;
    }
    if (!e.queue->IsStopped()) {
      item->AddHeader();
      ns3::SocketPriorityTag priority; // a single-queue device makes no use of it
      item->GetPacket()->RemovePacketTag(priority);
      device->Send(item->GetPacket(), item->GetAddress(), item->GetProtocol());
      return;
    }
    // A stopped queue: ns-3 drops the packet and tells its Drop trace.
  }
  ns3::TrafficControlLayer::Send(device, item);
}

void TrafficControlLayer::DoDispose() {
  byIfIndex_.clear();
  ns3::TrafficControlLayer::DoDispose();
}

// --- installStack -----------------------------------------------------------------------

namespace {

void aggregate(const ns3::Ptr<ns3::Node>& node, const std::string& typeId) {
  ns3::ObjectFactory factory;
  factory.SetTypeId(typeId);
  node->AggregateObject(factory.Create<ns3::Object>());
}

} // namespace

// InternetStackHelper::Install(node) of ns-3 3.37, step for step (ARP jitter and IPv6
// solicitation jitter enabled, as the helper's defaults), with sim::Ipv4L3Protocol and
// sim::TrafficControlLayer in place of ns-3's.
void installStack(const ns3::Ptr<ns3::Node>& node, const StackSpec& spec) {
  aggregate(node, "ns3::ArpL3Protocol");
  aggregate(node, "sim::Ipv4L3Protocol");
  aggregate(node, "ns3::Icmpv4L4Protocol");
  ns3::Ptr<ns3::Ipv4> ipv4 = node->GetObject<ns3::Ipv4>();
  ipv4->SetRoutingProtocol(spec.routing->Create(node));
  if (spec.routing6) {
    aggregate(node, "ns3::Ipv6L3Protocol");
    aggregate(node, "ns3::Icmpv6L4Protocol");
    ns3::Ptr<ns3::Ipv6> ipv6 = node->GetObject<ns3::Ipv6>();
    ipv6->SetRoutingProtocol(spec.routing6->Create(node));
    ipv6->RegisterExtensions();
    ipv6->RegisterOptions();
  }
  aggregate(node, "sim::TrafficControlLayer");
  aggregate(node, "ns3::UdpL4Protocol");
  aggregate(node, spec.tcp);
  node->AggregateObject(ns3::CreateObject<ns3::PacketSocketFactory>());
  node->GetObject<ns3::ArpL3Protocol>()->SetTrafficControl(node->GetObject<ns3::TrafficControlLayer>());
}

} // namespace sim
