// netbed COMMAND ...: dispatch, --help, --version.
#include "sim/cli/cli.h"

#include <cstdio>
#include <cstring>
#include <exception>

#include "sim/cli/commands.h"

namespace netbed {

namespace {

const char* kHelp = R"(netbed: run IoT networking scenarios on a simulated network (ns-3) or on real sockets

usage: netbed COMMAND [ARGS]
  run FILE       run a scenario; writes trace.jsonl, summary.json, metrics.csv, topology.json
  validate FILE  check a scenario file without running it
  sweep FILE     run a scenario over a grid of parameters (--param key=v1,v2 ...)
  report DIR     an HTML report of a run's output (netbed-report)
  apps           list the applications a scenario can start, with their parameters
  check-pcap DIR check TCP (FINs, ACKs, timestamps, RTOs) on a run's pcap files
  js FILE        run an IoT.js application on this host's real sockets (as iotjs FILE)

  netbed COMMAND --help   the command's options
  netbed --version

exit status: 0 all expectations hold, 1 an expectation failed, 2 a bad file or bad usage
scenario format: scenarios/README.md
)";

} // namespace

namespace cli {

int usage(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "netbed %s: %s\n(netbed %s --help tells the options)\n", command.c_str(), message.c_str(),
               command.c_str());
  return kUsage;
}

} // namespace cli

int cliMain(int argc, char** argv) {
  std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  std::string command = argc > 1 ? argv[1] : "";
  if (command.empty() || command == "--help" || command == "-h" || command == "help") {
    std::fputs(kHelp, command.empty() ? stderr : stdout);
    return command.empty() ? cli::kUsage : cli::kOk;
  }
  if (command == "--version") {
    std::printf("netbed 0.1.0\n");
    return cli::kOk;
  }
  try {
    if (command == "run")
      return cli::run(args);
    if (command == "validate")
      return cli::validate(args);
    if (command == "sweep")
      return cli::sweep(args);
    if (command == "report")
      return cli::report(args);
    if (command == "apps")
      return cli::apps(args);
    if (command == "check-pcap")
      return cli::checkPcap(args);
    if (command == "js")
      return cli::js(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netbed %s: %s\n", command.c_str(), e.what());
    return cli::kUsage;
  }
  std::fprintf(stderr,
               "netbed: unknown command '%s' (run, validate, sweep, report, apps, check-pcap, js; netbed --help)\n",
               command.c_str());
  return cli::kUsage;
}

} // namespace netbed
