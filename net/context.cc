#include <cstdio>

#include "net/backend.h"
#include "net/call_scope.h"
#include "net/runtime.h"

namespace net {

struct Timer::State {
  Context* ctx;
  std::uint64_t id;
  Duration period; // zero: one-shot
  // Shared so that a firing timer keeps its callback alive while cancel() or reset(), called
  // from inside it, release the timer's hold (which breaks cycles through a callback that
  // captures its own Timer).
  std::shared_ptr<Callback> fn;
  std::unique_ptr<backend::Timer> timer;
};

Context::Context(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}

Context::~Context() { reset(); }

void Context::reset() {
  // Handles may reference each other (a socket its server, listeners their own socket):
  // take them all out first, then cut every handle loose without emitting anything.
  bool was = busy();
  auto live = std::move(live_);
  live_.clear();
  for (auto& [id, h] : live) {
    if (h.socket)
      h.socket->abandon();
    if (h.server)
      h.server->abandon();
  }
  for (auto& [id, state] : timers_) {
    state->ctx = nullptr;
    state->timer.reset();
    state->fn = nullptr;
  }
  timers_.clear();
  ticks_.clear();
  // Called from inside one of this context's callbacks, the handles must outlive it: the
  // socket or server whose code is on the stack would otherwise be freed under it. They are
  // released once the outermost callback has returned (its CallScope drains the ticks).
  if (depth_ > 0)
    ticks_.push_back([graveyard = std::move(live)] {});
  activityChanged(was);
}

void Context::observe(const EventRecord& r) {
  if (observer_)
    observer_->onEvent(r);
}

Time Context::now() const { return backend_->now(); }

void Context::defer(Callback fn) {
  ticks_.push_back(std::move(fn));
  if (depth_ == 0 && !tickPosted_) {
    bool was = busy();
    tickPosted_ = true;
    backend_->post([this] {
      { CallScope scope(*this); }
      bool wasBusy = busy();
      tickPosted_ = false;
      activityChanged(wasBusy);
    });
    activityChanged(was);
  }
}

void Context::drain() {
  while (!ticks_.empty()) {
    Callback fn = std::move(ticks_.front());
    ticks_.pop_front();
    fn();
  }
}

void Context::activityChanged(bool wasBusy) {
  if (activityFn_ && wasBusy != busy())
    activityFn_(!wasBusy);
}

void Context::keep(std::shared_ptr<Socket> socket) {
  bool was = busy();
  std::uint64_t id = socket->id();
  live_[id].socket = std::move(socket);
  activityChanged(was);
}

void Context::keep(std::shared_ptr<Server> server) {
  bool was = busy();
  std::uint64_t id = server->id();
  live_[id].server = std::move(server);
  activityChanged(was);
}

void Context::release(std::uint64_t id) {
  bool was = busy();
  live_.erase(id);
  activityChanged(was);
}

void Context::onUnhandledError(std::function<void(std::string_view, std::uint64_t, const Error&)> fn) {
  unhandledFn_ = std::move(fn);
}

void Context::unhandled(std::string_view kind, std::uint64_t obj, const Error& err) {
  ++unhandledErrors_;
  if (unhandledFn_) {
    unhandledFn_(kind, obj, err);
    return;
  }
  std::fprintf(stderr, "net: unhandled 'error' event on %.*s %llu: %s\n", static_cast<int>(kind.size()), kind.data(),
               static_cast<unsigned long long>(obj), err.what().c_str());
}

void Context::setImmediate(Callback fn) { defer(std::move(fn)); }

void Context::lookup(const std::string& host, int family,
                     std::function<void(const MaybeError&, const std::vector<Address>&)> cb) {
  if (family != 0 && family != 4 && family != 6)
    throw ArgumentError({Errc::InvalidArgValue, "lookup: family must be 0, 4 or 6"});
  if (host.empty())
    throw ArgumentError({Errc::InvalidArgValue, "lookup: empty host name"});
  bool was = busy();
  ++lookups_;
  activityChanged(was);
  backend_->resolve(host, family, [this, host, cb = std::move(cb)](const MaybeError& err, std::vector<Address> addrs) {
    CallScope scope(*this);
    bool wasBusy = busy();
    --lookups_;
    activityChanged(wasBusy);
    if (!err && addrs.empty())
      cb(Error{Errc::NotFound, "getaddrinfo ENOTFOUND " + host}, addrs);
    else
      cb(err, addrs);
  });
}

// --- timers ------------------------------------------------------------------------------

Timer Context::setTimeout(Duration delay, Callback fn) {
  if (delay.count() < 0)
    throw ArgumentError({Errc::InvalidArgValue, "setTimeout: negative delay"});
  auto st = std::make_shared<Timer::State>();
  st->ctx = this;
  st->id = nextId();
  st->fn = std::make_shared<Callback>(std::move(fn));
  Timer::State* raw = st.get();
  st->timer = backend_->timer([raw] {
    Context& ctx = *raw->ctx;
    CallScope scope(ctx);
    // Keep the state alive through the callback even if it cancels itself.
    auto self = ctx.timers_.at(raw->id);
    std::shared_ptr<Callback> run = self->fn;
    if (raw->period.count() > 0) {
      raw->timer->start(raw->period);
    } else {
      bool was = ctx.busy();
      ctx.timers_.erase(raw->id);
      ctx.activityChanged(was);
      self->fn.reset(); // a one-shot timer's callback is released once it has run
    }
    if (run && *run)
      (*run)();
  });
  st->timer->start(delay);
  bool was = busy();
  timers_[st->id] = st;
  activityChanged(was);
  return Timer(st);
}

Timer Context::setInterval(Duration period, Callback fn) {
  if (period.count() <= 0)
    throw ArgumentError({Errc::InvalidArgValue, "setInterval: period must be positive"});
  Timer t = setTimeout(period, std::move(fn));
  t.state_->period = period;
  return t;
}

void Timer::cancel() {
  if (!state_ || !state_->ctx)
    return;
  state_->timer.reset();
  state_->fn.reset(); // breaks cycles through a callback that captures this timer
  Context* ctx = state_->ctx;
  state_->ctx = nullptr;
  bool was = ctx->busy();
  ctx->timers_.erase(state_->id);
  ctx->activityChanged(was);
}

bool Timer::active() const { return state_ && state_->ctx && state_->ctx->timers_.count(state_->id); }

} // namespace net

namespace net {

// --- the module's functions --------------------------------------------------------------

std::shared_ptr<Server> Context::createServer(const ServerOptions& options, ConnectionListener fn) {
  auto server = std::shared_ptr<Server>(new Server(*this, nextId(), options));
  if (fn)
    server->on(ev::connection, std::move(fn));
  return server;
}

std::shared_ptr<Server> Context::createServer(ConnectionListener fn) { return createServer({}, std::move(fn)); }

std::shared_ptr<Socket> Context::newSocket(const SocketOptions& options) {
  return std::shared_ptr<Socket>(new Socket(*this, nextId(), options));
}

std::shared_ptr<Socket> Context::connect(const ConnectOptions& options, Callback cb) {
  auto socket = newSocket(SocketOptions{options.allowHalfOpen});
  socket->connect(options, std::move(cb));
  return socket;
}

std::shared_ptr<Socket> Context::connect(int port, const std::string& host, Callback cb) {
  ConnectOptions o;
  o.port = port;
  o.host = host;
  return connect(o, std::move(cb));
}

std::shared_ptr<Socket> Context::connect(int port, Callback cb) { return connect(port, "localhost", std::move(cb)); }

std::shared_ptr<Socket> Context::createConnection(const ConnectOptions& options, Callback cb) {
  return connect(options, std::move(cb));
}

std::shared_ptr<Socket> Context::createConnection(int port, const std::string& host, Callback cb) {
  return connect(port, host, std::move(cb));
}

std::shared_ptr<Socket> Context::createConnection(int port, Callback cb) { return connect(port, std::move(cb)); }

} // namespace net
