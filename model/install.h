// Building links whose ends are SystemC NICs: the calls a scenario (sim/) makes.
//
//   auto [da, db] = model::connect(nodeA, model::GenericNic{}, nodeB, model::SpiEthernetNic{},
//                                ns3::MilliSeconds(2), /*bandwidthBps=*/0);
//   ns3::Ipv4AddressHelper(...).Assign(ns3::NetDeviceContainer(da, db));  // as for any device
//   da->SetReceiveErrorModel(em);           // loss; an error model that drops all: link down
//   da->setDropHook([](std::uint64_t ns, const std::string& cause, std::uint32_t bytes) {...});
//   ... ns3::Simulator::Run() ...
//   model::NicStats s = da->stats();
//
// Rules:
// - Every NIC is created during setup, before the simulation runs: SystemC allows no new module
//   once its kernel has started (std::logic_error says so).
// - A link's ends are both radios or both not: radios exchange 802.15.4 fragments.
// - bandwidthBps > 0 sets the medium's bit rate for every NIC on it (GenericNic::lineRate,
//   SpiEthernetNic::wireRate, RadioNic::airRate); 0 keeps each spec's own rate.
// - Devices get a MAC address from ns3::Mac48Address::Allocate() and a
//   NetDeviceQueueInterface (so that address assignment installs ns-3's default queue disc).
#pragma once

#include <ns3/node.h>
#include <ns3/nstime.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/ptr.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "model/mixed_channel.h"
#include "model/nic.h"
#include "model/nic_channel.h"
#include "model/nic_device.h"
#include "model/radio_channel.h"

namespace model {

// A full-duplex point-to-point link (model/nic_channel.h) between a and b; two radios share a
// radio medium of two (model/radio_channel.h: half duplex, CSMA-CA, collisions).
std::pair<ns3::Ptr<NicDevice>, ns3::Ptr<NicDevice>> connect(ns3::Ptr<ns3::Node> a, const NicSpec& na,
                                                            ns3::Ptr<ns3::Node> b, const NicSpec& nb, ns3::Time delay,
                                                            std::uint64_t bandwidthBps);

// A point-to-point link between an ns-3 PointToPointNetDevice, made, configured (data rate,
// queue, NetDeviceQueueInterface, error model) and added to its node by the caller but not
// attached, and a SystemC NIC on `node` (not a radio) (model/mixed_channel.h).
ns3::Ptr<NicDevice> connectMixed(ns3::Ptr<ns3::PointToPointNetDevice> device, ns3::Ptr<ns3::Node> node,
                                 const NicSpec& spec, ns3::Time delay, std::uint64_t bandwidthBps);

// One shared medium for nodes[i] with NIC specs[i] (at least two): radios share a radio medium
// (model/radio_channel.h: CSMA-CA, collisions; its hearing matrix through
// ns3::DynamicCast<RadioChannel>(devices[0]->GetChannel())), the other NICs model/nic_channel.h.
std::vector<ns3::Ptr<NicDevice>> share(const std::vector<ns3::Ptr<ns3::Node>>& nodes, const std::vector<NicSpec>& specs,
                                       ns3::Time delay, std::uint64_t bandwidthBps = 0);

// ns-3's PointToPointNetDevice on `node` as PointToPointHelper makes it: its data rate, a MAC
// address, a drop-tail queue of queuePackets and a NetDeviceQueueInterface (flow control towards
// the traffic-control layer); attached to nothing yet (connectMixed's ns-3 end, or a plain link).
ns3::Ptr<ns3::PointToPointNetDevice> makeP2pDevice(ns3::Ptr<ns3::Node> node, std::uint64_t rateBps,
                                                   std::uint32_t queuePackets);

// A device with its model, on `node`, attached to nothing yet (for custom media).
ns3::Ptr<NicDevice> makeDevice(ns3::Ptr<ns3::Node> node, const NicSpec& spec, std::uint64_t bandwidthBps = 0);

} // namespace model
