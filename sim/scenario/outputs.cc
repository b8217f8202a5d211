// summary.json and topology.json, as scenarios/OUTPUTS.md specifies them.
#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

#include "sim/scenario/runner.h"

namespace sim::scenario {

namespace {

using Json = nlohmann::ordered_json;

void write(const Json& j, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out)
    throw std::runtime_error("cannot write " + path);
  out << j.dump(2) << '\n';
}

} // namespace

void writeSummary(const Scenario& s, const RunOptions& options, const RunResult& r, const std::string& path) {
  Json j;
  j["netbed"] = "0.1.0";
  Json sets = Json::object();
  for (const auto& [k, v] : s.sets)
    sets[k] = v;
  j["scenario"] = {{"name", s.name}, {"file", s.file},       {"seed", s.seed},
                   {"run", s.run},   {"backend", r.backend}, {"set", sets}};
  j["time"] = {{"simulatedNs", r.simulatedNs}, {"wallSeconds", r.wallSeconds}, {"events", r.events}};
  j["trace"] = {{"file", "trace.jsonl"}, {"lines", r.traceLines}, {"hash", r.traceHash}};
  j["passed"] = r.passed;
  j["complete"] = r.stopped.empty();
  if (!r.stopped.empty())
    j["stopped"] = r.stopped;
  Json expectations = Json::array();
  for (const auto& e : r.expectations)
    expectations.push_back({{"text", e.text}, {"pass", e.pass}, {"detail", e.detail}});
  j["expectations"] = expectations;

  Json groups = Json::object();
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    std::map<std::string, std::uint64_t> events, codes;
    std::uint64_t members = 0;
    for (const auto& n : s.nodes) {
      if (n.group != g)
        continue;
      ++members;
      auto it = r.observed.nodes.find(n.name);
      if (it == r.observed.nodes.end())
        continue;
      for (const auto& [key, stat] : it->second) {
        auto colon = key.find(':');
        if (colon == std::string::npos)
          events[key] += stat.count;
        else
          codes[key.substr(colon + 1)] += stat.count;
      }
    }
    Json group = {{"nodes", members}, {"events", Json::object()}};
    for (const auto& [ev, count] : events)
      group["events"][ev] = count;
    if (!codes.empty()) {
      group["errors"] = Json::object();
      for (const auto& [code, count] : codes)
        group["errors"][code] = count;
    }
    groups[s.groups[g].name] = group;
  }
  j["groups"] = groups;

  Json metrics = Json::object();
  for (const auto& [app, m] : r.observed.apps) {
    Json a;
    for (const char* name : {"messages", "bytes", "latencyP50Ns", "latencyP90Ns", "latencyP99Ns", "latencyMaxNs"}) {
      double v = 0;
      metricValue(m, name, v);
      a[name] = v == static_cast<double>(static_cast<std::int64_t>(v)) ? Json(static_cast<std::int64_t>(v)) : Json(v);
    }
    a["latencySamples"] = m.latencies.size();
    a["instances"] = m.instances;
    for (const auto& [counter, v] : m.counters)
      a[counter] =
          v == static_cast<double>(static_cast<std::int64_t>(v)) ? Json(static_cast<std::int64_t>(v)) : Json(v);
    metrics[app] = a;
  }
  j["metrics"] = metrics;
  Json nics = Json::array();
  for (const auto& n : r.nics) {
    Json drops = Json::object();
    for (const auto& [cause, count] : n.drops)
      drops[cause] = count;
    nics.push_back({{"node", n.node},
                    {"device", n.device},
                    {"model", n.model},
                    {"txFrames", n.txFrames},
                    {"rxFrames", n.rxFrames},
                    {"txBytes", n.txBytes},
                    {"rxBytes", n.rxBytes},
                    {"drops", drops},
                    {"peakBytes", n.peakBytes}});
    if (!n.mac.empty()) {
      Json mac = Json::object();
      for (const auto& [counter, count] : n.mac)
        mac[counter] = count;
      nics.back()["mac"] = mac;
    }
  }
  j["nics"] = nics;
  Json pcaps = Json::array();
  for (const auto& f : r.pcapFiles)
    pcaps.push_back(f);
  j["outputs"] = {{"trace", "trace.jsonl"}, {"metrics", "metrics.csv"}, {"topology", "topology.json"}, {"pcap", pcaps}};
  if (!r.netanimFile.empty())
    j["outputs"]["netanim"] = r.netanimFile;
  (void)options;
  write(j, path);
}

void writeTopology(const Scenario& s, const std::string& path) {
  Json nodes = Json::array();
  for (const auto& n : s.nodes)
    nodes.push_back({{"name", n.name}, {"group", s.groups[n.group].name}, {"nic", s.groups[n.group].nic.model}});
  Json links = Json::array();
  for (const auto& l : s.links)
    links.push_back({{"a", l.a},
                     {"b", l.b},
                     {"kind", "p2p"},
                     {"bandwidth", l.spec.bandwidth},
                     {"delayNs", l.spec.delay.count()},
                     {"loss", l.spec.loss}});
  Json segments = Json::array();
  for (const auto& seg : s.segments)
    segments.push_back({{"name", seg.name},
                        {"members", seg.members},
                        {"bandwidth", seg.spec.bandwidth},
                        {"delayNs", seg.spec.delay.count()},
                        {"loss", seg.spec.loss}});
  write(Json{{"nodes", nodes}, {"links", links}, {"segments", segments}}, path);
}

} // namespace sim::scenario
