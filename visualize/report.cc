// netbed-report's work: which kind of directory, then the page and the plots written.
#include "visualize/report.h"

#include <filesystem>
#include <fstream>

namespace visualize {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string path(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

} // namespace

Written writeReport(const std::string& dir, const Options& options) {
  if (!fs::is_directory(dir))
    throw InputError(dir + ": not a directory");
  Written w;
  json data;
  if (fs::exists(path(dir, "results.csv"))) {
    std::vector<std::pair<std::string, std::string>> svgs;
    data = sweepData(dir, svgs);
    fs::create_directories(path(dir, "plots"));
    for (const auto& [file, svg] : svgs) {
      std::ofstream out(path(dir, file), std::ios::binary);
      out << svg;
      if (!out)
        throw InputError(path(dir, file) + ": cannot write");
      w.plots.push_back(path(dir, file));
    }
  } else {
    if (!fs::exists(path(dir, "trace.jsonl")) && !fs::exists(path(dir, "summary.json")))
      throw InputError(dir + ": neither trace.jsonl (a run) nor results.csv (a sweep)");
    data = runData(dir, options);
  }
  for (const json& n : data["notes"])
    w.notes.push_back(n.get<std::string>());
  w.html = path(dir, "report.html");
  std::ofstream out(w.html, std::ios::binary);
  out << renderPage(data);
  if (!out)
    throw InputError(w.html + ": cannot write");
  return w;
}

} // namespace visualize
