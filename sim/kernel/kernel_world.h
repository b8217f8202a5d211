// The kernel world: every node a Linux network namespace with its own TCP stack, links as
// veth pairs with the addresses sim::World gives, shared segments as a Linux bridge (in a
// namespace of the run's own), routes as sim::RouteTable picks them, a token bucket on each
// veth end for bandwidth and queue limit, the TCP profile as per-namespace sysctls. Faults
// as sim::World has them (world.h there: the same ids, holds and undo), on the real stack:
// link down and partition are nftables drop rules on the receiving ends, a crash drops all
// of a node's traffic and keeps its sockets open (no FIN, no RST: the peers meet a silent
// host), a reboot gives the node a fresh namespace with the same interfaces and addresses
// (the old connections' segments then meet a kernel that answers RST).
//
// Everything carries the run's id (run_claim.h) and is removed by the destructor, also
// when the constructor throws half-way. Needs root (probe.h).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/kernel/netns.h"
#include "sim/kernel/plan.h"
#include "sim/kernel/run_claim.h"
#include "sim/tcp_profile.h"

namespace sim::kernel {

class Netlink;
class DelayLine;

using FaultId = std::uint64_t;

class World {
public:
  // Builds the world; throws std::runtime_error (or std::system_error) with what failed.
  // `note` hears what of the profile Linux cannot take (and anything else worth a word).
  World(const Topology& topology, const sim::TcpProfile& tcp, std::function<void(const std::string&)> note = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const std::string& runId() const { return claim_.id(); }
  // Whether its namespaces have names under /run/netns (false without a writable /run).
  bool named() const { return claim_.named(); }
  const Plan& plan() const { return plan_; }
  std::size_t size() const { return nodes_.size(); }
  // The node's namespace now (a reboot replaces it) and its name ("" when unnamed).
  int ns(std::size_t node) const { return nodes_[node].ns.get(); }
  std::string namespaceName(std::size_t node) const;
  std::string interfaceName(std::size_t interface) const;
  // The node's first address, "10.0.0.1".
  std::string address(std::size_t node) const;
  // Whether its interfaces carry IPv6 too (Topology::ipv6), and the node's first IPv6
  // address then, "fd00::a00:1" ("" without IPv6, as sim::World::addressOf6).
  bool ipv6() const { return ipv6_; }
  std::string address6(std::size_t node) const;
  // Every namespace of the run, the segments' one included.
  std::vector<int> namespaces() const;

  // Faults: see the header comment and sim::World. `onFault` hears each trace line's
  // (what, target, nodes), as sim::Trace::fault takes them.
  std::function<void(const std::string&, const std::string&, const std::vector<std::string>&)> onFault;
  FaultId linkDown(std::size_t a, std::size_t b);
  void linkUp(std::size_t a, std::size_t b);
  FaultId partition(const std::vector<std::size_t>& side);
  void heal();
  // Drops the node's traffic and holds its sockets open; the caller then drops its
  // applications without a word (net::Context::reset): their sockets close nothing.
  // The loss or delay of the link between a and b, both ways, from now on (a stack per link
  // as sim::World has it: undo gives back the value in force before). A setLoss makes the
  // losses independent, as sim::World's does. Links only: a segment keeps its configured
  // delay and loss (Topology::Segment::shape) for the whole run, as on sim::World.
  FaultId setLoss(std::size_t a, std::size_t b, double loss);
  FaultId setDelay(std::size_t a, std::size_t b, std::int64_t delayNs);
  // The shape in force on the link between a and b, and what the delay line did with the
  // packets that reached b from a (for tests).
  Shape shape(std::size_t a, std::size_t b) const;
  std::pair<std::uint64_t, std::uint64_t> acceptedDropped(std::size_t a, std::size_t b) const;
  FaultId crash(std::size_t node);
  // A fresh namespace; the caller starts the node's applications again.
  void reboot(std::size_t node);
  // As sim::World::undo; the undo of a node's last crash reboots it (onReboot is told).
  void undo(FaultId id);
  std::function<void(std::size_t)> onReboot;
  bool crashed(std::size_t node) const { return nodes_[node].crashed; }
  // Sockets a crash holds open on the node (for tests).
  std::size_t heldSockets(std::size_t node) const { return nodes_[node].held.size(); }

private:
  struct NodeState {
    std::string name;
    Fd ns;
    std::unique_ptr<Netlink> nl;
    bool crashed = false;
    bool table = false;   // its nftables table exists
    std::vector<Fd> held; // sockets a crash keeps open
  };
  // A link, or a pair of members of a segment: down while any fault holds it.
  struct Pair {
    std::size_t a, b;   // nodes
    std::size_t ia, ib; // their interfaces
    std::set<FaultId> down;
    bool deaf = false; // members of a segment that never hear each other (its `unreachable`)
  };
  struct Record {
    enum Kind { LinkDown, Partition, Crash, Loss, Delay } kind;
    std::size_t pair = 0, node = 0;
    std::vector<std::string> side;
    bool healed = false;
  };

  // A link's delay, jitter and loss: configured, and the setLoss/setDelay stacks.
  struct LinkShape {
    Shape base;
    std::vector<std::pair<FaultId, double>> losses;
    std::vector<std::pair<FaultId, std::int64_t>> delays;
    bool queued = false; // its two directions go through the delay line
    Shape now() const;
  };

  void build(const Topology& t);
  void queueLink(std::size_t link);
  void queueSegment(std::size_t segment);
  void awaitUp(const std::vector<std::size_t>& nodes);
  void queueRules(std::size_t node);
  void queueRule(std::size_t node, std::size_t interface);
  std::vector<int> families() const; // 4, and 6 in an IPv6 world
  void reshape(std::size_t link);
  std::size_t linkOf(std::size_t a, std::size_t b, const char* what) const;
  FaultId change(std::size_t a, std::size_t b, Record::Kind kind, double loss, std::int64_t delayNs);
  void traceShape(std::size_t link, Record::Kind kind);
  void makeNamespace(std::size_t node);
  void configure(std::size_t node);
  void addRoutes(std::size_t node);
  void applyRules(std::size_t node);
  std::size_t pairOf(std::size_t a, std::size_t b) const;
  void doReboot(std::size_t node);
  void holdSockets(std::size_t node);
  void rerender(const std::set<std::size_t>& nodes);
  void fault(const std::string& what, const std::string& target, const std::vector<std::string>& nodes);
  void teardown();

  RunClaim claim_;
  bool ipv6_;
  Plan plan_;
  sim::TcpProfile tcp_;
  std::function<void(const std::string&)> note_;
  std::vector<NodeState> nodes_;
  // Per interface: its egress rate (bit/s) and queue (bytes), for the token bucket.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> shape_;
  Fd hub_; // the segments' bridges
  std::unique_ptr<Netlink> hubNl_;
  std::vector<Pair> pairs_;
  std::vector<LinkShape> shapes_;    // per link
  std::vector<Shape> segmentShapes_; // per segment: through the delay line when any()
  std::uint64_t seed_ = 1;
  std::unique_ptr<DelayLine> delay_; // made for the first link with a shape
  std::map<FaultId, Record> faults_;
  std::map<std::size_t, std::set<FaultId>> crashes_;
  FaultId nextFault_ = 1;
};

} // namespace sim::kernel
