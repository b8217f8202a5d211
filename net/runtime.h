// What runs contexts (a simulated world, a libuv loop, a script engine, a scenario runner)
// does to one beyond the application's API: see every event, hear when it turns busy or idle,
// make its host vanish, reach its backend. Applications include net/net.h only.
#pragma once

#include <functional>
#include <string_view>

#include "net/net.h"

namespace net {

// What an observer (a tracer) sees of every event emitted to the application.
struct EventRecord {
  Time t;
  std::string_view kind;          // "socket", "server"
  std::uint64_t obj;              // the handle's id, unique within its context
  std::string_view ev;            // the event's name, as in the API: "data", "close", ...
  std::size_t bytes;              // 'data': the chunk's size
  const Error* error;             // 'error' (and a failed 'lookup'); otherwise null
  const Address* peer;            // 'connect', 'connection', 'lookup': the peer; otherwise null
  const Address* local = nullptr; // 'connect', 'connection': this end's address
  std::uint64_t socket = 0;       // 'connection': the accepted socket's id
};
class Observer {
public:
  virtual ~Observer() = default;
  virtual void onEvent(const EventRecord& record) = 0;
};

// The runtime's hooks on a context.
class Runtime {
public:
  // Sees every event emitted to the application of `ctx` (at most one observer; null: none).
  static void setObserver(Context& ctx, Observer* observer);
  // Told when `ctx` turns busy (a first active handle or armed timer) and idle again: a
  // simulated world stops when every host is idle.
  static void onActivity(Context& ctx, std::function<void(bool busy)> fn);
  // Destroys every socket, server and timer without emitting events: a host that vanishes.
  static void reset(Context& ctx);
  static Backend& backend(Context& ctx);
};

} // namespace net
