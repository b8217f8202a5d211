// The kernel world: building it, and its removal. Faults are in world_faults.cc.
#include "sim/kernel/kernel_world.h"

#include <cctype>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "sim/kernel/delay_line.h"
#include "sim/kernel/netlink.h"
#include "sim/kernel/nft.h"
#include "sim/kernel/profile.h"

namespace sim::kernel {

namespace {

constexpr std::uint32_t kFrame = 1514; // a full Ethernet frame: queue limits count these

// A node's name as part of a file name: letters, digits, '-', '_' and '.' kept.
std::string safe(const std::string& name) {
  std::string s;
  for (char c : name)
    s += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  return s.substr(0, 200);
}

} // namespace

World::World(const Topology& topology, const sim::TcpProfile& tcp, std::function<void(const std::string&)> note)
    : ipv6_(topology.ipv6), plan_(makePlan(topology)), tcp_(tcp), note_(std::move(note)) {
  if (!note_)
    note_ = [](const std::string&) {};
  try {
    build(topology);
  } catch (...) {
    teardown();
    throw;
  }
}

World::~World() { teardown(); }

// The names go first: a namespace without a name and without a process holding it ends,
// and its interfaces (and their veth peers elsewhere) with it.
void World::teardown() {
  delay_.reset(); // its sockets first: they hold the namespaces
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (claim_.named())
      removeNamedNamespace(namespaceName(i));
    nodes_[i].held.clear();
    nodes_[i].nl.reset();
    nodes_[i].ns.reset();
  }
  if (hub_ && claim_.named())
    removeNamedNamespace(kNamespacePrefix + claim_.id() + "~segments");
  hubNl_.reset();
  hub_.reset();
}

std::string World::namespaceName(std::size_t node) const {
  return claim_.named() ? kNamespacePrefix + claim_.id() + "-" + safe(nodes_[node].name) : "";
}

std::string World::interfaceName(std::size_t interface) const {
  return "nb" + claim_.id() + "i" + std::to_string(plan_.interfaces[interface].slot);
}

std::string World::address(std::size_t node) const { return ipText(plan_.address[node]); }

std::string World::address6(std::size_t node) const {
  return ipv6_ && plan_.address[node] ? ip6Text(plan_.address[node]) : "";
}

std::vector<int> World::namespaces() const {
  std::vector<int> all;
  for (const auto& n : nodes_)
    all.push_back(n.ns.get());
  if (hub_)
    all.push_back(hub_.get());
  return all;
}

void World::makeNamespace(std::size_t node) {
  NodeState& n = nodes_[node];
  n.ns = newNamespace(namespaceName(node));
  n.nl = std::make_unique<Netlink>(n.ns.get());
  n.table = false;
  InNamespace in(n.ns.get());
  for (const auto& [key, value] : profileSysctls(tcp_))
    if (!writeSysctl(key, value) && node == 0)
      note_("kernel: cannot set " + key + " = " + value + " in a namespace; the kernel's default stays");
  if (ipv6_) // before any interface arrives: each takes the defaults then
    for (const auto& [key, value] : ipv6Sysctls())
      if (!writeSysctl(key, value))
        throw std::runtime_error("kernel: cannot set " + key + " = " + value +
                                 " in a namespace (IPv6 needs it; is IPv6 built into this kernel?)");
}

void World::build(const Topology& t) {
  for (const auto& problem : profileLimits(tcp_))
    note_("kernel: " + problem);
  for (const auto& i : plan_.interfaces) {
    if (i.link >= 0) {
      const auto& l = t.links[static_cast<std::size_t>(i.link)];
      shape_.emplace_back(l.bandwidth, l.queuePackets * kFrame);
    } else {
      const auto& s = t.segments[static_cast<std::size_t>(i.segment)];
      shape_.emplace_back(s.bandwidth, s.queuePackets * kFrame);
    }
  }
  nodes_.resize(t.nodes.size());
  for (std::size_t i = 0; i < t.nodes.size(); ++i) {
    nodes_[i].name = t.nodes[i];
    makeNamespace(i);
  }
  // The plan numbers interfaces in link order, each link's two ends one after the other.
  for (std::size_t k = 0; k < t.links.size(); ++k) {
    const auto& a = plan_.interfaces[2 * k];
    const auto& b = plan_.interfaces[2 * k + 1];
    nodes_[a.node].nl->veth(interfaceName(2 * k), a.mac, interfaceName(2 * k + 1), nodes_[b.node].ns.get(), b.mac);
    pairs_.push_back({a.node, b.node, 2 * k, 2 * k + 1, {}});
  }
  if (!t.segments.empty()) {
    hub_ = newNamespace(claim_.named() ? kNamespacePrefix + claim_.id() + "~segments" : "");
    hubNl_ = std::make_unique<Netlink>(hub_.get());
    hubNl_->up(1);
  }
  for (std::size_t s = 0; s < t.segments.size(); ++s) {
    std::string bridge = "nb" + claim_.id() + "b" + std::to_string(s);
    hubNl_->bridge(bridge);
    int bridgeIndex = hubNl_->index(bridge);
    hubNl_->up(bridgeIndex);
    const auto& ifs = plan_.ofSegment[s];
    for (std::size_t m = 0; m < ifs.size(); ++m) {
      // The bridge's port: the medium toward this member, at the segment's rate.
      std::string port = "nb" + claim_.id() + "p" + std::to_string(ifs[m]);
      const auto& i = plan_.interfaces[ifs[m]];
      nodes_[i.node].nl->veth(interfaceName(ifs[m]), i.mac, port, hub_.get(), i.mac | (0x04ull << 40));
      int portIndex = hubNl_->index(port);
      hubNl_->enslave(portIndex, bridgeIndex);
      hubNl_->tbf(portIndex, shape_[ifs[m]].first, shape_[ifs[m]].second);
      hubNl_->up(portIndex);
    }
    for (std::size_t a = 0; a < ifs.size(); ++a)
      for (std::size_t b = a + 1; b < ifs.size(); ++b) {
        bool deaf = false;
        for (auto [x, y] : t.segments[s].unreachable)
          deaf = deaf || (x == a && y == b) || (x == b && y == a);
        pairs_.push_back({t.segments[s].members[a], t.segments[s].members[b], ifs[a], ifs[b], {}, deaf});
      }
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    configure(i);
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    addRoutes(i);
  std::vector<std::size_t> all(nodes_.size());
  for (std::size_t i = 0; i < all.size(); ++i)
    all[i] = i;
  awaitUp(all);
  for (const Pair& p : pairs_)
    if (p.deaf) {
      applyRules(p.a);
      applyRules(p.b);
    }
  seed_ = t.seed;
  shapes_.resize(t.links.size());
  for (std::size_t k = 0; k < t.links.size() && k < t.shapes.size(); ++k) {
    shapes_[k].base = t.shapes[k];
    if (t.shapes[k].any())
      queueLink(k);
  }
  for (const auto& seg : t.segments)
    segmentShapes_.push_back(seg.shape);
  for (std::size_t s = 0; s < t.segments.size(); ++s)
    if (segmentShapes_[s].any())
      queueSegment(s);
}

// The link's two directions through the delay line: a queue per receiving interface (its
// number: the interface's), bound before the rule that feeds it exists.
void World::queueLink(std::size_t link) {
  LinkShape& l = shapes_[link];
  if (l.queued)
    return;
  if (!delay_)
    delay_ = std::make_unique<DelayLine>(seed_);
  for (std::size_t i : {2 * link, 2 * link + 1}) {
    std::size_t node = plan_.interfaces[i].node;
    delay_->open(static_cast<std::uint16_t>(i), nodes_[node].ns.get(), l.now());
    queueRule(node, i);
  }
  l.queued = true;
}

// Until the kernel has handled the carrier of every interface of `nodes` (and of their bridge
// ports): before that a veth's queue may still be stopped and a bridge port not forwarding,
// and Linux's link watch, rate-limited to once a second, can take that long. Frames sent
// meanwhile would be lost, which no scenario asked for.
void World::awaitUp(const std::vector<std::size_t>& nodes) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  for (std::size_t node : nodes)
    for (std::size_t i : plan_.ofNode[node]) {
      std::string port = "nb" + claim_.id() + "p" + std::to_string(i);
      auto up = [&] {
        if (!nodes_[node].nl->operUp(nodes_[node].nl->index(interfaceName(i))))
          return false;
        return plan_.interfaces[i].segment < 0 || hubNl_->operUp(hubNl_->index(port));
      };
      while (!up()) {
        if (std::chrono::steady_clock::now() > deadline) {
          note_("kernel: " + interfaceName(i) + " of " + nodes_[node].name + " is not up after 3 s; going on");
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    }
}

// What each member of the segment receives goes through the delay line: a queue per member's
// interface, as a link's direction (the medium delays every frame for every receiver; each
// receiver loses frames with its own draws, as sim::World's receivers do).
void World::queueSegment(std::size_t segment) {
  if (!delay_)
    delay_ = std::make_unique<DelayLine>(seed_);
  for (std::size_t i : plan_.ofSegment[segment]) {
    std::size_t node = plan_.interfaces[i].node;
    delay_->open(static_cast<std::uint16_t>(i), nodes_[node].ns.get(), segmentShapes_[segment]);
    queueRule(node, i);
  }
}

// What arrives on the interface goes to its queue: IPv4 (table `ip netbed_ID`) and, in an
// IPv6 world, IPv6 (`ip6 netbed_ID`) into the same queue, so that one order holds for both.
void World::queueRule(std::size_t node, std::size_t interface) {
  for (int family : families())
    nftQueue(nodes_[node].ns.get(), "netbed_" + claim_.id(), "delay", interfaceName(interface),
             static_cast<std::uint16_t>(interface), family);
}

// After a reboot: the rules of the node's queued interfaces in its new namespace (tables
// `ip netbed_ID` and `ip6 netbed_ID`, beside the faults' `inet` one: nftQueue says why).
void World::queueRules(std::size_t node) {
  for (std::size_t i : plan_.ofNode[node]) {
    std::int64_t link = plan_.interfaces[i].link, segment = plan_.interfaces[i].segment;
    if ((link >= 0 && shapes_[static_cast<std::size_t>(link)].queued) ||
        (segment >= 0 && segmentShapes_[static_cast<std::size_t>(segment)].any()))
      queueRule(node, i);
  }
}

void World::reshape(std::size_t link) {
  LinkShape& l = shapes_[link];
  if (!l.queued) {
    queueLink(link);
    return;
  }
  for (std::size_t i : {2 * link, 2 * link + 1})
    delay_->set(static_cast<std::uint16_t>(i), l.now());
}

Shape World::LinkShape::now() const {
  Shape s = base;
  if (!losses.empty()) {
    s.loss = losses.back().second;
    s.burst = 1;
  }
  if (!delays.empty())
    s.delayNs = delays.back().second;
  return s;
}

// The node's interfaces (already in its namespace) up with their addresses and token
// buckets; the loopback up. Routes come once every node's interfaces are up.
void World::configure(std::size_t node) {
  Netlink& nl = *nodes_[node].nl;
  nl.up(nl.index("lo"));
  for (std::size_t i : plan_.ofNode[node]) {
    const auto& it = plan_.interfaces[i];
    int index = nl.index(interfaceName(i));
    if (index < 0)
      throw std::runtime_error("kernel: interface " + interfaceName(i) + " of " + nodes_[node].name + " missing");
    nl.address(index, it.address, it.prefix);
    if (ipv6_) // the subnet's image: fd00::a00:0/126 beside 10.0.0.0/30
      nl.address(index, it.address, it.prefix, 6);
    nl.tbf(index, shape_[i].first, shape_[i].second);
    nl.up(index);
    // Every neighbour on the link or segment, known in advance (sim::World's links need no ARP
    // either): no resolution delay, and no entry in the host-wide neighbour table, which a
    // thousand namespaces would overflow (EHOSTUNREACH).
    for (std::size_t j :
         it.link >= 0 ? std::vector<std::size_t>{i ^ 1} : plan_.ofSegment[static_cast<std::size_t>(it.segment)])
      if (j != i)
        for (int family : families())
          nl.neighbour(index, plan_.interfaces[j].address, plan_.interfaces[j].mac, family);
    if (tcp_.initialCwnd != 10) {
      std::uint32_t mask = ~0u << (32 - it.prefix);
      for (int family : families())
        nl.subnetRoute(it.address & mask, it.prefix, it.address, index, tcp_.initialCwnd, family);
    }
  }
}

// The IPv4 routes, and in an IPv6 world each one's image: the default route ::/0, a /128
// for a /32, through the same neighbour's IPv6 address.
void World::addRoutes(std::size_t node) {
  Netlink& nl = *nodes_[node].nl;
  for (int family : families())
    for (const auto& r : plan_.routes[node])
      nl.route(r.destination, r.prefix, r.gateway, nl.index(interfaceName(r.interface)),
               tcp_.initialCwnd == 10 ? 0 : tcp_.initialCwnd, family);
}

std::vector<int> World::families() const { return ipv6_ ? std::vector<int>{4, 6} : std::vector<int>{4}; }

} // namespace sim::kernel
