#include "visualize/metrics_view.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace visualize {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double quantile(const std::vector<double>& sorted, double p) {
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

MetricsView viewMetrics(const Metrics& m, std::int64_t binNs, std::size_t bins, std::size_t cdfPoints) {
  MetricsView view;
  std::int32_t latencyId = -1, bytesId = -1;
  for (std::size_t i = 0; i < m.names.size(); ++i) {
    if (m.names[i] == "latencyNs")
      latencyId = static_cast<std::int32_t>(i);
    if (m.names[i] == "bytes")
      bytesId = static_cast<std::int32_t>(i);
  }
  auto binOf = [&](std::int64_t t) { return std::min(static_cast<std::size_t>(t / binNs), bins - 1); };

  std::vector<std::vector<std::vector<double>>> latency(m.apps.size()); // [app][bin] samples
  std::vector<std::vector<double>> all(m.apps.size());
  std::vector<bool> used(m.apps.size(), false);
  view.apps.resize(m.apps.size());
  for (std::size_t a = 0; a < m.apps.size(); ++a) {
    view.apps[a].app = m.apps[a];
    view.apps[a].bytes.assign(bins, 0);
    latency[a].resize(bins);
  }
  std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> otherIndex; // (app, metric) -> view.other
  std::vector<std::vector<std::size_t>> otherCount;
  for (std::size_t i = 0; i < m.size(); ++i) {
    auto a = static_cast<std::size_t>(m.app[i]);
    std::size_t bin = binOf(m.t[i]);
    if (m.metric[i] == latencyId) {
      latency[a][bin].push_back(m.value[i]);
      all[a].push_back(m.value[i]);
      used[a] = true;
    } else if (m.metric[i] == bytesId) {
      view.apps[a].bytes[bin] += m.value[i];
      used[a] = true;
    } else {
      auto [it, added] = otherIndex.try_emplace({m.app[i], m.metric[i]}, view.other.size());
      if (added) {
        view.other.push_back({m.apps[a], m.names[static_cast<std::size_t>(m.metric[i])], std::vector<double>(bins, 0),
                              std::vector<double>(bins, kNaN)});
        otherCount.emplace_back(bins, 0);
      }
      OtherMetric& o = view.other[it->second];
      o.mean[bin] += m.value[i];
      o.max[bin] = std::isnan(o.max[bin]) ? m.value[i] : std::max(o.max[bin], m.value[i]);
      ++otherCount[it->second][bin];
    }
  }
  for (std::size_t k = 0; k < view.other.size(); ++k)
    for (std::size_t b = 0; b < bins; ++b)
      view.other[k].mean[b] = otherCount[k][b] ? view.other[k].mean[b] / static_cast<double>(otherCount[k][b]) : kNaN;

  for (std::size_t a = 0; a < m.apps.size(); ++a) {
    AppMetrics& app = view.apps[a];
    app.p50.assign(bins, kNaN);
    app.p90.assign(bins, kNaN);
    app.max.assign(bins, kNaN);
    for (std::size_t b = 0; b < bins; ++b) {
      std::vector<double>& v = latency[a][b];
      if (v.empty())
        continue;
      std::sort(v.begin(), v.end());
      app.p50[b] = quantile(v, 0.5);
      app.p90[b] = quantile(v, 0.9);
      app.max[b] = v.back();
    }
    std::vector<double>& v = all[a];
    std::sort(v.begin(), v.end());
    app.latencySamples = v.size();
    std::size_t points = std::min(v.size(), std::max<std::size_t>(cdfPoints, 2));
    for (std::size_t k = 0; k < points; ++k) {
      std::size_t i = points == v.size() ? k : (k * (v.size() - 1) + (points - 1) / 2) / (points - 1);
      app.cdfX.push_back(v[i]);
      app.cdfY.push_back(static_cast<double>(i + 1) / static_cast<double>(v.size()));
    }
  }
  // Applications that wrote only other metrics have nothing for the throughput and latency plots.
  std::vector<AppMetrics> kept;
  for (std::size_t a = 0; a < view.apps.size(); ++a)
    if (used[a])
      kept.push_back(std::move(view.apps[a]));
  view.apps = std::move(kept);
  return view;
}

} // namespace visualize
