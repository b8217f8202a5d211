// netbed js FILE [ARGS...]: an IoT.js script on real sockets, as `iotjs FILE` runs it.
#include <cstdio>
#include <cstdlib>

#include "net/js/js.h"
#include "sim/apps/units.h"
#include "sim/cli/commands.h"
#include "sim/world.h"

extern char** environ;

namespace netbed::cli {

namespace {

const char* kJsHelp = R"(usage: netbed js [options] FILE [ARGS...]
runs the IoT.js application FILE until it has nothing left to do, as `iotjs FILE` does; ARGS
are process.argv[2...]. The modules: net, events, timers, buffer, console, process, assert,
dns, util, stream and the script's own files (net/js/README.md).
  --backend os     this host's real sockets (default); process.env is this process's
  --backend sim    one simulated node (ns-3) named `host`: simulated time, Date and
                   Math.random from --seed; process.env holds only NODE_NAME, NETBED_BACKEND
  --seed N         the simulated run's seed (default 1)
  --until TIME     stop a simulated run at this simulated time (default 1h)
  --compat iotjs   IoT.js's behaviour where it differs from Node's (write after end throws,
                   listen errors as numbers, server._socketCount); default: node
  --check          only compile FILE: prints FILE:LINE: SyntaxError: ... and exits 1 on error
process.env.NETBED_BACKEND is "os" or "sim".
exit status: the script's: 0, 1 after an uncaught exception, 2 when an 'exit' listener threw,
n after process.exit(n); 2 also for bad usage
)";

constexpr double kEpochMs = 1767225600000.0; // 2026-01-01T00:00:00Z, as the js app

int runOnSim(const std::string& file, net::js::ScriptOptions options, std::uint64_t seed, std::int64_t untilNs) {
  sim::World world(seed);
  sim::Node& node = world.node("host");
  options.env = {{"NODE_NAME", "host"}, {"NETBED_BACKEND", "sim"}};
  options.epochMs = kEpochMs;
  options.randomSeed = seed;
  int code = 0;
  {
    net::js::Script script(node.net(), std::move(options));
    script.start(file);
    if (!world.run(net::Duration(untilNs)))
      std::fprintf(stderr, "netbed js: stopped at the simulated time limit (--until) with work left\n");
    code = script.finish();
  }
  node.net().reset();
  return code;
}

} // namespace

int js(const Args& args) {
  net::js::ScriptOptions options;
  options.argv0 = selfPath();
  bool check = false, simulated = false;
  std::uint64_t seed = 1;
  std::int64_t untilNs = 3600'000'000'000;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kJsHelp, stdout);
      return kOk;
    }
    if (a == "--check") {
      check = true;
    } else if (a == "--backend") {
      if (i + 1 >= args.size() || (args[i + 1] != "os" && args[i + 1] != "sim"))
        return usage("js", "--backend: expected os or sim");
      simulated = args[++i] == "sim";
    } else if (a == "--seed") {
      std::int64_t n = 0;
      if (i + 1 >= args.size() || !units::parseInteger(args[i + 1], n) || n < 0)
        return usage("js", "--seed: expected a non-negative integer");
      seed = static_cast<std::uint64_t>(n);
      ++i;
    } else if (a == "--until") {
      if (i + 1 >= args.size() || !units::parseDuration(args[i + 1], untilNs) || untilNs <= 0)
        return usage("js", "--until: expected a positive duration such as 60s");
      ++i;
    } else if (a == "--compat") {
      if (i + 1 >= args.size())
        return usage("js", "--compat needs a value: node or iotjs");
      const std::string& v = args[++i];
      if (v != "node" && v != "iotjs")
        return usage("js", "--compat: expected node or iotjs, got '" + v + "'");
      options.compat = v == "iotjs" ? net::js::Compat::IoTjs : net::js::Compat::Node;
    } else if (a.size() > 1 && a[0] == '-' && a != "--") {
      return usage("js", "unknown option '" + a + "'");
    } else {
      if (a == "--")
        ++i;
      break;
    }
  }
  if (i >= args.size())
    return usage("js", "no script given");
  const std::string file = args[i];
  if (check) {
    std::string err = net::js::checkSyntax(file);
    if (!err.empty()) {
      std::fprintf(stderr, "%s\n", err.c_str());
      return kFailed;
    }
    return kOk;
  }
  options.args.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
  if (simulated)
    return runOnSim(file, std::move(options), seed, untilNs);
  options.env.emplace_back("NETBED_BACKEND", "os");
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos)
      options.env.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return net::js::runOnOs(file, std::move(options));
}

} // namespace netbed::cli
