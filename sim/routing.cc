#include "sim/routing.h"

#include <ns3/ipv4-route.h>
#include <ns3/ipv4.h>
#include <ns3/net-device.h>
#include <ns3/node.h>
#include <ns3/output-stream-wrapper.h>

#include <deque>

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(Routing);

void RouteTable::addAddress(std::uint32_t address, std::uint32_t node) { owners_[address] = node; }

void RouteTable::addHop(std::uint32_t from, std::uint32_t interface, std::uint32_t to, std::uint32_t gateway) {
  std::uint32_t size = std::max(from, to) + 1;
  if (hops_.size() < size)
    hops_.resize(size);
  std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
  if (!direct_.contains(key))
    direct_[key] = static_cast<std::uint32_t>(hops_[from].size());
  hops_[from].push_back(Hop{to, interface, gateway});
  toward_.clear(); // the graph changed
  routerOf_.clear();
}

std::int64_t RouteTable::owner(std::uint32_t address) const {
  const std::uint32_t* node = owners_.find(address);
  return node ? static_cast<std::int64_t>(*node) : -1;
}

const RouteTable::Hop* RouteTable::direct(std::uint32_t node, std::uint32_t neighbor) const {
  const std::uint32_t* hop = direct_.find((static_cast<std::uint64_t>(node) << 32) | neighbor);
  return hop ? &hops_[node][*hop] : nullptr;
}

const RouteTable::Hop* RouteTable::next(std::uint32_t node, std::uint32_t destination) {
  if (node >= hops_.size() || destination >= hops_.size() || node == destination)
    return nullptr;
  // A node with one link sends everything through it (its direct hop, if the destination is
  // its neighbour, is that link too): no lookup in the hash of all links.
  if (hops_[node].size() == 1)
    return &hops_[node][0];
  if (const Hop* h = direct(node, destination))
    return h;
  // A destination with one link is reached through its only neighbour.
  if (hops_[destination].size() == 1) {
    destination = hops_[destination][0].neighbor;
    if (node == destination)
      return nullptr;
    if (const Hop* h = direct(node, destination))
      return h;
  }
  // Here both have two links or more (or none): routers. Only routers are transit nodes, so
  // the search and its result cover routers alone (a leaf met on the way is a dead end: its
  // one neighbour was seen before it).
  if (hops_[node].size() < 2)
    return nullptr;
  if (routerOf_.size() != hops_.size()) {
    routerOf_.assign(hops_.size(), -1);
    std::int32_t next = 0;
    for (std::size_t i = 0; i < hops_.size(); ++i)
      if (hops_[i].size() >= 2)
        routerOf_[i] = next++;
    routers_ = static_cast<std::size_t>(next);
  }
  const std::vector<std::int32_t>* toward = toward_.find(destination);
  if (!toward) {
    // One search from the destination: every router learns which of its hops leads there.
    // Links are symmetric, so a router's first hop toward the destination is a hop to the
    // neighbour from which the search reached it. Hop order (link creation) breaks ties,
    // so the result is deterministic.
    std::vector<std::int32_t> via(routers_, -1);
    std::vector<bool> seen(routers_, false);
    std::deque<std::uint32_t> queue{destination};
    if (routerOf_[destination] >= 0)
      seen[static_cast<std::size_t>(routerOf_[destination])] = true;
    while (!queue.empty()) {
      std::uint32_t at = queue.front();
      queue.pop_front();
      for (const Hop& h : hops_[at]) {
        const std::int32_t r = routerOf_[h.neighbor];
        if (r < 0 || seen[static_cast<std::size_t>(r)])
          continue;
        seen[static_cast<std::size_t>(r)] = true;
        // The neighbour's hop back to `at`.
        const auto& back = hops_[h.neighbor];
        for (std::size_t i = 0; i < back.size(); ++i) {
          if (back[i].neighbor == at) {
            via[static_cast<std::size_t>(r)] = static_cast<std::int32_t>(i);
            break;
          }
        }
        queue.push_back(h.neighbor);
      }
    }
    toward = &(toward_[destination] = std::move(via));
  }
  const std::int32_t hop = (*toward)[static_cast<std::size_t>(routerOf_[node])];
  if (hop < 0)
    return nullptr;
  return &hops_[node][static_cast<std::size_t>(hop)];
}

ns3::TypeId Routing::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("sim::Routing").SetParent<ns3::Ipv4RoutingProtocol>().SetGroupName("Internet");
  return tid;
}

ns3::Ptr<ns3::Ipv4Route> Routing::loopback(ns3::Ipv4Address destination, ns3::Ipv4Address source) {
  auto r = ns3::Create<ns3::Ipv4Route>();
  r->SetDestination(destination);
  r->SetSource(source);
  r->SetGateway(ns3::Ipv4Address::GetZero());
  r->SetOutputDevice(ipv4_->GetNetDevice(0));
  return r;
}

ns3::Ptr<ns3::Ipv4Route> Routing::route(ns3::Ipv4Address destination) {
  std::int64_t owner = table_->owner(destination.Get());
  if (owner < 0)
    return nullptr;
  if (static_cast<std::uint32_t>(owner) == node_)
    return loopback(destination, destination);
  const RouteTable::Hop* hop = table_->next(node_, static_cast<std::uint32_t>(owner));
  if (!hop)
    return nullptr;
  auto r = ns3::Create<ns3::Ipv4Route>();
  r->SetDestination(destination);
  r->SetSource(ipv4_->GetAddress(hop->interface, 0).GetLocal());
  r->SetGateway(ns3::Ipv4Address(hop->gateway));
  r->SetOutputDevice(ipv4_->GetNetDevice(hop->interface));
  return r;
}

ns3::Ptr<ns3::Ipv4Route> Routing::RouteOutput(ns3::Ptr<ns3::Packet>, const ns3::Ipv4Header& header,
                                              ns3::Ptr<ns3::NetDevice>, ns3::Socket::SocketErrno& err) {
  ns3::Ipv4Address destination = header.GetDestination();
  if (destination.IsLocalhost())
    return loopback(destination, ns3::Ipv4Address::GetLoopback());
  ns3::Ptr<ns3::Ipv4Route> r = route(destination);
  err = r ? ns3::Socket::ERROR_NOTERROR : ns3::Socket::ERROR_NOROUTETOHOST;
  return r;
}

bool Routing::RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv4Header& header,
                         ns3::Ptr<const ns3::NetDevice> idev, UnicastForwardCallback ucb, MulticastForwardCallback,
                         LocalDeliverCallback lcb, ErrorCallback ecb) {
  ns3::Ipv4Address destination = header.GetDestination();
  std::int64_t owner = table_->owner(destination.Get());
  if (owner == static_cast<std::int64_t>(node_) || destination.IsLocalhost() || destination.IsBroadcast()) {
    lcb(p, header, static_cast<uint32_t>(ipv4_->GetInterfaceForDevice(idev)));
    return true;
  }
  if (destination.IsMulticast())
    return false;
  ns3::Ptr<ns3::Ipv4Route> r = route(destination);
  if (!r) {
    ecb(p, header, ns3::Socket::ERROR_NOROUTETOHOST);
    return true;
  }
  ucb(r, p, header);
  return true;
}

void Routing::PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream, ns3::Time::Unit) const {
  *stream->GetStream() << "netbed::Routing on node " << node_ << ": next hops computed per destination\n";
}

} // namespace sim
