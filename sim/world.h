// The simulated world of one run: the ns-3 simulator, its seed, the nodes and links, and
// a bounded run. Applications on a node use node.net(), the same net::Context the OS
// backend gives, so the same code runs here and on real sockets.
//
//   sim::World world(/*seed=*/1);
//   auto& gw = world.node("gateway");
//   auto& s1 = world.node("sensor-1");
//   world.link(gw, s1, {.bandwidth = 250'000, .delay = 5ms});
//   startServer(gw.net()); startClient(s1.net(), "gateway");
//   world.run(60s);     // until every node is idle, or 60 simulated seconds
//
// ns-3 keeps process-wide state: one World may exist at a time in a process.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/nic.h"
#include "net/net.h"
#include "sim/tcp_profile.h"

namespace ns3 {
class NetDevice;
class Node;
template <class T> class Ptr;
} // namespace ns3

namespace model {
class NicDevice;
}

namespace sim {

using net::Duration;
using net::Time;
using namespace std::chrono_literals;

class LinkDevice;
class RouteTable;
class Trace;
class World;

// A fault's id (World::linkDown, ...), for World::undo. 0 is no fault.
using FaultId = std::uint64_t;

// A point-to-point link's parameters.
struct LinkSpec {
  std::uint64_t bandwidth = 100'000'000; // bit/s
  Duration delay = 1ms;                  // propagation, each way
  double loss = 0;                       // probability that a packet is dropped, per direction
  std::uint32_t queuePackets = 100;      // device transmit queue
  Duration jitter = 0ns;                 // extra delay per frame, uniform in [0, jitter], in order
  double burst = 1;                      // mean length of a loss burst, in packets (1: independent)
  // ns-3's default root queue disc, FQ-CoDel (10,240 packets), in front of each device, as its
  // helpers install it and as a host has a queue in front of its NIC (as sim::FqCoDel: ns-3's
  // decisions, lighter; sim/fq_codel.h). Off: the device's
  // drop-tail queue of queuePackets is the link's only queue, and each link costs about
  // 14 KiB less (large studies of small devices).
  bool queueDisc = true;
};

// A shared segment's parameters: a LAN (ns-3 CSMA) where every member hears every frame.
struct SegmentSpec {
  std::uint64_t bandwidth = 10'000'000; // bit/s, shared by all members
  Duration delay = 0ns;                 // propagation across the medium
  double loss = 0;                      // probability that a member drops a frame it receives
  std::uint32_t queuePackets = 100;     // each member's transmit queue
  // Radio segments only: pairs of members (indices in the members' order) that do not hear
  // each other, so that hidden terminals can be built (A and C reach B, not each other).
  std::vector<std::pair<std::size_t, std::size_t>> unreachable = {};
};

// A simulated host: an ns-3 node with the Internet stack and its own `net` module.
class Node {
public:
  const std::string& name() const { return name_; }
  std::uint32_t id() const { return id_; }
  net::Context& net() { return *net_; }
  // The node's first IPv4 address ("10.0.0.1"), empty before it has a link.
  const std::string& address() const { return address_; }
  // Its IPv6 address ("fd00::a00:1"), when the world has IPv6; else empty.
  const std::string& address6() const { return address6_; }
  ns3::Node* ns3Node() const { return node_; }
  // The SystemC NIC model of the node's interfaces (World::setNic); none: ns-3's devices.
  const std::optional<model::NicSpec>& nic() const { return nic_; }

private:
  friend class World;
  Node() = default;
  std::string name_;
  std::uint32_t id_ = 0;
  ns3::Node* node_ = nullptr;
  std::string address_, address6_;
  std::optional<model::NicSpec> nic_;
  bool crashed_ = false;
  std::unique_ptr<net::Context> net_;
};

class World {
public:
  explicit World(std::uint64_t seed = 1, std::uint64_t run = 1);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // The links and segments of `n` made from now on end in a SystemC model of this NIC on n's
  // side (model/nic.h), co-simulated with ns-3. The other end of a link keeps ns-3's
  // point-to-point device, unless it has a NIC too (two radios: both must be radios; a radio
  // facing a node without a NIC gets a default radio there). A generic NIC sends at the
  // link's bandwidth; spi-ethernet and radio NICs at their hardware's rate. A segment's
  // members have NICs all or none. Jitter is not modelled on links with NICs.
  // Set NICs during setup: SystemC creates no NIC once the run has started.
  void setNic(Node& n, const model::NicSpec& spec);
  // Every SystemC NIC's counters, in the order the NICs were made.
  struct NicReport {
    std::string node;
    std::uint32_t device; // the node's device index (0 is the loopback)
    std::string model;    // "generic", "spi-ethernet", "radio"
    model::NicStats stats;
  };
  std::vector<NicReport> nicReports() const;

  // Every link and segment made from now on also carries IPv6: each interface gets
  // fd00::/96 with its IPv4 address in the low 32 bits ("fd00::a00:1" beside 10.0.0.1),
  // routed as IPv4 is. Call it before the first node. Off by default: IPv6 costs memory
  // and events on every interface.
  void enableIpv6();
  bool ipv6() const { return ipv6_; }
  // The TCP every node runs (scenarios/README.md, "TCP profiles"); TcpProfile::forLinux()
  // unless set. Call it before the first node. Throws std::invalid_argument for an invalid
  // profile, std::logic_error after the first node.
  void tcp(const TcpProfile& profile);
  const TcpProfile& tcp() const { return tcp_; }

  // The node of that name, created on first use. Names resolve as host names.
  Node& node(const std::string& name);
  Node* find(const std::string& name);
  void link(Node& a, Node& b, const LinkSpec& spec = {});
  // One medium shared by `members` (at least two), in a subnet of its own.
  void segment(const std::vector<Node*>& members, const SegmentSpec& spec = {});
  // Writes a pcap file per device, prefix-<node id>-<device>.pcap (readable by tshark),
  // for every device made so far and from now on.
  void pcap(const std::string& prefix);

  // Writes an ns-3 NetAnim file (XML) of the run: nodes named and placed (nodes with several
  // links on a circle, each node with one link next to its neighbour), every packet on every
  // link. Call it once, before run(), after the nodes exist. Big worlds make big files.
  // In the library netbed_netanim (ns-3's NetAnim module loads 19 others: link it only
  // where it is used).
  void netanim(const std::string& path);

  // Runs fn at simulated time t (from the start of the run), e.g. to inject a fault. Until
  // then the world is not idle: run() goes on to t (within its limit).
  void at(Time t, std::function<void()> fn);

  // Faults, effective at once (call them from at()); each is recorded in the trace.
  //
  // A fault that takes something (linkDown, partition, setLoss, setDelay, crash) returns an
  // id; undo(id) gives back what that fault took and nothing else, so that faults may
  // overlap (a scenario's `for:`):
  // - a link, or a pair of members of a segment, is down while any fault holds it: a
  //   linkDown holds its link, a partition every link and pair across its side. It is up
  //   when every fault holding it is undone (or at an explicit linkUp or heal, below);
  // - loss and delay are a stack per link: [0] the configured value, each setLoss/setDelay
  //   pushes its own entry, undo removes that fault's entry wherever it is, and the top is in
  //   force. Undoing the top restores the value in force before it (that entry's loss models
  //   included, so configured bursts come back); undoing an entry that a later change
  //   overrode changes nothing in force;
  // - a node is crashed while any crash holds it: undoing one crash of two leaves it down;
  //   the undo of its last crash reboots it (as reboot() does). Crashes and the link faults
  //   are independent: a node rebooted inside a partition is still cut off.
  // The explicit counterparts end every hold of their kind at once: linkUp(a, b) brings the
  // link (or pair) between a and b up whatever holds it (linkDown or partition), heal()
  // ends every partition (links held by a linkDown stay down), reboot(n) ends every crash
  // of n. The undo of a fault they ended changes nothing. A fault never undone holds until
  // one of them (a setLoss/setDelay never undone stays on its link's stack for good; the
  // world keeps a few bytes per fault until its undo). Ids count up from 1 in the order
  // faults happen; undo of an id not given, or given back already, throws
  // std::invalid_argument.
  //
  // The trace has one line per call, as the explicit call writes it: undoing a linkDown
  // writes link-up, a partition heal, a setLoss/setDelay the value now in force (even when
  // the link stays down, or the value does not change); crash and reboot are written when
  // the node goes down or comes back (a crash of a crashed node, or the undo of a crash
  // another still holds, writes nothing).
  //
  // A link that is down drops every frame both ways; its loss and delay stay as they were.
  // For two members of a shared segment, each stops hearing the other.
  FaultId linkDown(Node& a, Node& b);
  void linkUp(Node& a, Node& b);
  // Takes down every link between a node of `side` and a node outside it, and on shared
  // segments stops members on either side hearing each other.
  FaultId partition(const std::vector<Node*>& side);
  void heal();
  FaultId setLoss(Node& a, Node& b, double loss);
  FaultId setDelay(Node& a, Node& b, Duration delay);
  // A crash is silent: the node's interfaces go down, its connections vanish without a FIN
  // or RST, and its applications are gone (its net::Context is reset without events).
  FaultId crash(Node& n);
  // The node comes back with a fresh stack: old connections are answered with RST. Its
  // applications are started again by the caller (the node's net() is ready).
  void reboot(Node& n);
  void undo(FaultId id);
  bool crashed(const Node& n) const;
  // What is in force now between a and b: whether their link (or segment pair) is up, and
  // the link's loss and delay (the top of its stacks).
  bool linkIsUp(const Node& a, const Node& b) const;
  double loss(const Node& a, const Node& b) const;
  Duration delay(const Node& a, const Node& b) const;

  // Runs until every node is idle (no socket, server or timer left) and no at() call is
  // pending, or until simulated time reaches `limit`. Returns true when idle. Always returns:
  // ns-3 alone may not.
  bool run(Duration limit);
  // Ends the run() in progress after the current event (call it from the world's callbacks).
  void stop();
  // The same from any other thread (a watchdog, a signal's): at the next event.
  void stopFromAnotherThread();
  Time now() const;
  std::uint64_t events() const;
  Trace& trace() { return *trace_; }
  const std::vector<std::unique_ptr<Node>>& nodes() const { return nodes_; }

  // Name service for the simulated backends.
  std::string addressOf(const std::string& name) const;
  std::string addressOf6(const std::string& name) const;

private:
  struct Link;
  struct Links;
  struct Segment;
  struct State;
  struct FaultRecord;
  Link& findLink(const Node& a, const Node& b) const;
  Link* linkBetween(const Node& a, const Node& b) const;
  Segment* segmentWith(const Node& a, const Node& b) const;
  FaultId newFault(const FaultRecord& record);
  void setLinkUp(Link& l, bool up);
  void holdDown(Link& l, FaultId by);
  void releaseDown(Link& l, FaultId by);
  void applyLoss(Link& l);
  void applyDelay(Link& l);
  void doCrash(Node& n);
  void doReboot(Node& n);
  void contextBusy(bool busy);
  void addIpv6(ns3::NetDevice* device, std::uint32_t ipv4);
  std::pair<std::unique_ptr<LinkDevice>, std::unique_ptr<LinkDevice>> nicLink(Node& a, Node& b, const LinkSpec& spec);
  std::vector<std::unique_ptr<LinkDevice>> nicSegment(const std::vector<Node*>& members, const SegmentSpec& spec);
  void watchNic(Node& n, const ns3::Ptr<model::NicDevice>& device);
  void restoreIpv6(Node& n);
  void addRoutes(const std::vector<Node*>& members, const std::vector<ns3::NetDevice*>& devices,
                 const std::vector<std::uint32_t>& addresses);

  std::vector<std::unique_ptr<Node>> nodes_;
  std::map<std::string, Node*> byName_;
  std::unique_ptr<Trace> trace_;
  std::unique_ptr<Links> links_;
  std::shared_ptr<RouteTable> routes_;
  std::unique_ptr<State> state_;
  std::uint32_t subnets_ = 0;
  std::uint64_t streams_ = 0;
  std::uint64_t eventBase_ = 0;     // events of the world's own start (see the constructor)
  std::uint32_t segmentBlocks_ = 0; // /24 blocks of 172.16.0.0/12 given to segments
  std::string pcapPrefix_;
  std::size_t busy_ = 0;
  bool idleCheck_ = false;
  bool ipv6_ = false;
  TcpProfile tcp_;
  std::shared_ptr<void> animation_; // NetAnim's writer, when asked for (netanim.cc)
};

} // namespace sim
