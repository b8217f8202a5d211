#include "sim/testing.h"

#include "sim/scenario/scenario_error.h"

#include <ns3/boolean.h>
#include <ns3/data-rate.h>
#include <ns3/type-id.h>
#include <ns3/uinteger.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace std::chrono {

void PrintTo(const nanoseconds& d, std::ostream* os) {
  const long long ns = d.count();
  const unsigned long long magnitude = ns < 0 ? 0ull - static_cast<unsigned long long>(ns) : ns;
  std::string fraction = std::to_string(magnitude % 1'000'000'000ull);
  fraction.insert(0, 9 - fraction.size(), '0');
  while (fraction.size() > 6 && fraction.back() == '0') // microseconds at least, nanoseconds when there are any
    fraction.pop_back();
  *os << (ns < 0 ? "-" : "") << magnitude / 1'000'000'000ull << '.' << fraction << " s (" << ns << " ns)";
}

} // namespace std::chrono

namespace sim {

void PrintTo(const Trace::Event& e, std::ostream* os) {
  *os << (e.node.empty() ? "-" : e.node);
  if (!e.kind.empty())
    *os << ' ' << e.kind << ' ' << e.obj;
  *os << " '" << e.ev << '\'';
  if (e.ev == "data")
    *os << ' ' << e.bytes << " B";
  if (!e.code.empty())
    *os << ' ' << e.code;
  *os << " at ";
  std::chrono::PrintTo(e.t, os);
}

} // namespace sim

namespace sim::testing {

namespace {

const std::vector<std::string> kSocketEvents = {"lookup", "connect", "data",  "drain",
                                                "end",    "timeout", "error", "close"};
const std::vector<std::string> kServerEvents = {"listening", "connection", "error", "close"};

// `name` is not one of `names`: the message lists them (the first 20, after `label`) and the
// nearest, when it is near enough to be a misspelling (as the scenario loader finds it).
[[noreturn]] void refuse(const std::string& message, const std::string& label, const std::string& name,
                         const std::vector<std::string>& names) {
  std::ostringstream out;
  out << "sim::testing: " << message << " (" << label << ": ";
  if (names.empty())
    out << "none yet";
  for (std::size_t i = 0; i < names.size() && i < 20; ++i)
    out << (i ? ", " : "") << names[i];
  if (names.size() > 20)
    out << ", and " << names.size() - 20 << " more";
  out << ')';
  if (const std::string hint = scenario::nearest(name, names); !hint.empty())
    out << "; did you mean \"" << hint << "\"?";
  throw std::invalid_argument(out.str());
}

// World::trace() is not const; reading the kept events changes nothing.
const std::vector<Event>& kept(const sim::World& world) { return const_cast<sim::World&>(world).trace().events(); }

std::vector<std::string> namesOf(const sim::World& world) {
  std::vector<std::string> names;
  for (const auto& n : world.nodes())
    names.push_back(n->name());
  return names;
}

ns3::Ptr<const ns3::AttributeValue> attributeDefault(const char* type, const char* attribute) {
  ns3::TypeId::AttributeInformation info;
  if (!ns3::TypeId::LookupByName(type).LookupAttributeByName(attribute, &info))
    throw std::logic_error(std::string("sim::testing: ns-3 has no attribute ") + type + "::" + attribute);
  return info.initialValue;
}

bool boolDefault(const char* attribute) {
  return ns3::DynamicCast<const ns3::BooleanValue>(attributeDefault("ns3::TcpSocketBase", attribute))->Get();
}

std::uint64_t segmentSize() {
  return ns3::DynamicCast<const ns3::UintegerValue>(attributeDefault("ns3::TcpSocket", "SegmentSize"))->Get();
}

} // namespace

const char* kindName(Kind k) { return k == Kind::socket ? "socket" : "server"; }

Testbed::Testbed(std::uint64_t seed) : world_(seed) { world_.trace().keep(); }

sim::Node& Testbed::host(const std::string& name) {
  if (world_.find(name))
    throw std::invalid_argument("sim::testing: host \"" + name + "\" is declared already");
  return world_.node(name);
}

void Testbed::hosts(std::initializer_list<std::string> names) {
  for (const auto& n : names)
    host(n);
}

sim::Node& Testbed::node(const std::string& name) {
  if (sim::Node* n = world_.find(name))
    return *n;
  refuse("no host \"" + name + "\"", "hosts", name, namesOf(world_));
}

const sim::Node& Testbed::known(const std::string& name) const {
  // World::find is not const; looking up changes nothing.
  return const_cast<Testbed*>(this)->node(name);
}

Link Testbed::link(const std::string& a, const std::string& b, const sim::LinkSpec& spec) {
  world_.link(node(a), node(b), spec);
  return Link(a, b, spec);
}

std::vector<Event> Testbed::events(const std::string& node, Kind kind, const std::string& ev) const {
  known(node);
  const auto& names = kind == Kind::socket ? kSocketEvents : kServerEvents;
  if (std::find(names.begin(), names.end(), ev) == names.end())
    refuse(std::string("a ") + kindName(kind) + " emits no \"" + ev + "\"",
           std::string("a ") + kindName(kind) + "'s events", ev, names);
  std::vector<Event> out;
  for (const auto& e : kept(world_))
    if (e.node == node && e.kind == kindName(kind) && e.ev == ev)
      out.push_back(e);
  return out;
}

Event Testbed::event(const std::string& node, Kind kind, const std::string& ev, std::size_t n) const {
  auto found = events(node, kind, ev);
  if (n < found.size())
    return found[n];
  std::ostringstream out;
  out << "sim::testing: " << node << ": no " << kindName(kind) << " '" << ev << "' #" << n
      << " (from 0): " << found.size() << " of them. Its events:";
  std::size_t shown = 0, all = 0;
  for (const auto& e : kept(world_)) {
    if (e.node != node)
      continue;
    if (++all <= 30) {
      out << "\n  ";
      sim::PrintTo(e, &out);
      ++shown;
    }
  }
  if (all == 0)
    out << " none";
  else if (all > shown)
    out << "\n  and " << all - shown << " more";
  throw std::invalid_argument(out.str());
}

std::size_t Testbed::frameBytes(std::size_t payload) const {
  const std::uint64_t mss = segmentSize();
  if (payload > mss)
    throw std::invalid_argument("sim::testing: frameBytes(" + std::to_string(payload) +
                                "): a segment carries at most " + std::to_string(mss) + " bytes");
  const std::size_t options = boolDefault("Timestamp") ? kTimestampOption : 0;
  return kPppHeader + kIpv4Header + kTcpHeader + paddedOptions(options) + payload;
}

std::size_t Testbed::frameBytes(Syn) const {
  std::size_t options = 0;
  if (boolDefault("Timestamp"))
    options += kTimestampOption;
  if (boolDefault("WindowScaling"))
    options += kWindowScaleOption;
  if (boolDefault("Sack"))
    options += kSackPermittedOption;
  return kPppHeader + kIpv4Header + kTcpHeader + paddedOptions(options);
}

Duration Testbed::wire(const Link& link, std::size_t frame) const {
  for (const auto* end : {&link.a, &link.b})
    if (known(*end).nic())
      throw std::invalid_argument("sim::testing: wireTime: " + *end +
                                  " has a SystemC NIC; its frames take the model's time (model/README.md)");
  if (link.spec.jitter.count() != 0)
    throw std::invalid_argument("sim::testing: wireTime: the link " + link.a + "-" + link.b +
                                " has jitter; its frames take random extra time");
  // As ns-3's PointToPointNetDevice computes it: the frame's bits at the link's rate, in
  // int64x64 arithmetic, rounded to the nanosecond.
  const auto tx = ns3::DataRate(link.spec.bandwidth).CalculateBytesTxTime(static_cast<std::uint32_t>(frame));
  return Duration(tx.GetNanoSeconds()) + link.spec.delay;
}

Duration Testbed::wireTime(const Link& link, std::size_t payload) const { return wire(link, frameBytes(payload)); }

Duration Testbed::wireTime(const Link& link, Syn) const { return wire(link, frameBytes(syn)); }

Duration Testbed::wireTime(std::initializer_list<Link> route, std::size_t payload) const {
  Duration total{0};
  for (const auto& l : route)
    total += wireTime(l, payload);
  return total;
}

Duration Testbed::wireTime(std::initializer_list<Link> route, Syn) const {
  Duration total{0};
  for (const auto& l : route)
    total += wireTime(l, syn);
  return total;
}

} // namespace sim::testing
