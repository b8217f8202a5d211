// A node's Internet stack as ns-3's InternetStackHelper installs it (same objects, same
// order, so every random stream keeps its number), with two of ns-3's classes replaced by
// subclasses that find a device's entry by the device's index on its node instead of in a
// std::map: on a router with hundreds of interfaces ns-3 walks a tree of device pointers
// several times per packet (the IPv4 layer's device -> interface map in Receive, Send,
// SendRealOut and IpForward; the traffic-control layer's per-device map in Send).
// Both answer exactly what ns-3's would; anything they do not know goes to ns-3's own code.
// Internal to sim/.
#pragma once

#include <ns3/ipv4-l3-protocol.h>
#include <ns3/ipv4-routing-helper.h>
#include <ns3/ipv6-routing-helper.h>
#include <ns3/net-device-queue-interface.h>
#include <ns3/node.h>
#include <ns3/queue-disc.h>
#include <ns3/traffic-control-layer.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sim {

class FqCoDel;

// ns3::Ipv4L3Protocol whose GetInterfaceForDevice is an array lookup by the device's index.
class Ipv4L3Protocol : public ns3::Ipv4L3Protocol {
public:
  static ns3::TypeId GetTypeId();
  uint32_t AddInterface(ns3::Ptr<ns3::NetDevice> device) override;
  int32_t GetInterfaceForDevice(ns3::Ptr<const ns3::NetDevice> device) const override;

protected:
  void DoDispose() override;

private:
  struct Entry {
    const ns3::NetDevice* device = nullptr;
    std::int32_t interface = -1;
  };
  std::vector<Entry> byIfIndex_; // by the device's index on the node
};

// ns3::TrafficControlLayer whose Send finds the device's queue disc and transmission queue by
// the device's index. Only the case ns-3's Send treats plainly is taken here: a device with one
// transmission queue and a root queue disc woken as root, or none; every other case, and any
// device whose queue disc changed since the last scan, goes to ns3::TrafficControlLayer::Send.
// A packet that finds a point-to-point device's sim::FqCoDel empty and the device's queue not
// stopped passes through it without being queued (sim::FqCoDel::passThrough: the same
// decisions; the queue disc's statistics and enqueue/dequeue traces do not count it).
class TrafficControlLayer : public ns3::TrafficControlLayer {
public:
  static ns3::TypeId GetTypeId();
  void ScanDevices() override;
  void SetRootQueueDiscOnDevice(ns3::Ptr<ns3::NetDevice> device, ns3::Ptr<ns3::QueueDisc> qDisc) override;
  void DeleteRootQueueDiscOnDevice(ns3::Ptr<ns3::NetDevice> device) override;
  void Send(ns3::Ptr<ns3::NetDevice> device, ns3::Ptr<ns3::QueueDiscItem> item) override;

protected:
  void DoDispose() override;

private:
  struct Entry {
    const ns3::NetDevice* device = nullptr;
    ns3::Ptr<ns3::NetDeviceQueue> queue; // the device's only transmission queue
    ns3::Ptr<ns3::QueueDisc> root;       // null: none installed
    FqCoDel* fq = nullptr;               // the root, when packets may pass through it (see Send)
  };
  void forget(const ns3::Ptr<ns3::NetDevice>& device);
  std::vector<Entry> byIfIndex_;
};

struct StackSpec {
  const ns3::Ipv4RoutingHelper* routing = nullptr;
  const ns3::Ipv6RoutingHelper* routing6 = nullptr; // null: no IPv6 stack
  std::string tcp;                                  // the TcpL4Protocol's TypeId name
};

// What InternetStackHelper::Install(node) does, with the two classes above.
void installStack(const ns3::Ptr<ns3::Node>& node, const StackSpec& spec);

} // namespace sim
