// Faults at exact simulated times: links down and up, partitions, loss and delay changes,
// node crash and reboot.
#include <ns3/error-model.h>
#include <ns3/ipv4.h>
#include <ns3/ipv6.h>
#include <ns3/node.h>
#include <ns3/point-to-point-channel.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/pointer.h>
#include <ns3/simulator.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "model/nic_channel.h"
#include "sim/backend.h"
#include "sim/links.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace sim {

namespace {

// Drops every frame, and draws no random number: a cut cable.
class Blackhole : public ns3::ErrorModel {
  bool DoCorrupt(ns3::Ptr<ns3::Packet>) override { return true; }
  void DoReset() override {}
};

} // namespace

bool SegmentFilter::DoCorrupt(ns3::Ptr<ns3::Packet> p) {
  if (!medium_->side.empty() || !medium_->cut.empty()) {
    std::uint8_t b[12] = {}; // destination and source address
    p->CopyData(b, sizeof b);
    std::uint64_t from = 0;
    for (int i = 6; i < 12; ++i)
      from = from << 8 | b[i];
    if (!medium_->side.empty()) {
      auto s = medium_->side.find(from), me = medium_->side.find(address_);
      if (s != medium_->side.end() && me != medium_->side.end() && s->second != me->second)
        return true;
    }
    if (medium_->cut.count(std::minmax(from, address_)))
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

World::Link* World::linkBetween(Node& a, Node& b) {
  for (auto& l : links_->all)
    if ((l.a == &a && l.b == &b) || (l.a == &b && l.b == &a))
      return &l;
  return nullptr;
}

World::Link& World::findLink(Node& a, Node& b) {
  if (Link* l = linkBetween(a, b))
    return *l;
  throw std::invalid_argument("sim::World: no link between " + a.name() + " and " + b.name());
}

World::Segment* World::segmentWith(Node& a, Node& b) {
  for (auto& seg : links_->segments) {
    bool hasA = std::find(seg.members.begin(), seg.members.end(), &a) != seg.members.end();
    bool hasB = std::find(seg.members.begin(), seg.members.end(), &b) != seg.members.end();
    if (hasA && hasB)
      return &seg;
  }
  return nullptr;
}

void World::setCut(Node& a, Node& b, bool cut, const char* what) {
  if (Link* l = linkBetween(a, b)) {
    setLinkUp(*l, !cut);
  } else if (Segment* seg = segmentWith(a, b)) {
    std::uint64_t ma = 0, mb = 0;
    for (std::size_t i = 0; i < seg->members.size(); ++i) {
      if (seg->members[i] == &a)
        ma = seg->addresses[i];
      if (seg->members[i] == &b)
        mb = seg->addresses[i];
    }
    if (cut)
      seg->medium->cut.insert(std::minmax(ma, mb));
    else
      seg->medium->cut.erase(std::minmax(ma, mb));
  } else {
    throw std::invalid_argument("sim::World: no link or segment joins " + a.name() + " and " + b.name());
  }
  trace_->fault(now(), what, a.name() + "-" + b.name());
}

void World::setLinkUp(Link& l, bool up) {
  l.up = up;
  auto blackhole = ns3::CreateObject<Blackhole>();
  setReceiveErrorModel(l.da, up ? l.lossA : ns3::Ptr<ns3::ErrorModel>(blackhole));
  setReceiveErrorModel(l.db, up ? l.lossB : ns3::Ptr<ns3::ErrorModel>(blackhole));
}

void World::linkDown(Node& a, Node& b) { setCut(a, b, true, "link-down"); }

void World::linkUp(Node& a, Node& b) { setCut(a, b, false, "link-up"); }

void World::partition(const std::vector<Node*>& side) {
  std::set<const Node*> in(side.begin(), side.end());
  std::string names;
  for (const Node* n : side)
    names += (names.empty() ? "" : ",") + n->name();
  for (auto& l : links_->all) {
    if (l.up && (in.count(l.a) != in.count(l.b))) {
      setLinkUp(l, false);
      l.partitioned = true;
    }
  }
  for (auto& seg : links_->segments)
    for (std::size_t i = 0; i < seg.members.size(); ++i)
      seg.medium->side[seg.addresses[i]] = in.count(seg.members[i]) ? 1 : 2;
  trace_->fault(now(), "partition", names);
}

void World::heal() {
  for (auto& l : links_->all) {
    if (l.partitioned) {
      setLinkUp(l, true);
      l.partitioned = false;
    }
  }
  for (auto& seg : links_->segments)
    seg.medium->side.clear();
  trace_->fault(now(), "heal", "");
}

void World::setLoss(Node& a, Node& b, double loss) {
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
  l.lossA = make();
  l.lossB = make();
  if (l.up)
    setLinkUp(l, true);
  trace_->fault(now(), "loss=" + std::to_string(loss), a.name() + "-" + b.name());
}

void World::setDelay(Node& a, Node& b, Duration delay) {
  if (delay.count() < 0)
    throw std::invalid_argument("sim::World::setDelay: negative delay");
  Link& l = findLink(a, b);
  if (auto channel = ns3::DynamicCast<nic::NicChannel>(l.da->GetChannel()))
    channel->setDelay(ns3::NanoSeconds(delay.count()));
  else
    l.da->GetChannel()->SetAttribute("Delay", ns3::TimeValue(ns3::NanoSeconds(delay.count())));
  trace_->fault(now(), "delay=" + std::to_string(delay.count()) + "ns", a.name() + "-" + b.name());
}

void World::crash(Node& n) {
  if (crashed(n))
    return;
  trace_->fault(now(), "crash", n.name());
  auto ipv4 = n.node_->GetObject<ns3::Ipv4>();
  for (std::uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i) // 0 is the loopback
    ipv4->SetDown(i);
  if (auto ipv6 = n.node_->GetObject<ns3::Ipv6>())
    for (std::uint32_t i = 1; i < ipv6->GetNInterfaces(); ++i)
      ipv6->SetDown(i);
  sim::crash(n.net_->backend()); // every connection forgotten, nothing sent
  n.net_->reset();               // the applications are gone, silently
  n.crashed_ = true;
}

void World::reboot(Node& n) {
  if (!crashed(n))
    return;
  auto ipv4 = n.node_->GetObject<ns3::Ipv4>();
  for (std::uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
    ipv4->SetUp(i);
  restoreIpv6(n);
  n.crashed_ = false;
  trace_->fault(now(), "reboot", n.name());
}

bool World::crashed(const Node& n) const { return n.crashed_; }

} // namespace sim
