// The natives under bootstrap.js and module.js: output, exit, the next-tick flag, the
// clock and random numbers of the host, files and compilation for require().
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "net/js/engine.h"

namespace net::js {

namespace {

// print(fd, text): 1 stdout, 2 stderr.
duk_ret_t print(duk_context* duk) {
  if (Engine::of(duk).exited())
    return 0; // after process.exit(): a script that caught its unwinding prints nothing
  duk_size_t n = 0;
  const char* p = duk_safe_to_lstring(duk, 1, &n);
  Engine::of(duk).write(duk_get_int(duk, 0) == 2 ? Output::Stderr : Output::Stdout, std::string_view(p, n));
  return 0;
}

// reallyExit(code): the handles go, then an exception unwinds the script's stack; the
// engine runs nothing more (uncaught() discards it).
duk_ret_t reallyExit(duk_context* duk) {
  Engine::of(duk).exit(duk_get_int(duk, 0));
  duk_push_error_object(duk, DUK_ERR_ERROR, "process.exit()");
  return duk_throw(duk);
}

duk_ret_t scheduleTick(duk_context* duk) {
  Engine::of(duk).ticksPending();
  return 0;
}

// now() -> milliseconds on the context's clock (simulated time in a simulation).
duk_ret_t now(duk_context* duk) {
  duk_push_number(duk, static_cast<double>(Engine::of(duk).net().now().count()) / 1e6);
  return 1;
}

// nowNs() -> [seconds, nanoseconds] (process.hrtime)
duk_ret_t nowNs(duk_context* duk) {
  auto ns = Engine::of(duk).net().now().count();
  duk_push_array(duk);
  duk_push_number(duk, static_cast<double>(ns / 1000000000));
  duk_put_prop_index(duk, -2, 0);
  duk_push_number(duk, static_cast<double>(ns % 1000000000));
  duk_put_prop_index(duk, -2, 1);
  return 1;
}

// readFile(path) -> string, or undefined when it cannot be read.
duk_ret_t readFile(duk_context* duk) {
  std::FILE* f = std::fopen(duk_get_string(duk, 0) ? duk_get_string(duk, 0) : "", "rb");
  if (!f)
    return 0;
  duk_push_string(duk, "");
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) {
    duk_push_lstring(duk, buf, n);
    duk_concat(duk, 2);
  }
  std::fclose(f);
  return 1;
}

// stat(path) -> 'file', 'dir' or undefined
duk_ret_t stat(duk_context* duk) {
  struct stat st;
  const char* p = duk_get_string(duk, 0);
  if (!p || ::stat(p, &st) != 0)
    return 0;
  if (S_ISREG(st.st_mode))
    duk_push_string(duk, "file");
  else if (S_ISDIR(st.st_mode))
    duk_push_string(duk, "dir");
  else
    return 0;
  return 1;
}

// realpath(path) -> the absolute path of an existing file, or undefined.
duk_ret_t realpath(duk_context* duk) {
  const char* p = duk_get_string(duk, 0);
  char* r = p ? ::realpath(p, nullptr) : nullptr;
  if (!r)
    return 0;
  duk_push_string(duk, r);
  std::free(r);
  return 1;
}

// heapBytes() -> what this script's heap holds now (process.memoryUsage).
duk_ret_t heapBytes(duk_context* duk) {
  duk_push_number(duk, static_cast<double>(Engine::of(duk).bytes()));
  return 1;
}

duk_ret_t cwd(duk_context* duk) {
  duk_push_string(duk, Engine::of(duk).cwd().c_str());
  return 1;
}

// chdir(dir) -> false when dir is not a directory: the script's own working directory.
duk_ret_t chdir(duk_context* duk) {
  const char* p = duk_get_string(duk, 0);
  struct stat st;
  Engine& e = Engine::of(duk);
  std::string path = p ? (p[0] == '/' ? std::string(p) : e.cwd() + "/" + p) : std::string();
  bool ok = p && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  char* real = ok ? ::realpath(path.c_str(), nullptr) : nullptr;
  if (real) {
    e.setCwd(real);
    std::free(real);
  }
  duk_push_boolean(duk, real != nullptr);
  return 1;
}

// compile(source, filename) -> the module's wrapper function; throws its SyntaxError.
duk_ret_t compile(duk_context* duk) {
  Engine& e = Engine::of(duk);
  duk_size_t n = 0, fn = 0;
  const char* src = duk_get_lstring(duk, 0, &n);
  const char* file = duk_get_lstring(duk, 1, &fn);
  if (!src || !file)
    return 0;
  if (!e.pushModule(std::string(src, n), std::string(file, fn)))
    return duk_throw(duk); // the SyntaxError; the temporaries are gone
  return 1;
}

// loadBuiltin(name) -> wrapper function(exports, require, module, __filename, __dirname,
// binding), or undefined.
duk_ret_t loadBuiltin(duk_context* duk) {
  const char* name = duk_get_string(duk, 0);
  return name && Engine::of(duk).pushBuiltin(name) ? 1 : 0;
}

// metric(kind, name, value): require('netbed')'s reports.
duk_ret_t metric(duk_context* duk) {
  const ScriptOptions& o = Engine::of(duk).options();
  if (o.metric) {
    std::string kind = duk_get_string(duk, 0) ? duk_get_string(duk, 0) : "";
    std::string name = duk_get_string(duk, 1) ? duk_get_string(duk, 1) : "";
    o.metric(kind, name, duk_get_number(duk, 2));
  }
  return 0;
}

void putStrings(duk_context* duk, duk_idx_t obj, const char* key, const std::vector<std::string>& v) {
  duk_push_array(duk);
  for (std::size_t i = 0; i < v.size(); ++i) {
    duk_push_lstring(duk, v[i].data(), v[i].size());
    duk_put_prop_index(duk, -2, static_cast<duk_uarridx_t>(i));
  }
  duk_put_prop_string(duk, obj, key);
}

} // namespace

void addProcessBinding(duk_context* duk, duk_idx_t idx) {
  idx = duk_normalize_index(duk, idx);
  const duk_function_list_entry fns[] = {
      {"print", print, 2},
      {"reallyExit", reallyExit, 1},
      {"scheduleTick", scheduleTick, 0},
      {"now", now, 0},
      {"nowNs", nowNs, 0},
      {"readFile", readFile, 1},
      {"stat", stat, 1},
      {"heapBytes", heapBytes, 0},
      {"realpath", realpath, 1},
      {"cwd", cwd, 0},
      {"chdir", chdir, 1},
      {"compile", compile, 2},
      {"loadBuiltin", loadBuiltin, 1},
      {"metric", metric, 3},
      {nullptr, nullptr, 0},
  };
  putNatives(duk, idx, fns);
  const ScriptOptions& o = Engine::of(duk).options();
  putStrings(duk, idx, "args", o.args);
  duk_push_string(duk, o.argv0.c_str());
  duk_put_prop_string(duk, idx, "argv0");
  duk_push_object(duk);
  for (const auto& [k, v] : o.env) {
    duk_push_lstring(duk, v.data(), v.size());
    duk_put_prop_lstring(duk, -2, k.data(), k.size());
  }
  duk_put_prop_string(duk, idx, "env");
  duk_push_string(duk, o.compat == Compat::IoTjs ? "iotjs" : "node");
  duk_put_prop_string(duk, idx, "compat");
  duk_push_boolean(duk, static_cast<bool>(o.metric));
  duk_put_prop_string(duk, idx, "reportsMetrics");
}

} // namespace net::js
