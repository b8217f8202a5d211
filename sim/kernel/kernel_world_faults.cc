// The kernel world's faults: holds as sim::World keeps them (sim/faults.cc), each node's
// drop rules rendered from them into its own nftables table, crash and reboot.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "sim/kernel/delay_line.h"
#include "sim/kernel/kernel_world.h"
#include "sim/kernel/netlink.h"
#include "sim/kernel/nft.h"

namespace sim::kernel {

namespace {

std::string macText(std::uint64_t mac) {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", static_cast<unsigned>(mac >> 40) & 0xffu,
                static_cast<unsigned>(mac >> 32) & 0xffu, static_cast<unsigned>(mac >> 24) & 0xffu,
                static_cast<unsigned>(mac >> 16) & 0xffu, static_cast<unsigned>(mac >> 8) & 0xffu,
                static_cast<unsigned>(mac) & 0xffu);
  return buf;
}

} // namespace

void World::fault(const std::string& what, const std::string& target, const std::vector<std::string>& nodes) {
  if (onFault)
    onFault(what, target, nodes);
}

std::size_t World::pairOf(std::size_t a, std::size_t b) const {
  for (std::size_t i = 0; i < pairs_.size(); ++i) // links first, in link order: the first one joining them
    if ((pairs_[i].a == a && pairs_[i].b == b) || (pairs_[i].a == b && pairs_[i].b == a))
      return i;
  throw std::invalid_argument("kernel: no link or segment joins " + nodes_[a].name + " and " + nodes_[b].name);
}

// Every frame is judged where it arrives (prerouting, before anything else): a link that is
// down drops what reaches either end; a segment pair drops, at each member, what the other
// sends (by its MAC address), and so do members that never hear each other. A crashed node drops everything but its
// loopback, both ways.
void World::applyRules(std::size_t node) {
  NodeState& n = nodes_[node];
  const std::string table = "inet netbed_" + claim_.id();
  std::string rules;
  if (n.crashed)
    rules += "add rule " + table + " pre iifname != \"lo\" drop\nadd rule " + table + " out oifname != \"lo\" drop\n";
  for (const Pair& p : pairs_) {
    if ((p.down.empty() && !p.deaf) || (p.a != node && p.b != node))
      continue;
    std::size_t mine = p.a == node ? p.ia : p.ib, theirs = p.a == node ? p.ib : p.ia;
    rules += "add rule " + table + " pre iifname \"" + interfaceName(mine) + "\"";
    if (plan_.interfaces[mine].segment >= 0)
      rules += " ether saddr " + macText(plan_.interfaces[theirs].mac);
    rules += " drop\n";
  }
  if (rules.empty() && !n.table)
    return;
  nft(n.ns.get(), "add table " + table + "\nflush table " + table + "\nadd chain " + table +
                      " pre { type filter hook prerouting priority -300; policy accept; }\nadd chain " + table +
                      " out { type filter hook output priority -300; policy accept; }\n" + rules);
  n.table = true;
}

void World::rerender(const std::set<std::size_t>& nodes) {
  for (std::size_t n : nodes)
    applyRules(n);
}

FaultId World::linkDown(std::size_t a, std::size_t b) {
  std::size_t p = pairOf(a, b);
  FaultId id = nextFault_++;
  faults_[id] = Record{Record::LinkDown, p, 0, {}, false};
  pairs_[p].down.insert(id);
  rerender({a, b});
  fault("link-down", nodes_[a].name + "-" + nodes_[b].name, {nodes_[a].name, nodes_[b].name});
  return id;
}

void World::linkUp(std::size_t a, std::size_t b) {
  std::size_t p = pairOf(a, b);
  pairs_[p].down.clear();
  rerender({a, b});
  fault("link-up", nodes_[a].name + "-" + nodes_[b].name, {nodes_[a].name, nodes_[b].name});
}

FaultId World::partition(const std::vector<std::size_t>& side) {
  std::set<std::size_t> in(side.begin(), side.end()), touched;
  FaultId id = nextFault_++;
  Record r{Record::Partition, 0, 0, {}, false};
  std::string names;
  for (std::size_t n : side) {
    names += (names.empty() ? "" : ",") + nodes_[n].name;
    r.side.push_back(nodes_[n].name);
  }
  faults_[id] = r;
  for (Pair& p : pairs_)
    if (in.count(p.a) != in.count(p.b)) {
      p.down.insert(id);
      touched.insert(p.a);
      touched.insert(p.b);
    }
  rerender(touched);
  fault("partition", names, r.side);
  return id;
}

void World::heal() {
  std::set<std::size_t> touched;
  for (Pair& p : pairs_)
    for (auto it = p.down.begin(); it != p.down.end();) {
      auto f = faults_.find(*it);
      if (f != faults_.end() && f->second.kind == Record::Partition) {
        it = p.down.erase(it);
        touched.insert(p.a);
        touched.insert(p.b);
      } else {
        ++it;
      }
    }
  rerender(touched);
  std::vector<std::string> nodes; // of every side it ends, in the order the partitions happened
  for (auto& [id, f] : faults_)
    if (f.kind == Record::Partition && !f.healed) {
      f.healed = true;
      nodes.insert(nodes.end(), f.side.begin(), f.side.end());
    }
  fault("heal", "", nodes);
}

// Every socket of this process that lives in the node's namespace gets a second descriptor:
// when the applications' descriptors close, the kernel's socket stays as it was (close(2)
// of a file still open elsewhere sends nothing).
void World::holdSockets(std::size_t node) {
  NodeState& n = nodes_[node];
  std::uint64_t cookie = namespaceCookie(n.ns.get());
  std::vector<int> fds;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.')
        fds.push_back(std::atoi(e->d_name));
    closedir(d);
  }
  for (int fd : fds)
    if (socketCookie(fd) == cookie)
      if (int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0); copy >= 0)
        n.held.emplace_back(copy);
}

std::size_t World::linkOf(std::size_t a, std::size_t b, const char* what) const {
  std::size_t p = pairOf(a, b);
  if (p >= shapes_.size())
    throw std::invalid_argument(std::string("kernel: ") + what + " between " + nodes_[a].name + " and " +
                                nodes_[b].name + ": they share a segment, and segments have no delay line");
  return p;
}

FaultId World::setLoss(std::size_t a, std::size_t b, double loss) {
  if (loss < 0 || loss > 1)
    throw std::invalid_argument("kernel: setLoss: loss must be within [0, 1]");
  return change(a, b, Record::Loss, loss, 0);
}

FaultId World::setDelay(std::size_t a, std::size_t b, std::int64_t delayNs) {
  if (delayNs < 0)
    throw std::invalid_argument("kernel: setDelay: negative delay");
  return change(a, b, Record::Delay, 0, delayNs);
}

// A setLoss or setDelay: its entry on the link's stack, in force at once.
FaultId World::change(std::size_t a, std::size_t b, Record::Kind kind, double loss, std::int64_t delayNs) {
  std::size_t k = linkOf(a, b, kind == Record::Loss ? "setLoss" : "setDelay");
  FaultId id = nextFault_++;
  faults_[id] = Record{kind, k, 0, {}, false};
  if (kind == Record::Loss)
    shapes_[k].losses.emplace_back(id, loss);
  else
    shapes_[k].delays.emplace_back(id, delayNs);
  reshape(k);
  traceShape(k, kind);
  return id;
}

// The trace line of a loss or delay change: the value now in force, as sim::World writes it.
void World::traceShape(std::size_t link, Record::Kind kind) {
  const Pair& p = pairs_[link];
  Shape s = shapes_[link].now();
  fault(kind == Record::Loss ? "loss=" + std::to_string(s.loss) : "delay=" + std::to_string(s.delayNs) + "ns",
        nodes_[p.a].name + "-" + nodes_[p.b].name, {nodes_[p.a].name, nodes_[p.b].name});
}

Shape World::shape(std::size_t a, std::size_t b) const { return shapes_[linkOf(a, b, "shape")].now(); }

std::pair<std::uint64_t, std::uint64_t> World::acceptedDropped(std::size_t a, std::size_t b) const {
  std::size_t k = linkOf(a, b, "acceptedDropped");
  if (!delay_)
    return {0, 0};
  std::size_t into = plan_.interfaces[2 * k].node == b ? 2 * k : 2 * k + 1;
  auto c = delay_->counts(static_cast<std::uint16_t>(into));
  return {c.accepted, c.dropped};
}

FaultId World::crash(std::size_t node) {
  FaultId id = nextFault_++;
  faults_[id] = Record{Record::Crash, 0, node, {}, false};
  crashes_[node].insert(id);
  NodeState& n = nodes_[node];
  if (!n.crashed) {
    fault("crash", n.name, {n.name});
    n.crashed = true;
    applyRules(node); // silent from now on, before anything can close
    holdSockets(node);
  }
  return id;
}

void World::reboot(std::size_t node) {
  crashes_.erase(node);
  if (nodes_[node].crashed)
    doReboot(node);
}

// The node's interfaces move to a fresh namespace under the same name (their veth peers,
// its neighbours' ends, stay where they are) and get their addresses, queues and routes
// again; the link faults in force are rendered there. The old namespace keeps only the
// held sockets, which close with it: what they would send has no interface to leave by.
void World::doReboot(std::size_t node) {
  NodeState& n = nodes_[node];
  Fd old = std::move(n.ns);
  std::unique_ptr<Netlink> oldNl = std::move(n.nl);
  std::vector<Fd> held = std::move(n.held);
  n.held.clear();
  if (claim_.named())
    removeNamedNamespace(namespaceName(node));
  makeNamespace(node);
  for (std::size_t i : plan_.ofNode[node])
    oldNl->moveTo(oldNl->index(interfaceName(i)), n.ns.get());
  n.crashed = false;
  for (std::size_t i : plan_.ofNode[node]) { // the queues of what it receives, in its new namespace
    std::int64_t link = plan_.interfaces[i].link, segment = plan_.interfaces[i].segment;
    if (link >= 0 && shapes_[static_cast<std::size_t>(link)].queued)
      delay_->open(static_cast<std::uint16_t>(i), n.ns.get(), shapes_[static_cast<std::size_t>(link)].now());
    if (segment >= 0 && segmentShapes_[static_cast<std::size_t>(segment)].any())
      delay_->open(static_cast<std::uint16_t>(i), n.ns.get(), segmentShapes_[static_cast<std::size_t>(segment)]);
  }
  configure(node);
  addRoutes(node);
  applyRules(node);
  queueRules(node);
  held.clear();
  fault("reboot", n.name, {n.name});
  if (onReboot)
    onReboot(node);
}

void World::undo(FaultId id) {
  auto found = faults_.find(id);
  if (found == faults_.end())
    throw std::invalid_argument("kernel::World::undo: no fault " + std::to_string(id) + " to undo");
  Record f = found->second;
  faults_.erase(found);
  switch (f.kind) {
  case Record::LinkDown: {
    Pair& p = pairs_[f.pair];
    p.down.erase(id);
    rerender({p.a, p.b});
    fault("link-up", nodes_[p.a].name + "-" + nodes_[p.b].name, {nodes_[p.a].name, nodes_[p.b].name});
    break;
  }
  case Record::Partition: {
    std::set<std::size_t> touched;
    for (Pair& p : pairs_)
      if (p.down.erase(id)) {
        touched.insert(p.a);
        touched.insert(p.b);
      }
    rerender(touched);
    fault("heal", "", f.side);
    break;
  }
  case Record::Loss:
  case Record::Delay: {
    LinkShape& l = shapes_[f.pair];
    auto drop = [id](auto& stack) {
      for (auto it = stack.begin(); it != stack.end(); ++it)
        if (it->first == id) {
          stack.erase(it);
          return;
        }
    };
    if (f.kind == Record::Loss)
      drop(l.losses);
    else
      drop(l.delays);
    reshape(f.pair);
    traceShape(f.pair, f.kind);
    break;
  }
  case Record::Crash: {
    auto c = crashes_.find(f.node);
    if (c != crashes_.end() && c->second.erase(id) && c->second.empty()) {
      crashes_.erase(c);
      if (nodes_[f.node].crashed)
        doReboot(f.node);
    }
    break;
  }
  }
}

} // namespace sim::kernel
