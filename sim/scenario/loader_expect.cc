// The scenario loader's `expect:` section: count, metric, latency and before expectations,
// their bounds, time windows and `on`, and the text the summary prints for each.
#include <algorithm>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include "sim/apps/units.h"
#include "sim/scenario/loader_state.h"

namespace sim::scenario {

namespace {

std::string boundText(const Expectation& x, bool duration) {
  auto fmt = [duration](double v) {
    if (duration)
      return apps::units::formatDuration(static_cast<std::int64_t>(v));
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

} // namespace

void Loader::bounds(const YAML::Node& e, const std::string& p, Expectation& x, const std::string& unitHint) const {
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
void Loader::window(const YAML::Node& e, const std::string& p, Expectation& x) const {
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
void Loader::appOn(const YAML::Node& e, const std::string& p, Expectation& x) const {
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

void Loader::loadExpectations(const YAML::Node& n, const std::string& path) {
  eachOfList(n, path, "a list of expectations ({count: error, on: sensor, max: 0}, ...)",
             "an expectation (count, metric, latency or before)",
             [this](const YAML::Node& e, const std::string& p) { loadExpectation(e, p); });
}

void Loader::loadExpectation(const YAML::Node& e, const std::string& p) {
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
      if (!e["percentile"].IsScalar() || !apps::units::parseNumber(e["percentile"].Scalar(), v) || v <= 0 || v > 100)
        fail(e["percentile"], child(p, "percentile"), "a percentile in (0, 100]", found(e["percentile"]));
      x.percentile = v;
    }
    bounds(e, p, x, " or a duration such as 50ms");
    std::ostringstream pct;
    pct << x.percentile;
    x.text =
        x.app + " latency p" + pct.str() + " " + boundText(x, true) + (x.first.on.empty() ? "" : " on " + x.first.on);
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
         "one of count, metric, latency, before" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)"),
         "keys " + join(keys));
  }
  if (e["text"])
    x.text = text(e["text"], child(p, "text"));
  s_.expectations.push_back(std::move(x));
}

void Loader::checkAppUsed(const YAML::Node& n, const std::string& path, const std::string& app) const {
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

} // namespace sim::scenario
