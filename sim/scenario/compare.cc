// The rows of netbed compare (compare.h).
#include "sim/scenario/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "sim/check/checks.h"

namespace sim::scenario {

namespace {

bool integral(double v) { return std::fabs(v) < 1e15 && v == std::floor(v); }

std::string printf1(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// A value of `unit`, and a difference of two (signed).
std::string valueText(RowUnit unit, double v) {
  switch (unit) {
  case RowUnit::Latency: return printf1("%.3f ms", v / 1e6);
  case RowUnit::Time: return printf1("%.6f s", v / 1e9);
  default: return integral(v) ? printf1("%.0f", v) : printf1("%.3f", v);
  }
}

std::string diffText(RowUnit unit, double d) {
  switch (unit) {
  case RowUnit::Latency: return printf1("%+.3f ms", d / 1e6);
  case RowUnit::Time: return printf1("%+.6f s", d / 1e9);
  default: return integral(d) ? printf1("%+.0f", d) : printf1("%+.3f", d);
  }
}

class Rows {
public:
  std::vector<CompareRow> rows;

  void number(const std::string& section, const std::string& name, RowUnit unit, std::optional<double> a,
              std::optional<double> b) {
    CompareRow r;
    r.section = section;
    r.name = name;
    r.unit = unit;
    r.value[0] = a;
    r.value[1] = b;
    for (int i = 0; i < 2; ++i)
      r.text[i] = r.value[i] ? valueText(unit, *r.value[i]) : "-";
    r.diff = a && b ? diffText(unit, *b - *a) : "-";
    r.ratio = a && b && *a != 0 ? printf1("%.3f", *b / *a) : "-";
    rows.push_back(std::move(r));
  }

  void fraction(const std::string& name, std::size_t heldA, std::size_t heldB, std::size_t of) {
    CompareRow r;
    r.section = "run";
    r.name = name;
    r.unit = RowUnit::Fraction;
    r.value[0] = static_cast<double>(heldA);
    r.value[1] = static_cast<double>(heldB);
    for (int i = 0; i < 2; ++i)
      r.text[i] = printf1("%.0f", *r.value[i]) + "/" + std::to_string(of);
    r.diff = diffText(RowUnit::Count, *r.value[1] - *r.value[0]);
    r.ratio = "-";
    rows.push_back(std::move(r));
  }

  void verdict(const std::string& name, const ExpectationResult* a, const ExpectationResult* b) {
    CompareRow r;
    r.section = "expect";
    r.name = name;
    r.unit = RowUnit::Verdict;
    const ExpectationResult* e[2] = {a, b};
    for (int i = 0; i < 2; ++i) {
      if (e[i]) {
        r.value[i] = e[i]->pass ? 1 : 0;
        r.text[i] = e[i]->pass ? "pass" : "FAIL";
        r.detail[i] = e[i]->detail;
      } else {
        r.text[i] = "-";
      }
    }
    r.diff = a && b ? (a->pass == b->pass ? "same" : "differs") : "-";
    r.ratio = "-";
    rows.push_back(std::move(r));
  }
};

std::optional<double> metric(const Observed& o, const std::string& app, const std::string& name) {
  auto it = o.apps.find(app);
  double v = 0;
  if (it == o.apps.end() || !metricValue(it->second, name, v))
    return std::nullopt;
  return v;
}

// A latency percentile, only where there are samples (a percentile of none is not 0).
std::optional<double> latency(const Observed& o, const std::string& app, double p) {
  auto it = o.apps.find(app);
  if (it == o.apps.end() || it->second.latencies.empty())
    return std::nullopt;
  return static_cast<double>(percentile(it->second.latencies, p));
}

std::optional<double> samples(const Observed& o, const std::string& app) {
  auto it = o.apps.find(app);
  if (it == o.apps.end())
    return std::nullopt;
  return static_cast<double>(it->second.latencies.size());
}

std::optional<double> firstError(const Observed& o, const std::string& node, const std::string& key) {
  auto n = o.nodes.find(node);
  if (n == o.nodes.end())
    return std::nullopt;
  auto k = n->second.find(key);
  if (k == n->second.end() || k->second.firstNs < 0)
    return std::nullopt;
  return static_cast<double>(k->second.firstNs);
}

const std::string kErrorPrefix = "error:";

} // namespace

std::optional<TcpCounts> readTcpCounts(const std::string& dir, const std::vector<std::string>& pcapFiles) {
  if (pcapFiles.empty())
    return std::nullopt;
  check::Capture capture;
  for (const auto& f : pcapFiles)
    check::readPcapFile(dir + "/" + f, capture);
  check::Report r = check::check(std::move(capture));
  TcpCounts t;
  t.connections = r.connections.size();
  for (const auto& n : r.total) {
    t.segments += n.segments;
    t.dataSegments += n.dataSegments;
    t.syns += n.syns;
    t.fins += n.fins;
    t.rsts += n.rsts;
    t.retransmissions += n.retransmissions;
  }
  return t;
}

std::vector<CompareRow> compareRows(const Scenario& s, const CompareSide& a, const CompareSide& b) {
  Rows rows;
  const RunResult* r[2] = {&a.result, &b.result};
  const Observed* o[2] = {&a.result.observed, &b.result.observed};

  // The run.
  rows.number("run", "time", RowUnit::Time, static_cast<double>(r[0]->simulatedNs),
              static_cast<double>(r[1]->simulatedNs));
  std::size_t held[2] = {0, 0};
  for (int i = 0; i < 2; ++i)
    for (const auto& e : r[i]->expectations)
      held[i] += e.pass ? 1 : 0;
  rows.fraction("expectations held", held[0], held[1], s.expectations.size());

  // Every expectation, in the file's order.
  for (std::size_t x = 0; x < s.expectations.size(); ++x) {
    const ExpectationResult* e[2] = {nullptr, nullptr};
    for (int i = 0; i < 2; ++i)
      if (x < r[i]->expectations.size())
        e[i] = &r[i]->expectations[x];
    rows.verdict(std::to_string(x + 1) + " " + s.expectations[x].text, e[0], e[1]);
  }

  // Applications by name, on either side.
  std::set<std::string> apps;
  for (int i = 0; i < 2; ++i)
    for (const auto& [name, m] : o[i]->apps)
      apps.insert(name);
  for (const auto& app : apps) {
    std::set<std::string> counters;
    for (int i = 0; i < 2; ++i)
      if (auto it = o[i]->apps.find(app); it != o[i]->apps.end())
        for (const auto& [name, v] : it->second.counters)
          counters.insert(name);
    std::vector<std::string> names = {"instances", "messages", "bytes"};
    names.insert(names.end(), counters.begin(), counters.end());
    for (const auto& name : names)
      rows.number("metric", app + "." + name, RowUnit::Count, metric(*o[0], app, name), metric(*o[1], app, name));
  }
  for (const auto& app : apps) {
    std::optional<double> n[2] = {samples(*o[0], app), samples(*o[1], app)};
    if (n[0].value_or(0) == 0 && n[1].value_or(0) == 0)
      continue;
    rows.number("latency", app + " samples", RowUnit::Count, n[0], n[1]);
    static const std::pair<const char*, double> kPercentiles[] = {{"p50", 50}, {"p90", 90}, {"p99", 99}, {"max", 100}};
    for (const auto& [label, p] : kPercentiles)
      rows.number("latency", app + " " + label, RowUnit::Latency, latency(*o[0], app, p), latency(*o[1], app, p));
  }

  // Each node's first error of each code: the scenario's nodes in order, then any other.
  std::vector<std::string> nodes;
  for (const auto& n : s.nodes)
    nodes.push_back(n.name);
  for (int i = 0; i < 2; ++i)
    for (const auto& [name, stats] : o[i]->nodes)
      if (std::find(nodes.begin(), nodes.end(), name) == nodes.end())
        nodes.push_back(name);
  for (const auto& node : nodes) {
    std::set<std::string> keys;
    for (int i = 0; i < 2; ++i)
      if (auto it = o[i]->nodes.find(node); it != o[i]->nodes.end())
        for (const auto& [key, stat] : it->second)
          if (key.compare(0, kErrorPrefix.size(), kErrorPrefix) == 0)
            keys.insert(key);
    for (const auto& key : keys)
      rows.number("error", node + " " + key.substr(kErrorPrefix.size()), RowUnit::Time, firstError(*o[0], node, key),
                  firstError(*o[1], node, key));
  }

  // TCP segments from the pcap files.
  const std::optional<TcpCounts>* t[2] = {&a.tcp, &b.tcp};
  auto tcp = [&](const char* name, std::uint64_t TcpCounts::*field) {
    std::optional<double> v[2];
    for (int i = 0; i < 2; ++i)
      if (*t[i])
        v[i] = static_cast<double>((**t[i]).*field);
    rows.number("tcp", name, RowUnit::Count, v[0], v[1]);
  };
  tcp("connections", &TcpCounts::connections);
  tcp("segments", &TcpCounts::segments);
  tcp("data segments", &TcpCounts::dataSegments);
  tcp("SYN", &TcpCounts::syns);
  tcp("FIN", &TcpCounts::fins);
  tcp("RST", &TcpCounts::rsts);
  tcp("retransmissions", &TcpCounts::retransmissions);
  return std::move(rows.rows);
}

std::string formatCompare(const std::vector<CompareRow>& rows, const std::string& a, const std::string& b) {
  static const std::pair<const char*, const char*> kTitles[] = {
      {"run", "run"},
      {"expect", "expectations"},
      {"metric", "application metrics (totals)"},
      {"latency", "latency"},
      {"error", "first error per node and code (time since start)"},
      {"tcp", "TCP segments (pcap files)"}};
  std::size_t w[4] = {4, a.size(), b.size(), 4};
  for (const auto& r : rows) {
    w[0] = std::max(w[0], r.name.size());
    w[1] = std::max(w[1], r.text[0].size());
    w[2] = std::max(w[2], r.text[1].size());
    w[3] = std::max(w[3], r.diff.size());
  }
  auto line = [&](const std::string& c0, const std::string& c1, const std::string& c2, const std::string& c3,
                  const std::string& c4) {
    std::string l = "  " + c0 + std::string(w[0] - c0.size(), ' ');
    l += "  " + std::string(w[1] - c1.size(), ' ') + c1;
    l += "  " + std::string(w[2] - c2.size(), ' ') + c2;
    l += "  " + std::string(w[3] - c3.size(), ' ') + c3;
    l += "  " + c4;
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    return l + "\n";
  };
  std::string out = line("", a, b, "diff", "ratio");
  std::string section;
  for (const auto& r : rows) {
    if (r.section != section) {
      section = r.section;
      std::string title = section;
      for (const auto& [key, t] : kTitles)
        if (section == key)
          title = t;
      out += title + "\n";
    }
    out += line(r.name, r.text[0], r.text[1], r.diff, r.ratio);
    if (r.unit == RowUnit::Verdict)
      for (int i = 0; i < 2; ++i)
        if (!r.detail[i].empty())
          out += "      " + (i ? b : a) + ": " + r.detail[i] + "\n";
  }
  return out;
}

nlohmann::json compareJson(const Scenario& s, const CompareSide& a, const CompareSide& b,
                           const std::vector<std::string>& dirs, const std::vector<CompareRow>& rows) {
  using nlohmann::json;
  static const char* kUnits[] = {"verdict", "count", "latency", "time", "fraction"};
  json sets = json::object();
  for (const auto& [k, v] : s.sets)
    sets[k] = v;
  json runs = json::array();
  const CompareSide* side[2] = {&a, &b};
  for (int i = 0; i < 2; ++i)
    runs.push_back({{"backend", side[i]->backend},
                    {"dir", i < static_cast<int>(dirs.size()) ? dirs[static_cast<std::size_t>(i)] : ""},
                    {"passed", side[i]->result.passed},
                    {"complete", side[i]->result.stopped.empty()},
                    {"pcap", side[i]->tcp.has_value()}});
  json list = json::array();
  for (const auto& r : rows) {
    json values = json::array(), texts = json::array();
    for (int i = 0; i < 2; ++i) {
      if (!r.value[i])
        values.push_back(nullptr);
      else if (r.unit == RowUnit::Verdict)
        values.push_back(*r.value[i] != 0);
      else if (integral(*r.value[i]))
        values.push_back(static_cast<std::int64_t>(*r.value[i]));
      else
        values.push_back(*r.value[i]);
      texts.push_back(r.text[i]);
    }
    json row = {{"section", r.section}, {"name", r.name}, {"unit", kUnits[static_cast<int>(r.unit)]},
                {"values", values},     {"texts", texts}, {"diff", r.diff},
                {"ratio", r.ratio}};
    if (r.unit == RowUnit::Verdict)
      row["details"] = {r.detail[0], r.detail[1]};
    list.push_back(std::move(row));
  }
  return {{"netbed", "0.1.0"},
          {"scenario", {{"name", s.name}, {"file", s.file}, {"seed", s.seed}, {"run", s.run}, {"set", sets}}},
          {"backends", {a.backend, b.backend}},
          {"runs", runs},
          {"rows", list}};
}

} // namespace sim::scenario
