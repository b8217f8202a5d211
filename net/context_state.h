// A Context's state, and the hooks the net layer's handles use on it. Internal: included by
// net/*.cc only; applications see net/net.h, runtimes net/runtime.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <utility>

#include "net/backend.h"
#include "net/fifo.h"
#include "net/net.h"
#include "net/runtime.h"

namespace net {

struct Timer::State {
  ContextState* ctx;
  std::uint64_t id;
  Duration period; // zero: one-shot
  // Shared so that a firing timer keeps its callback alive while cancel() or reset(), called
  // from inside it, release the timer's hold (which breaks cycles through a callback that
  // captures its own Timer).
  std::shared_ptr<Callback> fn;
  std::unique_ptr<backend::Timer> timer;
};

class ContextState {
public:
  ContextState(Context& owner, std::unique_ptr<Backend> backend);
  ~ContextState();
  ContextState(const ContextState&) = delete;
  ContextState& operator=(const ContextState&) = delete;

  // Destroys every socket, server and timer without emitting events (Runtime::reset).
  void reset();
  std::uint64_t nextId() { return ++lastId_; }
  // Queues fn to run from the loop after the current callback (rule 1).
  void defer(Callback fn);
  // Runs the queued callbacks: when the outermost CallScope exits.
  void drain();
  bool busy() const { return !live_.empty() || !timers_.empty() || tickPosted_ || lookups_ > 0; }
  void activityChanged(bool wasBusy);
  // Holds an active handle until release(): the application may drop its own reference.
  void keep(std::shared_ptr<SocketState> socket);
  void keep(std::shared_ptr<ServerState> server);
  void release(std::uint64_t id);
  void unhandled(std::string_view kind, std::uint64_t obj, const Error& err);
  void observe(const EventRecord& r) {
    if (observer_)
      observer_->onEvent(r);
  }
  Time now() const { return backend_->now(); }
  std::shared_ptr<Timer::State> setTimeout(Duration delay, Callback fn);
  void lookup(const std::string& host, int family,
              std::function<void(const MaybeError&, const std::vector<Address>&)> cb);

  Context& owner; // the application's handle on this state
  std::unique_ptr<Backend> backend_;
  std::uint64_t lastId_ = 0;
  std::size_t highWaterMark_ = 16 * 1024;
  struct LiveHandle {
    std::shared_ptr<SocketState> socket;
    std::shared_ptr<ServerState> server;
  };
  std::map<std::uint64_t, LiveHandle> live_; // ordered: ids, not pointers, decide order
  detail::Fifo<Callback> ticks_;
  std::map<std::uint64_t, std::shared_ptr<Timer::State>> timers_;
  bool tickPosted_ = false;
  int depth_ = 0;
  Observer* observer_ = nullptr;
  std::uint64_t unhandledErrors_ = 0;
  std::size_t lookups_ = 0; // lookup() calls not answered yet: the host is busy
  std::function<void(std::string_view, std::uint64_t, const Error&)> unhandledFn_;
  std::function<void(bool)> activityFn_;
};

// Socket::on and Server::on: adds fn to the list `list` of the handle's state, as a once
// listener when once() asked for it just before (nextListenerOnce()).
template <class State, class List, class Handle, class Fn>
Handle& addListener(Handle* handle, List State::*list, Fn fn) {
  State& s = State::of(*handle);
  (s.*list).add(std::move(fn), std::exchange(s.onceNext_, false));
  return *handle;
}

} // namespace net
