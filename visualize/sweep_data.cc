// The page data of a sweep: a plot of every metric against every swept parameter.
#include <algorithm>
#include <filesystem>

#include "visualize/report.h"
#include "visualize/run_files.h"
#include "visualize/svg_plot.h"
#include "visualize/sweep_table.h"

namespace visualize {

namespace fs = std::filesystem;
using nlohmann::json;

json sweepData(const std::string& dir, std::vector<std::pair<std::string, std::string>>& svgs) {
  SweepTable t = readSweep(fileIn(dir, "results.csv"));
  std::vector<std::string> notes;
  json plots = json::array();
  std::vector<std::string> constant;
  for (std::size_t m = 0; m < t.metrics.size(); ++m) {
    if (isConstant(t, m)) {
      constant.push_back(t.metrics[m]);
      continue;
    }
    for (std::size_t p = 0; p < t.params.size(); ++p) {
      SweepPlot plot = aggregate(t, m, p);
      std::string file = "plots/" + t.metrics[m] + "-vs-" + t.params[p] + ".svg";
      for (char& c : file)
        if (c == ' ' || c == '\\' || c == ':')
          c = '_';
      std::string svg = renderSweepSvg(plot);
      plots.push_back({{"metric", t.metrics[m]}, {"param", t.params[p]}, {"file", file}, {"svg", svg}});
      svgs.push_back({file, std::move(svg)});
    }
  }
  if (!constant.empty())
    notes.push_back(std::to_string(constant.size()) + " metrics have one value in every run and are not plotted.");
  if (!t.skipped.empty())
    notes.push_back("Columns that are not numbers, not plotted: " + [&] {
      std::string s;
      for (const std::string& k : t.skipped)
        s += (s.empty() ? "" : ", ") + k;
      return s;
    }());
  if (t.params.empty())
    notes.push_back("results.csv has no swept parameter before \"seed\": nothing to plot against.");
  json values = json::object();
  for (std::size_t p = 0; p < t.params.size(); ++p) {
    std::vector<std::string> seen;
    for (const auto& row : t.paramValues)
      if (std::find(seen.begin(), seen.end(), row[p]) == seen.end())
        seen.push_back(row[p]);
    values[t.params[p]] = seen;
  }
  json runs = json::array();
  for (std::size_t r = 0; r < t.rows(); ++r)
    if (fs::exists(fileIn(dir, "runs/" + std::to_string(r) + "/report.html")))
      runs.push_back(r);
  return {{"kind", "sweep"},      {"title", fs::path(dir).filename().string()},
          {"rows", t.rows()},     {"params", t.params},
          {"values", values},     {"metrics", t.metrics},
          {"constant", constant}, {"plots", plots},
          {"runReports", runs},   {"notes", notes}};
}

} // namespace visualize
