// netbed COMMAND ...: every command's command line (CLI11: options, their types and checks,
// --help, the errors), --version, and the dispatch to the commands (commands.h). The only file
// that includes CLI11, whose header costs seconds in each file that uses it. A new option is a
// field of the command's arguments (commands.h) and one line here:
//   typed(cmd->add_option("--until", a.untilNs, "stop at this simulated time"), kDuration);
// (kSize takes sizes through units::parseBytes, as kDuration takes durations).
#include "sim/cli/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <limits>
#include <string_view>

#include "sim/apps/units.h"
#include "sim/cli/commands.h"

namespace sim::cli {

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

std::string plain(std::int64_t v) { return std::to_string(v); }
std::string plain(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// What a typed option takes: a value in the project's own syntax (sim/apps/units.h: "42",
// "200ms", "16KiB", "5%") within [lo, hi], named `type` in --help. typed() hands it to the
// option's variable as a plain number, or fails naming the option and what it expected.
template <typename T> struct Kind {
  const char* type;
  bool (*parse)(std::string_view, T&);
  T lo, hi;
  const char* expected;
};
// Seeds (32 bits, as a scenario's), and repeats and jobs within the same range.
constexpr Kind<std::int64_t> kPositive{"N", apps::units::parseInteger, 1, 4294967295,
                                       "an integer within [1, 4294967295]"};
constexpr Kind<std::int64_t> kNatural{"N", apps::units::parseInteger, 0, kMaxInt, "a non-negative integer"};
constexpr Kind<std::int64_t> kDuration{"TIME", apps::units::parseDuration, 1, kMaxInt,
                                       "a duration > 0 such as 200ms or 60s"};
constexpr Kind<std::int64_t> kSize{"SIZE", apps::units::parseBytes, 1, kMaxInt, "a size > 0 such as 500MB or 2GiB"};
constexpr Kind<double> kFactor{"X", apps::units::parseNumber, 1, std::numeric_limits<double>::max(), "a number >= 1"};

template <typename T> CLI::Option* typed(CLI::Option* option, const Kind<T>& kind) {
  return option->type_name(kind.type)->transform(CLI::Validator(
      [kind](std::string& text) {
        T v{};
        if (!kind.parse(text, v) || v < kind.lo || v > kind.hi)
          return "expected " + std::string(kind.expected) + ", got '" + text + "'";
        text = plain(v);
        return std::string();
      },
      ""));
}

// An option that takes one of a few words (word|word in --help).
CLI::Option* choice(CLI::Option* option, const std::vector<std::string>& words) {
  std::string type, expected;
  for (std::size_t i = 0; i < words.size(); ++i) {
    type += (i == 0 ? "" : "|") + words[i];
    expected += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  }
  return option->type_name(type)->check(CLI::Validator(
      [words, expected](std::string& text) {
        bool ok = std::find(words.begin(), words.end(), text) != words.end();
        return ok ? std::string() : "expected " + expected + ", got '" + text + "'";
      },
      ""));
}

// A positional argument that must be there.
CLI::Option* argument(CLI::App& cmd, const char* name, std::string& into, const std::string& help) {
  return cmd.add_option(name, into, help)->required()->type_name("");
}

// netbed run FILE and netbed validate FILE: the file and its overrides.
CLI::App* scenario(CLI::App& app, const char* name, const char* about, RunArgs& a) {
  CLI::App* cmd = app.add_subcommand(name, about);
  argument(*cmd, "FILE", a.file, "the scenario file (scenarios/README.md)");
  CLI::Option* seed = typed(cmd->add_option("--seed", "the run's seed (same as --set seed=N)"), kPositive);
  CLI::Option* set = cmd->add_option("--set", a.sets,
                                     "override one value of the file by its dotted path (repeatable):\n"
                                     "--set nodes.sensor.count=100 --set network.links.0.loss=0.1")
                         ->type_name("KEY=VALUE")
                         ->allow_extra_args(false);
  // --seed N is --set seed=N where it was given among the --set: the last one of seed wins.
  cmd->callback([cmd, seed, set, &a] {
    if (seed->count() == 0)
      return;
    std::ptrdiff_t at = 0, sets = 0;
    for (const CLI::Option* o : cmd->parse_order())
      if (o == seed)
        at = sets;
      else if (o == set)
        ++sets;
    a.sets.insert(a.sets.begin() + at, "seed=" + seed->results().back());
  });
  return cmd;
}

void run(CLI::App& app, RunArgs& a) {
  CLI::App* cmd =
      scenario(app, "run", "run a scenario; writes trace.jsonl, summary.json, metrics.csv, topology.json", a);
  cmd->add_option("--out", a.out, "where the outputs go (default: netbed-out/NAME)")->type_name("DIR");
  choice(cmd->add_option("--backend", a.backend,
                         "sim: the simulated network (default); os: real sockets on loopback;\n"
                         "kernel: each node a Linux network namespace (root; sim/kernel/README.md)"),
         {"sim", "os", "kernel"});
  cmd->add_flag("--pcap", a.pcap, "a pcap file per device under DIR/pcap (sim)");
  cmd->add_flag("--netanim", a.netanim, "an ns-3 NetAnim file of the run, DIR/netanim.xml (sim)");
  cmd->add_flag("--report", a.report, "then write the HTML report (netbed-report DIR)");
  cmd->add_flag("--quiet", a.quiet, "print nothing but errors");
  typed(cmd->add_option("--max-wall", a.maxWallNs,
                        "stop the run after this much wall time, building the network included; the outputs "
                        "hold what happened until then and summary.json says complete: false"),
        kDuration);
  typed(cmd->add_option("--max-output", a.maxOutputBytes,
                        "stop the run once trace.jsonl, metrics.csv and the pcap files pass this size, the same way"),
        kSize);
  cmd->footer("SIGINT and SIGTERM stop a run the same way (a second one ends the process at once).\n"
              "exit status: 0 all expectations hold, 1 one failed or the run was stopped early, 2 a bad file or "
              "bad usage");
}

void validate(CLI::App& app, RunArgs& a) {
  scenario(app, "validate", "check a scenario file (and overrides) without running it", a)
      ->footer("exit status: 0 valid, 2 not");
}

void sweep(CLI::App& app, SweepArgs& a) {
  CLI::App* cmd = app.add_subcommand("sweep", "run a scenario over a grid of parameters (--param key=v1,v2 ...)");
  cmd->add_option("FILE", a.file, "the scenario file (required, but not with --collect)")->type_name("");
  cmd->add_option("--param", a.params,
                  "a dotted key of the file (as --set) and its values; the runs are the\n"
                  "cartesian product of every --param (required, repeatable)")
      ->type_name("KEY=V1,V2")
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](std::string& p) {
            auto eq = p.find('=');
            bool ok = eq != std::string::npos && eq != 0 && eq + 1 != p.size();
            return ok ? std::string() : "expected KEY=V1,V2,..., got '" + p + "'";
          },
          ""));
  typed(cmd->add_option("--repeat", a.repeat, "K runs of each combination (default 1)"), kPositive)->type_name("K");
  typed(cmd->add_option("--jobs", a.jobs, "J runs at a time (default 1); each is `netbed run` in its own process"),
        kPositive)
      ->type_name("J");
  cmd->add_option("--out", a.out, "DIR/results.csv, DIR/jobs.json, and each run's outputs in DIR/runs/INDEX/")
      ->type_name("DIR");
  cmd->add_option("--set", a.sets, "an override common to every run (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  typed(cmd->add_option("--seed", a.seed,
                        "the base seed (default: the file's); run INDEX gets seed N + INDEX,\n"
                        "unless seed is itself a --param"),
        kPositive);
  choice(cmd->add_option("--backend", a.backend, "as for netbed run"), {"sim", "os", "kernel"});
  cmd->add_flag("--emit-jobs", a.emitJobs,
                "do not run: write DIR/jobs.txt (one command per line, for GNU parallel:\n"
                "parallel -j8 < DIR/jobs.txt) and DIR/slurm.sh (a Slurm job array), then\n"
                "merge with: netbed sweep --collect DIR. Each run's memory is estimated\n"
                "from its number of nodes (DIR/jobs.json: memMiB); slurm.sh requests the\n"
                "largest (--mem)");
  cmd->add_option("--collect", a.collect,
                  "merge DIR/runs/*/summary.json into DIR/results.csv: netbed sweep --collect DIR")
      ->type_name("DIR");
  cmd->footer("exit status: 0 every run passed, 1 a run failed its expectations, 2 bad usage or a run that\n"
              "could not run");
  cmd->callback([&a] {
    if (!a.collect.empty()) {
      if (!a.file.empty() || !a.params.empty())
        throw CLI::ValidationError("--collect DIR takes no scenario or parameters");
      return;
    }
    if (a.file.empty())
      throw CLI::RequiredError("a scenario FILE");
    if (a.out.empty())
      throw CLI::RequiredError("--out DIR");
    if (a.params.empty())
      throw CLI::RequiredError("at least one --param KEY=V1,V2,...");
  });
}

void compare(CLI::App& app, CompareArgs& a) {
  CLI::App* cmd =
      scenario(app, "compare", "run a scenario on two backends (sim, kernel) and print both side by side", a.run);
  cmd->add_option("--backends", a.backends, "the two backends, in the table's order (default sim,kernel)")
      ->type_name("A,B")
      ->check(CLI::Validator(
          [](std::string& text) {
            static const std::vector<std::string> known = {"sim,os",    "sim,kernel", "os,sim",
                                                           "os,kernel", "kernel,sim", "kernel,os"};
            bool ok = std::find(known.begin(), known.end(), text) != known.end();
            return ok ? std::string()
                      : "expected two different backends of sim, os and kernel such as sim,kernel, got '" + text + "'";
          },
          ""));
  cmd->add_option("--out", a.run.out,
                  "DIR/compare.json, and each run's outputs in DIR/BACKEND/\n(default: netbed-out/NAME-compare)")
      ->type_name("DIR");
  cmd->add_flag("--report", a.run.report,
                "then write each run's HTML report (netbed-report DIR/BACKEND), with the\n"
                "comparison as its section \"compare\"");
  cmd->add_flag("--quiet", a.run.quiet, "print the table only (no notes, no progress)");
  cmd->footer("The table: the run's time, every expectation (pass or FAIL, and what each run measured), every\n"
              "application metric, latency percentiles, each node's first error of each code, TCP segments.\n"
              "The simulator writes pcap files; on the kernel backend netbed compare captures in each node's\n"
              "namespace (a packet socket); the OS backend has none: its TCP rows are \"-\", as is any value a\n"
              "run does not have. diff is the second value minus the first, ratio the second over the first.\n"
              "exit status: 0 both runs complete and every expectation holds on both, 1 an expectation failed\n"
              "on either (the table is printed all the same) or a run was stopped early, 2 a bad file, bad\n"
              "usage, or a backend that cannot run here (the kernel backend without CAP_NET_ADMIN: its line)");
}

void js(CLI::App& app, JsArgs& a) {
  CLI::App* cmd = app.add_subcommand("js", "run an IoT.js application on this host's real sockets (as iotjs FILE)");
  argument(*cmd, "FILE", a.file,
           "the IoT.js application, run until it has nothing left to do, as `iotjs FILE`\n"
           "does. The modules: net, events, timers, buffer, console, process, assert,\n"
           "dns, util, stream and the script's own files (net/js/README.md)");
  cmd->add_option("ARGS", a.args, "process.argv[2...]; everything after FILE, as given")->type_name("");
  cmd->positionals_at_end();
  choice(cmd->add_option("--backend", a.backend,
                         "os: this host's real sockets (default); process.env is this process's\n"
                         "sim: one simulated node (ns-3) named `host`: simulated time, Date and\n"
                         "Math.random from --seed; process.env holds only NODE_NAME, NETBED_BACKEND"),
         {"os", "sim"});
  typed(cmd->add_option("--seed", a.seed, "the simulated run's seed (default 1)"), kNatural);
  typed(cmd->add_option("--until", a.untilNs, "stop a simulated run at this simulated time (default 1h)"), kDuration);
  choice(cmd->add_option("--compat", a.compat,
                         "iotjs: IoT.js's behaviour where it differs from Node's (write after end\n"
                         "throws, listen errors as numbers, server._socketCount); default: node"),
         {"node", "iotjs"});
  cmd->add_flag("--check", a.check, "only compile FILE: prints FILE:LINE: SyntaxError: ... and exits 1 on error");
  cmd->footer("process.env.NETBED_BACKEND is \"os\" or \"sim\".\n"
              "exit status: the script's: 0, 1 after an uncaught exception, 2 when an 'exit' listener threw,\n"
              "n after process.exit(n); 2 also for bad usage");
}

void checkPcap(CLI::App& app, CheckPcapArgs& a) {
  CLI::App* cmd = app.add_subcommand("check-pcap", "check TCP (FINs, ACKs, timestamps, RTOs) on a run's pcap files");
  argument(*cmd, "DIR", a.dir, "the pcap files, in DIR or DIR/pcap (a run's output with --pcap)");
  cmd->add_flag("--json", a.json, "the summary and the violations as one JSON object on stdout");
  choice(cmd->add_option("--profile", a.profile,
                         "the TCP profile the run used: linux (default: min RTO 200 ms, initial\n"
                         "RTO 1 s, max 120 s) or ns3 (1 s, 3 s, 60 s)"),
         {"linux", "ns3"});
  typed(cmd->add_option("--min-rto", a.minRtoNs, "the minimum RTO (e.g. 200ms, 1s)"), kDuration);
  typed(cmd->add_option("--rto-slack", a.rtoSlack, "a timeout may take up to X times the RTO (default 3)"), kFactor);
  cmd->footer("checks each side of each connection from its own node's capture:\n"
              "  1 fin-once           a FIN is sent once; retransmitted only unacknowledged, never moved\n"
              "  2 fin-ack-plus-one   an in-order FIN is acknowledged with its seq + 1\n"
              "  3 quiet-after-close  after both FINs are acknowledged: only ACKs answering a segment, RSTs\n"
              "  4 tsecr-echo         TSecr echoes TS.Recent (RFC 7323 4.3)\n"
              "  5 rto-bounds         retransmission timeouts within RFC 6298 of the measured RTT\n"
              "  6 stream             ACKs never go back, past what was sent, or past a hole\n"
              "exit status: 0 every rule holds, 1 a rule is broken (each violation printed), 2 no pcap file,\n"
              "an unreadable file or bad usage\n"
              "rules in detail: sim/check/README.md");
}

void report(CLI::App& app, std::string& dir) {
  argument(*app.add_subcommand("report", "an HTML report of a run's output (netbed-report)"), "DIR", dir,
           "a run's output (trace.jsonl; summary.json, metrics.csv, topology.json when\n"
           "present) or a sweep's (results.csv): writes DIR/report.html, and DIR/plots/*.svg\n"
           "for a sweep");
}

// An argument the command does not know is what to say first (CLI11 checks the required ones
// before), in the order given (CLI11 2.1 reverses it).
std::string message(const CLI::App& cmd, const CLI::ParseError& e) {
  if (cmd.remaining_size() == 0 ||
      !(dynamic_cast<const CLI::RequiredError*>(&e) || dynamic_cast<const CLI::ExtrasError*>(&e)))
    return e.what();
  std::string text = cmd.remaining_size() > 1 ? "The following arguments were not expected:"
                                              : "The following argument was not expected:";
  for (const auto& arg : cmd.remaining())
    text += " " + arg;
  return text;
}

} // namespace

int usage(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "netbed %s: %s\n(netbed %s --help tells the options)\n", command.c_str(), message.c_str(),
               command.c_str());
  return kUsage;
}

int cliMain(int argc, char** argv) {
  CLI::App app("netbed: run IoT networking scenarios on a simulated network (ns-3) or on real sockets", "netbed");
  app.get_formatter()->column_width(26);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast); // --out a --out b: b
  app.require_subcommand(1);
  app.set_version_flag("--version", "netbed 0.1.0");
  RunArgs runArgs, validateArgs;
  SweepArgs sweepArgs;
  CompareArgs compareArgs;
  JsArgs jsArgs;
  CheckPcapArgs checkArgs;
  std::string reportDir;
  run(app, runArgs);
  validate(app, validateArgs);
  sweep(app, sweepArgs);
  compare(app, compareArgs);
  report(app, reportDir);
  app.add_subcommand("apps", "list the applications a scenario can start, with their parameters");
  app.add_subcommand("cleanup",
                     "remove the namespaces (and their interfaces and rules) of kernel-backend runs that died")
      ->footer("a run killed with SIGKILL leaves its namespaces netbed-ID-*; live runs are left alone.\n"
               "exit status: 0 done (also when nothing was left), 2 without root");
  checkPcap(app, checkArgs);
  js(app, jsArgs);
  app.footer("netbed COMMAND --help tells the command's options\n"
             "exit status: 0 all expectations hold, 1 an expectation failed, 2 a bad file or bad usage\n"
             "scenario format: scenarios/README.md");

  if (argc < 2 || std::string(argv[1]) == "help") {
    std::fputs(app.help().c_str(), argc < 2 ? stderr : stdout);
    return argc < 2 ? kUsage : kOk;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kOk;
  } catch (const CLI::CallForVersion& e) {
    std::printf("%s\n", e.what());
    return kOk;
  } catch (const CLI::ParseError& e) {
    if (!app.get_subcommands().empty())
      return usage(app.get_subcommands().front()->get_name(), message(*app.get_subcommands().front(), e));
    std::string names;
    for (const CLI::App* c : app.get_subcommands([](const CLI::App*) { return true; }))
      names += (names.empty() ? "" : ", ") + c->get_name();
    std::fprintf(stderr, "netbed: unknown command '%s' (%s; netbed --help)\n", argv[1], names.c_str());
    return kUsage;
  }
  const std::string command = app.get_subcommands().front()->get_name();
  try {
    if (command == "run")
      return run(runArgs);
    if (command == "validate")
      return validate(validateArgs);
    if (command == "sweep")
      return sweep(sweepArgs);
    if (command == "compare")
      return compare(compareArgs);
    if (command == "report")
      return report(reportDir);
    if (command == "apps")
      return apps();
    if (command == "cleanup")
      return cleanup();
    if (command == "check-pcap")
      return checkPcap(checkArgs);
    return js(jsArgs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netbed %s: %s\n", command.c_str(), e.what());
    return kUsage;
  }
}

} // namespace sim::cli
