// The scenario loader's state while it reads one document, shared by the files that read
// one section each: loader.cc (the top level), loader_tcp.cc, loader_nodes.cc,
// loader_select.cc (node, group and event selectors), loader_network.cc, loader_faults.cc
// and loader_expect.cc. Internal to the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/yaml_reader.h"

namespace sim::scenario {

inline const std::vector<std::string> kEvents = {"listening", "connection", "lookup",  "connect", "data",
                                                 "drain",     "end",        "timeout", "close",   "error"};
inline const std::vector<std::string> kFaults = {"linkDown", "linkUp",   "partition", "heal",
                                                 "setLoss",  "setDelay", "crash",     "reboot"};

// Letters, digits, '-' and '_', at most 64.
bool validName(const std::string& s);

// Reads one document; every check names the node's place in the file.
class Loader : YamlReader {
public:
  Loader(std::string file, std::map<std::string, std::string> origins)
      : YamlReader(std::move(file), std::move(origins)) {}
  Scenario load(const YAML::Node& root);

private:
  // loader_tcp.cc
  void loadTcp(const YAML::Node& n, const std::string& path);

  // loader_nodes.cc
  void loadNodes(const YAML::Node& nodes, const std::string& path);
  NicChoice nic(const YAML::Node& n, const std::string& path) const;
  std::vector<AppSpec> apps(const YAML::Node& n, const std::string& path);
  AppSpec appSpec(const YAML::Node& a, const std::string& path); // one item of apps
  apps::ParamValue list(const YAML::Node& n, const std::string& path) const;
  std::string existingFile(const YAML::Node& n, const std::string& path, const std::string& value) const;
  void checkHosts() const;

  // loader_select.cc
  std::vector<std::string> members(const YAML::Node& n, const std::string& path) const;
  std::vector<std::string> membersOfList(const YAML::Node& n, const std::string& path) const;
  std::vector<std::string> knownNames() const;
  YAML::Node nodeAt(const std::string& name) const;
  EventSelector selector(const YAML::Node& n, const std::string& path, const std::string& on) const;

  // loader_network.cc
  sim::LinkSpec linkSpec(const YAML::Node& n, const std::string& path) const;
  void addLink(const std::string& a, const std::string& b, const sim::LinkSpec& spec, const YAML::Node& where,
               const std::string& path);
  void loadNetwork(const YAML::Node& n, const std::string& path);
  // Each of `keys` present in `l`: a node or group name is required there.
  void requireNames(const YAML::Node& l, const std::string& path, std::initializer_list<const char*> keys) const;
  // The one node that `l[key]` names (a group is refused).
  std::string singleNode(const YAML::Node& l, const std::string& path, const char* key) const;
  void unreachable(const YAML::Node& n, const std::string& path, SegmentInstance& seg) const;

  // loader_faults.cc
  std::vector<std::pair<std::string, std::string>> linksBetween(const YAML::Node& n, const std::string& path) const;
  void loadFaults(const YAML::Node& n, const std::string& path);
  void loadFault(const YAML::Node& f, const std::string& path); // one item of faults

  // loader_expect.cc
  void bounds(const YAML::Node& e, const std::string& p, Expectation& x, const std::string& unitHint) const;
  void window(const YAML::Node& e, const std::string& p, Expectation& x) const;
  void appOn(const YAML::Node& e, const std::string& p, Expectation& x) const;
  void loadExpectations(const YAML::Node& n, const std::string& path);
  void loadExpectation(const YAML::Node& e, const std::string& path); // one item of expect
  void checkAppUsed(const YAML::Node& n, const std::string& path, const std::string& app) const;

  struct HostRef {
    YAML::Node node;
    std::string path, value;
  };

  Scenario s_;
  std::vector<YAML::Node> groupSpecs_;
  std::map<std::string, YAML::Node> nodeMarks_;
  std::set<std::pair<std::string, std::string>> linkPairs_;
  std::set<std::string> connected_;
  std::vector<HostRef> hosts_; // host parameters, checked once every node is known
};

} // namespace sim::scenario
