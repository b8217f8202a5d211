// netbed run, netbed validate, netbed report, netbed apps.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "sim/apps/units.h"
#include "sim/cli/commands.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/nic.h"
#include "sim/scenario/runner.h"

namespace netbed::cli {

namespace {

const char* kRunHelp = R"(usage: netbed run FILE [options]
  --seed N           the run's seed (same as --set seed=N)
  --set KEY=VALUE    override one value of the file by its dotted path (repeatable):
                     --set nodes.sensor.count=100 --set network.links.0.loss=0.1
  --out DIR          where the outputs go (default: netbed-out/NAME)
  --backend sim|os   the simulated network (default) or real sockets on loopback
  --pcap             a pcap file per device under DIR/pcap (sim)
  --netanim          an ns-3 NetAnim file of the run, DIR/netanim.xml (sim)
  --report           then write the HTML report (netbed-report DIR)
  --quiet            print nothing but errors
exit status: 0 all expectations hold, 1 one failed, 2 a bad file or bad usage
)";

const char* kValidateHelp = R"(usage: netbed validate FILE [--set KEY=VALUE]... [--seed N]
checks a scenario file (and overrides) without running it; exit status 0 valid, 2 not
)";

struct RunArgs {
  std::string file, out, backend = "sim";
  std::vector<std::string> sets;
  bool pcap = false, netanim = false, report = false, quiet = false, help = false;
};

// Parses the options shared by run and validate; returns an error message or "".
std::string parse(const Args& args, RunArgs& r, bool runOptions) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) -> bool {
      if (i + 1 >= args.size())
        return false;
      into = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      r.help = true;
    } else if (a == "--set") {
      if (!value(v))
        return "--set needs KEY=VALUE";
      r.sets.push_back(v);
    } else if (a == "--seed") {
      std::int64_t seed = 0;
      if (!value(v) || !units::parseInteger(v, seed) || seed < 1 || seed > 4294967295)
        return "--seed needs an integer within [1, 4294967295]";
      r.sets.push_back("seed=" + v);
    } else if (runOptions && a == "--out") {
      if (!value(r.out))
        return "--out needs a directory";
    } else if (runOptions && a == "--backend") {
      if (!value(r.backend) || (r.backend != "sim" && r.backend != "os"))
        return "--backend needs sim or os";
    } else if (runOptions && a == "--pcap") {
      r.pcap = true;
    } else if (runOptions && a == "--netanim") {
      r.netanim = true;
    } else if (runOptions && a == "--report") {
      r.report = true;
    } else if (runOptions && a == "--quiet") {
      r.quiet = true;
    } else if (!a.empty() && a[0] == '-') {
      return "unknown option " + a;
    } else if (r.file.empty()) {
      r.file = a;
    } else {
      return "one scenario file expected, got a second: " + a;
    }
  }
  if (r.file.empty() && !r.help)
    return "a scenario FILE is required";
  return "";
}

std::string seconds(std::int64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(ns) / 1e9);
  return buf;
}

} // namespace

int run(const Args& args) {
  RunArgs a;
  if (auto err = parse(args, a, true); !err.empty())
    return usage("run", err);
  if (a.help) {
    std::fputs(kRunHelp, stdout);
    return kOk;
  }
  Scenario s;
  try {
    s = loadScenario(a.file, a.sets);
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kUsage;
  }
  RunOptions o;
  o.backend = a.backend == "os" ? BackendKind::Os : BackendKind::Sim;
  o.outDir = a.out.empty() ? "netbed-out/" + s.name : a.out;
  o.pcap = a.pcap && o.backend == BackendKind::Sim;
  o.netanim = a.netanim && o.backend == BackendKind::Sim;
  o.progress = !a.quiet && isatty(2);
  o.note = [&a](const std::string& m) {
    if (!a.quiet)
      std::fprintf(stderr, "%s\n", m.c_str());
  };
  RunResult r;
  try {
    r = runScenario(s, o);
  } catch (const ScenarioError& e) {
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
  int status = r.passed ? kOk : kFailed;
  if (a.report) {
    std::string tool = findReport();
    if (tool.empty())
      return execReport({o.outDir}) == kOk ? status : kUsage;
    if (spawnWait({tool, o.outDir}) != 0)
      std::fprintf(stderr, "netbed run: netbed-report %s failed\n", o.outDir.c_str());
  }
  return status;
}

int validate(const Args& args) {
  RunArgs a;
  if (auto err = parse(args, a, false); !err.empty())
    return usage("validate", err);
  if (a.help) {
    std::fputs(kValidateHelp, stdout);
    return kOk;
  }
  try {
    Scenario s = loadScenario(a.file, a.sets);
    for (const auto& g : s.groups)
      checkNic(g.nic);
    std::printf("%s: valid: %zu nodes in %zu groups, %zu links, %zu segments, %zu faults, %zu expectations, %s\n",
                a.file.c_str(), s.nodes.size(), s.groups.size(), s.links.size(), s.segments.size(), s.faults.size(),
                s.expectations.size(), units::formatDuration(s.durationNs).c_str());
    return kOk;
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kUsage;
  }
}

int report(const Args& args) {
  if (args.empty())
    return usage("report", "a run's output DIR is required (netbed report DIR)");
  return execReport(args);
}

int apps(const Args& args) {
  if (!args.empty() && args[0] != "--help")
    return usage("apps", "no arguments expected");
  std::printf("applications (in a scenario: apps: [{app: NAME, start: TIME, jitter: TIME, PARAMETER: VALUE...}])\n");
  for (const auto* info : registeredApps()) {
    std::printf("\n%s%s\n  %s\n", info->name.c_str(), info->finishes ? "" : " (runs until the end)",
                info->summary.c_str());
    for (const auto& p : info->params)
      std::printf("  %-12s %-9s %-10s %s\n", p.name.c_str(), typeName(p.type),
                  p.defaultValue.empty() ? (p.type == ParamType::List ? "[]" : "(required)") : p.defaultValue.c_str(),
                  p.doc.c_str());
  }
  return kOk;
}

} // namespace netbed::cli
