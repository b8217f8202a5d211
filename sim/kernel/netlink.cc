// rtnetlink requests through libnl-route-3.
#include "sim/kernel/netlink.h"

#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/tbf.h>
#include <netlink/route/route.h>
#include <netlink/route/tc.h>
#include <netlink/socket.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "sim/kernel/netns.h"
#include "sim/kernel/plan.h"

namespace sim::kernel {

namespace {

template <class T, void (*Free)(T*)> struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Link = std::unique_ptr<rtnl_link, Deleter<rtnl_link, rtnl_link_put>>;
using Addr = std::unique_ptr<rtnl_addr, Deleter<rtnl_addr, rtnl_addr_put>>;
using Route = std::unique_ptr<rtnl_route, Deleter<rtnl_route, rtnl_route_put>>;
using Qdisc = std::unique_ptr<rtnl_qdisc, Deleter<rtnl_qdisc, rtnl_qdisc_put>>;
using NlAddr = std::unique_ptr<nl_addr, Deleter<nl_addr, nl_addr_put>>;
using Cache = std::unique_ptr<nl_cache, Deleter<nl_cache, nl_cache_free>>;
using Neigh = std::unique_ptr<rtnl_neigh, Deleter<rtnl_neigh, rtnl_neigh_put>>;

void check(int err, const std::string& what) {
  if (err < 0)
    throw std::runtime_error("netlink: " + what + ": " + nl_geterror(err));
}

NlAddr ipv4(std::uint32_t address, int prefix) {
  std::uint32_t net = htonl(address);
  NlAddr a(nl_addr_build(AF_INET, &net, sizeof net));
  nl_addr_set_prefixlen(a.get(), prefix);
  return a;
}

// The address (family 4), or its IPv6 image (family 6: fd00::/96 and the IPv4 address, the
// prefix 96 longer unless 0).
NlAddr ip(int family, std::uint32_t address, int prefix) {
  if (family != 6)
    return ipv4(address, prefix);
  unsigned char b[16];
  ip6Bytes(address, b);
  NlAddr a(nl_addr_build(AF_INET6, b, sizeof b));
  nl_addr_set_prefixlen(a.get(), prefix == 0 ? 0 : prefix + 96);
  return a;
}

std::string text(int family, std::uint32_t address) { return family == 6 ? ip6Text(address) : ipText(address); }

NlAddr mac(std::uint64_t value) {
  unsigned char b[6];
  for (int i = 0; i < 6; ++i)
    b[i] = static_cast<unsigned char>(value >> (8 * (5 - i)));
  return NlAddr(nl_addr_build(AF_LLC, b, sizeof b));
}

} // namespace

std::string ipText(std::uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
         std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

Netlink::Netlink(int ns) {
  InNamespace in(ns);
  sock_ = nl_socket_alloc();
  if (!sock_)
    throw std::runtime_error("netlink: no memory for a socket");
  int err = nl_connect(sock_, NETLINK_ROUTE);
  if (err < 0) {
    nl_socket_free(sock_);
    check(err, "connect");
  }
}

Netlink::~Netlink() { nl_socket_free(sock_); }

int Netlink::index(const std::string& name) {
  rtnl_link* l = nullptr;
  if (rtnl_link_get_kernel(sock_, 0, name.c_str(), &l) < 0)
    return -1;
  Link owned(l);
  return rtnl_link_get_ifindex(l);
}

bool Netlink::operUp(int ifindex) {
  rtnl_link* l = nullptr;
  if (rtnl_link_get_kernel(sock_, ifindex, nullptr, &l) < 0)
    return false;
  Link owned(l);
  return rtnl_link_get_operstate(l) == IF_OPER_UP;
}

std::vector<std::string> Netlink::links() {
  nl_cache* c = nullptr;
  check(rtnl_link_alloc_cache(sock_, AF_UNSPEC, &c), "list links");
  Cache cache(c);
  std::vector<std::string> names;
  for (nl_object* o = nl_cache_get_first(c); o; o = nl_cache_get_next(o))
    names.push_back(rtnl_link_get_name(reinterpret_cast<rtnl_link*>(o)));
  std::sort(names.begin(), names.end());
  return names;
}

void Netlink::veth(const std::string& name, std::uint64_t address, const std::string& peer, int peerNs,
                   std::uint64_t peerAddress) {
  Link l(rtnl_link_veth_alloc());
  rtnl_link* p = rtnl_link_veth_get_peer(l.get()); // a new reference (libnl >= 3.2.28)
  Link ownedPeer(p);
  rtnl_link_set_name(l.get(), name.c_str());
  rtnl_link_set_addr(l.get(), mac(address).get());
  rtnl_link_set_name(p, peer.c_str());
  rtnl_link_set_addr(p, mac(peerAddress).get());
  rtnl_link_set_ns_fd(p, peerNs);
  check(rtnl_link_add(sock_, l.get(), NLM_F_CREATE | NLM_F_EXCL), "add veth " + name + " / " + peer);
}

void Netlink::bridge(const std::string& name) {
  Link l(rtnl_link_bridge_alloc());
  rtnl_link_set_name(l.get(), name.c_str());
  check(rtnl_link_add(sock_, l.get(), NLM_F_CREATE | NLM_F_EXCL), "add bridge " + name);
}

void Netlink::enslave(int port, int bridge) { check(rtnl_link_enslave_ifindex(sock_, bridge, port), "enslave"); }

void Netlink::up(int ifindex) {
  Link l(rtnl_link_alloc()), change(rtnl_link_alloc());
  rtnl_link_set_ifindex(l.get(), ifindex);
  rtnl_link_set_flags(change.get(), IFF_UP);
  check(rtnl_link_change(sock_, l.get(), change.get(), 0), "set up " + std::to_string(ifindex));
}

void Netlink::moveTo(int ifindex, int ns) {
  Link l(rtnl_link_alloc()), change(rtnl_link_alloc());
  rtnl_link_set_ifindex(l.get(), ifindex);
  rtnl_link_set_ns_fd(change.get(), ns);
  check(rtnl_link_change(sock_, l.get(), change.get(), 0), "move " + std::to_string(ifindex));
}

void Netlink::address(int ifindex, std::uint32_t address, int prefix, int family) {
  Addr a(rtnl_addr_alloc());
  rtnl_addr_set_ifindex(a.get(), ifindex);
  check(rtnl_addr_set_local(a.get(), ip(family, address, prefix).get()), "address");
  if (family == 6)
    rtnl_addr_set_flags(a.get(), IFA_F_NODAD);
  check(rtnl_addr_add(sock_, a.get(), 0), "add address " + text(family, address));
}

void Netlink::neighbour(int ifindex, std::uint32_t address, std::uint64_t lladdr, int family) {
  Neigh n(rtnl_neigh_alloc());
  rtnl_neigh_set_ifindex(n.get(), ifindex);
  rtnl_neigh_set_family(n.get(), family == 6 ? AF_INET6 : AF_INET);
  NlAddr dst = ip(family, address, 32); // the host itself: a /32, or its image /128
  check(rtnl_neigh_set_dst(n.get(), dst.get()), "neighbour");
  rtnl_neigh_set_lladdr(n.get(), mac(lladdr).get());
  rtnl_neigh_set_state(n.get(), NUD_PERMANENT);
  check(rtnl_neigh_add(sock_, n.get(), NLM_F_CREATE | NLM_F_REPLACE), "add neighbour " + text(family, address));
}

namespace {

// A route of the main table to destination/prefix on `ifindex`, without its gateway.
Route mainRoute(int family, std::uint32_t destination, int prefix, int ifindex, std::uint8_t protocol,
                std::uint8_t scope, rtnl_nexthop** nh) {
  Route r(rtnl_route_alloc());
  rtnl_route_set_family(r.get(), family == 6 ? AF_INET6 : AF_INET);
  rtnl_route_set_table(r.get(), RT_TABLE_MAIN);
  rtnl_route_set_protocol(r.get(), protocol);
  rtnl_route_set_scope(r.get(), family == 6 ? std::uint8_t{RT_SCOPE_UNIVERSE} : scope); // IPv6 has no scopes
  check(rtnl_route_set_dst(r.get(), ip(family, destination, prefix).get()), "route destination");
  *nh = rtnl_route_nh_alloc();
  rtnl_route_nh_set_ifindex(*nh, ifindex);
  return r;
}

} // namespace

void Netlink::route(std::uint32_t destination, int prefix, std::uint32_t gateway, int ifindex, unsigned initcwnd,
                    int family) {
  rtnl_nexthop* nh = nullptr;
  Route r = mainRoute(family, destination, prefix, ifindex, RTPROT_STATIC, RT_SCOPE_UNIVERSE, &nh);
  rtnl_route_nh_set_gateway(nh, ip(family, gateway, 32).get());
  rtnl_route_add_nexthop(r.get(), nh); // the route owns it
  if (initcwnd)
    rtnl_route_set_metric(r.get(), RTAX_INITCWND, initcwnd);
  check(rtnl_route_add(sock_, r.get(), NLM_F_CREATE | NLM_F_REPLACE),
        "add route " + text(family, destination) + "/" + std::to_string(prefix) + " via " + text(family, gateway));
}

void Netlink::subnetRoute(std::uint32_t network, int prefix, std::uint32_t source, int ifindex, unsigned initcwnd,
                          int family) {
  rtnl_nexthop* nh = nullptr;
  Route r = mainRoute(family, network, prefix, ifindex, RTPROT_KERNEL, RT_SCOPE_LINK, &nh);
  rtnl_route_add_nexthop(r.get(), nh);
  if (family == 6)
    rtnl_route_set_priority(r.get(), 256); // the key of the kernel's prefix route (IP6_RT_PRIO_ADDRCONF)
  else
    check(rtnl_route_set_pref_src(r.get(), ip(family, source, 32).get()), "route source");
  rtnl_route_set_metric(r.get(), RTAX_INITCWND, initcwnd);
  check(rtnl_route_add(sock_, r.get(), NLM_F_CREATE | NLM_F_REPLACE),
        "replace route " + text(family, network) + "/" + std::to_string(prefix));
}

void Netlink::tbf(int ifindex, std::uint64_t rate, std::uint32_t limit) {
  Qdisc q(rtnl_qdisc_alloc());
  rtnl_tc_set_ifindex(TC_CAST(q.get()), ifindex);
  rtnl_tc_set_parent(TC_CAST(q.get()), TC_H_ROOT);
  check(rtnl_tc_set_kind(TC_CAST(q.get()), "tbf"), "tbf");
  // libnl takes bytes per second in an int: past 17 Gbit/s the bucket is the limit.
  std::uint64_t bytes = std::min<std::uint64_t>(rate / 8, 0x7fffffff);
  // A bucket of 10 ms at the rate, never less than two full frames (a smaller one never
  // lets a frame through).
  std::uint64_t bucket = std::max<std::uint64_t>(bytes / 100, 2 * 1514);
  rtnl_qdisc_tbf_set_limit(q.get(), static_cast<int>(limit));
  rtnl_qdisc_tbf_set_rate(q.get(), static_cast<int>(bytes), static_cast<int>(std::min<std::uint64_t>(bucket, 1u << 30)),
                          0);
  check(rtnl_qdisc_add(sock_, q.get(), NLM_F_CREATE | NLM_F_REPLACE), "add tbf on " + std::to_string(ifindex));
}

bool Netlink::qdiscKind(int ifindex, const std::string& kind) {
  Qdisc q(rtnl_qdisc_alloc());
  rtnl_tc_set_ifindex(TC_CAST(q.get()), ifindex);
  rtnl_tc_set_parent(TC_CAST(q.get()), TC_H_ROOT);
  if (rtnl_tc_set_kind(TC_CAST(q.get()), kind.c_str()) < 0)
    return false;
  if (kind == "tbf") {
    rtnl_qdisc_tbf_set_limit(q.get(), 10000);
    rtnl_qdisc_tbf_set_rate(q.get(), 125000, 4000, 0);
  }
  if (rtnl_qdisc_add(sock_, q.get(), NLM_F_CREATE | NLM_F_REPLACE) < 0)
    return false;
  rtnl_qdisc_delete(sock_, q.get());
  return true;
}

} // namespace sim::kernel
