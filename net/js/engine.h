// One Script's Duktape heap and what its natives share. Internal to net/js.
#pragma once

#include <duktape.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "net/js/js.h"
#include "net/net.h"

namespace net::js {

class Engine {
public:
  Engine(net::Context& ctx, ScriptOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  static Engine& of(duk_context* duk);
  duk_context* duk() { return duk_; }
  net::Context& net() { return ctx_; }
  const ScriptOptions& options() const { return options_; }

  void start(const std::string& path);
  int finish();
  bool exited() const { return exited_; }
  int exitCode() const { return exitCode_; }
  std::size_t bytes() const { return bytes_; }

  // Calls a function from the loop: the stack holds [fn, this, nargs arguments], which are
  // popped. An exception is an uncaught exception; next-tick callbacks run afterwards, as
  // Node runs them after every callback. Once the script has exited nothing runs.
  void call(int nargs);
  // Calls `method` of the handle object `id` (emit, ...) with nargs arguments on the stack.
  void callHandle(std::uint64_t id, const char* method, int nargs);
  // process.exit(code): every handle is cut loose, no more JavaScript runs.
  void exit(int code);
  void ticksPending() { ticksPending_ = true; }

  // JavaScript values kept for a later callback, in the heap stash under a number.
  std::uint32_t hold(duk_idx_t idx);
  bool pushHeld(std::uint32_t key); // false (and pushes undefined) when nothing is held
  void release(std::uint32_t key);
  // The JavaScript object of a socket or server, kept while the handle is active.
  void keepHandle(std::uint64_t id, duk_idx_t obj);
  bool pushHandle(std::uint64_t id);
  void dropHandle(std::uint64_t id);

  // Pushes the compiled wrapper function of a built-in module (bytecode shared by heaps);
  // false when there is no such module.
  bool pushBuiltin(const std::string& name);
  // Compiles `source` as a module body wrapped in function(exports, require, module,
  // __filename, __dirname) and pushes it; false with the SyntaxError pushed instead.
  bool pushModule(const std::string& source, const std::string& filename);

  void write(Output out, std::string_view text);
  // The script's working directory (process.cwd, chdir): the process's at the start.
  const std::string& cwd() const { return cwd_; }
  void setCwd(std::string dir) { cwd_ = std::move(dir); }
  double random();
  // Milliseconds since 1970: the context's clock from ScriptOptions::epochMs, else the wall's.
  double dateNow() const;

  // What a native's C++ callback captures: null once the engine is gone.
  struct Guard {
    Engine* engine;
    std::weak_ptr<int> token;
    Engine* get() const { return token.expired() ? nullptr : engine; }
    // The engine with the value held under `key` pushed; null, with nothing pushed, when
    // the engine is gone or holds nothing under it (a cleared timer, a released callback).
    Engine* withHeld(std::uint32_t key) const {
      Engine* e = get();
      if (e && !e->pushHeld(key)) {
        duk_pop(e->duk());
        return nullptr;
      }
      return e;
    }
  };
  Guard guard() { return {this, token_}; }

  // The net handles of this script, by their context ids.
  std::map<std::uint64_t, std::shared_ptr<net::Socket>> sockets;
  std::map<std::uint64_t, std::shared_ptr<net::Server>> servers;
  std::map<std::uint32_t, net::Timer> timers;

private:
  static void* alloc(void* udata, duk_size_t size);
  static void* realloc(void* udata, void* ptr, duk_size_t size);
  static void free(void* udata, void* ptr);
  static void fatal(void* udata, const char* msg);
  void uncaught(); // the error on the stack top
  void runTicks();
  void maybeCollect();
  bool callBoot(const char* fn, int nargs); // boot.fn(args); leaves the result

  net::Context& ctx_;
  ScriptOptions options_;
  std::size_t bytes_ = 0, collectAt_ = 0;
  duk_context* duk_ = nullptr;
  std::shared_ptr<int> token_ = std::make_shared<int>(0);
  std::uint32_t lastHeld_ = 0;
  bool exited_ = false, ticksPending_ = false, inTicks_ = false;
  int exitCode_ = 0;
  std::mt19937_64 rng_;
  std::string cwd_;
};

// The natives of each part, added to the `binding` object at `idx` (engine.cc, *_binding.cc).
void addNetBinding(duk_context* duk, duk_idx_t idx);
void addProcessBinding(duk_context* duk, duk_idx_t idx);
// The parts whose natives go onto their module's objects: binding.eventsInit(prototype,
// unhandled), binding.timersInit(Timeout.prototype, Immediate.prototype, exports) and
// binding.bufferInit(Buffer), each called by its module.
duk_ret_t eventsInit(duk_context* duk);
duk_ret_t timersInit(duk_context* duk);
duk_ret_t bufferInit(duk_context* duk);

// The heap stash keeps what natives share and scripts cannot reach: pushStashed pushes
// stash[key]; stashValue sets stash[key] to the value at idx.
void pushStashed(duk_context* duk, const char* key);
void stashValue(duk_context* duk, duk_idx_t idx, const char* key);

// Adds the natives of `fns` (ended by a null name) to the object at idx as light functions:
// no heap object per native in every heap.
void putNatives(duk_context* duk, duk_idx_t idx, const duk_function_list_entry* fns);

// A built-in module's source (net/js/lib/NAME.js, embedded at build time), or null.
const char* builtinSource(const std::string& name);

// Pushes an Error object for a net::Error (code, errno, syscall, message as Node's).
void pushNetError(duk_context* duk, const net::Error& err);

} // namespace net::js
