// netbed js FILE [ARGS...]: an IoT.js script on real sockets, as `iotjs FILE` runs it.
#include <cstdio>
#include <cstdlib>

#include "net/js/js.h"
#include "net/runtime.h"
#include "sim/cli/commands.h"
#include "sim/world.h"

extern char** environ;

namespace sim::cli {

namespace {

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
  net::Runtime::reset(node.net());
  return code;
}

} // namespace

int js(const JsArgs& a) {
  net::js::ScriptOptions options;
  options.argv0 = selfPath();
  options.compat = a.compat == "iotjs" ? net::js::Compat::IoTjs : net::js::Compat::Node;
  if (a.check) {
    std::string err = net::js::checkSyntax(a.file);
    if (!err.empty()) {
      std::fprintf(stderr, "%s\n", err.c_str());
      return kFailed;
    }
    return kOk;
  }
  options.args = a.args;
  if (a.backend == "sim")
    return runOnSim(a.file, std::move(options), static_cast<std::uint64_t>(a.seed), a.untilNs);
  options.env.emplace_back("NETBED_BACKEND", "os");
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos)
      options.env.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return net::js::runOnOs(a.file, std::move(options));
}

} // namespace sim::cli
