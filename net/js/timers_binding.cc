// The natives under timers.js: setTimeout/setInterval on the context's timers (so they run
// on simulated time in a simulation), setImmediate on its loop queue.
#include "net/js/engine.h"

namespace net::js {

namespace {

net::Duration msArg(duk_context* duk, duk_idx_t idx) {
  // timers.js has made it a whole number of milliseconds >= 1, as Node does.
  return std::chrono::milliseconds(static_cast<std::int64_t>(duk_get_number(duk, idx)));
}

// timerStart(timeout, ms, repeat) -> key; fires timeout._fire() (an object, not a closure:
// closures are cycles that only a full collection frees).
duk_ret_t timerStart(duk_context* duk) {
  Engine& e = Engine::of(duk);
  std::uint32_t key = e.hold(0);
  bool repeat = duk_get_boolean(duk, 2) != 0;
  auto fire = [g = e.guard(), key, repeat] {
    Engine* en = g.get();
    if (!en)
      return;
    if (!en->pushHeld(key)) {
      duk_pop(en->duk());
      return;
    }
    if (!repeat) {
      en->release(key);
      en->timers.erase(key);
    }
    duk_get_prop_string(en->duk(), -1, "_fire");
    duk_swap_top(en->duk(), -2);
    en->call(0);
  };
  e.timers[key] =
      repeat ? e.net().setInterval(msArg(duk, 1), std::move(fire)) : e.net().setTimeout(msArg(duk, 1), std::move(fire));
  duk_push_uint(duk, key);
  return 1;
}

// timerClear(key): also for a key that has fired or was cleared already.
duk_ret_t timerClear(duk_context* duk) {
  Engine& e = Engine::of(duk);
  auto key = static_cast<std::uint32_t>(duk_get_uint(duk, 0));
  auto it = e.timers.find(key);
  if (it == e.timers.end())
    return 0;
  it->second.cancel();
  e.timers.erase(it);
  e.release(key);
  return 0;
}

// immediate(im) -> key, fires im._fire(); immediateClear(key)
duk_ret_t immediate(duk_context* duk) {
  Engine& e = Engine::of(duk);
  std::uint32_t key = e.hold(0);
  e.net().setImmediate([g = e.guard(), key] {
    Engine* en = g.get();
    if (!en)
      return;
    if (!en->pushHeld(key)) { // cleared
      duk_pop(en->duk());
      return;
    }
    en->release(key);
    duk_get_prop_string(en->duk(), -1, "_fire");
    duk_swap_top(en->duk(), -2);
    en->call(0);
  });
  duk_push_uint(duk, key);
  return 1;
}

duk_ret_t immediateClear(duk_context* duk) {
  Engine::of(duk).release(static_cast<std::uint32_t>(duk_get_uint(duk, 0)));
  return 0;
}

} // namespace

void addTimersBinding(duk_context* duk, duk_idx_t idx) {
  idx = duk_normalize_index(duk, idx);
  const duk_function_list_entry fns[] = {
      {"timerStart", timerStart, 3},         {"timerClear", timerClear, 1}, {"immediate", immediate, 1},
      {"immediateClear", immediateClear, 1}, {nullptr, nullptr, 0},
  };
  putNatives(duk, idx, fns);
}

} // namespace net::js
