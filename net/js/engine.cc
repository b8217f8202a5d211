// The heap of one Script: allocation accounting, calls from the loop, the built-in modules'
// shared bytecode, uncaught exceptions and exit.
#include "net/js/engine.h"
#include "net/js/duktape/netbed_duk.h"
#include "net/runtime.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

// Heap accounting reads jemalloc's per-thread totals when the program links jemalloc (Engine::alloc).
extern "C" int mallctl(const char*, void*, std::size_t*, void*, std::size_t) __attribute__((weak));

namespace net::js {

namespace {

// Compiled bytecode, shared by every heap of the process (duk_load_function copies it in):
// a thousand nodes running one script compile it once. Keyed by file name; the source is
// kept to notice a file that changed.
struct CachedCode {
  std::string source;
  std::string bytecode;
};
std::unordered_map<std::string, CachedCode>& codeCache() {
  static std::unordered_map<std::string, CachedCode> cache;
  return cache;
}

void loadBytecode(duk_context* duk, const std::string& code) {
  void* p = duk_push_fixed_buffer(duk, code.size());
  std::memcpy(p, code.data(), code.size());
  netbed_duk_load_function(duk);
}

// [source, filename] -> compiled function or an error; returns the duk status.
duk_int_t compileWrapped(duk_context* duk, const std::string& source, const std::string& filename, const char* params) {
  std::string wrapped = std::string("function (") + params + ") {" + source + "\n}";
  duk_push_lstring(duk, wrapped.data(), wrapped.size());
  duk_push_lstring(duk, filename.data(), filename.size());
  return duk_pcompile(duk, DUK_COMPILE_FUNCTION);
}

// Pushes the compiled function, or the compile error (returning false).
// Built-in modules: their functions other than constructors are plain (netbed_duk.h).
bool pushCompiled(duk_context* duk, const std::string& source, const std::string& filename, const char* params,
                  bool builtin) {
  auto& cache = codeCache();
  auto it = cache.find(filename);
  if (it != cache.end() && it->second.source == source) {
    loadBytecode(duk, it->second.bytecode);
    return true;
  }
  if (compileWrapped(duk, source, filename, params) != 0)
    return false;
  if (builtin)
    netbed_duk_plain_functions(duk, -1);
  duk_dup_top(duk);
  duk_dump_function(duk);
  duk_size_t n = 0;
  const char* p = static_cast<const char*>(duk_get_buffer(duk, -1, &n));
  cache[filename] = {source, std::string(p, n)};
  duk_pop(duk);
  return true;
}

constexpr const char* kBuiltinParams = "exports, require, module, __filename, __dirname, binding";
constexpr const char* kModuleParams = "exports, require, module, __filename, __dirname";

// What a heap holds, in the allocator's size classes (what malloc_usable_size reports), with no
// header per allocation (a heap makes thousands). Under jemalloc (the netbed command links it)
// its per-thread totals of bytes allocated and freed are read around each call: two loads,
// where malloc_usable_size looks the block up (3 % of the instructions of a 1,000-node
// JavaScript run). Volatile: the compiler may assume malloc and free write no memory of ours.
struct AllocatorTotals {
  const volatile std::uint64_t* allocated = nullptr;
  const volatile std::uint64_t* freed = nullptr;
};

AllocatorTotals jemallocTotals() {
  std::uint64_t* allocated = nullptr;
  std::uint64_t* freed = nullptr;
  std::size_t n = sizeof allocated;
  if (!mallctl || mallctl("thread.allocatedp", &allocated, &n, nullptr, 0) != 0 ||
      mallctl("thread.deallocatedp", &freed, &n, nullptr, 0) != 0)
    return {};
  return {allocated, freed};
}

const AllocatorTotals& allocatorTotals() {
  thread_local const AllocatorTotals totals = jemallocTotals();
  return totals;
}

// The bytes `op` took from the allocator, modulo 2^64 (negative when it gave bytes back).
template <typename Op> std::size_t metered(const AllocatorTotals& t, Op op) {
  std::uint64_t allocated = *t.allocated, freed = *t.freed;
  op();
  return static_cast<std::size_t>((*t.allocated - allocated) - (*t.freed - freed));
}

} // namespace

void* Engine::alloc(void* udata, duk_size_t size) {
  auto* e = static_cast<Engine*>(udata);
  void* p = nullptr;
  if (const AllocatorTotals& t = allocatorTotals(); t.allocated) {
    e->bytes_ += metered(t, [&] { p = std::malloc(size); });
    return p;
  }
  p = std::malloc(size);
  if (p)
    e->bytes_ += ::malloc_usable_size(p);
  return p;
}

void* Engine::realloc(void* udata, void* ptr, duk_size_t size) {
  auto* e = static_cast<Engine*>(udata);
  if (size == 0) {
    Engine::free(udata, ptr);
    return nullptr;
  }
  void* p = nullptr;
  if (const AllocatorTotals& t = allocatorTotals(); t.allocated) {
    e->bytes_ += metered(t, [&] { p = std::realloc(ptr, size); });
    return p;
  }
  std::size_t old = ptr ? ::malloc_usable_size(ptr) : 0;
  p = std::realloc(ptr, size);
  if (p)
    e->bytes_ = e->bytes_ - old + ::malloc_usable_size(p);
  return p;
}

void Engine::free(void* udata, void* ptr) {
  if (!ptr)
    return;
  auto* e = static_cast<Engine*>(udata);
  if (const AllocatorTotals& t = allocatorTotals(); t.allocated) {
    e->bytes_ += metered(t, [&] { std::free(ptr); });
    return;
  }
  e->bytes_ -= ::malloc_usable_size(ptr);
  std::free(ptr);
}

void Engine::fatal(void*, const char* msg) {
  std::fprintf(stderr, "netbed js: fatal engine error: %s\n", msg ? msg : "(no message)");
  std::abort();
}

Engine::Engine(net::Context& ctx, ScriptOptions options)
    : ctx_(ctx), options_(std::move(options)),
      rng_(options_.randomSeed ? *options_.randomSeed : std::random_device{}()) {
  char dir[4096];
  cwd_ = ::getcwd(dir, sizeof dir) ? dir : "/";
  duk_ = duk_create_heap(&Engine::alloc, &Engine::realloc, &Engine::free, this, &Engine::fatal);
  if (!duk_)
    throw std::runtime_error("netbed js: cannot create a JavaScript heap");
  // stash.held: values kept for callbacks; stash.handles: active sockets and servers.
  duk_push_heap_stash(duk_);
  duk_push_bare_object(duk_); // bare: no inherited property or setter of a script's can reach these
  duk_put_prop_string(duk_, -2, "held");
  duk_push_bare_object(duk_);
  duk_put_prop_string(duk_, -2, "handles");
  duk_pop(duk_);
}

Engine::~Engine() {
  // Handles outlive the heap in their context; their callbacks see an expired guard.
  token_.reset();
  netbed_duk_destroy_heap(duk_);
}

Engine& Engine::of(duk_context* duk) {
  duk_memory_functions funcs;
  duk_get_memory_functions(duk, &funcs);
  return *static_cast<Engine*>(funcs.udata);
}

// --- values kept for later ----------------------------------------------------------------

std::uint32_t Engine::hold(duk_idx_t idx) {
  idx = duk_normalize_index(duk_, idx);
  std::uint32_t key = ++lastHeld_;
  pushStashed(duk_, "held");
  duk_dup(duk_, idx);
  duk_put_prop_index(duk_, -2, key);
  duk_pop(duk_);
  return key;
}

bool Engine::pushHeld(std::uint32_t key) {
  pushStashed(duk_, "held");
  bool found = duk_get_prop_index(duk_, -1, key);
  duk_remove(duk_, -2);
  return found;
}

void Engine::release(std::uint32_t key) {
  pushStashed(duk_, "held");
  duk_del_prop_index(duk_, -1, key);
  duk_pop(duk_);
}

void Engine::keepHandle(std::uint64_t id, duk_idx_t obj) {
  obj = duk_normalize_index(duk_, obj);
  pushStashed(duk_, "handles");
  duk_dup(duk_, obj);
  duk_put_prop_string(duk_, -2, std::to_string(id).c_str());
  duk_pop(duk_);
}

bool Engine::pushHandle(std::uint64_t id) {
  pushStashed(duk_, "handles");
  bool found = duk_get_prop_string(duk_, -1, std::to_string(id).c_str());
  duk_remove(duk_, -2);
  return found;
}

void Engine::dropHandle(std::uint64_t id) {
  pushStashed(duk_, "handles");
  duk_del_prop_string(duk_, -1, std::to_string(id).c_str());
  duk_pop(duk_);
}

// --- modules ------------------------------------------------------------------------------

bool Engine::pushBuiltin(const std::string& name) {
  const char* source = builtinSource(name);
  if (!source)
    return false;
  // Built-ins compile; a failure here is a defect of netbed, left on the stack as the value.
  pushCompiled(duk_, source, "netbed:" + name + ".js", kBuiltinParams, true);
  return true;
}

bool Engine::pushModule(const std::string& source, const std::string& filename) {
  return pushCompiled(duk_, source, filename, kModuleParams, false);
}

std::string checkSyntax(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f)
    return path + ": cannot read the script: " + std::strerror(errno);
  std::string source;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
    source.append(buf, n);
  std::fclose(f);
  duk_context* duk = duk_create_heap_default();
  if (!duk)
    return path + ": cannot create a JavaScript heap";
  std::string out;
  bool json = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  duk_int_t rc = 0;
  if (json) {
    duk_push_lstring(duk, source.data(), source.size());
    rc = duk_safe_call(
        duk,
        [](duk_context* d, void*) -> duk_ret_t {
          duk_json_decode(d, -1);
          return 1;
        },
        nullptr, 1, 1);
  } else {
    rc = compileWrapped(duk, source, path, kModuleParams);
  }
  if (rc != 0) {
    duk_get_prop_string(duk, -1, "lineNumber");
    int line = duk_is_number(duk, -1) ? duk_get_int(duk, -1) : 0;
    duk_pop(duk);
    out = path + ":" + std::to_string(line) + ": " + duk_safe_to_string(duk, -1);
  }
  duk_destroy_heap(duk);
  return out;
}

// --- running ------------------------------------------------------------------------------

bool Engine::callBoot(const char* fn, int nargs) {
  // [args...] -> [result]; the boot object (bootstrap.js's exports) is in the stash.
  duk_push_heap_stash(duk_);
  duk_get_prop_string(duk_, -1, "boot");
  duk_get_prop_string(duk_, -1, fn);
  duk_swap_top(duk_, -2); // [args..., stash, fn, boot]
  duk_remove(duk_, -3);   // [args..., fn, boot]
  duk_insert(duk_, -(nargs + 2));
  duk_insert(duk_, -(nargs + 2)); // [fn, boot, args...]
  return duk_pcall_method(duk_, nargs) == 0;
}

void Engine::start(const std::string& path) {
  // bootstrap.js sets up the globals (process, console, timers, Buffer) and returns the
  // functions the engine calls: runMain, runTicks, onUncaught, emitExit.
  if (!pushBuiltin("bootstrap"))
    throw std::logic_error("netbed js: no bootstrap module");
  duk_push_undefined(duk_); // this
  duk_push_object(duk_);    // exports
  duk_push_undefined(duk_); // require
  duk_push_object(duk_);    // module
  duk_push_string(duk_, "netbed:bootstrap.js");
  duk_push_string(duk_, "netbed:");
  duk_push_object(duk_); // binding
  addNetBinding(duk_, -1);
  addProcessBinding(duk_, -1);
  const duk_function_list_entry inits[] = {
      {"eventsInit", eventsInit, 2},
      {"timersInit", timersInit, 3},
      {"bufferInit", bufferInit, 1},
      {nullptr, nullptr, 0},
  };
  putNatives(duk_, -1, inits);
  duk_dup(duk_, -6); // exports
  duk_push_heap_stash(duk_);
  duk_swap_top(duk_, -2);
  duk_put_prop_string(duk_, -2, "boot");
  duk_pop(duk_);
  if (duk_pcall_method(duk_, 6) != 0) {
    std::string msg = duk_safe_to_stacktrace(duk_, -1);
    duk_pop(duk_);
    throw std::logic_error("netbed js: bootstrap failed: " + msg);
  }
  duk_pop(duk_);
  duk_push_string(duk_, path.c_str());
  if (!callBoot("runMain", 1))
    uncaught();
  else
    duk_pop(duk_);
  if (!exited_)
    runTicks();
  // What loading left behind goes now, and objects lose their spare slots: an idle host
  // keeps only what it uses.
  netbed_duk_gc_compact(duk_);
  collectAt_ = bytes_ + std::max<std::size_t>(bytes_ / 4, 32 * 1024);
}

void Engine::call(int nargs) {
  if (exited_) {
    duk_pop_n(duk_, nargs + 2);
    return;
  }
  if (duk_pcall_method(duk_, nargs) != 0)
    uncaught();
  else
    duk_pop(duk_);
  if (!exited_ && ticksPending_ && !inTicks_)
    runTicks();
  maybeCollect();
}

// Reference counting frees most garbage at once, but not cycles (every closure is one, with its
// prototype), and Duktape's own collection waits for fifty times the heap's objects in
// allocations: a heap of thousands would triple. Collect once it grew by a quarter.
void Engine::maybeCollect() {
  if (bytes_ <= collectAt_ || inTicks_)
    return;
  duk_gc(duk_, 0);
  collectAt_ = bytes_ + std::max<std::size_t>(bytes_ / 4, 32 * 1024);
}

void Engine::callHandle(std::uint64_t id, const char* method, int nargs) {
  // [args...] -> the handle's method called with them.
  if (exited_ || !pushHandle(id)) {
    duk_pop_n(duk_, nargs + (exited_ ? 0 : 1));
    return;
  }
  duk_get_prop_string(duk_, -1, method);
  duk_swap_top(duk_, -2);
  duk_insert(duk_, -(nargs + 2));
  duk_insert(duk_, -(nargs + 2));
  call(nargs);
}

void Engine::runTicks() {
  inTicks_ = true;
  while (ticksPending_ && !exited_) {
    ticksPending_ = false;
    if (!callBoot("runTicks", 0))
      uncaught(); // the rest of the queue runs on the next turn of this loop
    else
      duk_pop(duk_);
  }
  inTicks_ = false;
}

void Engine::uncaught() {
  if (exited_) { // process.exit() unwinding
    duk_pop(duk_);
    return;
  }
  // onUncaught(err): true when an 'uncaughtException' listener took it; else the text to
  // print (the error's stack).
  bool handled = callBoot("onUncaught", 1) && duk_is_boolean(duk_, -1) && duk_get_boolean(duk_, -1);
  if (handled || exited_) { // (exited: the 'uncaughtException' listener called process.exit)
    duk_pop(duk_);
    return;
  }
  std::string text = duk_safe_to_string(duk_, -1);
  duk_pop(duk_);
  write(Output::Stderr, text + "\n");
  int code = 1;
  duk_push_int(duk_, code);
  if (!callBoot("emitExit", 1) && !exited_) {
    write(Output::Stderr, std::string(duk_safe_to_stacktrace(duk_, -1)) + "\n");
    code = 2;
  }
  duk_pop(duk_);
  exit(code);
}

void Engine::exit(int code) {
  if (exited_)
    return;
  exited_ = true;
  exitCode_ = code;
  for (auto& [key, timer] : timers)
    timer.cancel();
  timers.clear();
  net::Runtime::reset(ctx_);
  if (options_.onExit)
    options_.onExit(code);
}

int Engine::finish() {
  if (exited_)
    return exitCode_;
  // emitExit(undefined): process.exitCode or 0, after the 'exit' listeners ran; a listener
  // that throws makes it 2 (as iotjs).
  duk_push_undefined(duk_);
  int code = 0;
  if (callBoot("emitExit", 1)) {
    code = duk_is_number(duk_, -1) ? duk_get_int(duk_, -1) : 0;
  } else if (!exited_) { // (exited: an 'exit' listener called process.exit)
    write(Output::Stderr, std::string(duk_safe_to_stacktrace(duk_, -1)) + "\n");
    code = 2;
  }
  duk_pop(duk_);
  exit(code);
  return exitCode_;
}

void Engine::write(Output out, std::string_view text) {
  if (options_.output) {
    options_.output(out, text);
    return;
  }
  std::FILE* f = out == Output::Stdout ? stdout : stderr;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fflush(f);
}

double Engine::random() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }

double Engine::dateNow() const {
  if (options_.epochMs)
    return *options_.epochMs + static_cast<double>(ctx_.now().count()) / 1e6;
  auto wall = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration<double, std::milli>(wall).count();
}

void pushStashed(duk_context* duk, const char* key) {
  duk_push_heap_stash(duk);
  duk_get_prop_string(duk, -1, key);
  duk_remove(duk, -2);
}

void stashValue(duk_context* duk, duk_idx_t idx, const char* key) {
  idx = duk_normalize_index(duk, idx);
  duk_push_heap_stash(duk);
  duk_dup(duk, idx);
  duk_put_prop_string(duk, -2, key);
  duk_pop(duk);
}

void putNatives(duk_context* duk, duk_idx_t idx, const duk_function_list_entry* fns) {
  idx = duk_normalize_index(duk, idx);
  for (; fns->key; ++fns) {
    duk_push_c_lightfunc(duk, fns->value, fns->nargs, fns->nargs < 0 ? 0 : fns->nargs, 0);
    duk_put_prop_string(duk, idx, fns->key);
  }
}

// --- Script -------------------------------------------------------------------------------

Script::Script(net::Context& ctx, ScriptOptions options) : engine_(std::make_unique<Engine>(ctx, std::move(options))) {}
Script::~Script() = default;
void Script::start(const std::string& path) { engine_->start(path); }
bool Script::exited() const { return engine_->exited(); }
int Script::finish() { return engine_->finish(); }
int Script::exitCode() const { return engine_->exitCode(); }
std::size_t Script::heapBytes() const { return engine_->bytes(); }
void Script::collectGarbage() {
  duk_gc(engine_->duk(), 0);
  duk_gc(engine_->duk(), 0); // the second pass frees what finalizers released
}

} // namespace net::js

// Duktape's clock and random numbers (duktape/duk_overrides.h): the heap's Engine decides.
// (A heap without an Engine, as checkSyntax's, runs no script: the wall clock and 0.5 keep it safe.)
extern "C" double netbed_duk_date_now(void* udata) {
  if (!udata)
    return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
  return static_cast<net::js::Engine*>(udata)->dateNow();
}
extern "C" double netbed_duk_random(void* udata) {
  return udata ? static_cast<net::js::Engine*>(udata)->random() : 0.5;
}
