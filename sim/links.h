// The links of a world, as ns-3 devices. Internal to sim/.
#pragma once

#include <ns3/error-model.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/ptr.h>

#include <vector>

#include "sim/world.h"

namespace sim {

struct World::Link {
  Node* a;
  Node* b;
  ns3::Ptr<ns3::PointToPointNetDevice> da, db; // a's and b's device
  ns3::Ptr<ns3::ErrorModel> lossA, lossB;      // the loss models while the link is up
  bool up = true;
  bool partitioned = false;
};

struct World::Links {
  std::vector<Link> all;
  std::vector<ns3::Ptr<ns3::NetDevice>> segmentDevices;
};

} // namespace sim
