// js: an IoT.js application (a JavaScript file) on the node, as `iotjs FILE ARGS` would run
// it on the device. Each node of a group runs its own copy in its own heap; the script learns
// who it is from process.env (NODE_NAME, NODE_GROUP, NODE_INDEX) and process.argv. Its
// console output goes into the trace under the node's name; its exit code is counted
// (`exits`, and `failures` for a code other than 0), its heap at the end in `heapBytes` (summed
// over the instances); require('netbed') reports metrics of its
// own (js.messages, js.latency, js.<counter>). Date and Math.random are the run's:
// simulated time from 2026-01-01T00:00:00Z and the run's seed.
#include "net/js/js.h"
#include "sim/apps/builtin.h"

namespace sim::apps {

namespace {

constexpr double kEpochMs = 1767225600000.0; // 2026-01-01T00:00:00Z

class JsApp final : public App {
public:
  void start(AppEnv& env) override {
    env_ = &env;
    net::js::ScriptOptions o;
    o.args = env.params.list("args");
    o.env = {{"NODE_NAME", env.node}, {"NODE_GROUP", env.group}, {"NODE_INDEX", std::to_string(env.index)}};
    o.compat = env.params.text("compat") == "iotjs" ? net::js::Compat::IoTjs : net::js::Compat::Node;
    o.epochMs = kEpochMs;
    o.randomSeed = env.seed;
    o.output = [this](net::js::Output out, std::string_view text) {
      if (!text.empty() && text.back() == '\n')
        text.remove_suffix(1);
      env_->metrics.log(out == net::js::Output::Stdout ? "stdout" : "stderr", std::string(text));
    };
    o.onExit = [this](int code) {
      env_->metrics.log("exit", std::to_string(code));
      env_->metrics.add("exits");
      if (code != 0)
        env_->metrics.add("failures");
    };
    o.metric = [this](const std::string& kind, const std::string& name, double value) {
      if (kind == "message")
        env_->metrics.message(static_cast<std::uint64_t>(value));
      else if (kind == "latency")
        env_->metrics.latency(net::Duration(static_cast<std::int64_t>(value)));
      else
        env_->metrics.add(name, value);
    };
    script_ = std::make_unique<net::js::Script>(env.net, std::move(o));
    script_->start(env.params.text("script"));
  }

  void stop() override {
    if (!script_)
      return;
    script_->finish(); // process 'exit': the script's own asserts run now
    env_->metrics.add("heapBytes", static_cast<double>(script_->heapBytes()));
  }

private:
  AppEnv* env_ = nullptr;
  std::unique_ptr<net::js::Script> script_;
};

} // namespace

AppInfo jsApp() {
  AppInfo info{
      "js",
      "an IoT.js application: runs the JavaScript file `script` (net/js/README.md)",
      {{"script", ParamType::File, "", "the script, relative to the scenario file", 0, 9e18, {}},
       {"args", ParamType::List, "", "process.argv[2...]", 0, 9e18, {}},
       {"compat", ParamType::String, "node", "node, or iotjs for IoT.js's own behaviour", 0, 9e18, {"node", "iotjs"}}},
      false,
      [] { return std::make_unique<JsApp>(); }};
  info.check = [](const Params& p) {
    std::string err = net::js::checkSyntax(p.text("script"));
    return err.empty() ? err : "a script that compiles: " + err;
  };
  return info;
}

} // namespace sim::apps
