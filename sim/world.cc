#include "sim/world.h"
#include "net/runtime.h"

#include <ns3/arp-l3-protocol.h>
#include <ns3/boolean.h>
#include <ns3/config.h>
#include <ns3/csma-helper.h>
#include <ns3/csma-net-device.h>
#include <ns3/data-rate.h>
#include <ns3/double.h>
#include <ns3/drop-tail-queue.h>
#include <ns3/error-model.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-generator.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/ipv4.h>
#include <ns3/ipv6-l3-protocol.h>
#include <ns3/ipv6.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device-queue-interface.h>
#include <ns3/node.h>
#include <ns3/pointer.h>
#include <ns3/queue-size.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <ns3/string.h>
#include <ns3/traffic-control-helper.h>
#include <ns3/traffic-control-layer.h>
#include <ns3/uinteger.h>

#include <arpa/inet.h>

#include <cmath>
#include <stdexcept>
#include <tuple>

#include "model/install.h"
#include "sim/fq_codel.h"
#include "sim/ip_stack.h"
#include "sim/jitter_channel.h"
#include "sim/link_device.h"
#include "sim/links.h"
#include "sim/routing.h"
#include "sim/routing6.h"
#include "sim/sim_backend.h"
#include "sim/trace.h"

namespace sim {

namespace {

bool worldExists = false;

// Sends a node's net events to the run's trace, under the node's name.
class NodeObserver final : public net::Observer {
public:
  NodeObserver(Trace& trace, std::string name) : trace_(trace), name_(std::move(name)) {}
  void onEvent(const net::EventRecord& r) override { trace_.record(name_, r); }

private:
  Trace& trace_;
  std::string name_;
};

// A point-to-point device hands IPv4 packets straight to the node's IPv4 layer. ns-3's
// path goes through the node's and the traffic-control layer's handler lists, which hold
// entries for every device: on a gateway with thousands of links, two scans per packet.
// Nothing else listens on these devices (pcap taps the device itself).
void receiveDirectly(ns3::Ptr<ns3::NetDevice> device) {
  ns3::Ptr<ns3::Ipv4L3Protocol> ip = device->GetNode()->GetObject<ns3::Ipv4L3Protocol>();
  ns3::Ptr<ns3::Ipv6L3Protocol> ip6 = device->GetNode()->GetObject<ns3::Ipv6L3Protocol>();
  device->SetReceiveCallback(
      ns3::NetDevice::ReceiveCallback([ip, ip6](ns3::Ptr<ns3::NetDevice> d, ns3::Ptr<const ns3::Packet> p,
                                                uint16_t protocol, const ns3::Address& from) {
        if (protocol == ns3::Ipv4L3Protocol::PROT_NUMBER)
          ip->Receive(d, p, protocol, from, d->GetAddress(), ns3::NetDevice::PACKET_HOST);
        else if (protocol == ns3::Ipv6L3Protocol::PROT_NUMBER && ip6)
          ip6->Receive(d, p, protocol, from, d->GetAddress(), ns3::NetDevice::PACKET_HOST);
        else
          return false;
        return true;
      }));
}

std::string ipv6Text(const ns3::Ipv6Address& a) {
  std::uint8_t b[16];
  a.GetBytes(b);
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, b, text, sizeof text);
  return text;
}

std::uint64_t macNumber(const ns3::Address& address) {
  std::uint8_t b[6] = {};
  ns3::Mac48Address::ConvertFrom(address).CopyTo(b);
  std::uint64_t n = 0;
  for (std::uint8_t x : b)
    n = n << 8 | x;
  return n;
}

std::string ipv4(ns3::Ipv4Address a) {
  std::ostringstream s;
  a.Print(s);
  return s.str();
}

} // namespace

// The ns-3 objects the world owns.
struct World::State {
  std::vector<ns3::Ptr<ns3::Node>> nodes;
  std::vector<std::unique_ptr<NodeObserver>> observers;
};

// Gives each device the next address of its subnet, as Ipv4AddressHelper::Assign does, without
// ns-3's process-wide address registry: it checks every address against a list of all those
// allocated before (quadratic setup; 5 s of 35 at 10,000 nodes). The world numbers subnets
// itself, so addresses are unique by construction. With `queueDisc`, the device gets the root
// queue disc ns-3 installs by default, FQ-CoDel, as sim::FqCoDel (the same decisions without
// ns-3's objects per flow: sim/fq_codel.h).
std::vector<std::uint32_t> assignIpv4(const ns3::NetDeviceContainer& devices, std::uint32_t first, std::uint32_t mask,
                                      bool queueDisc) {
  std::vector<std::uint32_t> addresses;
  for (std::uint32_t i = 0; i < devices.GetN(); ++i) {
    ns3::Ptr<ns3::NetDevice> device = devices.Get(i);
    auto ip = device->GetNode()->GetObject<ns3::Ipv4>();
    std::int32_t interface = ip->GetInterfaceForDevice(device);
    if (interface < 0)
      interface = static_cast<std::int32_t>(ip->AddInterface(device));
    auto index = static_cast<std::uint32_t>(interface);
    addresses.push_back(first + i);
    ip->AddAddress(index, ns3::Ipv4InterfaceAddress(ns3::Ipv4Address(first + i), ns3::Ipv4Mask(mask)));
    ip->SetMetric(index, 1);
    ip->SetUp(index);
    auto tc = device->GetNode()->GetObject<ns3::TrafficControlLayer>();
    auto ndqi = device->GetObject<ns3::NetDeviceQueueInterface>();
    if (queueDisc && tc && ndqi && !tc->GetRootQueueDiscOnDevice(device))
      installFqCoDel(device, ndqi->GetNTxQueues());
  }
  return addresses;
}

World::World(std::uint64_t seed, std::uint64_t run)
    : trace_(std::make_unique<Trace>()), links_(std::make_unique<Links>()), routes_(std::make_shared<RouteTable>()),
      state_(std::make_unique<State>()) {
  if (worldExists)
    throw std::logic_error("sim::World: ns-3 allows one simulated world at a time in a process");
  if (seed == 0 || run == 0)
    throw std::invalid_argument("sim::World: seed and run number must be positive");
  worldExists = true;
  // Every world starts from ns-3's own defaults, whatever an earlier world in this process
  // (or a test) configured; the seed comes after, as Reset restores it too.
  ns3::Config::Reset();
  ns3::RngSeedManager::SetSeed(static_cast<uint32_t>(seed));
  ns3::RngSeedManager::SetRun(run);
  // Until the first Simulator::Run, ns-3 enters every Time object made or destroyed in a
  // global set (to convert them should the resolution change): building 10,000 nodes makes
  // millions of them, a tenth of the setup. One empty run ends that; its event is not counted.
  if (ns3::Simulator::IsFinished()) {
    ns3::Simulator::ScheduleNow(&ns3::Simulator::Stop);
    ns3::Simulator::Run();
    eventBase_ = ns3::Simulator::GetEventCount();
  }
  // ns-3's process-wide counters, so that a second world in one process repeats the first.
  ns3::Ipv4AddressGenerator::Reset();
  ns3::Mac48Address::ResetAllocationIndex();
  // Full-size segments, as on Ethernet; ns-3's default is 536 bytes.
  ns3::Config::SetDefault("ns3::TcpSocket::SegmentSize", ns3::UintegerValue(1448));
  // A neighbour that did not answer is asked again at the next packet for it, as Linux does
  // (neigh_event_send: a FAILED entry goes back to INCOMPLETE); ns-3 drops every packet for it
  // for 100 s, which silenced a radio sensor whose first three ARP requests were lost.
  ns3::Config::SetDefault("ns3::ArpCache::DeadTimeout", ns3::TimeValue(ns3::NanoSeconds(1)));
  applyTcpDefaults(tcp_);
}

void World::tcp(const TcpProfile& profile) {
  if (!nodes_.empty())
    throw std::logic_error("sim::World::tcp: call it before the first node");
  applyTcpDefaults(profile);
  tcp_ = profile;
}

World::~World() {
  for (auto& n : nodes_) {
    net::Runtime::onActivity(*n->net_, nullptr);
    net::Runtime::setObserver(*n->net_, nullptr);
    n->net_.reset(); // before the simulator: contexts hold ns-3 sockets
  }
  animation_.reset(); // writes the file's end
  ns3::Simulator::Destroy();
  worldExists = false;
}

Node* World::find(const std::string& name) {
  auto it = byName_.find(name);
  return it == byName_.end() ? nullptr : it->second;
}

Node& World::node(const std::string& name) {
  if (Node* n = find(name))
    return *n;
  if (name.empty())
    throw std::invalid_argument("sim::World::node: empty name");
  auto& st = *state_;
  auto ns3node = ns3::CreateObject<ns3::Node>();
  // Without IPv6 in the world, no IPv6 stack: a node's IPv6 objects are a third of its memory.
  RoutingHelper routing(routes_);
  Routing6Helper routing6(routes_);
  installStack(ns3node, StackSpec{&routing, ipv6_ ? &routing6 : nullptr, "sim::TcpL4Protocol"});
  // ARP's request jitter draws from streams numbered by the world (see link()). Without IPv6
  // the numbers stay those InternetStackHelper::AssignStreams gives a dual stack node (IPv6
  // fragment reassembly 1, ARP 1, ICMPv6 2): no draw of a run depends on whether it has IPv6.
  if (ipv6_) {
    ns3::InternetStackHelper stack;
    streams_ +=
        static_cast<std::uint64_t>(stack.AssignStreams(ns3::NodeContainer(ns3node), static_cast<int64_t>(streams_)));
  } else {
    ns3node->GetObject<ns3::ArpL3Protocol>()->AssignStreams(static_cast<int64_t>(streams_ + 1));
    streams_ += 4;
  }
  st.nodes.push_back(ns3node);
  auto n = std::unique_ptr<Node>(new Node());
  n->name_ = name;
  n->id_ = ns3node->GetId();
  n->node_ = ns3::PeekPointer(ns3node);
  n->net_ = std::make_unique<net::Context>(makeBackend(*this, n->node_));
  st.observers.push_back(std::make_unique<NodeObserver>(*trace_, name));
  net::Runtime::setObserver(*n->net_, st.observers.back().get());
  net::Runtime::onActivity(*n->net_, [this](bool busy) { contextBusy(busy); });
  byName_[name] = n.get();
  nodes_.push_back(std::move(n));
  return *nodes_.back();
}

void World::link(Node& a, Node& b, const LinkSpec& spec) {
  if (&a == &b)
    throw std::invalid_argument("sim::World::link: a node cannot link to itself (" + a.name() + ")");
  if (spec.bandwidth == 0 || spec.delay.count() < 0 || spec.loss < 0 || spec.loss > 1 || spec.queuePackets == 0)
    throw std::invalid_argument("sim::World::link " + a.name() + "-" + b.name() +
                                ": bandwidth > 0, delay >= 0, 0 <= loss <= 1 and queue > 0 expected");
  if (spec.jitter.count() < 0 || spec.burst < 1)
    throw std::invalid_argument("sim::World::link " + a.name() + "-" + b.name() +
                                ": jitter >= 0 and a mean burst length >= 1 expected");
  Link l{&a, &b, nullptr, nullptr};
  if (a.nic_ || b.nic_) {
    if (spec.jitter.count() > 0)
      throw std::invalid_argument("sim::World::link " + a.name() + "-" + b.name() +
                                  ": jitter is not modelled on links with SystemC NICs");
    std::tie(l.da, l.db) = nicLink(a, b, spec);
  } else {
    // Built as PointToPointHelper::Install does, on a channel that can add jitter.
    auto channel = ns3::CreateObject<JitterChannel>();
    channel->SetAttribute("Delay", ns3::TimeValue(ns3::NanoSeconds(spec.delay.count())));
    channel->setJitter(ns3::NanoSeconds(spec.jitter.count()), static_cast<int64_t>(streams_++));
    for (auto [n, end] : {std::pair{&a, &l.da}, std::pair{&b, &l.db}}) {
      auto device = model::makeP2pDevice(n->node_, spec.bandwidth, spec.queuePackets);
      device->Attach(channel);
      *end = linkDevice(device);
    }
  }
  ns3::NetDeviceContainer devices;
  devices.Add(l.da->device());
  devices.Add(l.db->device());
  ns3::Ptr<ns3::ErrorModel> lossA, lossB; // the configured loss models (none without loss)
  if (spec.loss > 0) {
    for (auto* model : {&lossA, &lossB}) {
      // Streams numbered by the world, not ns-3's process-wide counter: runs repeat exactly.
      if (spec.burst > 1) {
        // Bursts start with probability loss / burst and last 1 .. 2*burst - 1 packets.
        auto em = ns3::CreateObject<ns3::BurstErrorModel>();
        em->SetBurstRate(spec.loss / spec.burst);
        auto size = ns3::CreateObject<ns3::UniformRandomVariable>();
        size->SetAttribute("Min", ns3::DoubleValue(1));
        size->SetAttribute("Max", ns3::DoubleValue(2 * spec.burst));
        em->SetRandomBurstSize(size);
        em->AssignStreams(static_cast<int64_t>(streams_));
        streams_ += 2;
        *model = em;
      } else {
        auto em = ns3::CreateObject<ns3::RateErrorModel>();
        em->SetUnit(ns3::RateErrorModel::ERROR_UNIT_PACKET);
        em->SetRate(spec.loss);
        em->AssignStreams(static_cast<int64_t>(streams_++));
        *model = em;
      }
    }
    l.da->setLoss(lossA);
    l.db->setLoss(lossB);
  }
  l.losses.push_back({0, spec.loss, lossA, lossB}); // the configured values, under any fault's
  l.delays.push_back({0, spec.delay});
  if (!pcapPrefix_.empty()) {
    l.da->pcap(pcapPrefix_);
    l.db->pcap(pcapPrefix_);
  }
  links_->all.push_back(std::move(l));
  // Each link its own /30 in 10.0.0.0/8.
  std::uint32_t base = (10u << 24) + 4u * subnets_++;
  std::vector<std::uint32_t> ifs = assignIpv4(devices, base + 1, 0xfffffffcu, spec.queueDisc);
  if (a.address_.empty())
    a.address_ = ipv4(ns3::Ipv4Address(ifs[0]));
  if (b.address_.empty())
    b.address_ = ipv4(ns3::Ipv4Address(ifs[1]));
  if (ipv6_) {
    for (std::uint32_t i = 0; i < 2; ++i)
      addIpv6(ns3::PeekPointer(devices.Get(i)), ifs[i]);
    if (a.address6_.empty())
      a.address6_ = ipv6Text(mappedIpv6(ifs[0]));
    if (b.address6_.empty())
      b.address6_ = ipv6Text(mappedIpv6(ifs[1]));
  }
  for (std::uint32_t i = 0; i < 2; ++i)
    receiveDirectly(devices.Get(i));
  addRoutes({&a, &b}, {ns3::PeekPointer(devices.Get(0)), ns3::PeekPointer(devices.Get(1))}, ifs);
}

void World::segment(const std::vector<Node*>& members, const SegmentSpec& spec) {
  if (members.size() < 2)
    throw std::invalid_argument("sim::World::segment: at least two members expected");
  if (spec.bandwidth == 0 || spec.delay.count() < 0 || spec.loss < 0 || spec.loss > 1 || spec.queuePackets == 0)
    throw std::invalid_argument(
        "sim::World::segment: bandwidth > 0, delay >= 0, 0 <= loss <= 1 and queue > 0 expected");
  for (const auto& [a, b] : spec.unreachable)
    if (a >= members.size() || b >= members.size() || a == b)
      throw std::invalid_argument("sim::World::segment: an unreachable pair is two different members' indices");
  std::size_t withNic = 0;
  for (Node* n : members)
    withNic += n->nic_ ? 1 : 0;
  if (!spec.unreachable.empty() && withNic != members.size())
    throw std::invalid_argument("sim::World::segment: unreachable pairs need a segment of radios");
  // Every member hears through a filter, so that faults can cut the medium between members.
  Segment segment{members, {}, {}, std::make_shared<SegmentFilter::Medium>()};
  if (withNic == members.size()) {
    segment.devices = nicSegment(members, spec);
  } else if (withNic > 0) {
    throw std::invalid_argument("sim::World::segment: members have SystemC NICs all or none (" +
                                std::to_string(withNic) + " of " + std::to_string(members.size()) + " have)");
  } else {
    ns3::CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", ns3::DataRateValue(ns3::DataRate(spec.bandwidth)));
    csma.SetChannelAttribute("Delay", ns3::TimeValue(ns3::NanoSeconds(spec.delay.count())));
    csma.SetQueue("ns3::DropTailQueue", "MaxSize",
                  ns3::QueueSizeValue(ns3::QueueSize(ns3::QueueSizeUnit::PACKETS, spec.queuePackets)));
    ns3::NodeContainer nodes;
    for (Node* n : members)
      nodes.Add(n->node_);
    ns3::NetDeviceContainer csmaDevices = csma.Install(nodes);
    // The medium's backoff draws from streams numbered by the world (see link()).
    streams_ += static_cast<std::uint64_t>(csma.AssignStreams(csmaDevices, static_cast<int64_t>(streams_)));
    for (std::uint32_t i = 0; i < csmaDevices.GetN(); ++i) // the helper makes CsmaNetDevices
      segment.devices.push_back(linkDevice(ns3::StaticCast<ns3::CsmaNetDevice>(csmaDevices.Get(i))));
  }
  ns3::NetDeviceContainer devices;
  for (const auto& d : segment.devices)
    devices.Add(d->device());
  for (std::uint32_t i = 0; i < devices.GetN(); ++i) {
    ns3::Ptr<ns3::ErrorModel> loss;
    if (spec.loss > 0) {
      auto em = ns3::CreateObject<ns3::RateErrorModel>();
      em->SetUnit(ns3::RateErrorModel::ERROR_UNIT_PACKET);
      em->SetRate(spec.loss);
      em->AssignStreams(static_cast<int64_t>(streams_++));
      loss = em;
    }
    std::uint64_t mac = macNumber(devices.Get(i)->GetAddress());
    segment.addresses.push_back(mac);
    segment.devices[i]->setLoss(ns3::CreateObject<SegmentFilter>(segment.medium, mac, loss));
  }
  // A block of 172.16.0.0/12 sized for the members (and the network and broadcast addresses).
  std::uint32_t bits = 8;
  while ((1u << bits) < members.size() + 2)
    ++bits;
  std::uint32_t blocks = 1u << (bits - 8);
  segmentBlocks_ = (segmentBlocks_ + blocks - 1) / blocks * blocks; // aligned
  if ((segmentBlocks_ + blocks) > (1u << 12))
    throw std::invalid_argument("sim::World::segment: address space for segments exhausted");
  std::uint32_t base = (172u << 24) + (16u << 16) + (segmentBlocks_ << 8);
  segmentBlocks_ += blocks;
  std::vector<std::uint32_t> addrs = assignIpv4(devices, base + 1, ~((1u << bits) - 1), true);
  std::vector<ns3::NetDevice*> devs;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i]->address_.empty())
      members[i]->address_ = ipv4(ns3::Ipv4Address(addrs[i]));
    if (ipv6_) {
      addIpv6(ns3::PeekPointer(devices.Get(static_cast<std::uint32_t>(i))), addrs[i]);
      if (members[i]->address6_.empty())
        members[i]->address6_ = ipv6Text(mappedIpv6(addrs[i]));
    }
    devs.push_back(ns3::PeekPointer(devices.Get(static_cast<std::uint32_t>(i))));
  }
  addRoutes(members, devs, addrs);
  links_->segments.push_back(std::move(segment));
  if (!pcapPrefix_.empty())
    for (const auto& d : links_->segments.back().devices)
      d->pcap(pcapPrefix_);
}

void World::pcap(const std::string& prefix) {
  if (prefix.empty())
    throw std::invalid_argument("sim::World::pcap: empty prefix");
  pcapPrefix_ = prefix;
  for (auto& l : links_->all) {
    l.da->pcap(prefix);
    l.db->pcap(prefix);
  }
  for (auto& seg : links_->segments)
    for (auto& d : seg.devices)
      d->pcap(prefix);
}

std::string World::addressOf(const std::string& name) const {
  auto it = byName_.find(name);
  return it == byName_.end() ? std::string() : it->second->address_;
}

std::string World::addressOf6(const std::string& name) const {
  auto it = byName_.find(name);
  return it == byName_.end() ? std::string() : it->second->address6_;
}

void World::enableIpv6() {
  if (!nodes_.empty())
    throw std::logic_error("sim::World::enableIpv6: call it before the first node");
  ipv6_ = true;
  // Addresses are unique by construction: no duplicate address detection (a second of
  // delay and a burst of solicitations on every interface).
  ns3::Config::SetDefault("ns3::Icmpv6L4Protocol::DAD", ns3::BooleanValue(false));
}

void World::addIpv6(ns3::NetDevice* device, std::uint32_t ipv4) {
  auto ip6 = device->GetNode()->GetObject<ns3::Ipv6>();
  std::int32_t i = ip6->GetInterfaceForDevice(device);
  if (i < 0)
    i = static_cast<std::int32_t>(ip6->AddInterface(device));
  auto interface = static_cast<std::uint32_t>(i);
  ip6->AddAddress(interface, ns3::Ipv6InterfaceAddress(mappedIpv6(ipv4), ns3::Ipv6Prefix(96)));
  // Forwarding, as a router: nodes relay for each other, and send no router solicitations.
  ip6->SetForwarding(interface, true);
  ip6->SetUp(interface);
}

// An interface that went down lost its IPv6 addresses (ns-3 clears them): give them back.
void World::restoreIpv6(Node& n) {
  if (!ipv6_)
    return;
  auto ip4 = n.node_->GetObject<ns3::Ipv4>();
  for (std::uint32_t i = 1; i < ip4->GetNInterfaces(); ++i)
    addIpv6(ns3::PeekPointer(ip4->GetNetDevice(i)), ip4->GetAddress(i, 0).GetLocal().Get());
}

// Every member reaches every other over the shared link (two members: a point-to-point link).
void World::addRoutes(const std::vector<Node*>& members, const std::vector<ns3::NetDevice*>& devices,
                      const std::vector<std::uint32_t>& addresses) {
  std::vector<std::uint32_t> interfaces;
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto ip = members[i]->node_->GetObject<ns3::Ipv4>();
    interfaces.push_back(static_cast<std::uint32_t>(ip->GetInterfaceForDevice(devices[i])));
    routes_->addAddress(addresses[i], members[i]->id_);
  }
  for (std::size_t i = 0; i < members.size(); ++i)
    for (std::size_t j = 0; j < members.size(); ++j)
      if (i != j)
        routes_->addHop(members[i]->id_, interfaces[i], members[j]->id_, addresses[j]);
}

void World::contextBusy(bool busy) {
  if (busy) {
    ++busy_;
  } else if (--busy_ == 0 && !idleCheck_) {
    // Idle for now; a callback may still arm a timer in this same instant: decide after
    // the events already due.
    idleCheck_ = true;
    ns3::Simulator::ScheduleNow([this] {
      idleCheck_ = false;
      if (busy_ == 0)
        ns3::Simulator::Stop();
    });
  }
}

bool World::run(Duration limit) {
  if (busy_ == 0)
    return true;
  ns3::EventId bound = ns3::Simulator::Schedule(ns3::NanoSeconds(limit.count()), [] { ns3::Simulator::Stop(); });
  ns3::Simulator::Run();
  bound.Cancel();
  return busy_ == 0;
}

void World::stop() { ns3::Simulator::Stop(); }

// ns-3's default simulator takes events from other threads into a locked list that its loop
// drains before each event.
void World::stopFromAnotherThread() {
  ns3::Simulator::ScheduleWithContext(ns3::Simulator::NO_CONTEXT, ns3::Seconds(0), [] { ns3::Simulator::Stop(); });
}

Time World::now() const { return Time(ns3::Simulator::Now().GetTimeStep()); }

std::uint64_t World::events() const { return ns3::Simulator::GetEventCount() - eventBase_; }

} // namespace sim
