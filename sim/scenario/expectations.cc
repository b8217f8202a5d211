// Expectations checked against what a run observed.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "sim/apps/units.h"
#include "sim/scenario/observed.h"

namespace netbed {

namespace {

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

std::string num(double v) {
  std::ostringstream s;
  s << std::setprecision(15) << v;
  return s.str();
}

bool within(const Expectation& x, double v) { return (!x.min || v >= *x.min) && (!x.max || v <= *x.max); }

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

ExpectationResult count(const Expectation& x, const Observed& o) {
  ExpectationResult r{x.text, true, ""};
  if (x.first.ev == "fault") {
    double total = 0;
    for (const auto& f : o.faults)
      total += faultMatches(f, x.first) ? 1 : 0;
    r.pass = within(x, total);
    r.detail = num(total) + " fault" + (total == 1 ? "" : "s") + (x.first.code.empty() ? "" : " " + x.first.code);
    return r;
  }
  if (!x.perNode) {
    double total = 0;
    for (const auto& n : x.first.nodes)
      total += static_cast<double>(stat(o, n, key(x.first)).count);
    r.pass = within(x, total);
    r.detail = num(total) + " " + label(x.first) + " events in total on " + where(x.first);
    return r;
  }
  std::vector<std::string> bad;
  double lo = 1e300, hi = -1;
  for (const auto& n : x.first.nodes) {
    auto c = static_cast<double>(stat(o, n, key(x.first)).count);
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
    failing += within(x, static_cast<double>(stat(o, n, key(x.first)).count)) ? 0 : 1;
  r.pass = failing == 0 && !x.first.nodes.empty();
  std::string range = x.first.nodes.empty() ? "no nodes" : lo == hi ? num(lo) : num(lo) + " to " + num(hi);
  r.detail = range + " " + label(x.first) + " events per node on " + where(x.first);
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

std::vector<ExpectationResult> evaluate(const Scenario& s, const Observed& o) {
  std::vector<ExpectationResult> out;
  for (const auto& x : s.expectations) {
    switch (x.kind) {
    case ExpectKind::Count: out.push_back(count(x, o)); break;
    case ExpectKind::Before: out.push_back(before(x, o)); break;
    case ExpectKind::Metric: {
      ExpectationResult r{x.text, false, ""};
      auto app = o.apps.find(x.app);
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
      if (app == o.apps.end() || app->second.latencies.empty()) {
        r.detail = "no latency samples from " + x.app;
      } else {
        auto v = percentile(app->second.latencies, x.percentile);
        r.pass = within(x, static_cast<double>(v));
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.3f ms", static_cast<double>(v) / 1e6);
        r.detail = "p" + num(x.percentile) + " = " + ms + " (" + std::to_string(v) + " ns) over " +
                   std::to_string(app->second.latencies.size()) + " samples";
      }
      out.push_back(r);
      break;
    }
    }
  }
  return out;
}

} // namespace netbed
