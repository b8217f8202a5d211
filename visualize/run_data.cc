// The page data of a run: the trace, summary, topology and metrics prepared for drawing.
#include "visualize/report.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include "visualize/connections.h"
#include "visualize/metrics_view.h"
#include "visualize/run_files.h"
#include "visualize/timeline.h"
#include "visualize/topology_view.h"
#include "visualize/trace_reader.h"

namespace visualize {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A file named in summary.json's "outputs", else the contract's default name.
std::string output(const json* summary, const char* key, const char* fallback) {
  if (summary && summary->contains("outputs") && (*summary)["outputs"].is_object()) {
    const json& o = (*summary)["outputs"];
    if (auto it = o.find(key); it != o.end() && it->is_string())
      return it->get<std::string>();
  }
  return fallback;
}

json numbers(const std::vector<double>& v) {
  json a = json::array();
  for (double d : v)
    a.push_back(std::isnan(d) ? json(nullptr) : json(d));
  return a;
}

class Strings {
public:
  std::int32_t operator()(const std::string& s) {
    auto [it, added] = index_.try_emplace(s, static_cast<std::int32_t>(list_.size()));
    if (added)
      list_.push_back(s);
    return it->second;
  }
  const std::vector<std::string>& list() const { return list_; }

private:
  std::vector<std::string> list_;
  std::unordered_map<std::string, std::int32_t> index_;
};

std::string withCommas(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

json connectionsData(const Trace& trace, const Connections& cs, const std::vector<std::int32_t>& tableOf,
                     const Options& options, std::vector<std::string>& notes) {
  // Which connections to list: all, or past the cap those with trouble first, then the earliest.
  std::vector<std::size_t> chosen;
  if (cs.list.size() <= options.maxConnections) {
    for (std::size_t i = 0; i < cs.list.size(); ++i)
      chosen.push_back(i);
  } else {
    for (std::size_t i = 0; i < cs.list.size() && chosen.size() < options.maxConnections; ++i)
      if (cs.list[i].status != Status::closed)
        chosen.push_back(i);
    for (std::size_t i = 0; i < cs.list.size() && chosen.size() < options.maxConnections; ++i)
      if (cs.list[i].status == Status::closed)
        chosen.push_back(i);
    std::sort(chosen.begin(), chosen.end());
    notes.push_back("Connections: " + withCommas(chosen.size()) + " of " + withCommas(cs.list.size()) +
                    " listed (all that did not close cleanly first, then the earliest).");
  }
  std::vector<std::int32_t> faultOrdinal(trace.events.size(), -1); // the page lists faults in order
  std::int32_t faultsSeen = 0;
  for (std::size_t i = 0; i < trace.events.size(); ++i)
    if (trace.events[i].ev == Ev::fault)
      faultOrdinal[i] = faultsSeen++;
  Strings strs;
  json id = json::array(), c = json::array(), s = json::array(), ca = json::array(), sa = json::array(),
       start = json::array(), end = json::array(), st = json::array(), err = json::array(), up = json::array(),
       down = json::array(), pair = json::array(), cend = json::array(), send = json::array(), faults = json::array(),
       events = json::array(), omitted = json::array();
  std::size_t truncated = 0;
  auto node = [&](std::int32_t n) { return n < 0 ? -1 : tableOf[static_cast<std::size_t>(n)]; };
  for (std::size_t i : chosen) {
    const Connection& k = cs.list[i];
    id.push_back(k.id);
    c.push_back(node(k.clientNode));
    s.push_back(node(k.serverNode));
    ca.push_back(k.clientAddr < 0 ? -1 : strs(trace.str(k.clientAddr)));
    sa.push_back(k.serverAddr < 0 ? -1 : strs(trace.str(k.serverAddr)));
    start.push_back(k.start);
    end.push_back(k.end);
    st.push_back(static_cast<int>(k.status));
    err.push_back(k.errorCode < 0 ? -1 : strs(trace.str(k.errorCode)));
    up.push_back(k.bytesToServer);
    down.push_back(k.bytesToClient);
    pair.push_back(static_cast<int>(k.pairing));
    cend.push_back(k.clientEndT);
    send.push_back(k.serverEndT);
    json kf = json::array();
    for (std::uint32_t f : k.faults)
      kf.push_back(faultOrdinal[f]);
    faults.push_back(std::move(kf));
    // Both ends' events merged in trace order; the trace is in time order, so are these.
    std::vector<std::pair<std::uint32_t, int>> merged;
    for (int side = 0; side < 2; ++side) {
      std::int32_t sock = side == 0 ? k.client : k.server;
      if (sock >= 0)
        for (std::uint32_t e : cs.sockets[static_cast<std::size_t>(sock)].events)
          merged.push_back({e, side});
    }
    std::sort(merged.begin(), merged.end());
    std::size_t keepHead = merged.size(), cut = 0;
    if (merged.size() > options.maxEventsPerConnection) {
      keepHead = options.maxEventsPerConnection * 3 / 4;
      cut = merged.size() - options.maxEventsPerConnection;
      ++truncated;
    }
    json t = json::array(), sd = json::array(), e = json::array(), v = json::array(), x = json::array();
    std::int64_t previous = k.start;
    for (std::size_t m = 0; m < merged.size(); ++m) {
      if (m >= keepHead && m < keepHead + cut)
        continue;
      const TraceEvent& ev = trace.events[merged[m].first];
      t.push_back(ev.t - previous);
      previous = ev.t;
      sd.push_back(merged[m].second);
      e.push_back(static_cast<int>(ev.ev));
      std::int64_t value = 0;
      if (ev.ev == Ev::data)
        value = static_cast<std::int64_t>(ev.bytes);
      else if (ev.ev == Ev::error)
        value = strs(trace.str(ev.code));
      else if (ev.peer >= 0)
        value = strs(trace.str(ev.peer));
      else
        value = -1;
      v.push_back(value);
      if (ev.ev == Ev::error && ev.detail >= 0)
        x.push_back({t.size() - 1, strs(trace.str(ev.detail))});
      if (ev.ev == Ev::lookup && ev.code >= 0)
        x.push_back({t.size() - 1, strs(trace.str(ev.code))});
    }
    json je = {{"t", std::move(t)}, {"s", std::move(sd)}, {"e", std::move(e)}, {"v", std::move(v)}};
    if (!x.empty())
      je["x"] = std::move(x);
    if (cut)
      je["cut"] = {keepHead, cut};
    events.push_back(std::move(je));
  }
  if (truncated)
    notes.push_back(withCommas(truncated) + " connections have more than " +
                    std::to_string(options.maxEventsPerConnection) +
                    " events: their sequence diagrams show the first and the last ones.");
  if (cs.pairedByTime)
    notes.push_back(withCommas(cs.pairedByTime) +
                    " connections were paired in order of time per (client node, server address:port): the trace "
                    "has no \"local\" address for them. Two connections to one server opened within one network "
                    "delay may be swapped.");
  if (cs.acceptedByOrder)
    notes.push_back(withCommas(cs.acceptedByOrder) +
                    " accepted sockets were matched to their 'connection' event by order (the trace does not name "
                    "the accepted socket).");
  json statusNames = json::array(), pairingNames = json::array();
  for (Status x : {Status::closed, Status::open, Status::halfOpen, Status::timeout, Status::error, Status::failed})
    statusNames.push_back(statusName(x));
  for (Pairing x : {Pairing::exact, Pairing::timeOrder, Pairing::clientOnly, Pairing::serverOnly})
    pairingNames.push_back(pairingName(x));
  return {{"total", cs.list.size()},
          {"id", id},
          {"c", c},
          {"s", s},
          {"ca", ca},
          {"sa", sa},
          {"start", start},
          {"end", end},
          {"st", st},
          {"err", err},
          {"up", up},
          {"down", down},
          {"pair", pair},
          {"cend", cend},
          {"send", send},
          {"faults", faults},
          {"ev", events},
          {"strings", strs.list()},
          {"statusNames", statusNames},
          {"pairingNames", pairingNames}};
}

json outputsData(const std::string& dir, const json* summary) {
  json out = json::array();
  auto add = [&](const std::string& label, const std::string& file) {
    out.push_back({{"label", label}, {"href", file}, {"exists", fs::exists(fileIn(dir, file))}});
  };
  if (summary && summary->contains("outputs") && (*summary)["outputs"].is_object()) {
    for (const auto& [key, value] : (*summary)["outputs"].items()) {
      if (value.is_string())
        add(key, value.get<std::string>());
      else if (value.is_array())
        for (const json& v : value)
          if (v.is_string())
            add(key, v.get<std::string>());
    }
  } else {
    for (const char* f : {"trace.jsonl", "summary.json", "metrics.csv", "topology.json"})
      if (fs::exists(fileIn(dir, f)))
        add(f, f);
  }
  return out;
}

// netbed compare's compare.json for the run in `dir`: in `dir` itself, or in its parent when
// the parent's compare.json names `dir` among its runs (netbed compare's DIR/BACKEND/ layout).
// Nothing when there is none.
json compareData(const std::string& dir) {
  fs::path here = fs::absolute(dir).lexically_normal();
  if (!here.has_filename())
    here = here.parent_path();
  std::string file = fileIn(dir, "compare.json"), shown = "compare.json";
  std::optional<json> j = readJsonFile(file);
  if (!j) {
    file = (here.parent_path() / "compare.json").string();
    shown = "../compare.json";
    j = readJsonFile(file);
    if (!j)
      return nullptr;
    bool named = false;
    if (j->is_object() && j->contains("runs") && (*j)["runs"].is_array())
      for (const json& r : (*j)["runs"])
        named = named || (r.is_object() && r.value("dir", std::string()) == here.filename().string());
    if (!named)
      return nullptr;
  }
  auto bad = [&](const std::string& key, const char* expected) {
    throw InputError(file + ": " + key + ": expected " + expected);
  };
  if (!j->is_object())
    bad("(top level)", "an object");
  if (!j->contains("backends") || !(*j)["backends"].is_array() || (*j)["backends"].size() != 2)
    bad("backends", "an array of two backend names");
  if (!j->contains("rows") || !(*j)["rows"].is_array())
    bad("rows", "an array");
  std::size_t i = 0;
  for (const json& r : (*j)["rows"]) {
    std::string at = "rows[" + std::to_string(i++) + "]";
    if (!r.is_object() || !r.contains("section") || !r["section"].is_string() || !r.contains("name") ||
        !r["name"].is_string())
      bad(at, "an object with a section and a name (strings)");
    if (!r.contains("texts") || !r["texts"].is_array() || r["texts"].size() != 2)
      bad(at + ".texts", "an array of two strings");
  }
  json out = *j;
  out["file"] = shown;
  out["this"] = here.filename().string();
  return out;
}
} // namespace

json runData(const std::string& dir, const Options& options) {
  std::vector<std::string> notes;
  std::optional<json> summary = readJsonFile(fileIn(dir, "summary.json"));
  if (summary)
    checkSummary(*summary, fileIn(dir, "summary.json"));
  if (summary && summary->value("complete", true) == false)
    notes.push_back("The run was stopped early (" + summary->value("stopped", std::string("no reason given")) +
                    "): every file holds what happened until then, and the expectations saw only that.");
  if (!summary)
    notes.push_back("No summary.json: no expectations, metadata or NIC counters.");
  const json* sum = summary ? &*summary : nullptr;
  Trace trace = readTrace(fileIn(dir, output(sum, "trace", "trace.jsonl")));
  if (trace.reordered)
    notes.push_back("The trace was not in time order: its lines were sorted by time.");

  std::string topologyFile = fileIn(dir, output(sum, "topology", "topology.json"));
  std::optional<json> topologyJson = readJsonFile(topologyFile);
  std::optional<Topology> topology;
  if (topologyJson)
    topology = parseTopology(*topologyJson, topologyFile);
  NodeTable table;
  if (topology)
    for (const Topology::Node& n : topology->nodes)
      table.add(n.name, n.group, n.nic);
  std::size_t guessed = 0;
  std::vector<std::int32_t> tableOf; // trace node -> table node
  for (const std::string& name : trace.nodes) {
    guessed += table.index.count(name) == 0;
    tableOf.push_back(table.add(name, "", ""));
  }
  if (!topology)
    notes.push_back("No topology.json: node groups are guessed from names (sensor-17 is in group sensor) and the "
                    "lines drawn are the connections seen in the trace, not links.");
  else if (guessed)
    notes.push_back(std::to_string(guessed) + " nodes of the trace are not in topology.json: their group is guessed "
                                              "from the name.");

  std::int64_t endOfRun = trace.lastT;
  if (sum && sum->contains("time") && (*sum)["time"].contains("simulatedNs"))
    endOfRun = std::max(endOfRun, (*sum)["time"]["simulatedNs"].get<std::int64_t>());

  Connections cs = reconstruct(trace, endOfRun);

  std::vector<std::uint32_t> faulted(table.names.size(), 0);
  for (std::size_t n = 0; n < trace.nodes.size(); ++n)
    faulted[static_cast<std::size_t>(tableOf[n])] += static_cast<std::uint32_t>(cs.faultsOfNode[n].size());
  std::map<std::string, std::int32_t> traceIndex;
  for (std::size_t i = 0; i < trace.nodes.size(); ++i)
    traceIndex[trace.nodes[i]] = static_cast<std::int32_t>(i);
  json faults = json::array();
  std::vector<std::pair<std::string, std::string>> faultedLinks;
  for (const TraceEvent& e : trace.events) {
    if (e.ev != Ev::fault)
      continue;
    std::vector<std::int32_t> nodes = faultTargets(trace.str(e.detail), traceIndex);
    json jn = json::array();
    for (std::int32_t n : nodes)
      jn.push_back(tableOf[static_cast<std::size_t>(n)]);
    const std::string& kind = trace.str(e.code);
    if (nodes.size() == 2 && kind != "partition" && kind != "heal")
      faultedLinks.push_back(
          {trace.nodes[static_cast<std::size_t>(nodes[0])], trace.nodes[static_cast<std::size_t>(nodes[1])]});
    faults.push_back({{"t", e.t},
                      {"fault", kind},
                      {"what", e.extra >= 0 ? trace.str(e.extra) : kind},
                      {"target", trace.str(e.detail)},
                      {"nodes", jn}});
  }
  std::vector<std::pair<std::int32_t, std::int32_t>> observed;
  for (const Connection& k : cs.list)
    if (k.clientNode >= 0 && k.serverNode >= 0)
      observed.push_back(
          {tableOf[static_cast<std::size_t>(k.clientNode)], tableOf[static_cast<std::size_t>(k.serverNode)]});
  json topo = topologyView(table, topology ? &*topology : nullptr, faulted, observed, faultedLinks, {}, notes);

  std::vector<std::int32_t> groupOf;
  for (std::int32_t t : tableOf)
    groupOf.push_back(table.group[static_cast<std::size_t>(t)]);
  Timeline tl = binTrace(trace, groupOf, table.groupNames, endOfRun, options.maxBins, options.maxGroups);
  if (tl.merged)
    notes.push_back("Timeline: the " + std::to_string(tl.merged) +
                    " quietest node groups are counted together as "
                    "\"other groups\".");
  json tgroups = json::array();
  for (std::size_t g = 0; g < tl.groups.size(); ++g) {
    json series = json::object();
    for (std::size_t ev = 0; ev < kNetEvents; ++ev) {
      const auto& counts = tl.counts[g * kNetEvents + ev];
      if (std::any_of(counts.begin(), counts.end(), [](std::uint32_t x) { return x > 0; }))
        series[std::string(evName(static_cast<Ev>(ev)))] = counts;
    }
    tgroups.push_back({{"name", tl.groups[g]}, {"nodes", tl.groupNodes[g]}, {"series", series}});
  }
  json nicDrops = json::array();
  for (std::size_t i = 0; i < tl.nicCauses.size(); ++i)
    nicDrops.push_back({{"cause", tl.nicCauses[i]}, {"counts", tl.nicDrops[i]}});
  json timeline = {{"binNs", tl.binNs}, {"bins", tl.bins}, {"groups", tgroups}, {"nicDrops", nicDrops}};

  json metrics = nullptr;
  std::string metricsFile = fileIn(dir, output(sum, "metrics", "metrics.csv"));
  if (std::optional<Metrics> m = readMetrics(metricsFile)) {
    MetricsView view = viewMetrics(*m, tl.binNs, tl.bins, options.cdfPoints);
    json apps = json::array();
    for (const AppMetrics& a : view.apps)
      apps.push_back({{"app", a.app},
                      {"samples", a.latencySamples},
                      {"bytes", numbers(a.bytes)},
                      {"p50", numbers(a.p50)},
                      {"p90", numbers(a.p90)},
                      {"max", numbers(a.max)},
                      {"cdfX", numbers(a.cdfX)},
                      {"cdfY", numbers(a.cdfY)}});
    json other = json::array();
    for (const OtherMetric& o : view.other)
      other.push_back({{"app", o.app}, {"name", o.name}, {"mean", numbers(o.mean)}, {"max", numbers(o.max)}});
    metrics = {{"rows", m->size()}, {"apps", apps}, {"other", other}};
  } else {
    notes.push_back("No metrics.csv: no throughput, latency or CDF plots.");
  }

  json data;
  data["kind"] = "run";
  data["generator"] = "netbed-report";
  std::string title = fs::path(dir).filename().string();
  if (sum && sum->contains("scenario") && (*sum)["scenario"].contains("name") && (*sum)["scenario"]["name"].is_string())
    title = (*sum)["scenario"]["name"].get<std::string>();
  data["title"] = title;
  json nicsTable = json::array();
  if (sum) {
    json copy = *sum;
    if (copy.contains("nics")) {
      // The NICs with the most drops first; a 10,000-node run lists the first 200.
      std::vector<json> nics(copy["nics"].begin(), copy["nics"].end());
      auto drops = [](const json& n) {
        double d = 0;
        if (n.contains("drops") && n["drops"].is_object())
          for (const auto& [cause, count] : n["drops"].items())
            if (count.is_number())
              d += count.get<double>();
        return d;
      };
      std::stable_sort(nics.begin(), nics.end(), [&](const json& a, const json& b) { return drops(a) > drops(b); });
      for (std::size_t i = 0; i < nics.size() && i < 200; ++i)
        nicsTable.push_back(nics[i]);
      data["nicsTotal"] = nics.size();
      copy.erase("nics");
    }
    data["summary"] = std::move(copy);
  } else {
    data["summary"] = nullptr;
  }
  data["nics"] = nicsTable;
  data["trace"] = {{"file", trace.file},
                   {"lines", trace.lines},
                   {"lastNs", trace.lastT},
                   {"endNs", endOfRun},
                   {"local", trace.anyLocal}};
  json groupOfNode = json::array(), nicOfNode = json::array();
  for (std::size_t i = 0; i < table.names.size(); ++i) {
    groupOfNode.push_back(table.group[i]);
    nicOfNode.push_back(table.nic[i]);
  }
  data["nodes"] = {{"names", table.names},       {"group", groupOfNode},   {"nic", nicOfNode},
                   {"groups", table.groupNames}, {"nics", table.nicNames}, {"faulted", faulted}};
  data["faults"] = std::move(faults);
  data["topology"] = std::move(topo);
  data["timeline"] = std::move(timeline);
  data["connections"] = connectionsData(trace, cs, tableOf, options, notes);
  data["metrics"] = std::move(metrics);
  data["outputs"] = outputsData(dir, sum);
  if (json compare = compareData(dir); !compare.is_null())
    data["compare"] = std::move(compare);
  data["notes"] = notes;
  return data;
}

} // namespace visualize
