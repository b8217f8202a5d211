// SystemC NICs (model/) as the interfaces of simulated nodes: links and segments whose ends
// are NIC models, their drops in the trace, their counters in the run's results.
#include <ns3/point-to-point-net-device.h>

#include <stdexcept>
#include <variant>

#include "model/install.h"
#include "sim/link_device.h"
#include "sim/links.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace sim {

namespace {

bool isRadio(const model::NicSpec& s) { return std::holds_alternative<model::RadioNic>(s); }

// A generic NIC is the link's line card: it sends at the link's rate. The other models
// keep their hardware's rate.
model::NicSpec onLink(model::NicSpec s, std::uint64_t bandwidth) {
  if (auto* g = std::get_if<model::GenericNic>(&s))
    g->lineRate = bandwidth;
  return s;
}

} // namespace

void World::setNic(Node& n, const model::NicSpec& spec) {
  model::validate(spec); // std::invalid_argument naming the parameter
  n.nic_ = spec;
}

std::pair<std::unique_ptr<LinkDevice>, std::unique_ptr<LinkDevice>> World::nicLink(Node& a, Node& b,
                                                                                   const LinkSpec& spec) {
  const ns3::Time delay = ns3::NanoSeconds(spec.delay.count());
  const bool radio = (a.nic_ && isRadio(*a.nic_)) || (b.nic_ && isRadio(*b.nic_));
  if ((a.nic_ && b.nic_) || radio) {
    // A radio talks to radios only: a node without a NIC faces it with a default one.
    model::NicSpec sa = a.nic_ ? onLink(*a.nic_, spec.bandwidth) : model::NicSpec(model::RadioNic{});
    model::NicSpec sb = b.nic_ ? onLink(*b.nic_, spec.bandwidth) : model::NicSpec(model::RadioNic{});
    if (isRadio(sa) != isRadio(sb))
      throw std::invalid_argument("sim::World::link " + a.name() + "-" + b.name() +
                                  ": a radio NIC links only to another radio");
    auto [da, db] = model::connect(a.node_, sa, b.node_, sb, delay, 0);
    watchNic(a, da);
    watchNic(b, db);
    return {linkDevice(da), linkDevice(db)};
  }
  // One end has ns-3's point-to-point device, the other a SystemC NIC.
  Node& withNic = a.nic_ ? a : b;
  Node& plain = a.nic_ ? b : a;
  auto device = model::makeP2pDevice(plain.node_, spec.bandwidth, spec.queuePackets);
  auto nicDevice = model::connectMixed(device, withNic.node_, onLink(*withNic.nic_, spec.bandwidth), delay, 0);
  watchNic(withNic, nicDevice);
  if (&withNic == &a)
    return {linkDevice(nicDevice), linkDevice(device)};
  return {linkDevice(device), linkDevice(nicDevice)};
}

std::vector<std::unique_ptr<LinkDevice>> World::nicSegment(const std::vector<Node*>& members, const SegmentSpec& spec) {
  std::vector<ns3::Ptr<ns3::Node>> nodes;
  std::vector<model::NicSpec> specs;
  for (Node* n : members) {
    nodes.push_back(n->node_);
    specs.push_back(onLink(*n->nic_, spec.bandwidth));
  }
  auto devices = model::share(nodes, specs, ns3::NanoSeconds(spec.delay.count()), 0);
  if (!spec.unreachable.empty()) {
    // Who hears whom is the radio medium's alone (model/radio_channel.h).
    auto radio = ns3::DynamicCast<model::RadioChannel>(devices.front()->GetChannel());
    if (!radio)
      throw std::invalid_argument("sim::World::segment: unreachable pairs need a segment of radios");
    for (const auto& [a, b] : spec.unreachable)
      radio->setReach(a, b, false);
  }
  std::vector<std::unique_ptr<LinkDevice>> out;
  for (std::size_t i = 0; i < devices.size(); ++i) {
    watchNic(*members[i], devices[i]);
    out.push_back(linkDevice(devices[i]));
  }
  return out;
}

// A NIC's drops go to the trace ("nic" lines), so that a user sees why TCP retransmitted.
void World::watchNic(Node& n, const ns3::Ptr<model::NicDevice>& device) {
  device->setDropHook(
      [this, &n, index = device->GetIfIndex()](std::uint64_t t, const std::string& cause, std::uint32_t bytes) {
        trace_->nic(net::Time(static_cast<std::int64_t>(t)), n.name(), index, cause, bytes);
      });
  links_->nics.emplace_back(&n, device);
}

std::vector<World::NicReport> World::nicReports() const {
  std::vector<NicReport> out;
  for (const auto& [node, device] : links_->nics)
    out.push_back(NicReport{node->name(), device->GetIfIndex(), model::kindName(device->spec()), device->stats()});
  return out;
}

} // namespace sim

// libsystemc.so defines main() and needs an sc_main; every program here has its own main(),
// which wins, so this one never runs. It lives in this file because
// any program that builds a world links it.
extern "C" __attribute__((weak)) int sc_main(int, char**) { return 0; }
