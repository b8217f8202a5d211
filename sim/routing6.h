// IPv6 routing for a world whose links also carry IPv6 (World::enableIpv6): each interface's
// IPv6 address is fd00::/96 with its IPv4 address in the low 32 bits, so the IPv4 route
// table (routing.h) routes IPv6 too, with the same hash lookups and next hops.
// Link-local and multicast traffic (neighbour discovery on shared segments) leaves by the
// interface ns-3 names. Internal to sim/.
#pragma once

#include <ns3/ipv6-routing-helper.h>
#include <ns3/ipv6-routing-protocol.h>

#include <cstdint>
#include <memory>

#include "sim/routing.h"

namespace sim {

// fd00::a.b.c.d for the IPv4 address a.b.c.d, and back (false when not of that form).
ns3::Ipv6Address mappedIpv6(std::uint32_t ipv4);
bool unmapIpv6(const ns3::Ipv6Address& a, std::uint32_t& ipv4);

class Routing6 : public ns3::Ipv6RoutingProtocol {
public:
  static ns3::TypeId GetTypeId();
  Routing6() = default;
  Routing6(std::shared_ptr<RouteTable> table, std::uint32_t node) : table_(std::move(table)), node_(node) {}

  ns3::Ptr<ns3::Ipv6Route> RouteOutput(ns3::Ptr<ns3::Packet> p, const ns3::Ipv6Header& header,
                                       ns3::Ptr<ns3::NetDevice> oif, ns3::Socket::SocketErrno& err) override;
  bool RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv6Header& header, ns3::Ptr<const ns3::NetDevice> idev,
                  UnicastForwardCallback ucb, MulticastForwardCallback mcb, LocalDeliverCallback lcb,
                  ErrorCallback ecb) override;
  void NotifyInterfaceUp(uint32_t) override {}
  void NotifyInterfaceDown(uint32_t) override {}
  void NotifyAddAddress(uint32_t, ns3::Ipv6InterfaceAddress) override {}
  void NotifyRemoveAddress(uint32_t, ns3::Ipv6InterfaceAddress) override {}
  void NotifyAddRoute(ns3::Ipv6Address, ns3::Ipv6Prefix, ns3::Ipv6Address, uint32_t, ns3::Ipv6Address) override {}
  void NotifyRemoveRoute(ns3::Ipv6Address, ns3::Ipv6Prefix, ns3::Ipv6Address, uint32_t, ns3::Ipv6Address) override {}
  void SetIpv6(ns3::Ptr<ns3::Ipv6> ipv6) override { ipv6_ = ipv6; }
  void PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream, ns3::Time::Unit unit) const override;

private:
  ns3::Ptr<ns3::Ipv6Route> route(const ns3::Ipv6Address& destination);
  ns3::Ptr<ns3::Ipv6Route> via(ns3::Ptr<ns3::NetDevice> device, const ns3::Ipv6Address& destination,
                               const ns3::Ipv6Address& source, const ns3::Ipv6Address& gateway);

  std::shared_ptr<RouteTable> table_;
  std::uint32_t node_ = 0;
  ns3::Ptr<ns3::Ipv6> ipv6_;
};

using Routing6Helper = TableRoutingHelper<ns3::Ipv6RoutingHelper, ns3::Ipv6RoutingProtocol, Routing6>;

} // namespace sim
