// The commands of cliMain, one file each, and what their command lines give them (cli.cc
// parses every command line; a new option is a field here and one line there). Internal to
// sim/cli.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/runner.h"
#include "sim/scenario/scenario.h"

namespace sim::cli {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

// netbed run FILE and netbed validate FILE (which takes only file and sets).
struct RunArgs {
  std::string file, out, backend = "sim";
  std::vector<std::string> sets; // every --set, and --seed N as seed=N where it was given
  bool pcap = false, netanim = false, report = false, quiet = false;
  std::int64_t maxWallNs = 0, maxOutputBytes = 0; // 0: no limit
};

// netbed compare FILE: the file, its overrides, --out, --report and --quiet of a run, and the
// two backends ("sim,kernel").
struct CompareArgs {
  RunArgs run;
  std::string backends = "sim,kernel";
};

// netbed sweep FILE, or netbed sweep --collect DIR.
struct SweepArgs {
  std::string file, out, backend = "sim", collect;
  std::vector<std::string> params, sets;       // params: KEY=V1,V2,...
  std::int64_t repeat = 1, jobs = 1, seed = 0; // seed 0: the file's
  bool emitJobs = false;
};

// netbed js FILE [ARGS...].
struct JsArgs {
  std::string file, backend = "os", compat = "node";
  std::vector<std::string> args; // process.argv[2...]
  std::int64_t seed = 1, untilNs = 3600'000'000'000;
  bool check = false;
};

// netbed check-pcap DIR.
struct CheckPcapArgs {
  std::string dir, profile = "linux";
  std::int64_t minRtoNs = 0; // 0: the profile's
  double rtoSlack = 0;       // 0: the checker's default
  bool json = false;
};

// What netbed run and netbed compare share (run_command.cc): the scenario of args.file with
// its overrides, or nullopt once the loader's message is on stderr (the command exits kUsage);
// a --backend name's kind (sim for any other name: cli.cc checks them); the runner's notes to
// stderr unless --quiet.
std::optional<scenario::Scenario> loadRunScenario(const RunArgs& args);
scenario::BackendKind backendKind(const std::string& name);
std::function<void(const std::string&)> notesUnlessQuiet(const RunArgs& args);

int run(const RunArgs& args);
int validate(const RunArgs& args);
int sweep(const SweepArgs& args);
int compare(const CompareArgs& args);
int report(const std::string& dir);
int apps();
int cleanup();
int checkPcap(const CheckPcapArgs& args);
int js(const JsArgs& args);

// Prints "netbed CMD: MESSAGE" and a hint to --help on stderr; returns kUsage.
int usage(const std::string& command, const std::string& message);

// This program's own path (to run itself), and a tool found next to it or on PATH.
std::string selfPath();
// Starts argv[0] with argv, stdout and stderr to `log` when not empty; -1 when fork fails.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log = "");
// Runs argv[0] with argv, stdout and stderr to `log` when not empty; returns its exit status
// (or -1 when it could not be started). Blocks.
int spawnWait(const std::vector<std::string>& argv, const std::string& log = "");
// Replaces this process with netbed-report (next to this program, in the build tree, or on
// PATH); returns only on failure, after printing why.
int execReport(const std::vector<std::string>& args);
// netbed-report's path, or empty.
std::string findReport();

} // namespace sim::cli
