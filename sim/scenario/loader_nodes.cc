// The scenario loader's `nodes:` section: nodes and groups (expanded into numbered nodes),
// their NICs and applications, and the check of every application's host parameter.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "sim/scenario/loader_state.h"
#include "sim/topology.h"

namespace sim::scenario {

namespace {

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

} // namespace

void Loader::loadNodes(const YAML::Node& nodes, const std::string& path) {
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
      memberNames.push_back(sim::shape::numbered(name, i)); // as sim/topology.h names a shape's nodes
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

NicChoice Loader::nic(const YAML::Node& n, const std::string& path) const {
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

std::vector<AppSpec> Loader::apps(const YAML::Node& n, const std::string& path) {
  std::vector<AppSpec> out;
  eachOfList(n, path, "a list of applications ({app: NAME, start: TIME, parameters...})",
             "an application ({app: NAME, parameters...})",
             [this, &out](const YAML::Node& a, const std::string& p) { out.push_back(appSpec(a, p)); });
  return out;
}

AppSpec Loader::appSpec(const YAML::Node& a, const std::string& p) {
  if (!a["app"])
    fail(a, child(p, "app"), "the application's name (required)", "nothing");
  AppSpec spec;
  spec.where = at(a, p);
  spec.app = text(a["app"], child(p, "app"));
  const apps::AppInfo* info = apps::findApp(spec.app);
  if (!info) {
    std::vector<std::string> known;
    for (const auto* app : apps::registeredApps())
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
    if (!v && ps.defaultValue.empty() && ps.type != apps::ParamType::List) // a list may be empty
      fail(a, pp, std::string(apps::typeName(ps.type)) + " (required by " + spec.app + ": " + ps.doc + ")", "nothing");
    if (ps.type == apps::ParamType::List && v && v.IsSequence()) {
      spec.params.set(ps.name, list(v, pp));
      continue;
    }
    std::string value = v ? text(v, pp) : ps.defaultValue;
    apps::ParamValue pv;
    std::string expected;
    if (!apps::parseParam(ps, value, pv, expected))
      fail(v, pp, expected, quote(value));
    if (ps.type == apps::ParamType::Host)
      hosts_.push_back({v, pp, value});
    if (ps.type == apps::ParamType::File)
      pv.text = existingFile(v ? v : a, pp, value);
    spec.params.set(ps.name, std::move(pv));
  }
  if (info->check) {
    std::string problem = info->check(spec.params);
    if (!problem.empty())
      throw ScenarioError(at(a, p), p, problem);
  }
  return spec;
}

apps::ParamValue Loader::list(const YAML::Node& n, const std::string& path) const {
  apps::ParamValue pv;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar())
      fail(n[i], child(path, std::to_string(i)), "a string", found(n[i]));
    pv.list.push_back(n[i].Scalar());
    pv.text += (i ? " " : "") + n[i].Scalar();
  }
  return pv;
}

// A file named relative to the scenario file; it must exist when the scenario is loaded.
std::string Loader::existingFile(const YAML::Node& n, const std::string& path, const std::string& value) const {
  namespace fs = std::filesystem;
  fs::path p(value);
  if (p.is_relative())
    p = fs::path(file()).parent_path() / p;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec))
    fail(n, path, "an existing file (relative to the scenario file)", quote(value) + " (" + p.string() + ")");
  return p.lexically_normal().string();
}

void Loader::checkHosts() const {
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

} // namespace sim::scenario
