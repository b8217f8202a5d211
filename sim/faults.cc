// Faults at exact simulated times: links down and up, partitions, loss and delay changes,
// node crash and reboot; each fault's undo gives back what it took (world.h has the rules).
#include <ns3/error-model.h>
#include <ns3/ipv4.h>
#include <ns3/ipv6.h>
#include <ns3/node.h>
#include <ns3/simulator.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "net/runtime.h"
#include "sim/link_device.h"
#include "sim/links.h"
#include "sim/sim_backend.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace sim {

bool SegmentFilter::DoCorrupt(ns3::Ptr<ns3::Packet> p) {
  if (!medium_->splits.empty() || !medium_->cut.empty()) {
    std::uint8_t b[12] = {}; // destination and source address
    p->CopyData(b, sizeof b);
    std::uint64_t from = 0;
    for (int i = 6; i < 12; ++i)
      from = from << 8 | b[i];
    auto pair = std::minmax(from, address_);
    if (medium_->cut.count(pair))
      return true;
    for (const auto& [id, split] : medium_->splits)
      if (split.side.count(from) != split.side.count(address_) && !split.spared.count(pair))
        return true;
  }
  return loss_ && loss_->IsCorrupt(p);
}

void World::at(Time t, std::function<void()> fn) {
  if (t < now())
    throw std::invalid_argument("sim::World::at: time " + std::to_string(t.count()) + " ns is in the past");
  // A pending call keeps the world running, as a timer keeps a node: run() does not stop
  // before a fault that is still to come.
  contextBusy(true);
  ns3::Simulator::Schedule(ns3::NanoSeconds((t - now()).count()), [this, fn = std::move(fn)] {
    fn();
    contextBusy(false);
  });
}

World::Link* World::linkBetween(const Node& a, const Node& b) const {
  for (auto& l : links_->all)
    if ((l.a == &a && l.b == &b) || (l.a == &b && l.b == &a))
      return &l;
  return nullptr;
}

World::Link& World::findLink(const Node& a, const Node& b) const {
  if (Link* l = linkBetween(a, b))
    return *l;
  throw std::invalid_argument("sim::World: no link between " + a.name() + " and " + b.name());
}

World::Segment* World::segmentWith(const Node& a, const Node& b) const {
  for (auto& seg : links_->segments) {
    bool hasA = std::find(seg.members.begin(), seg.members.end(), &a) != seg.members.end();
    bool hasB = std::find(seg.members.begin(), seg.members.end(), &b) != seg.members.end();
    if (hasA && hasB)
      return &seg;
  }
  return nullptr;
}

namespace {

// The medium's pair of a and b, two of a segment's members (with their addresses).
std::pair<std::uint64_t, std::uint64_t>
pairOf(const std::vector<Node*>& members, const std::vector<std::uint64_t>& addresses, const Node& a, const Node& b) {
  std::uint64_t ma = 0, mb = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i] == &a)
      ma = addresses[i];
    if (members[i] == &b)
      mb = addresses[i];
  }
  return std::minmax(ma, mb);
}

// Takes fault `id`'s entry off one of a link's stacks of values (Link::losses, Link::delays):
// whether it was the top one, in force until now.
template <class Entry> bool removeEntry(std::vector<Entry>& stack, FaultId id) {
  auto it = std::find_if(stack.begin() + 1, stack.end(), [id](const Entry& e) { return e.by == id; });
  bool top = it + 1 == stack.end();
  stack.erase(it);
  return top;
}

} // namespace

FaultId World::newFault(const FaultRecord& record) {
  FaultId id = links_->nextFault++;
  links_->faults.emplace(id, record);
  return id;
}

void World::setLinkUp(Link& l, bool up) {
  l.da->setUp(up);
  l.db->setUp(up);
}

void World::holdDown(Link& l, FaultId by) {
  bool wasUp = l.down.empty();
  l.down.insert(by);
  if (wasUp)
    setLinkUp(l, false);
}

void World::releaseDown(Link& l, FaultId by) {
  if (l.down.erase(by) && l.down.empty())
    setLinkUp(l, true);
}

FaultId World::linkDown(Node& a, Node& b) {
  Link* l = linkBetween(a, b);
  Segment* seg = l ? nullptr : segmentWith(a, b);
  if (!l && !seg)
    throw std::invalid_argument("sim::World: no link or segment joins " + a.name() + " and " + b.name());
  FaultId id = newFault(FaultRecord{FaultRecord::LinkDown, &a, &b});
  if (l)
    holdDown(*l, id);
  else
    seg->medium->cut[pairOf(seg->members, seg->addresses, a, b)].insert(id);
  trace_->fault(now(), "link-down", a.name() + "-" + b.name(), {a.name(), b.name()});
  return id;
}

void World::linkUp(Node& a, Node& b) {
  if (Link* l = linkBetween(a, b)) {
    if (!l->down.empty()) {
      l->down.clear();
      setLinkUp(*l, true);
    }
  } else if (Segment* seg = segmentWith(a, b)) {
    auto pair = pairOf(seg->members, seg->addresses, a, b);
    seg->medium->cut.erase(pair);
    for (auto& [id, split] : seg->medium->splits)
      if (split.side.count(pair.first) != split.side.count(pair.second))
        split.spared.insert(pair);
  } else {
    throw std::invalid_argument("sim::World: no link or segment joins " + a.name() + " and " + b.name());
  }
  trace_->fault(now(), "link-up", a.name() + "-" + b.name(), {a.name(), b.name()});
}

FaultId World::partition(const std::vector<Node*>& side) {
  std::set<const Node*> in(side.begin(), side.end()); // membership only: never iterated
  std::string names;
  FaultRecord record(FaultRecord::Partition);
  for (const Node* n : side) {
    names += (names.empty() ? "" : ",") + n->name();
    record.side.push_back(n->name());
  }
  FaultId id = newFault(record);
  for (auto& l : links_->all)
    if (in.count(l.a) != in.count(l.b))
      holdDown(l, id);
  for (auto& seg : links_->segments) {
    SegmentFilter::Medium::Split split;
    for (std::size_t i = 0; i < seg.members.size(); ++i)
      if (in.count(seg.members[i]))
        split.side.insert(seg.addresses[i]);
    if (!split.side.empty() && split.side.size() < seg.members.size()) // else it cuts nothing here
      seg.medium->splits.emplace(id, std::move(split));
  }
  trace_->fault(now(), "partition", names, record.side);
  return id;
}

void World::heal() {
  for (auto& l : links_->all) {
    bool wasDown = !l.down.empty();
    for (auto it = l.down.begin(); it != l.down.end();) {
      auto record = links_->faults.find(*it);
      if (record != links_->faults.end() && record->second.kind == FaultRecord::Partition)
        it = l.down.erase(it);
      else
        ++it;
    }
    if (wasDown && l.down.empty())
      setLinkUp(l, true);
  }
  for (auto& seg : links_->segments)
    seg.medium->splits.clear();
  // The nodes of every side it ends, in the order the partitions happened.
  std::vector<std::string> nodes;
  for (auto& [id, f] : links_->faults)
    if (f.kind == FaultRecord::Partition && !f.healed) {
      f.healed = true;
      nodes.insert(nodes.end(), f.side.begin(), f.side.end());
    }
  trace_->fault(now(), "heal", "", nodes);
}

// The devices install the loss models while the link is up (LinkDevice::setLoss).
void World::applyLoss(Link& l) {
  l.da->setLoss(l.losses.back().a);
  l.db->setLoss(l.losses.back().b);
}

void World::applyDelay(Link& l) { l.da->setDelay(ns3::NanoSeconds(l.delays.back().value.count())); }

FaultId World::setLoss(Node& a, Node& b, double loss) {
  if (loss < 0 || loss > 1)
    throw std::invalid_argument("sim::World::setLoss: loss must be within [0, 1]");
  Link& l = findLink(a, b);
  auto make = [&]() -> ns3::Ptr<ns3::ErrorModel> {
    if (loss == 0)
      return nullptr;
    auto em = ns3::CreateObject<ns3::RateErrorModel>();
    em->SetUnit(ns3::RateErrorModel::ERROR_UNIT_PACKET);
    em->SetRate(loss);
    em->AssignStreams(static_cast<int64_t>(streams_++));
    return em;
  };
  FaultId id = newFault(FaultRecord{FaultRecord::Loss, &a, &b});
  auto ma = make();
  auto mb = make();
  l.losses.push_back({id, loss, ma, mb});
  applyLoss(l);
  trace_->fault(now(), "loss=" + std::to_string(loss), a.name() + "-" + b.name(), {a.name(), b.name()});
  return id;
}

FaultId World::setDelay(Node& a, Node& b, Duration delay) {
  if (delay.count() < 0)
    throw std::invalid_argument("sim::World::setDelay: negative delay");
  Link& l = findLink(a, b);
  FaultId id = newFault(FaultRecord{FaultRecord::Delay, &a, &b});
  l.delays.push_back({id, delay});
  applyDelay(l);
  trace_->fault(now(), "delay=" + std::to_string(delay.count()) + "ns", a.name() + "-" + b.name(),
                {a.name(), b.name()});
  return id;
}

void World::doCrash(Node& n) {
  trace_->fault(now(), "crash", n.name(), {n.name()});
  auto ipv4 = n.node_->GetObject<ns3::Ipv4>();
  for (std::uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i) // 0 is the loopback
    ipv4->SetDown(i);
  if (auto ipv6 = n.node_->GetObject<ns3::Ipv6>())
    for (std::uint32_t i = 1; i < ipv6->GetNInterfaces(); ++i)
      ipv6->SetDown(i);
  sim::crash(net::Runtime::backend(*n.net_)); // every connection forgotten, nothing sent
  net::Runtime::reset(*n.net_);               // the applications are gone, silently
  n.crashed_ = true;
}

void World::doReboot(Node& n) {
  auto ipv4 = n.node_->GetObject<ns3::Ipv4>();
  for (std::uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
    ipv4->SetUp(i);
  restoreIpv6(n);
  n.crashed_ = false;
  trace_->fault(now(), "reboot", n.name(), {n.name()});
}

FaultId World::crash(Node& n) {
  FaultId id = newFault(FaultRecord{FaultRecord::Crash, &n});
  links_->crashes[n.id()].insert(id);
  if (!crashed(n))
    doCrash(n);
  return id;
}

void World::reboot(Node& n) {
  links_->crashes.erase(n.id());
  if (crashed(n))
    doReboot(n);
}

void World::undo(FaultId id) {
  auto found = links_->faults.find(id);
  if (found == links_->faults.end())
    throw std::invalid_argument("sim::World::undo: no fault " + std::to_string(id) + " to undo");
  FaultRecord f = found->second;
  links_->faults.erase(found);
  switch (f.kind) {
  case FaultRecord::LinkDown:
    if (Link* l = linkBetween(*f.a, *f.b)) {
      releaseDown(*l, id);
    } else {
      Segment* seg = segmentWith(*f.a, *f.b);
      auto cut = seg->medium->cut.find(pairOf(seg->members, seg->addresses, *f.a, *f.b));
      if (cut != seg->medium->cut.end() && cut->second.erase(id) && cut->second.empty())
        seg->medium->cut.erase(cut);
    }
    trace_->fault(now(), "link-up", f.a->name() + "-" + f.b->name(), {f.a->name(), f.b->name()});
    break;
  case FaultRecord::Partition:
    for (auto& l : links_->all)
      releaseDown(l, id);
    for (auto& seg : links_->segments)
      seg.medium->splits.erase(id);
    trace_->fault(now(), "heal", "", f.side);
    break;
  case FaultRecord::Loss: {
    Link& l = findLink(*f.a, *f.b);
    if (removeEntry(l.losses, id))
      applyLoss(l);
    trace_->fault(now(), "loss=" + std::to_string(l.losses.back().value), f.a->name() + "-" + f.b->name(),
                  {f.a->name(), f.b->name()});
    break;
  }
  case FaultRecord::Delay: {
    Link& l = findLink(*f.a, *f.b);
    if (removeEntry(l.delays, id))
      applyDelay(l);
    trace_->fault(now(), "delay=" + std::to_string(l.delays.back().value.count()) + "ns",
                  f.a->name() + "-" + f.b->name(), {f.a->name(), f.b->name()});
    break;
  }
  case FaultRecord::Crash: {
    auto holds = links_->crashes.find(f.a->id());
    if (holds == links_->crashes.end() || !holds->second.erase(id))
      break; // ended by an explicit reboot already
    if (holds->second.empty()) {
      links_->crashes.erase(holds);
      if (crashed(*f.a))
        doReboot(*f.a);
    }
    break;
  }
  }
}

bool World::crashed(const Node& n) const { return n.crashed_; }

bool World::linkIsUp(const Node& a, const Node& b) const {
  if (const Link* l = linkBetween(a, b))
    return l->down.empty();
  const Segment* seg = segmentWith(a, b);
  if (!seg)
    throw std::invalid_argument("sim::World: no link or segment joins " + a.name() + " and " + b.name());
  auto pair = pairOf(seg->members, seg->addresses, a, b);
  if (seg->medium->cut.count(pair))
    return false;
  for (const auto& [id, split] : seg->medium->splits)
    if (split.side.count(pair.first) != split.side.count(pair.second) && !split.spared.count(pair))
      return false;
  return true;
}

double World::loss(const Node& a, const Node& b) const { return findLink(a, b).losses.back().value; }

Duration World::delay(const Node& a, const Node& b) const { return findLink(a, b).delays.back().value; }

} // namespace sim
