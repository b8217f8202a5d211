// Applications a scenario starts on its nodes, and how a program adds its own.
//
// An application is C++ written only against the `net` API (net/net.h), so it runs on the
// simulated network and on real sockets alike. It declares its parameters (names, types,
// defaults: the scenario loader checks a file against them before anything runs) and
// reports what it measured through Metrics.
//
//   class Blink final : public sim::apps::App {
//     void start(sim::apps::AppEnv& env) override {
//       env.net.setInterval(env.params.duration("period"), [&env] { env.metrics.add("blinks"); });
//     }
//   };
//   sim::apps::registerApp({"blink", "blinks forever", {{"period", sim::apps::ParamType::Duration, "1s"}},
//                        false, [] { return std::make_unique<Blink>(); }});
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "net/net.h"

namespace sim::apps {

enum class ParamType {
  Integer,  // 42
  Number,   // 0.25 (or "25%")
  Duration, // "5ms"
  Bytes,    // "16KiB"
  String,   // any text, or one of `choices`
  Host,     // a node's name (checked against the scenario's nodes) or an IPv4 address
  Boolean,  // true / false
  File,     // a path, relative to the scenario file; the loader checks that the file exists
  List,     // a list of strings: [a, b] (a single value is a list of one)
};
const char* typeName(ParamType type);

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::String;
  std::string defaultValue; // as a scenario would write it; empty: the parameter is required (a List: empty)
  std::string doc;
  double min = 0; // inclusive bounds of Integer, Number, Duration (ns) and Bytes
  double max = 9e18;
  std::vector<std::string> choices; // String: the allowed values (empty: any)
};

struct ParamValue {
  std::int64_t integer = 0; // Integer, Duration (ns), Bytes
  double number = 0;        // Number
  std::string text;         // String, Host; File: the resolved path; for every type, the text it was written as
  bool boolean = false;
  std::vector<std::string> list; // List
};

// Parses `text` as a value of spec's type within its bounds. On failure returns false and
// says what was expected ("a duration >= 0 such as 5ms").
bool parseParam(const ParamSpec& spec, const std::string& text, ParamValue& out, std::string& expected);

// An application instance's parameters, complete (defaults filled in) and checked.
class Params {
public:
  std::int64_t integer(const std::string& name) const { return get(name).integer; }
  double number(const std::string& name) const { return get(name).number; }
  net::Duration duration(const std::string& name) const { return net::Duration(get(name).integer); }
  std::uint64_t bytes(const std::string& name) const { return static_cast<std::uint64_t>(get(name).integer); }
  const std::string& text(const std::string& name) const { return get(name).text; }
  bool boolean(const std::string& name) const { return get(name).boolean; }
  const std::vector<std::string>& list(const std::string& name) const { return get(name).list; }
  int port(const std::string& name) const { return static_cast<int>(get(name).integer); }

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }
  const std::map<std::string, ParamValue>& all() const { return values_; }

private:
  const ParamValue& get(const std::string& name) const;
  std::map<std::string, ParamValue> values_;
};

// What an application reports; the runner writes it to metrics.csv and summary.json.
class Metrics {
public:
  virtual ~Metrics() = default;
  // One message delivered whole: counts a message and its bytes (a "bytes" sample).
  virtual void message(std::uint64_t bytes) = 0;
  // The latency of one completed message or request (a "latencyNs" sample).
  virtual void latency(net::Duration latency) = 0;
  // Any other counter (summed over the application's instances): "errors", "reconnects"...
  virtual void add(const std::string& counter, double amount = 1) = 0;
  // The application finished its work (only apps registered with `finishes`). A run ends
  // once every such application has finished.
  virtual void done() = 0;
  // A line the application printed ("stdout", "stderr"): into the run's trace.
  virtual void log(const std::string& stream, const std::string& text) {
    (void)stream;
    (void)text;
  }
};

// What an application instance is given. It lives as long as the instance.
struct AppEnv {
  net::Context& net;
  const Params& params;
  Metrics& metrics;
  std::string node;       // "sensor-17"
  std::string group;      // "sensor" (a single node is its own group)
  int index = 1;          // 17: the node's number in its group (1 for a single node)
  std::uint64_t seed = 1; // for the application's own random draws: fixed by the run's seed
};

class App {
public:
  virtual ~App() = default;
  // Called at the application's start time (again after its node reboots, on a new instance).
  virtual void start(AppEnv& env) = 0;
  // The run has ended (its node still exists): a last word before the results are made.
  virtual void stop() {}
};

struct AppInfo {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;
  bool finishes = false; // a client that ends (and calls Metrics::done), not a daemon
  std::function<std::unique_ptr<App>()> make;
  // A check of the parameters beyond their types, run by the loader (netbed validate):
  // empty when they are fine, else what is wrong ("app.js:3: SyntaxError: ...").
  std::function<std::string(const Params&)> check = {};
};

// Adds an application under its name; throws std::invalid_argument for a name taken.
void registerApp(AppInfo info);
// nullptr when no application has that name. The built-in ones are always there.
const AppInfo* findApp(const std::string& name);
// Every registered application, by name.
std::vector<const AppInfo*> registeredApps();

} // namespace sim::apps
