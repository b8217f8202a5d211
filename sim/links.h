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

#include "model/nic_device.h"
#include "sim/link_device.h"
#include "sim/world.h"

namespace sim {

struct World::Link {
  Node* a;
  Node* b;
  std::unique_ptr<LinkDevice> da, db; // a's and b's device (point-to-point, or a SystemC NIC), with its loss in force
  std::set<FaultId> down{};           // the faults holding it down (linkDown, partition): up when none
  // A stack of values per parameter: [0] is the configured one (`by` 0), each setLoss or
  // setDelay pushes its own entry and its undo removes that entry wherever it is; the top
  // is in force. An entry keeps its loss models, so a value that comes back draws on.
  struct Loss {
    FaultId by;
    double value;
    ns3::Ptr<ns3::ErrorModel> a, b;
  };
  struct Delay {
    FaultId by;
    Duration value;
  };
  std::vector<Loss> losses{};
  std::vector<Delay> delays{};
};

// Which frames one member of a shared segment hears: none from a member on the other side
// of a partition or across a pair of members taken down, and of the rest what its random
// loss lets through. Senders are known by the source address of the Ethernet header.
class SegmentFilter : public ns3::ErrorModel {
public:
  struct Medium {
    using Pair = std::pair<std::uint64_t, std::uint64_t>; // two members' addresses, lower first
    // One partition's cut of the medium: members on its side stop hearing the others, but for
    // the pairs an explicit linkUp joined again.
    struct Split {
      std::set<std::uint64_t> side;
      std::set<Pair> spared;
    };
    std::map<Pair, std::set<FaultId>> cut; // pairs taken down (linkDown), by the faults holding them
    std::map<FaultId, Split> splits;       // the partitions in force on this medium
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
  std::vector<std::unique_ptr<LinkDevice>> devices; // the members' devices, in order
  std::vector<std::uint64_t> addresses;             // MAC addresses, as numbers
  std::shared_ptr<SegmentFilter::Medium> medium;
};

// What a fault took, so that undo() gives back that and nothing else.
struct World::FaultRecord {
  enum Kind { LinkDown, Partition, Loss, Delay, Crash } kind;
  explicit FaultRecord(Kind k, Node* end1 = nullptr, Node* end2 = nullptr) : kind(k), a(end1), b(end2) {}
  Node* a = nullptr; // LinkDown, Loss, Delay: the link's ends; Crash: the node
  Node* b = nullptr;
  std::vector<std::string> side; // Partition: the names of its side's nodes
  bool healed = false;           // Partition: an explicit heal() ended it before its undo
};

struct World::Links {
  std::vector<Link> all;
  std::vector<Segment> segments;
  std::vector<std::pair<Node*, ns3::Ptr<model::NicDevice>>> nics; // SystemC NICs, in order made
  // The faults not yet undone, by id (ids count up from 1 in the order faults happen).
  std::map<FaultId, FaultRecord> faults;
  FaultId nextFault = 1;
  std::map<std::uint32_t, std::set<FaultId>> crashes; // by node id: the crashes holding it down
};

} // namespace sim
