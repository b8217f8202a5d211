// Socket: every rule of net/SEMANTICS.md that concerns a connection.
#include "net/call_scope.h"
#include "net/server_state.h"
#include "net/socket_state.h"

namespace net {

// Each report of the transport is one entry from the loop.
void SocketSink::onConnect(const MaybeError& err) {
  CallScope scope(s_.ctx_);
  s_.onConnected(err);
}
void SocketSink::onData(const std::uint8_t* data, std::size_t size) {
  CallScope scope(s_.ctx_);
  s_.onData(data, size);
}
void SocketSink::onEof() {
  CallScope scope(s_.ctx_);
  s_.onEof();
}
void SocketSink::onWritten(const MaybeError& err) {
  CallScope scope(s_.ctx_);
  s_.onWritten(err);
}
void SocketSink::onShutdown(const MaybeError& err) {
  CallScope scope(s_.ctx_);
  s_.onShutdown(err);
}
void SocketSink::onError(const Error& err) {
  CallScope scope(s_.ctx_);
  s_.destroyWith(err);
}

namespace {

int checkPort(int port, const char* what) {
  if (port < 0 || port > 65535)
    throw ArgumentError(
        {Errc::BadPort, std::string(what) + ": port should be >= 0 and < 65536, received " + std::to_string(port)});
  return port;
}

Error destroyedError(const char* op) {
  return {Errc::StreamDestroyed, std::string("cannot call ") + op + " after a stream was destroyed"};
}

} // namespace

SocketState::SocketState(ContextState& ctx, std::uint64_t id, const SocketOptions& options)
    : ctx_(ctx), id_(id), allowHalfOpen_(options.allowHalfOpen) {}

Socket::~Socket() = default;

// --- the API: Socket is a SocketState ------------------------------------------------------

namespace {
SocketState& st(Socket* s) { return SocketState::of(*s); }
const SocketState& st(const Socket* s) { return SocketState::of(*s); }
} // namespace

std::uint64_t Socket::id() const { return st(this).id_; }
Context& Socket::context() const { return st(this).ctx_.owner; }
const Address& Socket::remote() const { return st(this).remote_; }
const Address& Socket::local() const { return st(this).local_; }
const std::string& Socket::remoteAddress() const { return st(this).remote_.address; }
std::uint16_t Socket::remotePort() const { return st(this).remote_.port; }
std::uint64_t Socket::bytesRead() const { return st(this).bytesRead_; }
std::uint64_t Socket::bytesWritten() const { return st(this).bytesWritten_; }
std::size_t Socket::bufferSize() const { return st(this).pendingBytes_; }
bool Socket::connecting() const {
  auto state = st(this).state_;
  return state == SocketState::State::Looking || state == SocketState::State::Connecting;
}
bool Socket::destroyed() const { return st(this).state_ == SocketState::State::Closed; }
bool Socket::allowHalfOpen() const { return st(this).allowHalfOpen_; }
bool Socket::writable() const {
  auto& s = st(this);
  return s.state_ != SocketState::State::Closed && !s.ending_ && !s.peerEnded_;
}
bool Socket::readable() const {
  auto& s = st(this);
  return s.state_ != SocketState::State::Closed && !s.endEmitted_;
}

Socket& Socket::connect(const ConnectOptions& options, Callback cb) {
  st(this).connect(options, std::move(cb));
  return *this;
}
Socket& Socket::connect(int port, Callback cb) { return connect(port, "localhost", std::move(cb)); }
Socket& Socket::connect(int port, const std::string& host, Callback cb) {
  ConnectOptions o;
  o.port = port;
  o.host = host;
  return connect(o, std::move(cb));
}
bool Socket::write(Buffer data, WriteCallback cb) { return st(this).write(std::move(data), std::move(cb)); }
Socket& Socket::end(Callback cb) { return end(Buffer(), std::move(cb)); }
Socket& Socket::end(Buffer data, Callback cb) {
  WriteCallback w;
  if (cb)
    w = [cb = std::move(cb)](const MaybeError&) { cb(); };
  return end(std::move(data), std::move(w));
}
Socket& Socket::end(WriteCallback cb) { return end(Buffer(), std::move(cb)); }
Socket& Socket::end(Buffer data, WriteCallback cb) {
  st(this).end(std::move(data), std::move(cb));
  return *this;
}
Socket& Socket::destroy() {
  st(this).destroyWith(std::nullopt);
  return *this;
}
Socket& Socket::destroy(Error err) {
  st(this).destroyWith(std::move(err));
  return *this;
}
Socket& Socket::pause() {
  st(this).pause();
  return *this;
}
Socket& Socket::resume() {
  st(this).resume();
  return *this;
}
Socket& Socket::setTimeout(Duration idle, Callback cb) {
  st(this).setTimeout(idle, std::move(cb));
  return *this;
}
Socket& Socket::setKeepAlive(bool enable, Duration initialDelay) {
  st(this).setKeepAlive(enable, initialDelay);
  return *this;
}
Socket& Socket::setNoDelay(bool noDelay) {
  st(this).setNoDelay(noDelay);
  return *this;
}
void Socket::nextListenerOnce() { st(this).onceNext_ = true; }

// --- listeners ---------------------------------------------------------------------------

Socket& Socket::on(ev::lookup_t, LookupListener fn) { return addListener(this, &SocketState::lookupL_, std::move(fn)); }
Socket& Socket::on(ev::connect_t, Callback fn) { return addListener(this, &SocketState::connectL_, std::move(fn)); }
Socket& Socket::on(ev::data_t, DataListener fn) {
  addListener(this, &SocketState::dataL_, std::move(fn));
  // As in Node, a 'data' listener switches the socket to flowing (unless paused).
  auto& s = st(this);
  if (!s.paused_ && s.state_ != SocketState::State::Closed) {
    s.ctx_.defer([self = s.share()] { self->deliverBuffered(); });
  }
  return *this;
}
Socket& Socket::on(ev::drain_t, Callback fn) { return addListener(this, &SocketState::drainL_, std::move(fn)); }
Socket& Socket::on(ev::end_t, Callback fn) { return addListener(this, &SocketState::endL_, std::move(fn)); }
Socket& Socket::on(ev::timeout_t, Callback fn) { return addListener(this, &SocketState::timeoutL_, std::move(fn)); }
Socket& Socket::on(ev::close_t, CloseListener fn) { return addListener(this, &SocketState::closeL_, std::move(fn)); }
Socket& Socket::on(ev::error_t, ErrorListener fn) { return addListener(this, &SocketState::errorL_, std::move(fn)); }

void SocketState::emitEvent(std::string_view name, std::size_t bytes, const Error* err, const Address* peer) {
  if (!ctx_.observer_)
    return; // no clock read on the hot path when nobody traces
  EventRecord record{ctx_.now(), "socket", id_, name, bytes, err, peer};
  if (name == "connect")
    record.local = &local_; // pairs this end with the server's 'connection' in a trace
  ctx_.observe(record);
}

// --- connect -----------------------------------------------------------------------------

void SocketState::connect(const ConnectOptions& options, Callback cb) {
  checkPort(options.port, "connect");
  if (options.family != 0 && options.family != 4 && options.family != 6)
    throw ArgumentError(
        {Errc::InvalidArgValue, "connect: family must be 0, 4 or 6, received " + std::to_string(options.family)});
  if (options.keepAliveInitialDelay.count() < 0)
    throw ArgumentError({Errc::InvalidArgValue, "connect: negative keepAliveInitialDelay"});
  if (state_ != State::Idle)
    throw ArgumentError({Errc::InvalidArgument, "connect: socket is already connecting, connected or destroyed"});
  if (cb)
    connectL_.add(std::move(cb), true);
  if (options.keepAlive)
    setKeepAlive(true, options.keepAliveInitialDelay);
  ConnectOptions o = options;
  if (o.host.empty())
    o.host = "localhost";
  state_ = State::Looking;
  ctx_.keep(share());
  startLookup(o);
}

void SocketState::startLookup(const ConnectOptions& o) {
  std::uint16_t port = static_cast<std::uint16_t>(o.port);
  std::string host = o.host;
  ctx_.backend_->resolve(o.host, o.family,
                         [self = share(), port, host](const MaybeError& err, std::vector<Address> addrs) {
                           CallScope scope(self->ctx_);
                           if (self->state_ != State::Looking)
                             return; // destroyed meanwhile
                           if (err || addrs.empty()) {
                             Error e = err ? *err : Error{Errc::NotFound, "getaddrinfo ENOTFOUND " + host};
                             self->emitEvent("lookup", 0, &e);
                             self->lookupL_.emit(e, std::string(), 0);
                             self->destroyWith(e);
                             return;
                           }
                           Address target = addrs.front();
                           target.port = port;
                           self->emitEvent("lookup", 0, nullptr, &target);
                           self->lookupL_.emit(std::nullopt, target.address, target.family);
                           if (self->state_ != State::Looking)
                             return;
                           self->startConnect(target);
                         });
}

void SocketState::startConnect(const Address& target) {
  state_ = State::Connecting;
  remote_ = target;
  stream_ = ctx_.backend_->stream();
  stream_->setSink(&sink_);
  stream_->connect(target);
}

void SocketState::onConnected(const MaybeError& err) {
  if (state_ != State::Connecting)
    return;
  if (err) {
    destroyWith(*err);
    return;
  }
  state_ = State::Open;
  local_ = stream_->localAddress();
  remote_ = stream_->remoteAddress();
  if (keepAlive_)
    stream_->setKeepAlive(true, keepAliveDelay_);
  if (noDelay_)
    stream_->setNoDelay(*noDelay_);
  touch();
  emitEvent("connect", 0, nullptr, &remote_);
  connectL_.emit();
  if (state_ != State::Open)
    return;
  flushWrites();
  maybeShutdown();
  updateReading();
}

void SocketState::adopt(std::unique_ptr<backend::Stream> stream, std::shared_ptr<ServerState> server) {
  state_ = State::Open;
  stream_ = std::move(stream);
  stream_->setSink(&sink_);
  server_ = std::move(server);
  local_ = stream_->localAddress();
  remote_ = stream_->remoteAddress();
  ctx_.keep(share());
  updateReading();
}

// --- read side ---------------------------------------------------------------------------

void SocketState::updateReading() {
  if (state_ != State::Open || !stream_)
    return;
  bool flowing = !paused_ && !dataL_.empty();
  // Paused or without a 'data' listener, the socket still reads up to the high-water mark
  // (as Node's readable side does), then the transport's window takes over: nothing is
  // lost, and the peer is slowed.
  bool want = !eof_ && (flowing || readBuffered_ < ctx_.highWaterMark_);
  if (want == reading_)
    return;
  reading_ = want;
  if (want)
    stream_->readStart();
  else
    stream_->readStop();
}

void SocketState::onData(const std::uint8_t* p, std::size_t n) {
  if (state_ != State::Open)
    return;
  bytesRead_ += n;
  touch();
  if (!paused_ && !dataL_.empty() && readBuffer_.empty()) {
    emitEvent("data", n);
    dataL_.emit(Buffer(p, n));
    return;
  }
  readBuffer_.emplace_back(p, n);
  readBuffered_ += n;
  updateReading();
}

void SocketState::deliverBuffered() {
  while (state_ == State::Open && !paused_ && !dataL_.empty() && !readBuffer_.empty()) {
    Buffer chunk = std::move(readBuffer_.front());
    readBuffer_.pop_front();
    readBuffered_ -= chunk.size();
    emitEvent("data", chunk.size());
    dataL_.emit(chunk);
  }
  maybeEmitEnd();
  updateReading();
}

void SocketState::onEof() {
  if (state_ != State::Open || eof_)
    return;
  eof_ = true;
  if (reading_) {
    reading_ = false;
    stream_->readStop();
  }
  maybeEmitEnd();
}

void SocketState::maybeEmitEnd() {
  if (state_ != State::Open || !eof_ || endEmitted_ || paused_ || !readBuffer_.empty())
    return;
  endEmitted_ = true;
  emitEvent("end");
  endL_.emit();
  if (state_ != State::Open)
    return;
  if (!allowHalfOpen_) {
    // The peer is done and we may not stay half-open: finish our side too (rule 8).
    peerEnded_ = true;
    if (!ending_) {
      ending_ = true;
      maybeShutdown();
    }
  }
  maybeFinishClose();
}

void SocketState::pause() {
  paused_ = true;
  updateReading();
}

void SocketState::resume() {
  paused_ = false;
  if (state_ != State::Closed)
    ctx_.defer([self = share()] { self->deliverBuffered(); });
}

// --- write side --------------------------------------------------------------------------

bool SocketState::write(Buffer data, WriteCallback cb) {
  if (state_ == State::Closed) {
    Error e = destroyedError("write");
    if (cb)
      ctx_.defer([cb = std::move(cb), e] { cb(e); });
    return false;
  }
  if (peerEnded_ && ending_) {
    Error e{Errc::BrokenPipe, "This socket has been ended by the other party"};
    if (cb)
      ctx_.defer([cb = std::move(cb), e] { cb(e); });
    destroyWith(e);
    return false;
  }
  if (ending_) {
    Error e{Errc::WriteAfterEnd, "write after end"};
    if (cb)
      ctx_.defer([cb = std::move(cb), e] { cb(e); });
    destroyWith(e);
    return false;
  }
  std::size_t n = data.size();
  pendingBytes_ += n;
  writes_.push_back(PendingWrite{n, std::move(cb)});
  unsent_.push_back(std::move(data));
  touch();
  if (state_ == State::Open)
    flushWrites();
  bool ok = pendingBytes_ < ctx_.highWaterMark_;
  if (!ok)
    needDrain_ = true;
  return ok;
}

void SocketState::flushWrites() {
  while (!unsent_.empty()) {
    Buffer b = std::move(unsent_.front());
    unsent_.pop_front();
    stream_->write(std::move(b));
  }
}

void SocketState::onWritten(const MaybeError& err) {
  if (state_ != State::Open || writes_.empty())
    return;
  PendingWrite w = std::move(writes_.front());
  writes_.pop_front();
  pendingBytes_ -= w.size;
  if (err) {
    if (w.cb)
      w.cb(err);
    destroyWith(*err);
    return;
  }
  bytesWritten_ += w.size;
  touch();
  // Node (afterWrite): 'drain' first, then the completed write's callback.
  if (pendingBytes_ == 0 && needDrain_ && !ending_) {
    needDrain_ = false;
    emitEvent("drain");
    drainL_.emit();
  }
  if (w.cb)
    w.cb(std::nullopt);
  if (state_ != State::Open)
    return;
  maybeShutdown();
}

void SocketState::end(Buffer data, WriteCallback cb) {
  if (!data.empty())
    write(std::move(data), {});
  Error finishedError{Errc::StreamAlreadyFinished, "Cannot call end after a stream was finished"};
  if (state_ == State::Closed) {
    // Node (Writable.end): ERR_STREAM_ALREADY_FINISHED once finished, ERR_STREAM_DESTROYED
    // after an error or an end that never finished; a socket destroyed without either
    // takes the callback and never calls it.
    if (cb && (errored_ || ending_)) {
      Error e = finished_ ? finishedError : destroyedError("end");
      ctx_.defer([cb = std::move(cb), e] { cb(e); });
    }
    return;
  }
  if (cb) {
    if (finished_)
      ctx_.defer([cb = std::move(cb), finishedError] { cb(finishedError); });
    else
      finishCallbacks_.push_back(std::move(cb));
  }
  if (!ending_) {
    ending_ = true;
    if (state_ == State::Idle) {
      // end() on a socket that never connects: nothing to flush; it is simply over.
      destroy();
      return;
    }
    maybeShutdown();
  }
}

void SocketState::maybeShutdown() {
  if (state_ != State::Open || !ending_ || shutdownSent_ || !writes_.empty())
    return;
  shutdownSent_ = true;
  stream_->shutdown();
}

void SocketState::onShutdown(const MaybeError& err) {
  if (state_ != State::Open)
    return;
  if (err) {
    destroyWith(*err);
    return;
  }
  finished_ = true;
  auto cbs = std::move(finishCallbacks_);
  finishCallbacks_.clear();
  for (auto& cb : cbs) {
    cb(std::nullopt);
    if (state_ != State::Open)
      return;
  }
  maybeFinishClose();
}

void SocketState::maybeFinishClose() {
  if (state_ == State::Open && endEmitted_ && finished_)
    destroyWith(std::nullopt);
}

// --- timers and options ------------------------------------------------------------------

void SocketState::setTimeout(Duration idle, Callback cb) {
  if (idle.count() < 0)
    throw ArgumentError({Errc::InvalidArgValue, "setTimeout: negative duration"});
  if (cb)
    timeoutL_.add(std::move(cb), true);
  idleTimeout_ = idle;
  if (idle.count() == 0) {
    if (idleTimer_)
      idleTimer_->stop();
  } else {
    armTimeout();
  }
}

void SocketState::armTimeout() {
  if (idleTimeout_.count() == 0 || state_ == State::Closed)
    return;
  if (!idleTimer_) {
    idleTimer_ = ctx_.backend_->timer([this] {
      CallScope scope(ctx_);
      if (state_ == State::Closed)
        return;
      emitEvent("timeout");
      timeoutL_.emit();
    });
  }
  idleTimer_->start(idleTimeout_);
}

void SocketState::touch() {
  if (idleTimeout_.count() > 0)
    armTimeout();
}

void SocketState::setKeepAlive(bool enable, Duration initialDelay) {
  if (initialDelay.count() < 0)
    throw ArgumentError({Errc::InvalidArgValue, "setKeepAlive: negative initialDelay"});
  keepAlive_ = enable;
  keepAliveDelay_ = initialDelay;
  if (state_ == State::Open && stream_)
    stream_->setKeepAlive(enable, initialDelay);
}

void SocketState::setNoDelay(bool noDelay) {
  noDelay_ = noDelay;
  if (state_ == State::Open && stream_)
    stream_->setNoDelay(noDelay);
}

// --- close -------------------------------------------------------------------------------

void SocketState::destroyWith(MaybeError err) {
  if (state_ == State::Closed)
    return;
  state_ = State::Closed;
  errored_ = err.has_value();
  reading_ = false;
  // What the transport already took is sent, and those writes succeed (Node: the bytes
  // did go out); then FIN, or RST when unread data is left (the transport decides).
  std::size_t accepted = stream_ ? stream_->flush() : 0;
  stream_.reset();
  idleTimer_.reset();
  readBuffer_.clear();
  readBuffered_ = 0;
  unsent_.clear();
  auto writes = std::move(writes_);
  writes_.clear();
  pendingBytes_ = 0;
  // Node (errorBuffer): end() callbacks still waiting get the error, or
  // ERR_STREAM_DESTROYED.
  auto finishing = std::move(finishCallbacks_);
  finishCallbacks_.clear();
  for (auto& w : writes) {
    bool done = accepted > 0;
    if (done) {
      --accepted;
      bytesWritten_ += w.size;
    }
    if (w.cb)
      ctx_.defer([cb = std::move(w.cb), done] {
        if (done)
          cb(std::nullopt);
        else
          cb(destroyedError("write"));
      });
  }
  for (auto& cb : finishing)
    ctx_.defer([cb = std::move(cb), e = err ? *err : destroyedError("end")] { cb(e); });
  ctx_.defer([self = share(), err = std::move(err)] {
    if (err) {
      self->emitEvent("error", 0, &*err);
      if (self->errorL_.empty())
        self->ctx_.unhandled("socket", self->id_, *err);
      else
        self->errorL_.emit(*err);
    }
    // 'close' one turn later, as Node's comes from the handle's close callback: callbacks
    // queued meanwhile (a write after destroy()) run before it.
    self->ctx_.defer([self, hadError = err.has_value()] {
      self->emitEvent("close");
      self->closeL_.emit(hadError);
      auto server = std::move(self->server_);
      self->abandon();
      if (server)
        server->socketClosed();
      self->ctx_.release(self->id_);
    });
  });
}

void SocketState::abandon() {
  state_ = State::Closed;
  stream_.reset();
  idleTimer_.reset();
  lookupL_.clear();
  connectL_.clear();
  dataL_.clear();
  drainL_.clear();
  endL_.clear();
  timeoutL_.clear();
  closeL_.clear();
  errorL_.clear();
  writes_.clear();
  unsent_.clear();
  finishCallbacks_.clear();
  readBuffer_.clear();
  server_.reset();
}

} // namespace net
