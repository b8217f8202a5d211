// netbed-report's work: which kind of directory, then the page and the plots written.
#include "visualize/report.h"

#include <filesystem>
#include <fstream>

#include "visualize/run_files.h"

namespace visualize {

namespace fs = std::filesystem;
using nlohmann::json;

Written writeReport(const std::string& dir, const Options& options) {
  if (!fs::is_directory(dir))
    throw InputError(dir + ": not a directory");
  Written w;
  json data;
  if (fs::exists(fileIn(dir, "results.csv"))) {
    std::vector<std::pair<std::string, std::string>> svgs;
    data = sweepData(dir, svgs);
    fs::create_directories(fileIn(dir, "plots"));
    for (const auto& [file, svg] : svgs) {
      std::ofstream out(fileIn(dir, file), std::ios::binary);
      out << svg;
      if (!out)
        throw InputError(fileIn(dir, file) + ": cannot write");
      w.plots.push_back(fileIn(dir, file));
    }
  } else {
    if (!fs::exists(fileIn(dir, "trace.jsonl")) && !fs::exists(fileIn(dir, "summary.json")))
      throw InputError(dir + ": neither trace.jsonl (a run) nor results.csv (a sweep)");
    data = runData(dir, options);
  }
  for (const json& n : data["notes"])
    w.notes.push_back(n.get<std::string>());
  w.html = fileIn(dir, "report.html");
  std::ofstream out(w.html, std::ios::binary);
  out << renderPage(data);
  if (!out)
    throw InputError(w.html + ": cannot write");
  return w;
}

} // namespace visualize
