// The links of a world, as ns-3 devices. Internal to sim/.
#pragma once

#include <ns3/error-model.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/ptr.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "sim/world.h"

namespace sim {

// A point-to-point device on `node` at the link's rate with its queue and flow control, not
// yet attached to a channel.
ns3::Ptr<ns3::PointToPointNetDevice> makeP2pDevice(ns3::Node* node, const LinkSpec& spec);

// The error model that judges frames arriving at `device` (null: none), whatever the device.
void setReceiveErrorModel(const ns3::Ptr<ns3::NetDevice>& device, ns3::Ptr<ns3::ErrorModel> em);

struct World::Link {
  Node* a;
  Node* b;
  ns3::Ptr<ns3::NetDevice> da, db;        // a's and b's device (point-to-point, or a SystemC NIC)
  ns3::Ptr<ns3::ErrorModel> lossA, lossB; // the loss models while the link is up
  bool up = true;
  bool partitioned = false;
};

// Which frames one member of a shared segment hears: none from a member on the other side
// of a partition or across a pair of members taken down, and of the rest what its random
// loss lets through. Senders are known by the source address of the Ethernet header.
class SegmentFilter : public ns3::ErrorModel {
public:
  struct Medium {
    std::map<std::uint64_t, int> side;                     // by address: 1 or 2, while partitioned
    std::set<std::pair<std::uint64_t, std::uint64_t>> cut; // pairs of addresses, lower first
  };
  SegmentFilter(std::shared_ptr<Medium> medium, std::uint64_t address, ns3::Ptr<ns3::ErrorModel> loss)
      : medium_(std::move(medium)), address_(address), loss_(std::move(loss)) {}

private:
  bool DoCorrupt(ns3::Ptr<ns3::Packet> p) override;
  void DoReset() override {}

  std::shared_ptr<Medium> medium_;
  std::uint64_t address_;
  ns3::Ptr<ns3::ErrorModel> loss_;
};

struct World::Segment {
  std::vector<Node*> members;
  std::vector<ns3::Ptr<ns3::NetDevice>> devices;
  std::vector<std::uint64_t> addresses; // MAC addresses, as numbers
  std::shared_ptr<SegmentFilter::Medium> medium;
};

struct World::Links {
  std::vector<Link> all;
  std::vector<Segment> segments;
  std::vector<std::pair<Node*, ns3::Ptr<ns3::NetDevice>>> nics; // SystemC NICs, in order made
};

} // namespace sim
