// Links, addresses, routes and qdiscs of one namespace over rtnetlink (libnl-route-3): no
// `ip` or `tc` is run. The socket is made inside the namespace, so every request acts there
// (a veth's peer goes to the namespace named by its fd). Errors throw std::runtime_error
// with the kernel's reason and what was asked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct nl_sock;

namespace sim::kernel {

class Netlink {
public:
  explicit Netlink(int ns);
  ~Netlink();
  Netlink(const Netlink&) = delete;
  Netlink& operator=(const Netlink&) = delete;

  // The interface's index, or -1.
  int index(const std::string& name);
  // The interfaces' names (the loopback too).
  std::vector<std::string> links();
  // A veth pair: `name` here, `peer` in namespace `peerNs`, with these MAC addresses.
  void veth(const std::string& name, std::uint64_t mac, const std::string& peer, int peerNs, std::uint64_t peerMac);
  void bridge(const std::string& name);
  void enslave(int port, int bridge);
  void up(int ifindex);
  // Whether the kernel has it operationally up (IF_OPER_UP): its carrier event handled by the
  // link watch, which also starts its queue and a bridge port's forwarding.
  bool operUp(int ifindex);
  // Moves an interface to another namespace (it arrives down, without addresses).
  void moveTo(int ifindex, int ns);
  // Addresses and routes take IPv4 addresses (host order) and prefixes; with `family` 6 each
  // stands for its IPv6 image in an IPv6 world (plan.h, ip6Text): fd00::/96 and the IPv4
  // address, the prefix 96 longer (0 stays 0: the default route).
  //
  // An address with its prefix: the kernel adds the subnet's route. An IPv6 one without
  // duplicate address detection (IFA_F_NODAD): usable at once.
  void address(int ifindex, std::uint32_t address, int prefix, int family = 4);
  // A permanent neighbour entry: `address` (of `family`) has link address `lladdr` on
  // `ifindex`. Permanent entries need no ARP or neighbour discovery, and Linux's neighbour
  // tables, shared by every namespace of the host (gc_thresh3: 1,024 by default), do not
  // count them.
  void neighbour(int ifindex, std::uint32_t address, std::uint64_t lladdr, int family = 4);
  // A route to address/prefix through `gateway` on `ifindex`; initcwnd 0: the kernel's.
  void route(std::uint32_t destination, int prefix, std::uint32_t gateway, int ifindex, unsigned initcwnd,
             int family = 4);
  // The route the kernel made for a subnet, replaced by one with the same key and initcwnd.
  void subnetRoute(std::uint32_t network, int prefix, std::uint32_t source, int ifindex, unsigned initcwnd,
                   int family = 4);
  // A token bucket filter as the root qdisc: `rate` bit/s, a queue of `limit` bytes.
  void tbf(int ifindex, std::uint64_t rate, std::uint32_t limit);
  // A qdisc of this kind ("netem", "tbf") can be made on the interface; it is removed again.
  bool qdiscKind(int ifindex, const std::string& kind);

private:
  nl_sock* sock_;
};

// "10.0.0.1" of an address in host order.
std::string ipText(std::uint32_t address);

} // namespace sim::kernel
