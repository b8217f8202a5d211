// The run report (issue 6): `netbed-report DIR` and `netbed report DIR` call writeReport.
//
//   DIR with trace.jsonl (a run; summary.json, metrics.csv, topology.json used when present)
//     -> DIR/report.html, one self-contained page (no network access needed)
//   DIR with results.csv (a sweep)
//     -> DIR/report.html and DIR/plots/<metric>-vs-<param>.svg
//
// The file formats are the contract of scenarios/OUTPUTS.md. Bad input throws
// visualize::InputError whose message names the file, the line and the key.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "visualize/input_error.h"

namespace visualize {

struct Options {
  std::size_t maxBins = 240;                // timeline and metrics bins
  std::size_t maxGroups = 24;               // timeline rows; the quietest groups past it are merged
  std::size_t maxConnections = 20'000;      // connections listed (those with trouble kept first)
  std::size_t maxEventsPerConnection = 400; // per connection: the first 3/4 and the last 1/4 kept
  std::size_t cdfPoints = 400;
};

struct Written {
  std::string html;               // the page's path
  std::vector<std::string> plots; // a sweep's SVG files
  std::vector<std::string> notes; // what was capped, guessed or missing (also shown on the page)
};

Written writeReport(const std::string& dir, const Options& options = {});

// The data the page renders, for tests and tools: a run's, or a sweep's with its SVG plots
// (file name, content) in `svgs`.
nlohmann::json runData(const std::string& dir, const Options& options = {});
nlohmann::json sweepData(const std::string& dir, std::vector<std::pair<std::string, std::string>>& svgs);

// The page: the template of web/ with the CSS, the scripts and `data` inlined.
std::string renderPage(const nlohmann::json& data);

} // namespace visualize
