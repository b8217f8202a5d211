// IoT.js applications on netbed: a script written for `iotjs FILE` runs unchanged on one
// net::Context, with `require('net')` a thin binding over netbed's C++ `net` API (so the
// semantics of net/SEMANTICS.md hold in JavaScript as in C++) and the other modules of an
// IoT.js application (events, timers, Buffer, console, process, assert, dns, util, stream)
// written for netbed in net/js/lib/. net/js/README.md lists what each module offers.
//
// One Script is one Duktape heap bound to one host: nothing is shared between hosts but the
// compiled bytecode of the built-in modules and of scripts (read-only).
//
//   net::js::Script script(ctx, {});
//   script.start("app.js");   // runs the main module; the loop does the rest
//   loop.run();
//   int code = script.finish(); // process 'exit', the exit code
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace net {
class Context;
}

namespace net::js {

// What a script sees where IoT.js and Node differ (net/js/README.md, "compat").
enum class Compat {
  Node,  // Node.js v20's behaviour (the default)
  IoTjs, // IoT.js's: write after end() throws, listen errors as numbers, server._socketCount
};

enum class Output { Stdout, Stderr };

struct ScriptOptions {
  std::vector<std::string> args;                        // process.argv[2...]
  std::vector<std::pair<std::string, std::string>> env; // process.env, in this order
  Compat compat = Compat::Node;
  std::string argv0 = "iotjs"; // process.argv[0]
  // console.*, process.stdout/stderr and uncaught exceptions; default: this process's.
  std::function<void(Output, std::string_view text)> output;
  // A simulated host: Date and Date.now() read the context's clock from this epoch (ms since
  // 1970), and Math.random() draws from this seed, so that a run repeats bit for bit.
  // Unset: the wall clock and an engine-seeded generator (real sockets).
  std::optional<double> epochMs;
  std::optional<std::uint64_t> randomSeed;
  // Told once when the script exits (process.exit, an uncaught exception, or finish()).
  std::function<void(int code)> onExit;
  // What the script reports through require('netbed') (a scenario's metrics): kind is
  // "message" (value: bytes), "latency" (value: ns) or "counter" (name, value); unset: no-ops.
  std::function<void(const std::string& kind, const std::string& name, double value)> metric;
};

class Engine;

class Script {
public:
  Script(net::Context& ctx, ScriptOptions options);
  ~Script();
  Script(const Script&) = delete;
  Script& operator=(const Script&) = delete;

  // Loads and runs the main module. An exception it throws is an uncaught exception: the
  // message and stack go to stderr and the script exits with 1 (as iotjs).
  void start(const std::string& path);
  // process.exit() was called or an exception went uncaught: the script's handles are gone.
  bool exited() const;
  // Emits process 'exit' once (if the script has not exited yet) and returns the exit
  // code: process.exitCode or 0; 1 after an uncaught exception; 2 when an 'exit' listener
  // threw; n after process.exit(n).
  int finish();
  int exitCode() const;
  // Bytes the heap holds now (Duktape's allocations), and after a full collection.
  std::size_t heapBytes() const;
  void collectGarbage();

private:
  std::unique_ptr<Engine> engine_;
};

// Compiles `path` (a script or module) without running it: empty when it compiles, else
// "path:line: SyntaxError: message". Also for unreadable files.
std::string checkSyntax(const std::string& path);

// `netbed js FILE [args]`: runs FILE on real sockets until nothing is left to do, as
// `iotjs FILE` does; returns the exit code.
int runOnOs(const std::string& path, ScriptOptions options);

} // namespace net::js
