// Expectations checked against what a run observed.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "sim/apps/units.h"
#include "sim/scenario/observed.h"

namespace sim::scenario {

namespace {

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

std::string num(double v) {
  std::ostringstream s;
  s << std::setprecision(15) << v;
  return s.str();
}

bool within(const Expectation& x, double v) { return (!x.min || v >= *x.min) && (!x.max || v <= *x.max); }

bool windowed(const Expectation& x) { return x.afterNs || x.beforeNs; }

// The window is [after, before): adjacent windows share no instant.
bool inWindow(const Expectation& x, std::int64_t t) {
  return t >= 0 && (!x.afterNs || t >= *x.afterNs) && (!x.beforeNs || t < *x.beforeNs);
}

std::string at(std::int64_t t) { return t < 0 ? "never" : "at " + apps::units::formatDuration(t); }

std::string key(const EventSelector& sel) { return sel.code.empty() ? sel.ev : sel.ev + ":" + sel.code; }

std::string label(const EventSelector& sel) { return "'" + sel.ev + "'" + (sel.code.empty() ? "" : " " + sel.code); }

const EventStat& stat(const Observed& o, const std::string& node, const std::string& k) {
  static const EventStat none;
  auto n = o.nodes.find(node);
  if (n == o.nodes.end())
    return none;
  auto s = n->second.find(k);
  return s == n->second.end() ? none : s->second;
}

bool faultMatches(const FaultRecord& f, const EventSelector& sel) {
  if (!sel.code.empty() && f.kind != sel.code)
    return false;
  if (sel.nodes.empty())
    return true;
  for (const auto& n : f.nodes)
    if (std::find(sel.nodes.begin(), sel.nodes.end(), n) != sel.nodes.end())
      return true;
  return false;
}

// The order of the earliest matching event among `nodes` (or of the earliest fault).
std::uint64_t firstSeq(const Observed& o, const EventSelector& sel, const std::vector<std::string>& nodes) {
  std::uint64_t best = kNever;
  if (sel.ev == "fault") {
    for (const auto& f : o.faults)
      if (faultMatches(f, sel))
        best = std::min(best, f.seq);
    return best;
  }
  for (const auto& n : nodes)
    best = std::min(best, stat(o, n, key(sel)).firstSeq);
  return best;
}

std::string where(const EventSelector& sel) {
  if (sel.on.empty())
    return std::to_string(sel.nodes.size()) + " nodes";
  return sel.nodes.size() == 1 ? sel.on : std::to_string(sel.nodes.size()) + " nodes of " + sel.on;
}

// How many of a node's events of `st` fall in the expectation's window.
double countIn(const Expectation& x, const EventStat& st) {
  if (!windowed(x))
    return static_cast<double>(st.count);
  return static_cast<double>(
      std::count_if(st.times.begin(), st.times.end(), [&](std::int64_t t) { return inWindow(x, t); }));
}

// `occurrence: first|last`: the time of that occurrence, on one node or (nodes empty) of a fault.
std::int64_t occurrenceTime(const Expectation& x, const Observed& o, const std::vector<std::string>& nodes) {
  bool first = x.occurrence == Occurrence::First;
  std::int64_t best = -1;
  auto take = [&](std::int64_t t) {
    if (t >= 0 && (best < 0 || (first ? t < best : t > best)))
      best = t;
  };
  if (x.first.ev == "fault") {
    for (const auto& f : o.faults)
      if (faultMatches(f, x.first))
        take(f.tNs);
    return best;
  }
  for (const auto& n : nodes) {
    const EventStat& st = stat(o, n, key(x.first));
    take(first ? st.firstNs : st.lastNs);
  }
  return best;
}

ExpectationResult occurrence(const Expectation& x, const Observed& o) {
  ExpectationResult r{x.text, true, ""};
  const std::string which = x.occurrence == Occurrence::First ? "first " : "last ";
  if (x.first.ev == "fault" || !x.perNode) {
    std::int64_t t = occurrenceTime(x, o, x.first.nodes);
    r.pass = inWindow(x, t);
    r.detail = "the " + which + label(x.first) + " " + at(t) + (x.first.ev == "fault" ? "" : " on " + where(x.first));
    return r;
  }
  std::vector<std::string> bad;
  std::int64_t lo = -1, hi = -1;
  for (const auto& n : x.first.nodes) {
    std::int64_t t = occurrenceTime(x, o, {n});
    if (t >= 0) {
      lo = lo < 0 ? t : std::min(lo, t);
      hi = std::max(hi, t);
    }
    if (!inWindow(x, t))
      bad.push_back(n + " " + at(t));
  }
  r.pass = bad.empty() && !x.first.nodes.empty();
  r.detail = "the " + which + label(x.first) + " per node " +
             (lo < 0 ? "never" : "from " + apps::units::formatDuration(lo) + " to " + apps::units::formatDuration(hi)) +
             " on " + where(x.first);
  if (!bad.empty()) {
    r.detail += "; " + std::to_string(bad.size()) + " outside" + windowText(x) + " (";
    for (std::size_t i = 0; i < bad.size() && i < 5; ++i)
      r.detail += (i ? ", " : "") + bad[i];
    r.detail += bad.size() > 5 ? ", ...)" : ")";
  }
  return r;
}

ExpectationResult count(const Expectation& x, const Observed& o) {
  if (x.occurrence != Occurrence::All)
    return occurrence(x, o);
  ExpectationResult r{x.text, true, ""};
  if (x.first.ev == "fault") {
    double total = 0;
    for (const auto& f : o.faults)
      total += faultMatches(f, x.first) && (!windowed(x) || inWindow(x, f.tNs)) ? 1 : 0;
    r.pass = within(x, total);
    r.detail = num(total) + " fault" + (total == 1 ? "" : "s") + (x.first.code.empty() ? "" : " " + x.first.code) +
               windowText(x);
    return r;
  }
  if (!x.perNode) {
    double total = 0;
    for (const auto& n : x.first.nodes)
      total += countIn(x, stat(o, n, key(x.first)));
    r.pass = within(x, total);
    r.detail = num(total) + " " + label(x.first) + " events" + windowText(x) + " in total on " + where(x.first);
    return r;
  }
  std::vector<std::string> bad;
  double lo = 1e300, hi = -1;
  for (const auto& n : x.first.nodes) {
    auto c = countIn(x, stat(o, n, key(x.first)));
    lo = std::min(lo, c);
    hi = std::max(hi, c);
    if (!within(x, c)) {
      if (bad.size() < 5)
        bad.push_back(n + ": " + num(c));
      else if (bad.size() == 5)
        bad.push_back("...");
    }
  }
  std::size_t failing = 0;
  for (const auto& n : x.first.nodes)
    failing += within(x, countIn(x, stat(o, n, key(x.first)))) ? 0 : 1;
  r.pass = failing == 0 && !x.first.nodes.empty();
  std::string range = x.first.nodes.empty() ? "no nodes" : lo == hi ? num(lo) : num(lo) + " to " + num(hi);
  r.detail = range + " " + label(x.first) + " events" + windowText(x) + " per node on " + where(x.first);
  if (failing)
    r.detail += "; " + std::to_string(failing) + " failing (" + [&] {
      std::string s;
      for (const auto& b : bad)
        s += (s.empty() ? "" : ", ") + b;
      return s;
    }() + ")";
  return r;
}

ExpectationResult before(const Expectation& x, const Observed& o) {
  ExpectationResult r{x.text, true, ""};
  if (!x.perNode) {
    std::uint64_t a = firstSeq(o, x.first, x.first.nodes), b = firstSeq(o, x.second, x.second.nodes);
    if (b == kNever) {
      r.detail = "no " + label(x.second) + " happened";
    } else if (a == kNever) {
      r.pass = false;
      r.detail = label(x.second) + " happened, " + label(x.first) + " never did";
    } else {
      r.pass = a < b;
      r.detail =
          r.pass ? "the first " + label(x.first) + " came first" : "the first " + label(x.second) + " came first";
    }
    return r;
  }
  std::vector<std::string> bad;
  std::size_t checked = 0;
  for (const auto& n : x.first.nodes) {
    std::uint64_t a = firstSeq(o, x.first, {n}), b = firstSeq(o, x.second, {n});
    if (b == kNever)
      continue;
    ++checked;
    if (a == kNever || a > b)
      bad.push_back(n);
  }
  r.pass = bad.empty();
  r.detail = std::to_string(checked) + " of " + std::to_string(x.first.nodes.size()) + " nodes saw " + label(x.second);
  if (!bad.empty())
    r.detail += "; " + std::to_string(bad.size()) + " saw it before " + label(x.first) + " (first: " + bad[0] + ")";
  return r;
}

} // namespace

std::int64_t percentile(std::vector<std::int64_t> samples, double p) {
  if (samples.empty())
    return 0;
  std::sort(samples.begin(), samples.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
  return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

bool metricValue(const AppMetrics& m, const std::string& metric, double& value) {
  if (metric == "messages")
    value = m.messages;
  else if (metric == "bytes")
    value = m.bytes;
  else if (metric == "instances")
    value = static_cast<double>(m.instances);
  else if (metric == "latencyP50Ns")
    value = static_cast<double>(percentile(m.latencies, 50));
  else if (metric == "latencyP90Ns")
    value = static_cast<double>(percentile(m.latencies, 90));
  else if (metric == "latencyP99Ns")
    value = static_cast<double>(percentile(m.latencies, 99));
  else if (metric == "latencyMaxNs")
    value = static_cast<double>(percentile(m.latencies, 100));
  else if (m.counters.count(metric))
    value = m.counters.at(metric);
  else
    return false;
  return true;
}

namespace {

bool latencyPercentile(const std::string& metric, double& p) {
  static const std::pair<const char*, double> names[] = {
      {"latencyP50Ns", 50}, {"latencyP90Ns", 90}, {"latencyP99Ns", 99}, {"latencyMaxNs", 100}};
  for (const auto& [name, pct] : names)
    if (metric == name)
      p = pct;
  return std::any_of(std::begin(names), std::end(names), [&](const auto& n) { return metric == n.first; });
}

// The latencies measured by the chosen instances.
std::vector<std::int64_t> latenciesOf(const AppMetrics& m, const std::vector<std::size_t>& chosen) {
  std::vector<char> in(m.perInstance.size(), 0);
  for (std::size_t c : chosen)
    in[c] = 1;
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < m.latencies.size(); ++i)
    if (in[m.latencyOf[i]])
      out.push_back(m.latencies[i]);
  return out;
}

// The instances of the expectation's application on the nodes of its `on` (every one without).
std::vector<std::size_t> chosenInstances(const Expectation& x, const Scenario& s, const AppMetrics& m) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < m.perInstance.size(); ++i) {
    const std::string& node = s.nodes[m.perInstance[i].node].name;
    if (x.first.on.empty() || std::find(x.first.nodes.begin(), x.first.nodes.end(), node) != x.first.nodes.end())
      out.push_back(i);
  }
  return out;
}

// A metric bound on some instances: their sum (per: total), each node's (per: node) or each
// instance's own value (per: instance).
ExpectationResult metricOver(const Expectation& x, const Scenario& s, const AppMetrics& m) {
  ExpectationResult r{x.text, false, ""};
  std::vector<std::size_t> chosen = chosenInstances(x, s, m);
  std::string onText = x.first.on.empty() ? std::string() : " on " + where(x.first);
  if (chosen.empty()) {
    r.detail = x.app + " runs on none of " + where(x.first);
    return r;
  }
  std::vector<std::pair<std::string, std::vector<std::size_t>>> units;
  if (x.per == MetricPer::Total) {
    units.push_back({"", chosen});
  } else {
    for (std::size_t c : chosen) {
      const std::string& node = s.nodes[m.perInstance[c].node].name;
      if (x.per == MetricPer::Node && !units.empty() && units.back().first == node)
        units.back().second.push_back(c);
      else
        units.push_back({node, {c}});
    }
  }
  std::vector<std::string> bad;
  double lo = 1e300, hi = -1e300;
  bool any = false;
  for (const auto& [name, members] : units) {
    double v = 0;
    if (!metricValue(m, members, x.metric, v)) {
      bad.push_back(name + ": no samples");
      continue;
    }
    any = true;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    if (!within(x, v))
      bad.push_back(name + ": " + num(v));
  }
  r.pass = bad.empty();
  if (x.per == MetricPer::Total) {
    r.detail = any ? x.app + "." + x.metric + " = " + num(lo) + onText : x.app + " reported no " + x.metric + onText;
    return r;
  }
  const char* per = x.per == MetricPer::Node ? " per node" : " per instance";
  r.detail = x.app + "." + x.metric +
             (any ? (lo == hi ? " = " + num(lo) : " from " + num(lo) + " to " + num(hi)) : "") + per + " over " +
             std::to_string(units.size()) + (x.per == MetricPer::Node ? " nodes" : " instances") + onText;
  if (!bad.empty()) {
    r.detail += "; " + std::to_string(bad.size()) + " failing (";
    for (std::size_t i = 0; i < bad.size() && i < 5; ++i)
      r.detail += (i ? ", " : "") + bad[i];
    r.detail += bad.size() > 5 ? ", ...)" : ")";
  }
  return r;
}

} // namespace

bool metricValue(const AppMetrics& m, const std::vector<std::size_t>& chosen, const std::string& metric,
                 double& value) {
  double pct = 0;
  if (latencyPercentile(metric, pct)) {
    auto samples = latenciesOf(m, chosen);
    if (samples.empty())
      return false;
    value = static_cast<double>(percentile(std::move(samples), pct));
    return true;
  }
  value = 0;
  for (std::size_t c : chosen) {
    const InstanceMetrics& own = m.perInstance[c];
    if (metric == "messages")
      value += own.messages;
    else if (metric == "bytes")
      value += own.bytes;
    else if (metric == "instances")
      value += 1;
    else if (auto it = own.counters.find(metric); it != own.counters.end())
      value += it->second;
  }
  return true; // a counter an instance never bumped is zero
}

std::vector<ExpectationResult> evaluate(const Scenario& s, const Observed& o) {
  std::vector<ExpectationResult> out;
  for (const auto& x : s.expectations) {
    switch (x.kind) {
    case ExpectKind::Count: out.push_back(count(x, o)); break;
    case ExpectKind::Before: out.push_back(before(x, o)); break;
    case ExpectKind::Metric: {
      ExpectationResult r{x.text, false, ""};
      auto app = o.apps.find(x.app);
      if (app != o.apps.end() && (!x.first.on.empty() || x.per != MetricPer::Total)) {
        out.push_back(metricOver(x, s, app->second));
        break;
      }
      double v = 0;
      if (app == o.apps.end())
        r.detail = x.app + " never started";
      else if (!metricValue(app->second, x.metric, v))
        r.detail =
            x.app + " reported no " + x.metric + (x.metric.find("Ns") != std::string::npos ? "" : " (counted 0)");
      else {
        r.pass = within(x, v);
        r.detail = x.app + "." + x.metric + " = " + num(v);
      }
      // A counter an application never bumped is zero.
      if (app != o.apps.end() && !metricValue(app->second, x.metric, v) && x.metric.find("Ns") == std::string::npos) {
        r.pass = within(x, 0);
        r.detail = x.app + "." + x.metric + " = 0";
      }
      out.push_back(r);
      break;
    }
    case ExpectKind::Latency: {
      ExpectationResult r{x.text, false, ""};
      auto app = o.apps.find(x.app);
      std::vector<std::int64_t> samples;
      if (app != o.apps.end())
        samples =
            x.first.on.empty() ? app->second.latencies : latenciesOf(app->second, chosenInstances(x, s, app->second));
      std::string onText = x.first.on.empty() ? std::string() : " on " + where(x.first);
      if (samples.empty()) {
        r.detail = "no latency samples from " + x.app + onText;
      } else {
        auto v = percentile(samples, x.percentile);
        r.pass = within(x, static_cast<double>(v));
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.3f ms", static_cast<double>(v) / 1e6);
        r.detail = "p" + num(x.percentile) + " = " + ms + " (" + std::to_string(v) + " ns) over " +
                   std::to_string(samples.size()) + " samples" + onText;
      }
      out.push_back(r);
      break;
    }
    }
  }
  return out;
}

} // namespace sim::scenario
