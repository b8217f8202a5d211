// The scenario loader's `network:` section: links, segments and the topology helpers star,
// chain and tree, expanded into Scenario::links and Scenario::segments. The helpers' links are
// laid out by sim::shape (sim/topology.h), the builder of the C++ API's star, chain and tree.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/apps/units.h"
#include "sim/scenario/loader_state.h"
#include "sim/topology.h"

namespace sim::scenario {

namespace {

const std::vector<std::string> kLinkKeys = {"bandwidth", "delay", "jitter", "loss", "burst", "queue", "qdisc"};

} // namespace

sim::LinkSpec Loader::linkSpec(const YAML::Node& n, const std::string& path) const {
  sim::LinkSpec spec;
  if (n["bandwidth"])
    spec.bandwidth = static_cast<std::uint64_t>(bandwidth(n["bandwidth"], child(path, "bandwidth")));
  if (n["delay"])
    spec.delay = net::Duration(duration(n["delay"], child(path, "delay")));
  if (n["jitter"])
    spec.jitter = net::Duration(duration(n["jitter"], child(path, "jitter")));
  if (n["loss"])
    spec.loss = probability(n["loss"], child(path, "loss"));
  if (n["burst"]) {
    double b = 0;
    if (!n["burst"].IsScalar() || !apps::units::parseNumber(n["burst"].Scalar(), b) || b < 1 || b > 1e6)
      fail(n["burst"], child(path, "burst"), "a mean loss burst length >= 1 (packets)", found(n["burst"]));
    spec.burst = b;
  }
  if (n["queue"])
    spec.queuePackets = static_cast<std::uint32_t>(integer(n["queue"], child(path, "queue"), 1, 1'000'000));
  if (n["qdisc"]) {
    const std::string q = n["qdisc"].IsScalar() ? n["qdisc"].Scalar() : std::string();
    if (q != "fq_codel" && q != "none")
      fail(n["qdisc"], child(path, "qdisc"), "fq_codel or none", found(n["qdisc"]));
    spec.queueDisc = q == "fq_codel";
  }
  return spec;
}

void Loader::addLink(const std::string& a, const std::string& b, const sim::LinkSpec& spec, const YAML::Node& where,
                     const std::string& path) {
  if (a == b)
    fail(where, path, "a link between two different nodes", "'" + a + "' linked to itself");
  auto key = std::minmax(a, b);
  if (!linkPairs_.insert(key).second)
    fail(where, path, "one link between two nodes", "a second link between '" + a + "' and '" + b + "'");
  s_.links.push_back({a, b, spec});
  connected_.insert(a);
  connected_.insert(b);
}

void Loader::requireNames(const YAML::Node& l, const std::string& path, std::initializer_list<const char*> keys) const {
  for (const char* k : keys)
    if (!l[k])
      fail(l, child(path, k), "a node or group name (required)", "nothing");
}

std::string Loader::singleNode(const YAML::Node& l, const std::string& path, const char* key) const {
  auto named = members(l[key], child(path, key));
  if (named.size() != 1)
    fail(l[key], child(path, key), "a single node", "a group of " + std::to_string(named.size()));
  return named[0];
}

void Loader::loadNetwork(const YAML::Node& n, const std::string& path) {
  if (!n.IsMap())
    fail(n, path, "a mapping with links, segments, star, chain or tree", found(n));
  checkKeys(n, path, {"links", "segments", "star", "chain", "tree"});
  if (n["links"])
    each(n["links"], child(path, "links"), "links {a, b, bandwidth, delay, ...}",
         [this](const YAML::Node& l, const std::string& p) {
           checkKeys(l, p, plus({"a", "b"}, kLinkKeys));
           requireNames(l, p, {"a", "b"});
           auto as = members(l["a"], child(p, "a"));
           auto bs = members(l["b"], child(p, "b"));
           auto spec = linkSpec(l, p);
           for (const auto& a : as)
             for (const auto& b : bs)
               addLink(a, b, spec, l, p);
         });
  if (n["star"])
    each(n["star"], child(path, "star"), "stars {hub, leaves, link parameters}",
         [this](const YAML::Node& l, const std::string& p) {
           checkKeys(l, p, plus({"hub", "leaves"}, kLinkKeys));
           requireNames(l, p, {"hub", "leaves"});
           std::string hub = singleNode(l, p, "hub");
           auto spec = linkSpec(l, p);
           auto leaves = membersOfList(l["leaves"], child(p, "leaves"));
           sim::shape::star(hub, leaves,
                            [&](const std::string& a, const std::string& b) { addLink(a, b, spec, l, p); });
         });
  if (n["chain"])
    each(n["chain"], child(path, "chain"), "chains {nodes, link parameters}",
         [this](const YAML::Node& l, const std::string& p) {
           checkKeys(l, p, plus({"nodes"}, kLinkKeys));
           if (!l["nodes"])
             fail(l, child(p, "nodes"), "a list of nodes and groups, in chain order (required)", "nothing");
           auto all = membersOfList(l["nodes"], child(p, "nodes"));
           if (all.size() < 2)
             fail(l["nodes"], child(p, "nodes"), "at least two nodes", std::to_string(all.size()));
           auto spec = linkSpec(l, p);
           sim::shape::chain(all, [&](const std::string& a, const std::string& b) { addLink(a, b, spec, l, p); });
         });
  if (n["tree"])
    each(n["tree"], child(path, "tree"), "trees {root, gateways, leaves, uplink, access}",
         [this](const YAML::Node& l, const std::string& p) {
           checkKeys(l, p, {"root", "gateways", "leaves", "uplink", "access"});
           requireNames(l, p, {"root", "gateways", "leaves"});
           std::string root = singleNode(l, p, "root");
           auto gws = members(l["gateways"], child(p, "gateways"));
           auto leaves = membersOfList(l["leaves"], child(p, "leaves"));
           sim::LinkSpec up, access;
           for (auto [key, spec] : {std::pair{"uplink", &up}, std::pair{"access", &access}}) {
             if (!l[key])
               continue;
             if (!l[key].IsMap())
               fail(l[key], child(p, key), "link parameters {bandwidth, delay, ...}", found(l[key]));
             checkKeys(l[key], child(p, key), kLinkKeys);
             *spec = linkSpec(l[key], child(p, key));
           }
           sim::shape::tree(root, gws, leaves, [&](const std::string& a, const std::string& b, bool uplink) {
             addLink(a, b, uplink ? up : access, l, p);
           });
         });
  if (n["segments"])
    each(n["segments"], child(path, "segments"), "segments {name, members, bandwidth, delay, loss, queue, unreachable}",
         [this](const YAML::Node& l, const std::string& p) {
           checkKeys(l, p, {"name", "members", "bandwidth", "delay", "loss", "queue", "unreachable"});
           SegmentInstance seg;
           seg.name =
               l["name"] ? text(l["name"], child(p, "name")) : "segment-" + std::to_string(s_.segments.size() + 1);
           if (!l["members"])
             fail(l, child(p, "members"), "a list of nodes and groups (required)", "nothing");
           seg.members = membersOfList(l["members"], child(p, "members"));
           std::set<std::string> unique(seg.members.begin(), seg.members.end());
           if (unique.size() != seg.members.size())
             fail(l["members"], child(p, "members"), "each node once", "a node listed twice");
           if (seg.members.size() < 2 || seg.members.size() > 4000)
             fail(l["members"], child(p, "members"), "between 2 and 4000 members", std::to_string(seg.members.size()));
           auto link = linkSpec(l, p);
           if (l["bandwidth"])
             seg.spec.bandwidth = link.bandwidth;
           if (l["delay"])
             seg.spec.delay = link.delay;
           seg.spec.loss = link.loss;
           seg.spec.queuePackets = link.queuePackets;
           if (l["unreachable"])
             unreachable(l["unreachable"], child(p, "unreachable"), seg);
           for (const auto& m : seg.members)
             connected_.insert(m);
           s_.segments.push_back(std::move(seg));
         });
}

// A radio segment's `unreachable: [[a, c], ...]`: pairs of members (nodes, or groups: every
// member of one with every member of the other) that do not hear each other.
void Loader::unreachable(const YAML::Node& n, const std::string& path, SegmentInstance& seg) const {
  for (const auto& m : seg.members)
    if (s_.groups[s_.findNode(m)->group].nic.model != "radio")
      fail(n, path, "a segment whose members all have radio NICs (nic: {model: radio})",
           "member '" + m + "' with nic " + s_.groups[s_.findNode(m)->group].nic.model);
  if (!n.IsSequence())
    fail(n, path, "a list of pairs [A, B] of members that do not hear each other", found(n));
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string p = child(path, std::to_string(i));
    if (!n[i].IsSequence() || n[i].size() != 2)
      fail(n[i], p, "a pair [A, B] of members (nodes or groups)", found(n[i]));
    std::vector<std::size_t> sides[2];
    for (std::size_t k = 0; k < 2; ++k)
      for (const auto& name : members(n[i][k], child(p, std::to_string(k)))) {
        auto at = std::find(seg.members.begin(), seg.members.end(), name);
        if (at == seg.members.end())
          fail(n[i][k], child(p, std::to_string(k)), "members of this segment", "'" + name + "', not one");
        sides[k].push_back(static_cast<std::size_t>(at - seg.members.begin()));
      }
    for (std::size_t a : sides[0])
      for (std::size_t b : sides[1]) {
        if (a == b)
          fail(n[i], p, "two different members", "'" + seg.members[a] + "' on both sides");
        seg.spec.unreachable.emplace_back(a, b);
      }
  }
}

} // namespace sim::scenario
