// The scenario loader: YAML in, a checked and expanded Scenario out (format: scenarios/README.md).
#include "sim/scenario/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "sim/apps/units.h"
#include "sim/scenario/overrides.h"

namespace netbed {

namespace {

const std::vector<std::string> kEvents = {"listening", "connection", "lookup",  "connect", "data",
                                          "drain",     "end",        "timeout", "close",   "error"};
const std::vector<std::string> kFaults = {"linkDown", "linkUp",   "partition", "heal",
                                          "setLoss",  "setDelay", "crash",     "reboot"};
const std::vector<std::string> kLinkKeys = {"bandwidth", "delay", "jitter", "loss", "burst", "queue", "qdisc"};

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words)
    out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

bool validName(const std::string& s) {
  if (s.empty() || s.size() > 64)
    return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

bool isIpv4(const std::string& s) {
  int dots = 0, digits = 0;
  for (char c : s) {
    if (c == '.') {
      if (digits == 0)
        return false;
      ++dots;
      digits = 0;
    } else if (c >= '0' && c <= '9' && ++digits <= 3) {
    } else {
      return false;
    }
  }
  return dots == 3 && digits > 0;
}

std::string stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

} // namespace

const char* faultName(FaultKind kind) {
  switch (kind) {
  case FaultKind::LinkDown: return "linkDown";
  case FaultKind::LinkUp: return "linkUp";
  case FaultKind::Partition: return "partition";
  case FaultKind::Heal: return "heal";
  case FaultKind::SetLoss: return "setLoss";
  case FaultKind::SetDelay: return "setDelay";
  case FaultKind::Crash: return "crash";
  case FaultKind::Reboot: return "reboot";
  }
  return "?";
}

std::string windowText(const Expectation& x) {
  if (!x.afterNs && !x.beforeNs)
    return "";
  return " in [" + units::formatDuration(x.afterNs.value_or(0)) + ", " +
         (x.beforeNs ? units::formatDuration(*x.beforeNs) : std::string("end")) + ")";
}

const NodeInstance* Scenario::findNode(const std::string& nodeName) const {
  auto it = byName_.find(nodeName);
  return it == byName_.end() ? nullptr : &nodes[it->second];
}

std::vector<std::string> Scenario::membersOf(const std::string& nodeOrGroup) const {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].name != nodeOrGroup)
      continue;
    std::vector<std::string> out;
    for (const auto& n : nodes)
      if (n.group == g)
        out.push_back(n.name);
    return out;
  }
  if (findNode(nodeOrGroup))
    return {nodeOrGroup};
  return {};
}

// Reads one document; every check names the node's place in the file.
class Loader {
public:
  Loader(std::string file, std::map<std::string, std::string> origins)
      : file_(std::move(file)), origins_(std::move(origins)) {}

  Scenario load(const YAML::Node& root) {
    s_.file = file_;
    s_.name = stem(file_);
    if (!root.IsMap())
      fail(root, "", "a mapping of top-level keys (name, seed, duration, nodes, network, faults, expect)", found(root));
    checkKeys(root, "",
              {"name", "description", "seed", "run", "duration", "tcp", "nodes", "network", "faults", "expect"});
    if (root["name"]) {
      s_.name = text(root["name"], "name");
      if (!validName(s_.name))
        fail(root["name"], "name", "a name of letters, digits, '-' and '_'", found(root["name"]));
    }
    if (root["description"])
      text(root["description"], "description");
    if (root["seed"])
      s_.seed = static_cast<std::uint64_t>(integer(root["seed"], "seed", 1, 4294967295.0));
    if (root["run"])
      s_.run = static_cast<std::uint64_t>(integer(root["run"], "run", 1, 9e18));
    s_.durationNs = 60'000'000'000;
    if (root["duration"])
      s_.durationNs = duration(root["duration"], "duration", 1);
    if (root["tcp"])
      loadTcp(root["tcp"], "tcp");
    if (!root["nodes"])
      fail(root, "nodes", "a mapping of nodes and groups (required)", "nothing");
    loadNodes(root["nodes"], "nodes");
    connected_.clear();
    if (root["network"])
      loadNetwork(root["network"], "network");
    for (const auto& n : s_.nodes)
      if (!connected_.count(n.name))
        fail(nodeAt(n.name), "nodes." + s_.groups[n.group].name,
             "every node on a link or segment (links, segments, star, chain, tree)",
             "'" + n.name + "' connected to nothing");
    checkHosts();
    if (root["faults"])
      loadFaults(root["faults"], "faults");
    if (root["expect"])
      loadExpectations(root["expect"], "expect");
    return std::move(s_);
  }

private:
  // --- errors -------------------------------------------------------------------------
  Location at(const YAML::Node& n, const std::string& path) const {
    Location l;
    l.file = file_;
    for (std::string p = path;; p = p.substr(0, p.find_last_of('.'))) {
      auto it = origins_.find(p);
      if (it != origins_.end() && (p == path || path.compare(0, p.size() + 1, p + ".") == 0)) {
        l.set = it->second;
        return l;
      }
      if (p.find('.') == std::string::npos)
        break;
    }
    if (n.IsDefined() && n.Mark().line >= 0) {
      l.line = n.Mark().line + 1;
      l.column = n.Mark().column + 1;
      return l;
    }
    // Made by overrides of its keys (nodes.x.nic.model=...): name the first of them.
    auto child = origins_.lower_bound(path + ".");
    if (!path.empty() && child != origins_.end() && child->first.compare(0, path.size() + 1, path + ".") == 0)
      l.set = child->second;
    return l;
  }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& path, const std::string& expected,
                         const std::string& what) const {
    throw ScenarioError(at(n, path), path, "expected " + expected + ", found " + what);
  }

  // A value as an error message quotes it: whole up to 60 characters, else its start and
  // its length (a 5 MB line stays a readable message).
  static std::string found(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull())
      return "nothing";
    if (n.IsMap())
      return "a mapping";
    if (n.IsSequence())
      return "a sequence";
    return quote(n.Scalar());
  }

  static std::string child(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  void checkKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed) const {
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar())
        fail(it->first, path, "a plain key", found(it->first));
      const std::string key = it->first.Scalar();
      if (!seen.insert(key).second)
        throw ScenarioError(at(it->first, child(path, key)), child(path, key), "duplicate key '" + key + "'");
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
        continue;
      std::string hint = nearest(key, allowed);
      throw ScenarioError(at(it->first, child(path, key)), child(path, key),
                          "unknown key '" + key + "'" + (hint.empty() ? "" : ", did you mean '" + hint + "'?") +
                              " (expected one of: " + join(allowed) + ")");
    }
  }

  // --- tcp: a profile's name, or {profile, overrides...} (scenarios/README.md) ---------
  void loadTcp(const YAML::Node& n, const std::string& path) {
    const char* profiles = "a TCP profile: linux or ns3";
    auto named = [&](const YAML::Node& v, const std::string& p) {
      std::string name = text(v, p);
      if (name != "linux" && name != "ns3")
        fail(v, p, profiles, quote(name));
      return sim::TcpProfile::named(name);
    };
    if (n.IsScalar()) {
      s_.tcp = named(n, path);
      return;
    }
    if (!n.IsMap())
      fail(n, path, std::string(profiles) + ", or a mapping {profile: linux, minRto: 200ms, ...}", found(n));
    checkKeys(n, path,
              {"profile", "minRto", "dataRetries", "orphanRetries", "synRetries", "delayedAck", "initialCwnd", "sack",
               "timestamps", "userTimeout", "congestion", "keepAliveInterval", "keepAliveProbes"});
    sim::TcpProfile& t = s_.tcp;
    if (n["profile"])
      t = named(n["profile"], child(path, "profile"));
    auto ns = [](std::int64_t v) { return net::Duration(v); };
    auto count = [&](const char* key, double min, double max) {
      return static_cast<std::uint32_t>(integer(n[key], child(path, key), min, max));
    };
    auto flag = [&](const char* key) {
      const YAML::Node& v = n[key];
      if (!v.IsScalar() || (v.Scalar() != "true" && v.Scalar() != "false"))
        fail(v, child(path, key), "true or false", found(v));
      return v.Scalar() == "true";
    };
    if (n["minRto"])
      t.minRto = ns(duration(n["minRto"], child(path, "minRto"), 1));
    if (n["dataRetries"])
      t.dataRetries = count("dataRetries", 1, 255);
    if (n["orphanRetries"])
      t.orphanRetries = count("orphanRetries", 1, 255);
    if (n["synRetries"])
      t.synRetries = count("synRetries", 0, 127);
    if (n["delayedAck"])
      t.delayedAck = ns(duration(n["delayedAck"], child(path, "delayedAck")));
    if (n["initialCwnd"])
      t.initialCwnd = count("initialCwnd", 1, 1000);
    if (n["sack"])
      t.sack = flag("sack");
    if (n["timestamps"])
      t.timestamps = flag("timestamps");
    if (n["userTimeout"])
      t.userTimeout = ns(duration(n["userTimeout"], child(path, "userTimeout")));
    if (n["congestion"]) {
      std::string c = text(n["congestion"], child(path, "congestion"));
      if (c != "newreno" && c != "cubic" && c != "linux-reno" && c != "bbr")
        fail(n["congestion"], child(path, "congestion"), "newreno, cubic, linux-reno or bbr", quote(c));
      t.congestion = c;
    }
    if (n["keepAliveInterval"])
      t.keepAliveInterval = ns(duration(n["keepAliveInterval"], child(path, "keepAliveInterval"), 1));
    if (n["keepAliveProbes"])
      t.keepAliveProbes = count("keepAliveProbes", 1, 127);
    if (t.maxRto < t.minRto)
      fail(n["minRto"], child(path, "minRto"),
           "a minimum RTO no larger than the maximum (" + std::to_string(t.maxRto.count() / 1'000'000) + " ms)",
           found(n["minRto"]));
  }

  // --- scalars ------------------------------------------------------------------------
  std::string text(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar())
      fail(n, path, "a string", found(n));
    return n.Scalar();
  }

  std::int64_t integer(const YAML::Node& n, const std::string& path, double min, double max) const {
    std::int64_t v = 0;
    std::string expected = "an integer >= " + std::to_string(static_cast<std::int64_t>(min));
    if (max < 9e18)
      expected = "an integer within [" + std::to_string(static_cast<std::int64_t>(min)) + ", " +
                 std::to_string(static_cast<std::int64_t>(max)) + "]";
    if (!n.IsScalar() || !units::parseInteger(n.Scalar(), v) || static_cast<double>(v) < min ||
        static_cast<double>(v) > max)
      fail(n, path, expected, found(n));
    return v;
  }

  std::int64_t duration(const YAML::Node& n, const std::string& path, std::int64_t min = 0) const {
    std::int64_t v = 0;
    if (!n.IsScalar() || !units::parseDuration(n.Scalar(), v) || v < min)
      fail(n, path, std::string("a duration ") + (min > 0 ? "> 0" : ">= 0") + " such as 5ms, 1.5s or 2min", found(n));
    return v;
  }

  double probability(const YAML::Node& n, const std::string& path) const {
    double v = 0;
    if (!n.IsScalar() || !units::parseNumber(n.Scalar(), v) || v < 0 || v > 1)
      fail(n, path, "a probability within [0, 1] (such as 0.05 or 5%)", found(n));
    return v;
  }

  double number(const YAML::Node& n, const std::string& path, const std::string& unitHint) const {
    double v = 0;
    std::int64_t i = 0;
    if (n.IsScalar()) {
      if (units::parseNumber(n.Scalar(), v))
        return v;
      if (units::parseDuration(n.Scalar(), i) || units::parseBytes(n.Scalar(), i))
        return static_cast<double>(i);
    }
    fail(n, path, "a number" + unitHint, found(n));
  }

  std::vector<std::string> names(const YAML::Node& n, const std::string& path) const {
    std::vector<std::string> out;
    if (n.IsScalar())
      return {n.Scalar()};
    if (!n.IsSequence())
      fail(n, path, "a node name or a list of node names", found(n));
    for (std::size_t i = 0; i < n.size(); ++i)
      out.push_back(text(n[i], child(path, std::to_string(i))));
    return out;
  }

  // A node or group name, expanded to its nodes.
  std::vector<std::string> members(const YAML::Node& n, const std::string& path) const {
    std::string name = text(n, path);
    auto out = s_.membersOf(name);
    if (out.empty()) {
      std::string hint = nearest(name, knownNames());
      fail(n, path, "a node or group name" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"),
           quote(name));
    }
    return out;
  }

  std::vector<std::string> membersOfList(const YAML::Node& n, const std::string& path) const {
    if (n.IsScalar())
      return members(n, path);
    if (!n.IsSequence() || n.size() == 0)
      fail(n, path, "a node or group name, or a list of them", found(n));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n.size(); ++i)
      for (auto& m : members(n[i], child(path, std::to_string(i))))
        out.push_back(m);
    return out;
  }

  std::vector<std::string> knownNames() const {
    std::vector<std::string> out;
    for (const auto& g : s_.groups)
      out.push_back(g.name);
    for (const auto& n : s_.nodes)
      if (n.name != s_.groups[n.group].name)
        out.push_back(n.name);
    return out;
  }

  YAML::Node nodeAt(const std::string& name) const {
    auto it = nodeMarks_.find(name);
    return it == nodeMarks_.end() ? YAML::Node() : it->second;
  }

  // --- nodes --------------------------------------------------------------------------
  void loadNodes(const YAML::Node& nodes, const std::string& path) {
    if (!nodes.IsMap() || nodes.size() == 0)
      fail(nodes, path, "a mapping of node and group names to their settings", found(nodes));
    std::set<std::string> taken;
    for (auto it = nodes.begin(); it != nodes.end(); ++it) {
      const std::string name = text(it->first, path);
      const std::string p = child(path, name);
      if (!validName(name))
        fail(it->first, p, "a node name of letters, digits, '-' and '_' (at most 64)", quote(name));
      if (name == "localhost")
        fail(it->first, p, "a node name other than localhost", quote(name));
      NodeGroup g;
      g.name = name;
      const YAML::Node spec = it->second; // a copy: the iterator hands out a temporary
      if (!spec.IsNull()) {
        if (!spec.IsMap())
          fail(spec, p, "a mapping with count, nic and apps (or nothing)", found(spec));
        checkKeys(spec, p, {"count", "nic", "apps"});
        if (spec["count"])
          g.count = static_cast<int>(integer(spec["count"], child(p, "count"), 1, 1'000'000));
        if (spec["nic"])
          g.nic = nic(spec["nic"], child(p, "nic"));
      }
      std::size_t index = s_.groups.size();
      std::vector<std::string> memberNames;
      if (g.count == 0)
        memberNames.push_back(name);
      for (int i = 1; i <= g.count; ++i)
        memberNames.push_back(name + "-" + std::to_string(i));
      if (g.count > 0 && !taken.insert(name).second)
        fail(it->first, p, "names used once", "'" + name + "' used twice");
      for (std::size_t i = 0; i < memberNames.size(); ++i) {
        const auto& m = memberNames[i];
        if (!taken.insert(m).second)
          fail(it->first, p, "names used once", "'" + m + "' used twice (a group's nodes are named GROUP-1 ...)");
        s_.byName_[m] = s_.nodes.size();
        s_.nodes.push_back({m, index, static_cast<int>(i) + 1});
        nodeMarks_[m] = it->first;
      }
      s_.groups.push_back(std::move(g));
      groupSpecs_.push_back(spec);
    }
    // Applications last: their hosts may name any node.
    for (std::size_t i = 0; i < s_.groups.size(); ++i) {
      const YAML::Node& spec = groupSpecs_[i];
      const std::string p = child(path, s_.groups[i].name);
      if (spec.IsMap() && spec["apps"])
        s_.groups[i].apps = apps(spec["apps"], child(p, "apps"));
    }
  }

  NicChoice nic(const YAML::Node& n, const std::string& path) const {
    NicChoice c;
    c.where = at(n, path);
    c.key = path;
    if (n.IsScalar()) {
      c.model = n.Scalar();
    } else if (n.IsMap()) {
      if (!n["model"])
        fail(n, child(path, "model"), "the NIC's model (ns3 or a SystemC model such as spi-ethernet)", "nothing");
      for (auto it = n.begin(); it != n.end(); ++it) {
        std::string key = text(it->first, path);
        if (key == "model")
          c.model = text(it->second, child(path, key));
        else
          c.params[key] = text(it->second, child(path, key));
      }
    } else {
      fail(n, path, "a NIC model name or a mapping {model: ..., parameters}", found(n));
    }
    if (!validName(c.model))
      fail(n, path, "a NIC model name (ns3 or a SystemC model such as spi-ethernet)", quote(c.model));
    if (c.model == "ns3" && !c.params.empty())
      fail(n, path, "no parameters for the ns3 NIC (link parameters go on links)", quote(c.params.begin()->first));
    return c;
  }

  std::vector<AppSpec> apps(const YAML::Node& n, const std::string& path) {
    if (!n.IsSequence())
      fail(n, path, "a list of applications ({app: NAME, start: TIME, parameters...})", found(n));
    std::vector<AppSpec> out;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node& a = n[i];
      const std::string p = child(path, std::to_string(i));
      if (!a.IsMap())
        fail(a, p, "an application ({app: NAME, parameters...})", found(a));
      if (!a["app"])
        fail(a, child(p, "app"), "the application's name (required)", "nothing");
      AppSpec spec;
      spec.where = at(a, p);
      spec.app = text(a["app"], child(p, "app"));
      const AppInfo* info = findApp(spec.app);
      if (!info) {
        std::vector<std::string> known;
        for (const auto* app : registeredApps())
          known.push_back(app->name);
        std::string hint = nearest(spec.app, known);
        fail(a["app"], child(p, "app"),
             "an application name" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)") +
                 " (one of: " + join(known) + ")",
             quote(spec.app));
      }
      std::vector<std::string> allowed = {"app", "start", "jitter"};
      for (const auto& ps : info->params)
        allowed.push_back(ps.name);
      checkKeys(a, p, allowed);
      if (a["start"])
        spec.startNs = duration(a["start"], child(p, "start"));
      if (a["jitter"])
        spec.jitterNs = duration(a["jitter"], child(p, "jitter"));
      for (const auto& ps : info->params) {
        const YAML::Node v = a[ps.name];
        const std::string pp = child(p, ps.name);
        if (!v && ps.defaultValue.empty() && ps.type != ParamType::List) // a list may be empty
          fail(a, pp, std::string(typeName(ps.type)) + " (required by " + spec.app + ": " + ps.doc + ")", "nothing");
        if (ps.type == ParamType::List && v && v.IsSequence()) {
          spec.params.set(ps.name, list(v, pp));
          continue;
        }
        std::string value = v ? text(v, pp) : ps.defaultValue;
        ParamValue pv;
        std::string expected;
        if (!parseParam(ps, value, pv, expected))
          fail(v, pp, expected, quote(value));
        if (ps.type == ParamType::Host)
          hosts_.push_back({v, pp, value});
        if (ps.type == ParamType::File)
          pv.text = existingFile(v ? v : a, pp, value);
        spec.params.set(ps.name, std::move(pv));
      }
      if (info->check) {
        std::string problem = info->check(spec.params);
        if (!problem.empty())
          throw ScenarioError(at(a, p), p, problem);
      }
      out.push_back(std::move(spec));
    }
    return out;
  }

  ParamValue list(const YAML::Node& n, const std::string& path) const {
    ParamValue pv;
    for (std::size_t i = 0; i < n.size(); ++i) {
      if (!n[i].IsScalar())
        fail(n[i], child(path, std::to_string(i)), "a string", found(n[i]));
      pv.list.push_back(n[i].Scalar());
      pv.text += (i ? " " : "") + n[i].Scalar();
    }
    return pv;
  }

  // A file named relative to the scenario file; it must exist when the scenario is loaded.
  std::string existingFile(const YAML::Node& n, const std::string& path, const std::string& value) const {
    namespace fs = std::filesystem;
    fs::path p(value);
    if (p.is_relative())
      p = fs::path(file_).parent_path() / p;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec))
      fail(n, path, "an existing file (relative to the scenario file)", quote(value) + " (" + p.string() + ")");
    return p.lexically_normal().string();
  }

  void checkHosts() const {
    for (const auto& h : hosts_) {
      if (h.value == "localhost" || isIpv4(h.value))
        continue;
      if (s_.findNode(h.value))
        continue;
      std::vector<std::string> all;
      for (const auto& n : s_.nodes)
        all.push_back(n.name);
      std::string hint = nearest(h.value, all);
      bool group = !s_.membersOf(h.value).empty();
      fail(h.node, h.path,
           std::string("a node name or an IPv4 address") + (group ? " (a group's node: " + h.value + "-1 ...)" : "") +
               (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"),
           quote(h.value) + (group ? ", a group" : ""));
    }
  }

  // --- network ------------------------------------------------------------------------
  sim::LinkSpec linkSpec(const YAML::Node& n, const std::string& path) const {
    sim::LinkSpec spec;
    if (n["bandwidth"]) {
      std::int64_t bps = 0;
      if (!n["bandwidth"].IsScalar() || !units::parseBandwidth(n["bandwidth"].Scalar(), bps) || bps <= 0)
        fail(n["bandwidth"], child(path, "bandwidth"), "a bandwidth > 0 such as 250kbps, 10Mbps or 1Gbps",
             found(n["bandwidth"]));
      spec.bandwidth = static_cast<std::uint64_t>(bps);
    }
    if (n["delay"])
      spec.delay = net::Duration(duration(n["delay"], child(path, "delay")));
    if (n["jitter"])
      spec.jitter = net::Duration(duration(n["jitter"], child(path, "jitter")));
    if (n["loss"])
      spec.loss = probability(n["loss"], child(path, "loss"));
    if (n["burst"]) {
      double b = 0;
      if (!n["burst"].IsScalar() || !units::parseNumber(n["burst"].Scalar(), b) || b < 1 || b > 1e6)
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

  void addLink(const std::string& a, const std::string& b, const sim::LinkSpec& spec, const YAML::Node& where,
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

  // A section that may be one mapping or a list of them.
  template <class Fn> void each(const YAML::Node& n, const std::string& path, const char* what, Fn fn) {
    if (n.IsMap()) {
      fn(n, path);
      return;
    }
    if (!n.IsSequence())
      fail(n, path, std::string("a list of ") + what, found(n));
    for (std::size_t i = 0; i < n.size(); ++i) {
      if (!n[i].IsMap())
        fail(n[i], child(path, std::to_string(i)), std::string("a mapping: ") + what, found(n[i]));
      fn(n[i], child(path, std::to_string(i)));
    }
  }

  void loadNetwork(const YAML::Node& n, const std::string& path) {
    if (!n.IsMap())
      fail(n, path, "a mapping with links, segments, star, chain or tree", found(n));
    checkKeys(n, path, {"links", "segments", "star", "chain", "tree"});
    if (n["links"])
      each(n["links"], child(path, "links"), "links {a, b, bandwidth, delay, ...}",
           [this](const YAML::Node& l, const std::string& p) {
             checkKeys(l, p, plus({"a", "b"}, kLinkKeys));
             for (const char* end : {"a", "b"})
               if (!l[end])
                 fail(l, child(p, end), "a node or group name (required)", "nothing");
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
             for (const char* k : {"hub", "leaves"})
               if (!l[k])
                 fail(l, child(p, k), "a node or group name (required)", "nothing");
             auto hubs = members(l["hub"], child(p, "hub"));
             if (hubs.size() != 1)
               fail(l["hub"], child(p, "hub"), "a single node", "a group of " + std::to_string(hubs.size()));
             auto spec = linkSpec(l, p);
             for (const auto& leaf : membersOfList(l["leaves"], child(p, "leaves")))
               addLink(hubs[0], leaf, spec, l, p);
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
             for (std::size_t i = 1; i < all.size(); ++i)
               addLink(all[i - 1], all[i], spec, l, p);
           });
    if (n["tree"])
      each(n["tree"], child(path, "tree"), "trees {root, gateways, leaves, uplink, access}",
           [this](const YAML::Node& l, const std::string& p) {
             checkKeys(l, p, {"root", "gateways", "leaves", "uplink", "access"});
             for (const char* k : {"root", "gateways", "leaves"})
               if (!l[k])
                 fail(l, child(p, k), "a node or group name (required)", "nothing");
             auto roots = members(l["root"], child(p, "root"));
             if (roots.size() != 1)
               fail(l["root"], child(p, "root"), "a single node", "a group of " + std::to_string(roots.size()));
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
             for (const auto& g : gws)
               addLink(roots[0], g, up, l, p);
             // Leaves in contiguous, even blocks: leaf i under gateway i * G / L.
             for (std::size_t i = 0; i < leaves.size(); ++i)
               addLink(gws[i * gws.size() / leaves.size()], leaves[i], access, l, p);
           });
    if (n["segments"])
      each(n["segments"], child(path, "segments"), "segments {name, members, bandwidth, delay, loss, queue}",
           [this](const YAML::Node& l, const std::string& p) {
             checkKeys(l, p, {"name", "members", "bandwidth", "delay", "loss", "queue"});
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
               fail(l["members"], child(p, "members"), "between 2 and 4000 members",
                    std::to_string(seg.members.size()));
             auto link = linkSpec(l, p);
             if (l["bandwidth"])
               seg.spec.bandwidth = link.bandwidth;
             if (l["delay"])
               seg.spec.delay = link.delay;
             seg.spec.loss = link.loss;
             seg.spec.queuePackets = link.queuePackets;
             for (const auto& m : seg.members)
               connected_.insert(m);
             s_.segments.push_back(std::move(seg));
           });
  }

  // --- faults -------------------------------------------------------------------------
  std::vector<std::pair<std::string, std::string>> linksBetween(const YAML::Node& n, const std::string& path) const {
    if (!n.IsSequence() || n.size() != 2)
      fail(n, path, "the link's two ends [a, b] (node or group names)", found(n));
    auto as = members(n[0], child(path, "0"));
    auto bs = members(n[1], child(path, "1"));
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& a : as)
      for (const auto& b : bs)
        if (linkPairs_.count(std::minmax(a, b)))
          out.emplace_back(a, b);
    if (out.empty())
      fail(n, path, "ends joined by a link", "no link between '" + n[0].Scalar() + "' and '" + n[1].Scalar() + "'");
    return out;
  }

  void loadFaults(const YAML::Node& n, const std::string& path) {
    if (!n.IsSequence())
      fail(n, path, "a list of faults ({at: TIME, crash: NODE}, ...)", found(n));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node& f = n[i];
      const std::string p = child(path, std::to_string(i));
      if (!f.IsMap())
        fail(f, p, "a fault ({at: TIME, crash: NODE} ...)", found(f));
      checkKeys(f, p, plus({"at", "every", "until", "for"}, kFaults));
      std::vector<std::string> actions;
      for (const auto& k : kFaults)
        if (f[k])
          actions.push_back(k);
      if (actions.size() != 1)
        fail(f, p, "exactly one action (" + join(kFaults) + ")",
             actions.empty() ? "none" : std::to_string(actions.size()) + ": " + join(actions));
      Fault fault;
      fault.kind = static_cast<FaultKind>(std::find(kFaults.begin(), kFaults.end(), actions[0]) - kFaults.begin());
      const YAML::Node a = f[actions[0]];
      const std::string ap = child(p, actions[0]);
      if (!f["at"] && !f["every"])
        fail(f, child(p, "at"), "a time (at: TIME, or every: INTERVAL)", "nothing");
      if (f["every"])
        fault.everyNs = duration(f["every"], child(p, "every"), 1);
      fault.atNs = f["at"] ? duration(f["at"], child(p, "at")) : fault.everyNs;
      fault.untilNs = f["until"] ? duration(f["until"], child(p, "until")) : s_.durationNs;
      if (f["until"] && !f["every"])
        fail(f["until"], child(p, "until"), "until only with every", found(f["until"]));
      if (fault.atNs > s_.durationNs)
        fail(f["at"] ? f["at"] : f["every"], child(p, "at"),
             "a time within the run's duration (" + units::formatDuration(s_.durationNs) + ")",
             quote(units::formatDuration(fault.atNs)));
      if (f["for"]) {
        fault.forNs = duration(f["for"], child(p, "for"), 1);
        if (fault.kind == FaultKind::LinkUp || fault.kind == FaultKind::Heal || fault.kind == FaultKind::Reboot)
          fail(f["for"], child(p, "for"), "for only with linkDown, partition, crash, setLoss or setDelay",
               "for with " + actions[0]);
        if (fault.everyNs > 0 && fault.forNs >= fault.everyNs)
          fail(f["for"], child(p, "for"), "a time shorter than every (" + units::formatDuration(fault.everyNs) + ")",
               quote(units::formatDuration(fault.forNs)));
      }
      std::string target;
      switch (fault.kind) {
      case FaultKind::LinkDown:
      case FaultKind::LinkUp:
        fault.links = linksBetween(a, ap);
        target = a[0].Scalar() + "-" + a[1].Scalar();
        break;
      case FaultKind::SetLoss:
      case FaultKind::SetDelay: {
        if (!a.IsMap())
          fail(a, ap, actions[0] == "setLoss" ? "{link: [a, b], loss: P}" : "{link: [a, b], delay: TIME}", found(a));
        const char* valueKey = fault.kind == FaultKind::SetLoss ? "loss" : "delay";
        checkKeys(a, ap, {"link", valueKey});
        if (!a["link"])
          fail(a, child(ap, "link"), "the link's two ends [a, b] (required)", "nothing");
        if (!a[valueKey])
          fail(a, child(ap, valueKey), std::string("the new ") + valueKey + " (required)", "nothing");
        fault.links = linksBetween(a["link"], child(ap, "link"));
        if (fault.kind == FaultKind::SetLoss)
          fault.loss = probability(a["loss"], child(ap, "loss"));
        else
          fault.delayNs = duration(a["delay"], child(ap, "delay"));
        target = a["link"][0].Scalar() + "-" + a["link"][1].Scalar();
        break;
      }
      case FaultKind::Partition:
      case FaultKind::Crash:
      case FaultKind::Reboot:
        fault.nodes = membersOfList(a, ap);
        target = a.IsScalar() ? a.Scalar() : join(names(a, ap));
        break;
      case FaultKind::Heal:
        if (!a.IsScalar() || (a.Scalar() != "true" && a.Scalar() != "all"))
          fail(a, ap, "true (heal every partition)", found(a));
        break;
      }
      fault.text = actions[0] + (target.empty() ? "" : " " + target);
      s_.faults.push_back(std::move(fault));
    }
  }

  // --- expectations -------------------------------------------------------------------
  EventSelector selector(const YAML::Node& n, const std::string& path, const std::string& on) const {
    EventSelector sel;
    YAML::Node evNode = n;
    if (n.IsMap()) {
      checkKeys(n, path, {"ev", "on", "code", "fault"});
      if (!n["ev"])
        fail(n, child(path, "ev"), "an event name (required)", "nothing");
      evNode.reset(n["ev"]);
      sel.ev = text(n["ev"], child(path, "ev"));
      if (n["code"])
        sel.code = text(n["code"], child(path, "code"));
      if (n["fault"]) {
        sel.code = text(n["fault"], child(path, "fault"));
        if (std::find(kFaults.begin(), kFaults.end(), sel.code) == kFaults.end())
          fail(n["fault"], child(path, "fault"), "a fault (" + join(kFaults) + ")", found(n["fault"]));
      }
      if (n["on"]) {
        sel.on = text(n["on"], child(path, "on"));
        sel.nodes = members(n["on"], child(path, "on"));
      }
    } else {
      sel.ev = text(n, path);
    }
    if (sel.ev != "fault" && std::find(kEvents.begin(), kEvents.end(), sel.ev) == kEvents.end()) {
      std::string hint = nearest(sel.ev, plus(kEvents, {"fault"}));
      fail(evNode, n.IsMap() ? child(path, "ev") : path,
           "an event (" + join(kEvents) + ", fault)" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"),
           quote(sel.ev));
    }
    if (sel.on.empty() && !on.empty()) {
      sel.on = on;
      sel.nodes = s_.membersOf(on);
    }
    return sel;
  }

  void bounds(const YAML::Node& e, const std::string& p, Expectation& x, const std::string& unitHint) const {
    if (e["equal"]) {
      if (e["min"] || e["max"])
        fail(e["equal"], child(p, "equal"), "equal, or min and/or max", "equal with min or max");
      x.min = x.max = number(e["equal"], child(p, "equal"), unitHint);
    }
    if (e["min"])
      x.min = number(e["min"], child(p, "min"), unitHint);
    if (e["max"])
      x.max = number(e["max"], child(p, "max"), unitHint);
    if (!x.min && !x.max)
      fail(e, child(p, "max"), "a bound: min, max or equal", "none");
    if (x.min && x.max && *x.min > *x.max)
      fail(e["min"] ? e["min"] : e["equal"], child(p, "min"), "min <= max", "min > max");
  }

  // A count's time window (after, before) and which occurrences it looks at. A window without
  // a bound asks for at least one event in it.
  void window(const YAML::Node& e, const std::string& p, Expectation& x) const {
    if (e["after"])
      x.afterNs = duration(e["after"], child(p, "after"));
    if (e["before"])
      x.beforeNs = duration(e["before"], child(p, "before"));
    if (x.afterNs && x.beforeNs && *x.beforeNs <= *x.afterNs)
      fail(e["before"], child(p, "before"), "a time later than after (the window is [after, before))",
           found(e["before"]));
    if (e["occurrence"]) {
      std::string o = text(e["occurrence"], child(p, "occurrence"));
      if (o != "first" && o != "last" && o != "all")
        fail(e["occurrence"], child(p, "occurrence"), "first, last or all", quote(o));
      x.occurrence = o == "first" ? Occurrence::First : o == "last" ? Occurrence::Last : Occurrence::All;
    }
    bool windowed = x.afterNs || x.beforeNs;
    if (x.occurrence != Occurrence::All) {
      if (!windowed)
        fail(e["occurrence"], child(p, "occurrence"), "a window (after and/or before) for occurrence: first or last",
             "none");
      for (const char* k : {"min", "max", "equal"})
        if (e[k])
          fail(e[k], child(p, k), "no bound with occurrence: first or last (that occurrence lies in the window)",
               found(e[k]));
      return;
    }
    if (windowed && !e["min"] && !e["max"] && !e["equal"])
      x.min = 1;
    else
      bounds(e, p, x, "");
  }

  // A metric's or latency's `on`: nodes of which some run the expectation's application.
  void appOn(const YAML::Node& e, const std::string& p, Expectation& x) const {
    if (!e["on"])
      return;
    x.first.on = text(e["on"], child(p, "on"));
    x.first.nodes = members(e["on"], child(p, "on"));
    for (const auto& name : x.first.nodes)
      for (const auto& a : s_.groups[s_.findNode(name)->group].apps)
        if (a.app == x.app)
          return;
    fail(e["on"], child(p, "on"), "a node or group that runs " + x.app, quote(x.first.on));
  }

  static std::string boundText(const Expectation& x, bool duration) {
    auto fmt = [duration](double v) {
      if (duration)
        return units::formatDuration(static_cast<std::int64_t>(v));
      std::ostringstream s;
      s << std::setprecision(15) << v;
      return s.str();
    };
    if (x.min && x.max && *x.min == *x.max)
      return "== " + fmt(*x.min);
    std::string out;
    if (x.min)
      out += ">= " + fmt(*x.min);
    if (x.max)
      out += std::string(out.empty() ? "" : " and ") + "<= " + fmt(*x.max);
    return out;
  }

  void loadExpectations(const YAML::Node& n, const std::string& path) {
    if (!n.IsSequence())
      fail(n, path, "a list of expectations ({count: error, on: sensor, max: 0}, ...)", found(n));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const YAML::Node& e = n[i];
      const std::string p = child(path, std::to_string(i));
      if (!e.IsMap())
        fail(e, p, "an expectation (count, metric, latency or before)", found(e));
      Expectation x;
      x.where = at(e, p);
      std::string on;
      if (e["on"])
        on = text(e["on"], child(p, "on"));
      if (e["on"])
        members(e["on"], child(p, "on")); // checks the name
      if (e["count"]) {
        checkKeys(e, p, {"count", "on", "code", "per", "min", "max", "equal", "after", "before", "occurrence", "text"});
        x.kind = ExpectKind::Count;
        x.first = selector(e["count"], child(p, "count"), on);
        if (e["code"])
          x.first.code = text(e["code"], child(p, "code"));
        if (x.first.nodes.empty() && x.first.ev != "fault")
          for (const auto& node : s_.nodes)
            x.first.nodes.push_back(node.name);
        if (e["per"]) {
          std::string per = text(e["per"], child(p, "per"));
          if (per != "node" && per != "total")
            fail(e["per"], child(p, "per"), "node or total", quote(per));
          x.perNode = per == "node";
        }
        if (x.first.ev == "fault")
          x.perNode = false;
        window(e, p, x);
        std::string what = quote(x.first.ev) + (x.first.code.empty() ? "" : " " + x.first.code);
        std::string where = x.first.on.empty() ? "every node" : x.first.on;
        std::string when = windowText(x);
        if (x.occurrence != Occurrence::All)
          x.text = std::string(x.occurrence == Occurrence::First ? "the first " : "the last ") + what +
                   (x.first.ev == "fault" ? "" : (x.perNode ? " on each of " : " on ") + where) + when;
        else if (x.max && *x.max == 0 && !x.min)
          x.text = "no " + what + " on " + where;
        else if (x.first.ev == "fault")
          x.text = what + " count " + boundText(x, false) + (x.first.on.empty() ? "" : " on " + where);
        else
          x.text = what + " count " + boundText(x, false) + (x.perNode ? " on each of " : " in total on ") + where;
        if (x.occurrence == Occurrence::All && !when.empty())
          x.text += when;
      } else if (e["metric"]) {
        checkKeys(e, p, {"metric", "on", "per", "min", "max", "equal", "text"});
        x.kind = ExpectKind::Metric;
        std::string m = text(e["metric"], child(p, "metric"));
        auto dot = m.find('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == m.size())
          fail(e["metric"], child(p, "metric"), "APP.METRIC such as telemetry-collector.messages", quote(m));
        x.app = m.substr(0, dot);
        x.metric = m.substr(dot + 1);
        checkAppUsed(e["metric"], child(p, "metric"), x.app);
        appOn(e, p, x);
        if (e["per"]) {
          std::string per = text(e["per"], child(p, "per"));
          if (per != "total" && per != "node" && per != "instance")
            fail(e["per"], child(p, "per"), "total, node or instance", quote(per));
          x.per = per == "node" ? MetricPer::Node : per == "instance" ? MetricPer::Instance : MetricPer::Total;
        }
        bounds(e, p, x, " (durations and sizes allowed: 5ms, 1KiB)");
        x.text = m + " " + boundText(x, x.metric.size() > 2 && x.metric.substr(x.metric.size() - 2) == "Ns") +
                 (x.per == MetricPer::Node       ? " per node"
                  : x.per == MetricPer::Instance ? " per instance"
                                                 : "") +
                 (x.first.on.empty() ? "" : " on " + x.first.on);
      } else if (e["latency"]) {
        checkKeys(e, p, {"latency", "on", "percentile", "min", "max", "equal", "text"});
        x.kind = ExpectKind::Latency;
        x.app = text(e["latency"], child(p, "latency"));
        checkAppUsed(e["latency"], child(p, "latency"), x.app);
        appOn(e, p, x);
        if (e["percentile"]) {
          double v = 0;
          if (!e["percentile"].IsScalar() || !units::parseNumber(e["percentile"].Scalar(), v) || v <= 0 || v > 100)
            fail(e["percentile"], child(p, "percentile"), "a percentile in (0, 100]", found(e["percentile"]));
          x.percentile = v;
        }
        bounds(e, p, x, " or a duration such as 50ms");
        std::ostringstream pct;
        pct << x.percentile;
        x.text = x.app + " latency p" + pct.str() + " " + boundText(x, true) +
                 (x.first.on.empty() ? "" : " on " + x.first.on);
      } else if (e["before"]) {
        checkKeys(e, p, {"before", "on", "per", "text"});
        x.kind = ExpectKind::Before;
        const YAML::Node b = e["before"];
        if (!b.IsSequence() || b.size() != 2)
          fail(b, child(p, "before"), "two events [X, Y]: X happens before Y", found(b));
        x.first = selector(b[0], child(p, "before.0"), on);
        x.second = selector(b[1], child(p, "before.1"), on);
        bool own = b[0].IsMap() || b[1].IsMap() || x.first.ev == "fault" || x.second.ev == "fault";
        x.perNode = !own;
        if (e["per"]) {
          std::string per = text(e["per"], child(p, "per"));
          if (per != "node" && per != "total")
            fail(e["per"], child(p, "per"), "node or total", quote(per));
          x.perNode = per == "node";
          if (x.perNode && own && (x.first.ev == "fault" || x.second.ev == "fault"))
            fail(e["per"], child(p, "per"), "per: total for an order involving a fault", "per: node");
        }
        for (auto* sel : {&x.first, &x.second})
          if (sel->nodes.empty() && sel->ev != "fault")
            for (const auto& node : s_.nodes)
              sel->nodes.push_back(node.name);
        auto describe = [](const EventSelector& s) {
          return "'" + s.ev + (s.code.empty() ? "" : " " + s.code) + "'" + (s.on.empty() ? "" : " on " + s.on);
        };
        x.text = describe(x.first) + " before " + describe(x.second) + (x.perNode ? " (each node)" : "");
      } else {
        std::vector<std::string> keys;
        for (auto it = e.begin(); it != e.end(); ++it)
          keys.push_back(it->first.IsScalar() ? it->first.Scalar() : "?");
        std::string hint;
        for (const auto& k : keys)
          if (hint.empty())
            hint = nearest(k, {"count", "metric", "latency", "before"});
        fail(e, p,
             "one of count, metric, latency, before" +
                 (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"),
             "keys " + join(keys));
      }
      if (e["text"])
        x.text = text(e["text"], child(p, "text"));
      s_.expectations.push_back(std::move(x));
    }
  }

  void checkAppUsed(const YAML::Node& n, const std::string& path, const std::string& app) const {
    std::vector<std::string> used;
    for (const auto& g : s_.groups)
      for (const auto& a : g.apps)
        if (std::find(used.begin(), used.end(), a.app) == used.end())
          used.push_back(a.app);
    if (std::find(used.begin(), used.end(), app) != used.end())
      return;
    std::string hint = nearest(app, used);
    fail(n, path,
         "an application the scenario runs (" + join(used) + ")" +
             (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"),
         quote(app));
  }

  struct HostRef {
    YAML::Node node;
    std::string path, value;
  };

  std::string file_;
  std::map<std::string, std::string> origins_;
  Scenario s_;
  std::vector<YAML::Node> groupSpecs_;
  std::map<std::string, YAML::Node> nodeMarks_;
  std::set<std::pair<std::string, std::string>> linkPairs_;
  std::set<std::string> connected_;
  std::vector<HostRef> hosts_;
};

Scenario parseScenario(const std::string& text, const std::string& file, const std::vector<std::string>& sets) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Location l{file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0, {}};
    throw ScenarioError(l, "", "expected valid YAML, found a syntax error: " + e.msg);
  }
  try {
    auto origins = applyOverrides(root, sets);
    Scenario s = Loader(file, origins).load(root);
    for (const auto& set : sets) {
      auto eq = set.find('=');
      s.sets.emplace_back(set.substr(0, eq), set.substr(eq + 1));
    }
    return s;
  } catch (const YAML::Exception& e) {
    // yaml-cpp refuses some access we did not foresee: still a located error, never a crash.
    Location l{file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0, {}};
    throw ScenarioError(l, "", "expected a well-formed scenario, found: " + e.msg);
  }
}

Scenario loadScenario(const std::string& path, const std::vector<std::string>& sets) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ScenarioError(Location{path, 0, 0, {}}, "", "expected a readable scenario file, found none");
  std::ostringstream text;
  text << in.rdbuf();
  return parseScenario(text.str(), path, sets);
}

} // namespace netbed
