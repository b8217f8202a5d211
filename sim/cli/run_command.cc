// netbed run, netbed validate, netbed report, netbed apps.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "sim/apps/units.h"
#include "sim/cli/commands.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/nic_choice.h"
#include "sim/scenario/runner.h"

namespace sim::cli {

namespace {

std::string seconds(std::int64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(ns) / 1e9);
  return buf;
}

} // namespace

std::optional<scenario::Scenario> loadRunScenario(const RunArgs& a) {
  try {
    return scenario::loadScenario(a.file, a.sets);
  } catch (const scenario::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return std::nullopt;
  }
}

scenario::BackendKind backendKind(const std::string& name) {
  return name == "os"       ? scenario::BackendKind::Os
         : name == "kernel" ? scenario::BackendKind::Kernel
                            : scenario::BackendKind::Sim;
}

std::function<void(const std::string&)> notesUnlessQuiet(const RunArgs& a) {
  return [&a](const std::string& m) {
    if (!a.quiet)
      std::fprintf(stderr, "%s\n", m.c_str());
  };
}

int run(const RunArgs& a) {
  std::optional<scenario::Scenario> loaded = loadRunScenario(a);
  if (!loaded)
    return kUsage;
  const scenario::Scenario& s = *loaded;
  scenario::RunOptions o;
  o.backend = backendKind(a.backend);
  o.outDir = a.out.empty() ? "netbed-out/" + s.name : a.out;
  o.pcap = a.pcap && o.backend == scenario::BackendKind::Sim;
  o.netanim = a.netanim && o.backend == scenario::BackendKind::Sim;
  o.progress = !a.quiet && isatty(2);
  o.maxWallSeconds = static_cast<double>(a.maxWallNs) / 1e9;
  o.maxOutputBytes = static_cast<std::uint64_t>(a.maxOutputBytes);
  o.stopOnSignals = true;
  o.note = notesUnlessQuiet(a);
  scenario::RunResult r;
  try {
    r = scenario::runScenario(s, o);
  } catch (const scenario::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netbed run: %s: cannot run: %s\n", a.file.c_str(), e.what());
    return kUsage;
  }
  std::size_t held = 0;
  for (const auto& e : r.expectations)
    held += e.pass ? 1 : 0;
  if (!a.quiet) {
    std::printf("scenario  %s (%s), seed %llu, run %llu, backend %s\n", s.name.c_str(), s.file.c_str(),
                static_cast<unsigned long long>(s.seed), static_cast<unsigned long long>(s.run), r.backend.c_str());
    std::printf("time      %s %s, %.2f s wall, %llu %s\n", seconds(r.simulatedNs).c_str(),
                r.backend == "sim" ? "simulated" : "(wall clock)", r.wallSeconds,
                static_cast<unsigned long long>(r.events), r.backend == "sim" ? "simulator events" : "net events");
    std::printf("trace     %llu lines, hash %s\n", static_cast<unsigned long long>(r.traceLines), r.traceHash.c_str());
    std::printf("outputs   %s/ (summary.json trace.jsonl metrics.csv topology.json%s)\n", o.outDir.c_str(),
                r.pcapFiles.empty() ? "" : " pcap/");
    for (const auto& e : r.expectations)
      std::printf("  %s  %s: %s\n", e.pass ? "pass" : "FAIL", e.text.c_str(), e.detail.c_str());
    std::printf("%s: %zu of %zu expectations hold\n", r.passed ? "passed" : "FAILED", held, r.expectations.size());
  } else {
    for (const auto& e : r.expectations)
      if (!e.pass)
        std::fprintf(stderr, "FAIL  %s: %s\n", e.text.c_str(), e.detail.c_str());
  }
  // Stopped early: the expectations saw part of the run only, whatever they say.
  if (!r.stopped.empty())
    std::fprintf(stderr, "netbed run: %s: stopped early (%s) at %s simulated; the outputs are incomplete\n",
                 a.file.c_str(), r.stopped.c_str(), seconds(r.simulatedNs).c_str());
  int status = r.passed && r.stopped.empty() ? kOk : kFailed;
  if (a.report) {
    std::string tool = findReport();
    if (tool.empty())
      return execReport({o.outDir}) == kOk ? status : kUsage;
    if (spawnWait({tool, o.outDir}) != 0)
      std::fprintf(stderr, "netbed run: netbed-report %s failed\n", o.outDir.c_str());
  }
  return status;
}

int validate(const RunArgs& a) {
  try {
    scenario::Scenario s = scenario::loadScenario(a.file, a.sets);
    for (const auto& g : s.groups)
      scenario::checkNic(g.nic);
    std::printf("%s: valid: %zu nodes in %zu groups, %zu links, %zu segments, %zu faults, %zu expectations, %s\n",
                a.file.c_str(), s.nodes.size(), s.groups.size(), s.links.size(), s.segments.size(), s.faults.size(),
                s.expectations.size(), apps::units::formatDuration(s.durationNs).c_str());
    return kOk;
  } catch (const scenario::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kUsage;
  }
}

int report(const std::string& dir) { return execReport({dir}); }

int apps() {
  std::printf("applications (in a scenario: apps: [{app: NAME, start: TIME, jitter: TIME, PARAMETER: VALUE...}])\n");
  for (const auto* info : apps::registeredApps()) {
    std::printf("\n%s%s\n  %s\n", info->name.c_str(), info->finishes ? "" : " (runs until the end)",
                info->summary.c_str());
    for (const auto& p : info->params)
      std::printf("  %-12s %-9s %-10s %s\n", p.name.c_str(), apps::typeName(p.type),
                  p.defaultValue.empty() ? (p.type == apps::ParamType::List ? "[]" : "(required)")
                                         : p.defaultValue.c_str(),
                  p.doc.c_str());
  }
  return kOk;
}

} // namespace sim::cli
