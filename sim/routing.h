// Routing for a world of many nodes, at a cost per packet that does not grow with their
// number: one hash lookup says whether a packet is for this node, one more finds the next hop
// (ns-3's list and static routing scan every interface and route, and its global routing
// takes worse than quadratic time to set up, 7 s at 2,000 nodes). Next hops toward a
// destination are computed once, by one breadth-first search from it, when first needed;
// a node with a single link (a sensor) needs no search, neither as source nor destination,
// and a search covers routers only: memory grows with the square of the routers (a thousand
// gateways: 4 MB), not of the nodes.
// Internal to sim/.
#pragma once

#include <ns3/ipv4-routing-helper.h>
#include <ns3/ipv4-routing-protocol.h>
#include <ns3/node.h>
#include <ns3/object.h>

#include "sim/flat_map.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace sim {

// The world's graph: who reaches whom over which interface. Shared by every node's Routing.
class RouteTable {
public:
  struct Hop {
    std::uint32_t neighbor;  // ns-3 node id
    std::uint32_t interface; // this node's interface toward it
    std::uint32_t gateway;   // the neighbor's address on that link
  };

  void addAddress(std::uint32_t address, std::uint32_t node);
  // `from` reaches `to` through its interface `interface`; `gateway` is `to`'s address there.
  void addHop(std::uint32_t from, std::uint32_t interface, std::uint32_t to, std::uint32_t gateway);

  // The node owning `address`, or -1.
  std::int64_t owner(std::uint32_t address) const;
  // The hop from `node` toward `destination` (a node id), or null when unreachable.
  const Hop* next(std::uint32_t node, std::uint32_t destination);

private:
  const Hop* direct(std::uint32_t node, std::uint32_t neighbor) const;

  FlatMap<std::uint32_t, std::uint32_t> owners_;
  FlatMap<std::uint64_t, std::uint32_t> direct_;             // (node, neighbour) -> hop index
  std::vector<std::vector<Hop>> hops_;                       // by node id
  std::vector<std::int32_t> routerOf_;                       // by node id: its index among the routers, -1 for a leaf
  std::size_t routers_ = 0;                                  // nodes with two links or more
  FlatMap<std::uint32_t, std::vector<std::int32_t>> toward_; // destination -> hop index per router
};

class Routing : public ns3::Ipv4RoutingProtocol {
public:
  static ns3::TypeId GetTypeId();
  Routing() = default;
  Routing(std::shared_ptr<RouteTable> table, std::uint32_t node) : table_(std::move(table)), node_(node) {}

  ns3::Ptr<ns3::Ipv4Route> RouteOutput(ns3::Ptr<ns3::Packet> p, const ns3::Ipv4Header& header,
                                       ns3::Ptr<ns3::NetDevice> oif, ns3::Socket::SocketErrno& err) override;
  bool RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv4Header& header, ns3::Ptr<const ns3::NetDevice> idev,
                  UnicastForwardCallback ucb, MulticastForwardCallback mcb, LocalDeliverCallback lcb,
                  ErrorCallback ecb) override;
  void NotifyInterfaceUp(uint32_t) override {}
  void NotifyInterfaceDown(uint32_t) override {}
  void NotifyAddAddress(uint32_t, ns3::Ipv4InterfaceAddress) override {}
  void NotifyRemoveAddress(uint32_t, ns3::Ipv4InterfaceAddress) override {}
  void SetIpv4(ns3::Ptr<ns3::Ipv4> ipv4) override { ipv4_ = ipv4; }
  void PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream, ns3::Time::Unit unit) const override;

private:
  ns3::Ptr<ns3::Ipv4Route> route(ns3::Ipv4Address destination);
  ns3::Ptr<ns3::Ipv4Route> loopback(ns3::Ipv4Address destination, ns3::Ipv4Address source);

  std::shared_ptr<RouteTable> table_;
  std::uint32_t node_ = 0;
  ns3::Ptr<ns3::Ipv4> ipv4_;
};

// The ns-3 routing helper (HelperBase, whose protocols are ProtocolBase) that gives each node
// its Protocol on one shared table.
template <class HelperBase, class ProtocolBase, class Protocol> class TableRoutingHelper : public HelperBase {
public:
  explicit TableRoutingHelper(std::shared_ptr<RouteTable> table) : table_(std::move(table)) {}
  TableRoutingHelper* Copy() const override { return new TableRoutingHelper(*this); }
  ns3::Ptr<ProtocolBase> Create(ns3::Ptr<ns3::Node> node) const override {
    return ns3::CreateObject<Protocol>(table_, node->GetId());
  }

private:
  std::shared_ptr<RouteTable> table_;
};

using RoutingHelper = TableRoutingHelper<ns3::Ipv4RoutingHelper, ns3::Ipv4RoutingProtocol, Routing>;

} // namespace sim
