// Node's timers as natives (timers.js hands over the prototypes): setTimeout, setInterval,
// setImmediate and their clear* on the context's timers and loop queue, so that they run
// on simulated time in a simulation. Node's rules: a delay that is not a number in
// [1, 2^31-1] ms is 1 ms, fractions of a millisecond are dropped, `this` in the callback is
// the Timeout (Immediate), extra arguments are passed on.
//
// A Timeout is a plain object of timers.js's Timeout.prototype holding its callback, delay
// and arguments; the engine holds it (Engine::hold) while it is armed. Natives cost a heap
// nothing, where each JavaScript function costs it a few hundred bytes. No C++ object with a
// destructor lives across a duk_* call that can throw (Duktape unwinds by longjmp).
#include "net/js/engine.h"

namespace net::js {

namespace {

constexpr double kTimeoutMax = 2147483647;

duk_ret_t notAFunction(duk_context* duk) {
  duk_push_error_object(duk, DUK_ERR_TYPE_ERROR, "The \"callback\" argument must be of type function. Received %s",
                        duk_is_undefined(duk, 0) ? "undefined" : "a value that is not a function");
  duk_push_string(duk, "ERR_INVALID_ARG_TYPE");
  duk_put_prop_string(duk, -2, "code");
  return duk_throw(duk);
}

// [obj] -> [Function.prototype.apply, callback, obj, arguments], ready for Engine::call with
// two arguments: the stack use stays the same however many arguments the timer was given.
int pushCall(duk_context* duk, const char* callback) {
  duk_get_prop_string(duk, -1, callback); // [obj fn]
  duk_get_global_string(duk, "Function");
  duk_get_prop_string(duk, -1, "prototype");
  duk_get_prop_string(duk, -1, "apply"); // [obj fn Function proto apply]
  duk_insert(duk, -5);
  duk_pop_2(duk);                        // [apply obj fn]
  duk_swap_top(duk, -2);                 // [apply fn obj]
  duk_get_prop_string(duk, -1, "_args"); // [apply fn obj args|undefined]
  return 2;
}

// [fn, ms, args...] -> a new object of the stashed prototype with the callback and arguments.
void pushTimerObject(duk_context* duk, const char* proto, const char* callback) {
  duk_idx_t nargs = duk_get_top(duk);
  duk_push_object(duk);
  pushStashed(duk, proto);
  duk_set_prototype(duk, -2);
  duk_dup(duk, 0);
  duk_put_prop_string(duk, -2, callback);
  duk_idx_t first = std::string_view(callback) == "_onTimeout" ? 2 : 1;
  if (nargs > first) {
    duk_push_array(duk);
    for (duk_idx_t i = first; i < nargs; ++i) {
      duk_dup(duk, i);
      duk_put_prop_index(duk, -2, static_cast<duk_uarridx_t>(i - first));
    }
    duk_put_prop_string(duk, -2, "_args");
  }
  duk_push_false(duk);
  duk_put_prop_string(duk, -2, "_destroyed");
}

void arm(Engine& e, std::uint32_t key, double ms, bool repeat) {
  auto fire = [g = e.guard(), key, repeat] {
    Engine* en = g.withHeld(key);
    if (!en)
      return;
    duk_context* d = en->duk();
    if (!repeat) {
      en->release(key);
      en->timers.erase(key);
      duk_push_true(d);
      duk_put_prop_string(d, -2, "_destroyed");
    }
    int n = pushCall(d, "_onTimeout");
    en->call(n);
  };
  net::Duration delay = std::chrono::milliseconds(static_cast<std::int64_t>(ms));
  e.timers[key] = repeat ? e.net().setInterval(delay, std::move(fire)) : e.net().setTimeout(delay, std::move(fire));
}

duk_ret_t start(duk_context* duk, bool repeat) {
  if (!duk_is_function(duk, 0))
    return notAFunction(duk);
  if (duk_get_top(duk) < 2)
    duk_set_top(duk, 2);
  double ms = duk_to_number(duk, 1); // valueOf may throw: before any C++ object exists
  if (!(ms >= 1 && ms <= kTimeoutMax))
    ms = 1;
  ms = static_cast<double>(static_cast<std::int64_t>(ms));
  pushTimerObject(duk, "timeoutProto", "_onTimeout");
  duk_push_number(duk, ms);
  duk_put_prop_string(duk, -2, "_idleTimeout");
  duk_push_boolean(duk, repeat);
  duk_put_prop_string(duk, -2, "_repeat");
  Engine& e = Engine::of(duk);
  if (e.exited())
    return 1; // after process.exit() (a script that caught its unwinding): nothing runs
  std::uint32_t key = e.hold(-1);
  duk_push_uint(duk, key);
  duk_put_prop_string(duk, -2, "_key");
  arm(e, key, ms, repeat);
  return 1;
}

duk_ret_t setTimeout(duk_context* duk) { return start(duk, false); }
duk_ret_t setInterval(duk_context* duk) { return start(duk, true); }

// The key of the timer object at idx, or 0.
std::uint32_t keyOf(duk_context* duk, duk_idx_t idx) {
  if (!duk_is_object(duk, idx))
    return 0;
  duk_get_prop_string(duk, idx, "_key");
  auto key = static_cast<std::uint32_t>(duk_get_uint(duk, -1));
  duk_pop(duk);
  return key;
}

void stop(duk_context* duk, duk_idx_t idx) {
  idx = duk_normalize_index(duk, idx);
  Engine& e = Engine::of(duk);
  std::uint32_t key = keyOf(duk, idx);
  auto it = e.timers.find(key);
  if (key == 0 || it == e.timers.end())
    return;
  it->second.cancel();
  e.timers.erase(it);
  e.release(key);
  duk_push_true(duk);
  duk_put_prop_string(duk, idx, "_destroyed");
  duk_push_true(duk);
  duk_put_prop_string(duk, idx, "_cleared");
}

// clearTimeout(t), clearInterval(t): also for a timer that fired or was cleared already.
duk_ret_t clearTimer(duk_context* duk) {
  stop(duk, 0);
  return 0;
}

// timeout.close()
duk_ret_t close(duk_context* duk) {
  duk_push_this(duk);
  stop(duk, -1);
  return 1;
}

// timeout.refresh(): armed again from now with its delay; as Node, also a timeout that
// has fired (not one that was cleared).
duk_ret_t refresh(duk_context* duk) {
  duk_push_this(duk);
  Engine& e = Engine::of(duk);
  std::uint32_t key = keyOf(duk, -1);
  duk_get_prop_string(duk, -1, "_cleared");
  bool cleared = duk_to_boolean(duk, -1) != 0;
  duk_get_prop_string(duk, -2, "_idleTimeout");
  double ms = duk_get_number(duk, -1);
  duk_get_prop_string(duk, -3, "_repeat");
  bool repeat = duk_get_boolean(duk, -1) != 0;
  duk_pop_3(duk);
  if (key == 0 || cleared)
    return 1;
  auto it = e.timers.find(key);
  if (it != e.timers.end()) {
    it->second.cancel();
  } else { // it fired: hold it again under a new key
    key = e.hold(-1);
    duk_push_uint(duk, key);
    duk_put_prop_string(duk, -2, "_key");
    duk_push_false(duk);
    duk_put_prop_string(duk, -2, "_destroyed");
  }
  arm(e, key, ms, repeat);
  return 1;
}

// ref(), unref(): a host's loop runs until its handles are done (net/js/README.md).
duk_ret_t self(duk_context* duk) {
  duk_push_this(duk);
  return 1;
}
duk_ret_t hasRef(duk_context* duk) {
  duk_push_true(duk);
  return 1;
}

duk_ret_t setImmediate(duk_context* duk) {
  if (!duk_is_function(duk, 0))
    return notAFunction(duk);
  pushTimerObject(duk, "immediateProto", "_onImmediate");
  Engine& e = Engine::of(duk);
  if (e.exited())
    return 1;
  std::uint32_t key = e.hold(-1);
  duk_push_uint(duk, key);
  duk_put_prop_string(duk, -2, "_key");
  e.net().setImmediate([g = e.guard(), key] {
    Engine* en = g.withHeld(key); // null: cleared
    if (!en)
      return;
    duk_context* d = en->duk();
    en->release(key);
    duk_push_true(d);
    duk_put_prop_string(d, -2, "_destroyed");
    int n = pushCall(d, "_onImmediate");
    en->call(n);
  });
  return 1;
}

duk_ret_t clearImmediate(duk_context* duk) {
  if (!duk_is_object(duk, 0) || !duk_has_prop_string(duk, 0, "_onImmediate"))
    return 0; // not an Immediate (a Timeout is cleared by clearTimeout only, as in Node)
  if (std::uint32_t key = keyOf(duk, 0)) {
    Engine::of(duk).release(key);
    duk_push_true(duk);
    duk_put_prop_string(duk, 0, "_destroyed");
  }
  return 0;
}

} // namespace

// timersInit(Timeout.prototype, Immediate.prototype, exports)
duk_ret_t timersInit(duk_context* duk) {
  stashValue(duk, 0, "timeoutProto");
  stashValue(duk, 1, "immediateProto");
  const duk_function_list_entry timeout[] = {
      {"close", close, 0}, {"refresh", refresh, 0}, {"ref", self, 0},
      {"unref", self, 0},  {"hasRef", hasRef, 0},   {nullptr, nullptr, 0},
  };
  putNatives(duk, 0, timeout);
  const duk_function_list_entry immediate[] = {
      {"ref", self, 0},
      {"unref", self, 0},
      {"hasRef", hasRef, 0},
      {nullptr, nullptr, 0},
  };
  putNatives(duk, 1, immediate);
  const duk_function_list_entry fns[] = {
      {"setTimeout", setTimeout, DUK_VARARGS},
      {"setInterval", setInterval, DUK_VARARGS},
      {"setImmediate", setImmediate, DUK_VARARGS},
      {"clearTimeout", clearTimer, 1},
      {"clearInterval", clearTimer, 1},
      {"clearImmediate", clearImmediate, 1},
      {nullptr, nullptr, 0},
  };
  putNatives(duk, 2, fns);
  return 0;
}

} // namespace net::js
