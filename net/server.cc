// Server: listen, accept, and close only once every accepted socket has closed.
#include "net/call_scope.h"
#include "net/server_state.h"
#include "net/socket_state.h"

namespace net {

void ServerSink::onAccept(std::unique_ptr<backend::Stream> stream) {
  CallScope scope(s_.ctx_);
  s_.onAccept(std::move(stream));
}
void ServerSink::onError(const Error& err) {
  CallScope scope(s_.ctx_);
  s_.emitError(err);
}

ServerState::ServerState(ContextState& ctx, std::uint64_t id, const ServerOptions& options)
    : ctx_(ctx), id_(id), options_(options) {}

Server::~Server() = default;

// --- the API: Server is a ServerState ------------------------------------------------------

namespace {
ServerState& st(Server* s) { return ServerState::of(*s); }
const ServerState& st(const Server* s) { return ServerState::of(*s); }
} // namespace

std::uint64_t Server::id() const { return st(this).id_; }
Context& Server::context() const { return st(this).ctx_.owner; }
const Address& Server::address() const { return st(this).address_; }
bool Server::listening() const { return st(this).listener_ != nullptr; }
std::size_t Server::connections() const { return st(this).connections_; }
void Server::nextListenerOnce() { st(this).onceNext_ = true; }

Server& Server::listen(int port, Callback cb) { return listen(port, std::string(), 511, std::move(cb)); }
Server& Server::listen(int port, const std::string& host, Callback cb) {
  return listen(port, host, 511, std::move(cb));
}
Server& Server::listen(int port, const std::string& host, int backlog, Callback cb) {
  ListenOptions o;
  o.port = port;
  o.host = host;
  o.backlog = backlog;
  return listen(o, std::move(cb));
}
Server& Server::listen(const ListenOptions& options, Callback cb) {
  st(this).listen(options, std::move(cb));
  return *this;
}
Server& Server::close(std::function<void(const MaybeError&)> cb) {
  st(this).close(std::move(cb));
  return *this;
}

Server& Server::on(ev::listening_t, Callback fn) { return addListener(this, &ServerState::listeningL_, std::move(fn)); }
Server& Server::on(ev::connection_t, ConnectionListener fn) {
  return addListener(this, &ServerState::connectionL_, std::move(fn));
}
Server& Server::on(ev::close_t, Callback fn) { return addListener(this, &ServerState::closeL_, std::move(fn)); }
Server& Server::on(ev::error_t, ErrorListener fn) { return addListener(this, &ServerState::errorL_, std::move(fn)); }

void ServerState::emitEvent(std::string_view name, const Error* err, const Socket* accepted) {
  if (!ctx_.observer_)
    return;
  EventRecord record{ctx_.now(), "server", id_, name, 0, err, nullptr};
  if (accepted) {
    record.peer = &accepted->remote();
    record.local = &accepted->local();
    record.socket = accepted->id();
  }
  ctx_.observe(record);
}

void ServerState::listen(const ListenOptions& options, Callback cb) {
  if (options.port < 0 || options.port > 65535)
    throw ArgumentError(
        {Errc::BadPort, "listen: port should be >= 0 and < 65536, received " + std::to_string(options.port)});
  if (options.backlog < 0)
    throw ArgumentError({Errc::InvalidArgValue, "listen: negative backlog"});
  if (listener_ || resolving_)
    throw ArgumentError({Errc::ServerAlreadyListening, "listen: server is already listening"});
  if (closing_)
    throw ArgumentError({Errc::InvalidArgument, "listen: a closed server cannot listen again; create a new one"});
  if (cb)
    listeningL_.add(std::move(cb), true);
  ctx_.keep(share());
  Address local{options.host, 0, static_cast<std::uint16_t>(options.port)};
  if (options.host.empty()) {
    bind(local, options.backlog);
    return;
  }
  // A host name is resolved first, as Node does; the first address is bound.
  resolving_ = true;
  ctx_.backend_->resolve(
      options.host, 0,
      [self = share(), local, backlog = options.backlog](const MaybeError& err, std::vector<Address> addrs) {
        CallScope scope(self->ctx_);
        self->resolving_ = false;
        if (self->closing_ || self->abandoned_)
          return; // closed, or its host vanished (Context::reset), while the name resolved
        if (err || addrs.empty()) {
          self->fail(err ? *err : Error{Errc::NotFound, "getaddrinfo ENOTFOUND " + local.address});
          return;
        }
        Address a = addrs.front();
        a.port = local.port;
        self->bind(a, backlog);
      });
}

void ServerState::bind(const Address& local, int backlog) {
  MaybeError err;
  listener_ = ctx_.backend_->listen(local, backlog, &sink_, err);
  if (!listener_) {
    fail(err ? *err : Error{Errc::Io, "listen failed"});
    return;
  }
  address_ = listener_->localAddress();
  ctx_.defer([self = share()] {
    if (!self->listener_)
      return;
    self->emitEvent("listening");
    self->listeningL_.emit();
  });
}

// A listen that failed: 'error' from the loop, and the server is not running ('close'
// only when the application closes it).
void ServerState::fail(Error err) {
  ctx_.defer([self = share(), err = std::move(err)] {
    self->emitError(err);
    if (!self->listener_ && !self->resolving_ && self->connections_ == 0)
      self->ctx_.release(self->id_);
  });
}

void ServerState::emitError(const Error& err) {
  if (abandoned_)
    return; // its host vanished (Context::reset) after the error was queued
  emitEvent("error", &err);
  if (errorL_.empty())
    ctx_.unhandled("server", id_, err);
  else
    errorL_.emit(err);
}

void ServerState::onAccept(std::unique_ptr<backend::Stream> stream) {
  if (closing_ || !listener_)
    return; // dropping the stream closes it
  auto socket = std::make_shared<SocketState>(ctx_, ctx_.nextId(), SocketOptions{options_.allowHalfOpen});
  socket->adopt(std::move(stream), share());
  ++connections_;
  emitEvent("connection", nullptr, socket.get());
  connectionL_.emit(socket);
}

void ServerState::close(std::function<void(const MaybeError&)> cb) {
  if (!listener_ && !resolving_) {
    // Node: the callback gets ERR_SERVER_NOT_RUNNING, and 'close' is emitted all the same
    // (a server whose listen failed, or that never listened, closes too).
    if (cb) {
      Error e{Errc::ServerNotRunning, "Server is not running."};
      closeL_.add([cb = std::move(cb), e] { cb(e); }, true);
    }
    closing_ = true;
    maybeEmitClose();
    return;
  }
  if (cb)
    closeL_.add([cb = std::move(cb)] { cb(std::nullopt); }, true);
  closing_ = true;
  listener_.reset(); // stop accepting now
  maybeEmitClose();
}

void ServerState::socketClosed() {
  --connections_;
  maybeEmitClose();
}

void ServerState::maybeEmitClose() {
  if (!closing_ || connections_ > 0 || closeEmitted_)
    return;
  closeEmitted_ = true;
  ctx_.defer([self = share()] {
    self->emitEvent("close");
    self->closeL_.emit();
    self->abandon();
    self->ctx_.release(self->id_);
  });
}

void ServerState::abandon() {
  abandoned_ = true;
  listener_.reset();
  listeningL_.clear();
  connectionL_.clear();
  closeL_.clear();
  errorL_.clear();
}

} // namespace net
