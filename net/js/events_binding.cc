// EventEmitter's methods as natives (events.js puts them on its prototype): every object of
// a script is an emitter, and natives cost a heap nothing, where each JavaScript function
// costs it a few hundred bytes.
//
// As events.js had it: `_events` (own, created on first use) maps an event name to one
// function or to an array of functions; arrays are never changed in place, so emit() walks
// the array it started with while listeners are added or removed. A once() listener is
// wrapped in a native function that knows its listener, its emitter and its event.
//
// These natives call JavaScript (listeners) and may throw: they keep no C++ object with a
// destructor alive across a duk_* call (Duktape unwinds by longjmp).
#include "net/js/engine.h"

namespace net::js {

namespace {

constexpr const char* kOwner = "\xff"
                               "owner";
constexpr const char* kFired = "\xff"
                               "fired";
constexpr const char* kType = "\xff"
                              "type";
constexpr const char* kEmitter = "\xff"
                                 "emitter";

// Pushes this's own listener map, or undefined when it has none (and `create` is false).
void pushEvents(duk_context* duk, bool create) {
  duk_push_this(duk);
  duk_get_prop_string(duk, -1, "_events"); // [this ev]
  bool own = false;
  if (duk_is_object(duk, -1)) {
    duk_get_prop_string(duk, -1, kOwner);
    own = duk_strict_equals(duk, -1, -3) != 0;
    duk_pop(duk);
  }
  if (!own) {
    duk_pop(duk);
    if (!create) {
      duk_pop(duk);
      duk_push_undefined(duk);
      return;
    }
    duk_push_bare_object(duk);
    duk_dup(duk, -2);
    duk_put_prop_string(duk, -2, kOwner);
    duk_dup_top(duk);
    duk_put_prop_string(duk, -3, "_events");
  }
  duk_remove(duk, -2);
}

duk_ret_t invalidListener(duk_context* duk) {
  duk_push_error_object(duk, DUK_ERR_TYPE_ERROR, "The \"listener\" argument must be of type Function. Received type %s",
                        duk_is_undefined(duk, 1) ? "undefined"
                        : duk_is_null(duk, 1)    ? "null"
                                                 : "not a function");
  duk_push_string(duk, "ERR_INVALID_ARG_TYPE");
  duk_put_prop_string(duk, -2, "code");
  return duk_throw(duk);
}

// The function a listener slot holds as the caller knows it: a once wrapper's listener.
void pushUnwrapped(duk_context* duk, duk_idx_t idx) {
  idx = duk_normalize_index(duk, idx);
  if (duk_is_object(duk, idx) && duk_get_prop_string(duk, idx, "listener") && duk_is_function(duk, -1))
    return;
  duk_pop(duk);
  duk_dup(duk, idx);
}

// Calls this[method](args at [from, top)) and pops the result (and this).
void callThisMethod(duk_context* duk, const char* method, duk_idx_t from) {
  duk_idx_t n = duk_get_top(duk) - from;
  duk_push_this(duk);
  duk_push_string(duk, method);
  duk_insert(duk, from);
  duk_insert(duk, from); // [.. this method args]
  duk_call_prop(duk, from, n);
  duk_pop_2(duk);
}

duk_ret_t add(duk_context* duk, bool prepend) {
  // (type, listener)
  if (!duk_is_function(duk, 1))
    return invalidListener(duk);
  pushEvents(duk, true); // [type fn ev]
  if (duk_has_prop_string(duk, 2, "newListener")) {
    // Emitted before adding, with what the caller passed (not a once wrapper).
    duk_push_string(duk, "newListener");
    duk_dup(duk, 0);
    pushUnwrapped(duk, 1);
    callThisMethod(duk, "emit", 3);
    duk_pop(duk);
    pushEvents(duk, true);
  }
  duk_dup(duk, 0);
  duk_get_prop(duk, 2); // [type fn ev cur]
  if (duk_is_undefined(duk, 3)) {
    duk_dup(duk, 1);
  } else if (duk_is_function(duk, 3)) {
    duk_push_array(duk);
    duk_dup(duk, prepend ? 1 : 3);
    duk_put_prop_index(duk, -2, 0);
    duk_dup(duk, prepend ? 3 : 1);
    duk_put_prop_index(duk, -2, 1);
  } else {
    auto n = static_cast<duk_uarridx_t>(duk_get_length(duk, 3));
    duk_push_array(duk);
    duk_uarridx_t at = 0;
    if (prepend) {
      duk_dup(duk, 1);
      duk_put_prop_index(duk, -2, at++);
    }
    for (duk_uarridx_t i = 0; i < n; ++i) {
      duk_get_prop_index(duk, 3, i);
      duk_put_prop_index(duk, -2, at++);
    }
    if (!prepend) {
      duk_dup(duk, 1);
      duk_put_prop_index(duk, -2, at);
    }
  }
  duk_dup(duk, 0);
  duk_swap_top(duk, -2);
  duk_put_prop(duk, 2);
  duk_push_this(duk);
  return 1;
}

duk_ret_t on(duk_context* duk) { return add(duk, false); }
duk_ret_t prependListener(duk_context* duk) { return add(duk, true); }

duk_ret_t onceWrapper(duk_context* duk) {
  duk_idx_t nargs = duk_get_top(duk);
  duk_push_current_function(duk); // [args.. w]
  duk_get_prop_string(duk, -1, kFired);
  bool fired = duk_to_boolean(duk, -1) != 0;
  duk_pop(duk);
  // An emit that started before the removal still holds the wrapper: it runs once only.
  if (fired)
    return 0;
  duk_push_true(duk);
  duk_put_prop_string(duk, -2, kFired);
  duk_get_prop_string(duk, -1, kEmitter); // [args.. w emitter]
  duk_push_string(duk, "removeListener");
  duk_get_prop_string(duk, -3, kType);
  duk_dup(duk, -4);
  duk_call_prop(duk, -4, 2);
  duk_pop_2(duk); // [args.. w]
  duk_get_prop_string(duk, -1, "listener");
  duk_push_this(duk);
  duk_require_stack(duk, nargs + 2);
  for (duk_idx_t i = 0; i < nargs; ++i)
    duk_dup(duk, i);
  duk_call_method(duk, nargs);
  return 1;
}

duk_ret_t once(duk_context* duk, const char* method) {
  if (!duk_is_function(duk, 1))
    return invalidListener(duk);
  duk_set_top(duk, 2);
  duk_push_c_function(duk, onceWrapper, DUK_VARARGS); // [type fn w]
  duk_dup(duk, 1);
  duk_put_prop_string(duk, -2, "listener");
  duk_dup(duk, 0);
  duk_put_prop_string(duk, -2, kType);
  duk_push_this(duk);
  duk_put_prop_string(duk, -2, kEmitter);
  // Through this.on / this.prependListener: a subclass that overrides them (a socket
  // starts flowing on a 'data' listener) sees once listeners too.
  duk_push_this(duk);
  duk_push_string(duk, method);
  duk_dup(duk, 0);
  duk_dup(duk, 2);
  duk_call_prop(duk, -4, 2);
  duk_push_this(duk);
  return 1;
}

duk_ret_t onceMethod(duk_context* duk) { return once(duk, "on"); }
duk_ret_t prependOnceListener(duk_context* duk) { return once(duk, "prependListener"); }

bool matches(duk_context* duk, duk_idx_t slot, duk_idx_t fn) {
  if (duk_strict_equals(duk, slot, fn))
    return true;
  if (!duk_is_object(duk, slot))
    return false;
  duk_get_prop_string(duk, slot, "listener");
  bool same = duk_strict_equals(duk, -1, fn) != 0;
  duk_pop(duk);
  return same;
}

duk_ret_t removeListener(duk_context* duk) {
  // (type, listener)
  if (!duk_is_function(duk, 1))
    return invalidListener(duk);
  duk_set_top(duk, 2);
  pushEvents(duk, false); // [type fn ev]
  if (duk_is_undefined(duk, 2)) {
    duk_push_this(duk);
    return 1;
  }
  duk_dup(duk, 0);
  duk_get_prop(duk, 2); // [type fn ev cur]
  if (duk_is_undefined(duk, 3)) {
    duk_push_this(duk);
    return 1;
  }
  if (duk_is_function(duk, 3)) {
    if (!matches(duk, 3, 1)) {
      duk_push_this(duk);
      return 1;
    }
    duk_dup(duk, 3); // removed
    duk_dup(duk, 0);
    duk_del_prop(duk, 2);
  } else {
    // The most recently added instance goes, as in Node.
    auto n = static_cast<duk_idx_t>(duk_get_length(duk, 3));
    duk_idx_t i = n - 1;
    for (; i >= 0; --i) {
      duk_get_prop_index(duk, 3, static_cast<duk_uarridx_t>(i));
      bool hit = matches(duk, -1, 1);
      duk_pop(duk);
      if (hit)
        break;
    }
    if (i < 0) {
      duk_push_this(duk);
      return 1;
    }
    duk_get_prop_index(duk, 3, static_cast<duk_uarridx_t>(i)); // removed
    duk_dup(duk, 0);
    if (n == 2) {
      duk_get_prop_index(duk, 3, static_cast<duk_uarridx_t>(1 - i));
    } else {
      duk_push_array(duk);
      duk_uarridx_t at = 0;
      for (duk_idx_t j = 0; j < n; ++j) {
        if (j == i)
          continue;
        duk_get_prop_index(duk, 3, static_cast<duk_uarridx_t>(j));
        duk_put_prop_index(duk, -2, at++);
      }
    }
    duk_put_prop(duk, 2);
  }
  // [type fn ev cur removed]
  if (duk_has_prop_string(duk, 2, "removeListener")) {
    duk_idx_t removed = duk_get_top_index(duk);
    duk_push_string(duk, "removeListener");
    duk_dup(duk, 0);
    pushUnwrapped(duk, removed);
    callThisMethod(duk, "emit", removed + 1);
  }
  duk_push_this(duk);
  return 1;
}

// Pushes a copy of the listeners of `type` (at idx), unwrapped or raw.
void pushList(duk_context* duk, duk_idx_t type, bool unwrap) {
  pushEvents(duk, false);
  duk_push_array(duk);
  if (duk_is_undefined(duk, -2)) {
    duk_remove(duk, -2);
    return;
  }
  duk_dup(duk, type);
  duk_get_prop(duk, -3); // [ev out cur]
  if (duk_is_function(duk, -1)) {
    if (unwrap)
      pushUnwrapped(duk, -1);
    else
      duk_dup_top(duk);
    duk_put_prop_index(duk, -3, 0);
  } else if (duk_is_array(duk, -1)) {
    auto n = static_cast<duk_uarridx_t>(duk_get_length(duk, -1));
    for (duk_uarridx_t i = 0; i < n; ++i) {
      duk_get_prop_index(duk, -1, i);
      if (unwrap) {
        pushUnwrapped(duk, -1);
        duk_remove(duk, -2);
      }
      duk_put_prop_index(duk, -3, i);
    }
  }
  duk_pop(duk);
  duk_remove(duk, -2);
}

duk_ret_t listeners(duk_context* duk) {
  pushList(duk, 0, true);
  return 1;
}
duk_ret_t rawListeners(duk_context* duk) {
  pushList(duk, 0, false);
  return 1;
}

duk_ret_t listenerCount(duk_context* duk) {
  pushEvents(duk, false);
  duk_uint_t n = 0;
  if (!duk_is_undefined(duk, -1)) {
    duk_dup(duk, 0);
    duk_get_prop(duk, -2);
    n = duk_is_function(duk, -1) ? 1 : duk_is_array(duk, -1) ? static_cast<duk_uint_t>(duk_get_length(duk, -1)) : 0;
  }
  duk_push_uint(duk, n);
  return 1;
}

duk_ret_t eventNames(duk_context* duk) {
  pushEvents(duk, false);
  if (duk_is_undefined(duk, -1)) {
    duk_push_array(duk);
    return 1;
  }
  // Object.keys (own string keys in insertion order), then the symbols; the owner mark is a
  // hidden symbol, which neither lists.
  duk_idx_t ev = duk_get_top_index(duk);
  duk_get_global_string(duk, "Object");
  duk_get_prop_string(duk, -1, "keys");
  duk_dup(duk, ev);
  duk_call(duk, 1); // [ev Object keys]
  duk_get_prop_string(duk, -2, "getOwnPropertySymbols");
  duk_dup(duk, ev);
  duk_call(duk, 1); // [ev Object keys syms]
  duk_push_string(duk, "concat");
  duk_swap_top(duk, -2);
  duk_call_prop(duk, -3, 1);
  return 1;
}

duk_ret_t emit(duk_context* duk) {
  duk_idx_t nargs = duk_get_top(duk) - 1; // (type, args...)
  if (nargs < 0) {
    duk_push_undefined(duk);
    nargs = 0;
  }
  pushEvents(duk, false);
  duk_idx_t ev = duk_get_top_index(duk);
  if (!duk_is_undefined(duk, ev)) {
    duk_dup(duk, 0);
    duk_get_prop(duk, ev);
  } else {
    duk_push_undefined(duk);
  }
  duk_idx_t handler = duk_get_top_index(duk);
  duk_require_stack(duk, nargs + 4); // emit(name, ...many) as Node allows
  if (duk_is_undefined(duk, handler)) {
    if (duk_is_string(duk, 0) && std::string_view(duk_get_string(duk, 0)) == "error") {
      // events.js's unhandled(err) throws err itself, or an Error that shows it.
      pushStashed(duk, "eventsUnhandled");
      if (nargs >= 1)
        duk_dup(duk, 1);
      else
        duk_push_undefined(duk);
      duk_call(duk, 1);
    }
    duk_push_false(duk);
    return 1;
  }
  if (duk_is_function(duk, handler)) {
    duk_dup(duk, handler);
    duk_push_this(duk);
    for (duk_idx_t i = 1; i <= nargs; ++i)
      duk_dup(duk, i);
    duk_call_method(duk, nargs);
    duk_push_true(duk);
    return 1;
  }
  auto n = static_cast<duk_uarridx_t>(duk_get_length(duk, handler));
  for (duk_uarridx_t k = 0; k < n; ++k) {
    duk_get_prop_index(duk, handler, k);
    duk_push_this(duk);
    for (duk_idx_t i = 1; i <= nargs; ++i)
      duk_dup(duk, i);
    duk_call_method(duk, nargs);
    duk_pop(duk);
  }
  duk_push_true(duk);
  return 1;
}

duk_ret_t removeEach(duk_context* duk, duk_idx_t type) {
  // Removes the listeners of `type` one by one, last first, so that each removal is told.
  for (;;) {
    pushEvents(duk, false);
    if (duk_is_undefined(duk, -1)) {
      duk_pop(duk);
      return 0;
    }
    duk_dup(duk, type);
    duk_get_prop(duk, -2);
    if (duk_is_undefined(duk, -1)) {
      duk_pop_2(duk);
      return 0;
    }
    if (!duk_is_function(duk, -1)) {
      auto n = static_cast<duk_uarridx_t>(duk_get_length(duk, -1));
      duk_get_prop_index(duk, -1, n - 1);
      duk_remove(duk, -2);
    }
    duk_push_this(duk);
    duk_push_string(duk, "removeListener");
    duk_dup(duk, type);
    duk_dup(duk, -4);
    duk_call_prop(duk, -4, 2);
    duk_pop_n(duk, 4);
  }
}

duk_ret_t removeAllListeners(duk_context* duk) {
  bool all = duk_get_top(duk) == 0;
  duk_set_top(duk, 1);
  pushEvents(duk, false); // [type ev]
  if (duk_is_undefined(duk, 1)) {
    duk_push_this(duk);
    return 1;
  }
  if (!duk_has_prop_string(duk, 1, "removeListener")) {
    // Nobody to tell: drop the lists.
    if (all) {
      duk_push_this(duk);
      duk_push_bare_object(duk);
      duk_dup(duk, -2);
      duk_put_prop_string(duk, -2, kOwner);
      duk_put_prop_string(duk, -2, "_events");
    } else {
      duk_dup(duk, 0);
      duk_del_prop(duk, 1);
    }
    duk_push_this(duk);
    return 1;
  }
  if (!all) {
    removeEach(duk, 0);
    if (duk_is_string(duk, 0) && std::string_view(duk_get_string(duk, 0)) == "removeListener")
      removeEach(duk, 0);
    duk_push_this(duk);
    return 1;
  }
  // Every event but 'removeListener', then 'removeListener' last.
  duk_push_this(duk);
  duk_push_string(duk, "eventNames");
  duk_call_prop(duk, -2, 0); // [type ev this names]
  auto n = static_cast<duk_uarridx_t>(duk_get_length(duk, -1));
  for (duk_uarridx_t i = 0; i < n; ++i) {
    duk_get_prop_index(duk, 3, i);
    if (duk_is_string(duk, -1) && std::string_view(duk_get_string(duk, -1)) == "removeListener")
      duk_pop(duk);
    else {
      removeEach(duk, duk_get_top_index(duk));
      duk_pop(duk);
    }
  }
  duk_push_string(duk, "removeListener");
  removeEach(duk, duk_get_top_index(duk));
  duk_push_this(duk);
  return 1;
}

} // namespace

// eventsInit(prototype, unhandled): the natives onto EventEmitter.prototype.
duk_ret_t eventsInit(duk_context* duk) {
  stashValue(duk, 1, "eventsUnhandled");
  const duk_function_list_entry fns[] = {
      {"on", on, 2},
      {"addListener", on, 2},
      {"prependListener", prependListener, 2},
      {"once", onceMethod, 2},
      {"prependOnceListener", prependOnceListener, 2},
      {"removeListener", removeListener, 2},
      {"off", removeListener, 2},
      {"removeAllListeners", removeAllListeners, DUK_VARARGS},
      {"emit", emit, DUK_VARARGS},
      {"listeners", listeners, 1},
      {"rawListeners", rawListeners, 1},
      {"listenerCount", listenerCount, 1},
      {"eventNames", eventNames, 0},
      {nullptr, nullptr, 0},
  };
  putNatives(duk, 0, fns);
  return 0;
}

} // namespace net::js
