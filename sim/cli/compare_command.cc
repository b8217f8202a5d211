// netbed compare: one scenario on two backends, side by side (sim/scenario/compare.h).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sim/cli/commands.h"
#include "sim/kernel/probe.h"
#include "sim/scenario/compare.h"
#include "sim/scenario/compare_capture.h"
#include "sim/scenario/loader.h"

namespace sim::cli {

int compare(const CompareArgs& a) {
  const RunArgs& ra = a.run;
  std::optional<scenario::Scenario> loaded = loadRunScenario(ra);
  if (!loaded)
    return kUsage;
  const scenario::Scenario& s = *loaded;
  std::vector<std::string> backends;
  for (std::size_t from = 0; from <= a.backends.size();) {
    std::size_t comma = std::min(a.backends.find(',', from), a.backends.size());
    backends.push_back(a.backends.substr(from, comma - from));
    from = comma + 1;
  }
  // Refused before anything runs: the kernel backend's own line, its own exit status.
  for (const auto& b : backends)
    if (b == "kernel" && !kernel::probe().netAdmin) {
      std::fprintf(stderr, "netbed compare: %s: cannot run: %s\n", ra.file.c_str(), kernel::capabilityHint().c_str());
      return kUsage;
    }
  const std::string out = ra.out.empty() ? "netbed-out/" + s.name + "-compare" : ra.out;
  scenario::CompareSide side[2];
  for (int i = 0; i < 2; ++i) {
    scenario::RunOptions o;
    o.backend = backendKind(backends[static_cast<std::size_t>(i)]);
    o.outDir = out + "/" + backends[static_cast<std::size_t>(i)];
    // The kernel backend writes no pcap files: netbed compare captures in its namespaces. The OS
    // backend writes none either (a note says so): its segment rows are "-".
    bool capture = o.backend == scenario::BackendKind::Kernel;
    o.pcap = !capture;
    o.progress = !ra.quiet && isatty(2);
    o.stopOnSignals = true;
    std::vector<std::string> names;
    for (const auto& n : s.nodes)
      names.push_back(n.name);
    scenario::KernelCapture packets(names, o.outDir);
    o.note = notesUnlessQuiet(ra);
    if (capture)
      o.onKernelNamespaces = [&ra, &packets](const std::string& prefix) {
        std::string why;
        if (!packets.start(prefix, why) && !ra.quiet)
          std::fprintf(stderr, "note: netbed compare: %s\n", why.c_str());
      };
    side[i].backend = backends[static_cast<std::size_t>(i)];
    try {
      side[i].result = scenario::runScenario(s, o);
      if (capture && !(side[i].result.pcapFiles = packets.finish()).empty()) // summary.json lists them
        scenario::writeSummary(s, o, side[i].result, o.outDir + "/summary.json");
      side[i].tcp = scenario::readTcpCounts(o.outDir, side[i].result.pcapFiles);
    } catch (const scenario::ScenarioError& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return kUsage;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "netbed compare: %s: cannot run on %s: %s\n", ra.file.c_str(), side[i].backend.c_str(),
                   e.what());
      return kUsage;
    }
    if (!side[i].result.stopped.empty())
      std::fprintf(stderr,
                   "netbed compare: %s: the %s run stopped early (%s); its rows hold what happened until then\n",
                   ra.file.c_str(), side[i].backend.c_str(), side[i].result.stopped.c_str());
  }
  std::vector<scenario::CompareRow> rows = scenario::compareRows(s, side[0], side[1]);
  {
    std::ofstream f(out + "/compare.json", std::ios::binary);
    f << scenario::compareJson(s, side[0], side[1], backends, rows).dump(2) << "\n";
    if (!f) {
      std::fprintf(stderr, "netbed compare: %s/compare.json: cannot write\n", out.c_str());
      return kUsage;
    }
  }
  std::printf("scenario  %s (%s), seed %llu, run %llu: %s vs %s\n", s.name.c_str(), s.file.c_str(),
              static_cast<unsigned long long>(s.seed), static_cast<unsigned long long>(s.run), backends[0].c_str(),
              backends[1].c_str());
  std::printf("outputs   %s/ (compare.json %s/ %s/)\n", out.c_str(), backends[0].c_str(), backends[1].c_str());
  std::fputs(scenario::formatCompare(rows, backends[0], backends[1]).c_str(), stdout);
  bool ok = true;
  for (const auto& x : side)
    ok = ok && x.result.passed && x.result.stopped.empty();
  std::printf("%s\n", ok ? "both runs complete, every expectation holds on both"
                         : "FAILED: an expectation failed or a run stopped early (the rows say which)");
  int status = ok ? kOk : kFailed;
  if (ra.report) {
    std::string tool = findReport();
    if (tool.empty()) {
      std::fprintf(stderr, "netbed compare: netbed-report not found: no report written\n");
      return kUsage;
    }
    for (const auto& b : backends)
      if (spawnWait({tool, out + "/" + b}) != 0) {
        std::fprintf(stderr, "netbed compare: netbed-report %s/%s failed\n", out.c_str(), b.c_str());
        status = kUsage;
      }
  }
  return status;
}

} // namespace sim::cli
