#include "model/install.h"

#include <ns3/data-rate.h>
#include <ns3/drop-tail-queue.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device-queue-interface.h>
#include <ns3/queue-size.h>

#include <stdexcept>

namespace model {

namespace {

void checkKinds(const std::vector<const NicSpec*>& specs, const char* what) {
  bool radio = std::holds_alternative<RadioNic>(*specs.front());
  for (const NicSpec* s : specs)
    if (std::holds_alternative<RadioNic>(*s) != radio)
      throw std::invalid_argument(std::string(what) + ": radio NICs only talk to radio NICs (got " +
                                  kindName(*specs.front()) + " and " + kindName(*s) + ")");
}

} // namespace

ns3::Ptr<ns3::PointToPointNetDevice> makeP2pDevice(ns3::Ptr<ns3::Node> node, std::uint64_t rateBps,
                                                   std::uint32_t queuePackets) {
  auto device = ns3::CreateObject<ns3::PointToPointNetDevice>();
  device->SetAttribute("DataRate", ns3::DataRateValue(ns3::DataRate(rateBps)));
  device->SetAddress(ns3::Mac48Address::Allocate());
  node->AddDevice(device);
  auto queue = ns3::CreateObject<ns3::DropTailQueue<ns3::Packet>>();
  queue->SetMaxSize(ns3::QueueSize(ns3::QueueSizeUnit::PACKETS, queuePackets));
  device->SetQueue(queue);
  auto ndqi = ns3::CreateObject<ns3::NetDeviceQueueInterface>();
  ndqi->GetTxQueue(0)->ConnectQueueTraces(queue);
  device->AggregateObject(ndqi);
  return device;
}

ns3::Ptr<NicDevice> makeDevice(ns3::Ptr<ns3::Node> node, const NicSpec& spec, std::uint64_t bandwidthBps) {
  if (!node)
    throw std::invalid_argument("model::makeDevice: no node");
  auto device = ns3::CreateObject<NicDevice>();
  device->setSpec(spec); // first: fails before the node is touched when the kernel has started
  if (bandwidthBps > 0)
    device->setRate(bandwidthBps);
  device->SetAddress(ns3::Mac48Address::Allocate());
  node->AddDevice(device);
  device->AggregateObject(ns3::CreateObject<ns3::NetDeviceQueueInterface>());
  return device;
}

std::pair<ns3::Ptr<NicDevice>, ns3::Ptr<NicDevice>> connect(ns3::Ptr<ns3::Node> a, const NicSpec& na,
                                                            ns3::Ptr<ns3::Node> b, const NicSpec& nb, ns3::Time delay,
                                                            std::uint64_t bandwidthBps) {
  if (a == b)
    throw std::invalid_argument("model::connect: a node cannot link to itself");
  if (delay.IsStrictlyNegative())
    throw std::invalid_argument("model::connect: delay >= 0 expected");
  checkKinds({&na, &nb}, "model::connect");
  validate(na);
  validate(nb);
  auto da = makeDevice(a, na, bandwidthBps);
  auto db = makeDevice(b, nb, bandwidthBps);
  if (std::holds_alternative<RadioNic>(na)) { // two radios: the radio medium, point-to-point framing
    auto channel = ns3::CreateObject<RadioChannel>();
    channel->setDelay(delay);
    channel->add(da);
    channel->add(db);
  } else {
    auto channel = ns3::CreateObject<NicChannel>();
    channel->setDelay(delay);
    channel->add(da);
    channel->add(db);
  }
  return {da, db};
}

ns3::Ptr<NicDevice> connectMixed(ns3::Ptr<ns3::PointToPointNetDevice> device, ns3::Ptr<ns3::Node> node,
                                 const NicSpec& spec, ns3::Time delay, std::uint64_t bandwidthBps) {
  if (!device || !node)
    throw std::invalid_argument("model::connectMixed: no device or node");
  if (device->GetNode() == node)
    throw std::invalid_argument("model::connectMixed: a node cannot link to itself");
  if (device->GetChannel())
    throw std::invalid_argument("model::connectMixed: the ns-3 device is already attached");
  if (delay.IsStrictlyNegative())
    throw std::invalid_argument("model::connectMixed: delay >= 0 expected");
  if (std::holds_alternative<RadioNic>(spec))
    throw std::invalid_argument("model::connectMixed: a radio NIC only talks to radio NICs");
  validate(spec);
  auto channel = ns3::CreateObject<MixedChannel>();
  channel->SetAttribute("Delay", ns3::TimeValue(delay));
  auto nic = makeDevice(node, spec, bandwidthBps);
  channel->join(device, nic);
  return nic;
}

std::vector<ns3::Ptr<NicDevice>> share(const std::vector<ns3::Ptr<ns3::Node>>& nodes, const std::vector<NicSpec>& specs,
                                       ns3::Time delay, std::uint64_t bandwidthBps) {
  if (nodes.size() < 2 || nodes.size() != specs.size())
    throw std::invalid_argument("model::share: at least two nodes and one spec per node expected");
  if (delay.IsStrictlyNegative())
    throw std::invalid_argument("model::share: delay >= 0 expected");
  std::vector<const NicSpec*> all;
  for (const auto& s : specs) {
    validate(s);
    all.push_back(&s);
  }
  checkKinds(all, "model::share");
  // Radios share a radio medium (CSMA-CA, collisions); the other models an ideal one.
  auto attach = [&](auto channel) {
    channel->setShared(true);
    channel->setDelay(delay);
    std::vector<ns3::Ptr<NicDevice>> devices;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      devices.push_back(makeDevice(nodes[i], specs[i], bandwidthBps));
      channel->add(devices.back());
    }
    return devices;
  };
  if (std::holds_alternative<RadioNic>(specs.front()))
    return attach(ns3::CreateObject<RadioChannel>());
  return attach(ns3::CreateObject<NicChannel>());
}

} // namespace model
