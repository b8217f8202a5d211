#include "sim/routing6.h"

#include <ns3/ipv6-route.h>
#include <ns3/ipv6.h>
#include <ns3/net-device.h>
#include <ns3/node.h>
#include <ns3/output-stream-wrapper.h>

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(Routing6);

ns3::Ipv6Address mappedIpv6(std::uint32_t ipv4) {
  std::uint8_t b[16] = {0xfd};
  for (int i = 0; i < 4; ++i)
    b[12 + i] = static_cast<std::uint8_t>(ipv4 >> (24 - 8 * i));
  return ns3::Ipv6Address(b);
}

bool unmapIpv6(const ns3::Ipv6Address& a, std::uint32_t& ipv4) {
  std::uint8_t b[16];
  a.GetBytes(b);
  if (b[0] != 0xfd)
    return false;
  for (int i = 1; i < 12; ++i)
    if (b[i] != 0)
      return false;
  ipv4 = std::uint32_t{b[12]} << 24 | std::uint32_t{b[13]} << 16 | std::uint32_t{b[14]} << 8 | b[15];
  return true;
}

ns3::TypeId Routing6::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("sim::Routing6").SetParent<ns3::Ipv6RoutingProtocol>().SetGroupName("Internet");
  return tid;
}

ns3::Ptr<ns3::Ipv6Route> Routing6::via(ns3::Ptr<ns3::NetDevice> device, const ns3::Ipv6Address& destination,
                                       const ns3::Ipv6Address& source, const ns3::Ipv6Address& gateway) {
  auto r = ns3::Create<ns3::Ipv6Route>();
  r->SetDestination(destination);
  r->SetSource(source);
  r->SetGateway(gateway);
  r->SetOutputDevice(device);
  return r;
}

ns3::Ptr<ns3::Ipv6Route> Routing6::route(const ns3::Ipv6Address& destination) {
  std::uint32_t v4 = 0;
  if (!unmapIpv6(destination, v4))
    return nullptr;
  std::int64_t owner = table_->owner(v4);
  if (owner < 0)
    return nullptr;
  if (static_cast<std::uint32_t>(owner) == node_)
    return via(ipv6_->GetNetDevice(0), destination, destination, ns3::Ipv6Address::GetZero());
  const RouteTable::Hop* hop = table_->next(node_, static_cast<std::uint32_t>(owner));
  if (!hop)
    return nullptr;
  ns3::Ptr<ns3::NetDevice> device = ipv6_->GetNetDevice(hop->interface);
  // The IPv4 and IPv6 interface numbers of a device differ: map through the device.
  std::int32_t interface = ipv6_->GetInterfaceForDevice(device);
  ns3::Ipv6Address source = destination;
  for (std::uint32_t i = 0; interface >= 0 && i < ipv6_->GetNAddresses(static_cast<std::uint32_t>(interface)); ++i) {
    ns3::Ipv6Address a = ipv6_->GetAddress(static_cast<std::uint32_t>(interface), i).GetAddress();
    std::uint32_t unused = 0;
    if (unmapIpv6(a, unused)) {
      source = a;
      break;
    }
  }
  return via(device, destination, source, mappedIpv6(hop->gateway));
}

ns3::Ptr<ns3::Ipv6Route> Routing6::RouteOutput(ns3::Ptr<ns3::Packet>, const ns3::Ipv6Header& header,
                                               ns3::Ptr<ns3::NetDevice> oif, ns3::Socket::SocketErrno& err) {
  ns3::Ipv6Address destination = header.GetDestination();
  ns3::Ptr<ns3::Ipv6Route> r;
  if (destination.IsLocalhost())
    r = via(ipv6_->GetNetDevice(0), destination, ns3::Ipv6Address::GetLoopback(), ns3::Ipv6Address::GetZero());
  else if (oif && (destination.IsMulticast() || destination.IsLinkLocal()))
    r = via(oif, destination, header.GetSource(), ns3::Ipv6Address::GetZero());
  else
    r = route(destination);
  err = r ? ns3::Socket::ERROR_NOTERROR : ns3::Socket::ERROR_NOROUTETOHOST;
  return r;
}

bool Routing6::RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv6Header& header,
                          ns3::Ptr<const ns3::NetDevice> idev, UnicastForwardCallback ucb, MulticastForwardCallback,
                          LocalDeliverCallback lcb, ErrorCallback ecb) {
  ns3::Ipv6Address destination = header.GetDestination();
  std::uint32_t v4 = 0;
  if (!unmapIpv6(destination, v4))
    return false; // link-local and multicast: delivered by Ipv6L3Protocol itself, or nobody's
  std::int64_t owner = table_->owner(v4);
  if (owner == static_cast<std::int64_t>(node_)) {
    lcb(p, header, static_cast<uint32_t>(ipv6_->GetInterfaceForDevice(idev)));
    return true;
  }
  ns3::Ptr<ns3::Ipv6Route> r = route(destination);
  if (!r) {
    ecb(p, header, ns3::Socket::ERROR_NOROUTETOHOST);
    return true;
  }
  ucb(idev, r, p, header);
  return true;
}

void Routing6::PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream, ns3::Time::Unit) const {
  *stream->GetStream() << "netbed::Routing6 on node " << node_ << ": the IPv4 next hops, for fd00::/96\n";
}

} // namespace sim
