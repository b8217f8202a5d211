#include "visualize/sweep_table.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>

#include "visualize/csv.h"
#include "visualize/input_error.h"

namespace visualize {

SweepTable parseSweep(std::istream& in, const std::string& file) {
  SweepTable t;
  t.file = file;
  CsvReader csv(in, file);
  std::vector<std::string> cells, header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> rowLines;
  while (csv.next(cells)) {
    if (csv.atHeader()) {
      header = cells;
      continue;
    }
    rows.push_back(cells);
    rowLines.push_back(csv.lineNo());
  }
  if (header.empty())
    throw InputError(file + ": empty (expected a header: the parameters, seed, repeat, passed, metrics)");
  auto seed = std::find(header.begin(), header.end(), "seed");
  if (seed == header.end())
    throw InputError(file, 1, "header: no \"seed\" column (expected the swept parameters, then seed, repeat, passed)");
  std::size_t nParams = static_cast<std::size_t>(seed - header.begin());
  t.params.assign(header.begin(), seed);
  std::vector<std::size_t> metricColumns;
  for (std::size_t c = nParams; c < header.size(); ++c) {
    if (header[c] == "seed" || header[c] == "repeat")
      continue;
    bool numeric = true;
    for (const auto& r : rows) {
      double v;
      const std::string& cell = r[c];
      if (!cell.empty() && !parseNumber(cell, v) && !(header[c] == "passed" && (cell == "true" || cell == "false")))
        numeric = false;
    }
    if (numeric) {
      metricColumns.push_back(c);
      t.metrics.push_back(header[c]);
    } else {
      t.skipped.push_back(header[c]);
    }
  }
  for (const auto& r : rows) {
    t.paramValues.emplace_back(r.begin(), r.begin() + static_cast<std::ptrdiff_t>(nParams));
    std::vector<double> v;
    for (std::size_t c : metricColumns) {
      double d = std::numeric_limits<double>::quiet_NaN();
      if (r[c] == "true")
        d = 1;
      else if (r[c] == "false")
        d = 0;
      else
        parseNumber(r[c], d);
      v.push_back(d);
    }
    t.values.push_back(std::move(v));
  }
  return t;
}

SweepTable readSweep(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path + ": cannot open");
  return parseSweep(in, path);
}

bool isConstant(const SweepTable& t, std::size_t metric) {
  bool seen = false;
  double first = 0;
  for (const auto& row : t.values) {
    double v = row[metric];
    if (std::isnan(v))
      continue;
    if (seen && v != first)
      return false;
    first = v;
    seen = true;
  }
  return true;
}

SweepPlot aggregate(const SweepTable& t, std::size_t metric, std::size_t param) {
  SweepPlot plot;
  plot.metric = t.metrics[metric];
  plot.param = t.params[param];
  for (const auto& row : t.paramValues) {
    double d;
    if (!parseNumber(row[param], d))
      plot.numericX = false;
  }
  // Series: the other parameters' values, in order of first appearance.
  std::vector<std::string> seriesKeys;
  std::map<std::string, std::size_t> seriesIndex;
  std::vector<std::vector<std::string>> xs;                        // per series, x values in first-appearance order
  std::vector<std::map<std::string, std::vector<double>>> samples; // per series, x -> values
  for (std::size_t r = 0; r < t.rows(); ++r) {
    std::string key;
    for (std::size_t p = 0; p < t.params.size(); ++p)
      if (p != param)
        key += (key.empty() ? "" : ", ") + t.params[p] + "=" + t.paramValues[r][p];
    auto [it, added] = seriesIndex.try_emplace(key, seriesKeys.size());
    if (added) {
      seriesKeys.push_back(key);
      xs.emplace_back();
      samples.emplace_back();
    }
    const std::string& x = t.paramValues[r][param];
    auto& bucket = samples[it->second];
    if (bucket.find(x) == bucket.end())
      xs[it->second].push_back(x);
    double v = t.values[r][metric];
    auto& values = bucket[x];
    if (!std::isnan(v))
      values.push_back(v);
  }
  for (std::size_t s = 0; s < seriesKeys.size(); ++s) {
    SweepSeries series;
    series.label = seriesKeys[s].empty() ? plot.metric : seriesKeys[s];
    for (const std::string& x : xs[s]) {
      const std::vector<double>& v = samples[s][x];
      SweepPoint p;
      p.x = x;
      if (plot.numericX)
        parseNumber(x, p.xNumber);
      p.n = v.size();
      if (!v.empty()) {
        double sum = 0;
        for (double d : v)
          sum += d;
        p.mean = sum / static_cast<double>(v.size());
        double sq = 0;
        for (double d : v)
          sq += (d - p.mean) * (d - p.mean);
        p.stddev = v.size() > 1 ? std::sqrt(sq / static_cast<double>(v.size() - 1)) : 0;
        p.min = *std::min_element(v.begin(), v.end());
        p.max = *std::max_element(v.begin(), v.end());
      }
      series.points.push_back(p);
    }
    if (plot.numericX)
      std::stable_sort(series.points.begin(), series.points.end(),
                       [](const SweepPoint& a, const SweepPoint& b) { return a.xNumber < b.xNumber; });
    plot.series.push_back(std::move(series));
  }
  return plot;
}

} // namespace visualize
