#include <cstdio>

#include "net/call_scope.h"
#include "net/context_state.h"
#include "net/server_state.h"
#include "net/socket_state.h"

namespace net {

ContextState::ContextState(Context& context, std::unique_ptr<Backend> backend)
    : owner(context), backend_(std::move(backend)) {}

ContextState::~ContextState() = default;

void ContextState::reset() {
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

void ContextState::defer(Callback fn) {
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

void ContextState::drain() {
  while (!ticks_.empty()) {
    Callback fn = std::move(ticks_.front());
    ticks_.pop_front();
    fn();
  }
}

void ContextState::activityChanged(bool wasBusy) {
  if (activityFn_ && wasBusy != busy())
    activityFn_(!wasBusy);
}

void ContextState::keep(std::shared_ptr<SocketState> socket) {
  bool was = busy();
  std::uint64_t id = socket->id_;
  live_[id].socket = std::move(socket);
  activityChanged(was);
}

void ContextState::keep(std::shared_ptr<ServerState> server) {
  bool was = busy();
  std::uint64_t id = server->id_;
  live_[id].server = std::move(server);
  activityChanged(was);
}

void ContextState::release(std::uint64_t id) {
  bool was = busy();
  live_.erase(id);
  activityChanged(was);
}

void ContextState::unhandled(std::string_view kind, std::uint64_t obj, const Error& err) {
  ++unhandledErrors_;
  if (unhandledFn_) {
    unhandledFn_(kind, obj, err);
    return;
  }
  std::fprintf(stderr, "net: unhandled 'error' event on %.*s %llu: %s\n", static_cast<int>(kind.size()), kind.data(),
               static_cast<unsigned long long>(obj), err.what().c_str());
}

void ContextState::lookup(const std::string& host, int family,
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

Timer Context::setTimeout(Duration delay, Callback fn) { return Timer(state_->setTimeout(delay, std::move(fn))); }

Timer Context::setInterval(Duration period, Callback fn) {
  if (period.count() <= 0)
    throw ArgumentError({Errc::InvalidArgValue, "setInterval: period must be positive"});
  auto st = state_->setTimeout(period, std::move(fn));
  st->period = period;
  return Timer(st);
}

std::shared_ptr<Timer::State> ContextState::setTimeout(Duration delay, Callback fn) {
  if (delay.count() < 0)
    throw ArgumentError({Errc::InvalidArgValue, "setTimeout: negative delay"});
  auto st = std::make_shared<Timer::State>();
  st->ctx = this;
  st->id = nextId();
  st->fn = std::make_shared<Callback>(std::move(fn));
  Timer::State* raw = st.get();
  st->timer = backend_->timer([raw] {
    ContextState& ctx = *raw->ctx;
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
  return st;
}

void Timer::cancel() {
  if (!state_ || !state_->ctx)
    return;
  state_->timer.reset();
  state_->fn.reset(); // breaks cycles through a callback that captures this timer
  ContextState* ctx = state_->ctx;
  state_->ctx = nullptr;
  bool was = ctx->busy();
  ctx->timers_.erase(state_->id);
  ctx->activityChanged(was);
}

bool Timer::active() const { return state_ && state_->ctx && state_->ctx->timers_.count(state_->id); }

} // namespace net

namespace net {

// --- the module's functions --------------------------------------------------------------

Context::Context(std::unique_ptr<Backend> backend)
    : state_(std::make_unique<ContextState>(*this, std::move(backend))) {}

Context::~Context() { state_->reset(); }

Time Context::now() const { return state_->now(); }
std::size_t Context::highWaterMark() const { return state_->highWaterMark_; }
void Context::setHighWaterMark(std::size_t bytes) { state_->highWaterMark_ = bytes; }
std::uint64_t Context::unhandledErrors() const { return state_->unhandledErrors_; }
std::size_t Context::activeHandles() const { return state_->live_.size(); }
bool Context::busy() const { return state_->busy(); }
void Context::setImmediate(Callback fn) { state_->defer(std::move(fn)); }

void Context::onUnhandledError(std::function<void(std::string_view, std::uint64_t, const Error&)> fn) {
  state_->unhandledFn_ = std::move(fn);
}

void Context::lookup(const std::string& host, int family,
                     std::function<void(const MaybeError&, const std::vector<Address>&)> cb) {
  state_->lookup(host, family, std::move(cb));
}

// --- the runtime's hooks ------------------------------------------------------------------

void Runtime::setObserver(Context& ctx, Observer* observer) { ctx.state_->observer_ = observer; }
void Runtime::onActivity(Context& ctx, std::function<void(bool busy)> fn) { ctx.state_->activityFn_ = std::move(fn); }
void Runtime::reset(Context& ctx) { ctx.state_->reset(); }
Backend& Runtime::backend(Context& ctx) { return *ctx.state_->backend_; }

std::shared_ptr<Server> Context::createServer(const ServerOptions& options, ConnectionListener fn) {
  std::shared_ptr<Server> server = std::make_shared<ServerState>(*state_, state_->nextId(), options);
  if (fn)
    server->on(ev::connection, std::move(fn));
  return server;
}

std::shared_ptr<Server> Context::createServer(ConnectionListener fn) { return createServer({}, std::move(fn)); }

std::shared_ptr<Socket> Context::newSocket(const SocketOptions& options) {
  return std::make_shared<SocketState>(*state_, state_->nextId(), options);
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
