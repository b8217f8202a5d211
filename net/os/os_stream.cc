// A TCP connection on libuv.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <utility>

#include "net/os/internal.h"

namespace net::os {

// The profile's per-socket settings (os.h, TcpOptions); TCP_SYNCNT matters only before
// connect(). A setting the host refuses (a congestion control it lacks) stays the host's.
void applyTcpOptions(int fd, const TcpOptions& o, bool connecting) {
  if (o.userTimeout.count() > 0) {
    unsigned ms = static_cast<unsigned>((o.userTimeout.count() + 999'999) / 1'000'000);
    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, sizeof ms);
  }
  if (connecting && o.synRetries >= 0)
    setsockopt(fd, IPPROTO_TCP, TCP_SYNCNT, &o.synRetries, sizeof o.synRetries);
  if (!o.congestion.empty()) {
    std::string name = o.congestion == "newreno" || o.congestion == "linux-reno" ? "reno" : o.congestion;
    setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name.data(), static_cast<socklen_t>(name.size()));
  }
}

bool hasSocketOptions(const TcpOptions& o) {
  return o.userTimeout.count() > 0 || o.synRetries >= 0 || !o.congestion.empty();
}

namespace {

// The libuv handle and its requests. Freed in the handle's close callback, so libuv may
// finish a callback after the Stream object is gone (backend rule 3).
struct Conn {
  uv_tcp_t tcp; // first: a uv_handle_t* of this handle is a Conn*
  uv_connect_t connectReq;
  uv_shutdown_t shutdownReq;
  backend::StreamSink* sink = nullptr;
  OsBackend* backend = nullptr;
  Address target;                                        // for error messages and the peer of a connect
  std::shared_ptr<int> alive = std::make_shared<int>(0); // for notifications posted to the loop
  // Writes complete in order (backend rule 4) along two paths: one the kernel took whole at
  // once (uv_try_write) is counted in `doneWrites` and reported from the loop; any other goes
  // through uv_write. uv_try_write is used only while no uv_write request is outstanding, so
  // every write counted in `doneWrites` is older than every request in `queuedWrites`.
  std::size_t queuedWrites = 0; // uv_write requests whose callback has not run
  std::size_t doneWrites = 0;   // writes taken whole by uv_try_write, not yet reported
  bool reportPosted = false;    // a reportDone is posted to the loop
  bool writeFailed = false;     // a uv_write failed at once: no more uv_try_write
};

struct WriteReq {
  uv_write_t req;
  Buffer data;
};

Conn* conn(void* handle) { return static_cast<Conn*>(handle); }

std::string endpoint(const Address& a) {
  return (a.family == 6 ? "[" + a.address + "]" : a.address) + ":" + std::to_string(a.port);
}

void onClosed(uv_handle_t* h) { delete conn(h); }

void onAlloc(uv_handle_t* h, std::size_t, uv_buf_t* buf) {
  *buf = uv_buf_init(conn(h)->backend->readBuffer(), OsBackend::kReadBufferSize);
}

void onRead(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) {
  Conn* c = conn(s);
  if (!c->sink || nread == 0)
    return;
  if (nread > 0)
    c->sink->onData(reinterpret_cast<const std::uint8_t*>(buf->base), static_cast<std::size_t>(nread));
  else if (nread == UV_EOF)
    c->sink->onEof();
  else
    c->sink->onError(uvError(static_cast<int>(nread), "read"));
}

// Reports, oldest first, the writes uv_try_write completed so far; those completed while
// reporting are left to the next report (a sink that keeps writing cannot hold the loop).
// False once the sink is gone.
bool reportDone(Conn* c) {
  for (std::size_t n = std::exchange(c->doneWrites, 0); n > 0; --n) {
    if (!c->sink)
      return false;
    c->sink->onWritten(std::nullopt);
  }
  return c->sink != nullptr;
}

void onWrite(uv_write_t* req, int status) {
  Conn* c = conn(req->handle);
  delete reinterpret_cast<WriteReq*>(req);
  // The writes completed at once are older than this request: report them first, while this
  // request still counts as queued (a write made meanwhile must queue behind it).
  bool live = reportDone(c);
  --c->queuedWrites;
  if (!live)
    return;
  c->sink->onWritten(uvResult(status, "write"));
}

void onShutdown(uv_shutdown_t* req, int status) {
  Conn* c = conn(req->handle);
  if (!c->sink)
    return;
  c->sink->onShutdown(uvResult(status, "shutdown"));
}

void onConnect(uv_connect_t* req, int status) {
  Conn* c = conn(req->handle);
  if (!c->sink)
    return;
  c->sink->onConnect(uvResult(status, "connect " + endpoint(c->target)));
}

class OsStream final : public backend::Stream {
public:
  explicit OsStream(Conn* c) : c_(c) {}
  ~OsStream() override {
    if (c_) {
      c_->sink = nullptr;
      uv_close(reinterpret_cast<uv_handle_t*>(&c_->tcp), onClosed);
    }
  }

  void setSink(backend::StreamSink* sink) override {
    if (c_)
      c_->sink = sink;
  }

  void connect(const Address& remote) override {
    if (!c_)
      return;
    c_->target = remote;
    sockaddr_storage ss{};
    int r = addressToSockaddr(remote, ss) ? 0 : UV_EINVAL;
    const TcpOptions& o = c_->backend->tcpOptions();
    if (r == 0 && hasSocketOptions(o)) {
      // The socket is made here rather than by libuv's connect, so that its options are
      // set before the SYN.
      int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
      if (fd >= 0) {
        applyTcpOptions(fd, o, true);
        if (uv_tcp_open(&c_->tcp, fd) != 0)
          close(fd);
      }
    }
    if (r == 0)
      r = uv_tcp_connect(&c_->connectReq, &c_->tcp, reinterpret_cast<const sockaddr*>(&ss), onConnect);
    if (r < 0)
      later([e = uvError(r, "connect " + endpoint(remote))](backend::StreamSink& s) { s.onConnect(e); });
  }

  void readStart() override {
    if (c_)
      uv_read_start(reinterpret_cast<uv_stream_t*>(&c_->tcp), onAlloc, onRead);
  }

  void readStop() override {
    if (c_)
      uv_read_stop(reinterpret_cast<uv_stream_t*>(&c_->tcp));
  }

  void write(Buffer data) override {
    if (!c_)
      return;
    auto* s = reinterpret_cast<uv_stream_t*>(&c_->tcp);
    std::size_t sent = 0;
    if (c_->queuedWrites == 0 && !c_->writeFailed && !data.empty()) {
      // Most writes fit in the kernel's buffer at once: no request, no allocation, and no
      // write-completion round through libuv (whose POLLOUT bookkeeping costs an epoll_ctl
      // per write). The completion is still reported from the loop (backend rule 2).
      uv_buf_t buf = uv_buf_init(reinterpret_cast<char*>(data.data()), static_cast<unsigned>(data.size()));
      int n = uv_try_write(s, &buf, 1);
      if (n == static_cast<int>(data.size())) {
        ++c_->doneWrites;
        postReport();
        return;
      }
      if (n > 0)
        sent = static_cast<std::size_t>(n); // the kernel took part: queue the rest
      // Otherwise (EAGAIN, or an error uv_write will report as before) queue it all.
    }
    auto* w = new WriteReq{{}, std::move(data)};
    uv_buf_t buf =
        uv_buf_init(reinterpret_cast<char*>(w->data.data()) + sent, static_cast<unsigned>(w->data.size() - sent));
    int r = uv_write(&w->req, s, &buf, 1, onWrite);
    if (r < 0) {
      delete w;
      c_->writeFailed = true;
      later([e = uvError(r, "write")](backend::StreamSink& sink) { sink.onWritten(e); });
      return;
    }
    ++c_->queuedWrites;
  }

  // Writes taken whole by the kernel and not yet reported; queued requests are libuv's,
  // cancelled by uv_close unless already written.
  std::size_t flush() override { return c_ ? std::exchange(c_->doneWrites, 0) : 0; }

  void shutdown() override {
    if (!c_)
      return;
    int r = uv_shutdown(&c_->shutdownReq, reinterpret_cast<uv_stream_t*>(&c_->tcp), onShutdown);
    if (r < 0)
      later([e = uvError(r, "shutdown")](backend::StreamSink& s) { s.onShutdown(e); });
  }

  void abort() override {
    if (!c_)
      return;
    c_->sink = nullptr;
    if (uv_tcp_close_reset(&c_->tcp, onClosed) < 0)
      uv_close(reinterpret_cast<uv_handle_t*>(&c_->tcp), onClosed);
    c_ = nullptr;
  }

  void setKeepAlive(bool enable, Duration initialDelay) override {
    uv_os_fd_t fd;
    if (!c_ || uv_fileno(reinterpret_cast<uv_handle_t*>(&c_->tcp), &fd) != 0)
      return;
    int on = enable ? 1 : 0;
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    if (!enable)
      return;
    if (initialDelay.count() > 0) {
      // Whole seconds, rounded up: the kernel's unit.
      int idle = static_cast<int>((initialDelay.count() + 999'999'999) / 1'000'000'000);
      setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    }
    const TcpOptions& o = c_->backend->tcpOptions();
    int interval =
        static_cast<int>(std::max<std::int64_t>(1, (o.keepAliveInterval.count() + 999'999'999) / 1'000'000'000));
    int count = o.keepAliveProbes;
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
  }

  void setNoDelay(bool noDelay) override {
    if (c_)
      uv_tcp_nodelay(&c_->tcp, noDelay ? 1 : 0);
  }

  Address localAddress() const override {
    sockaddr_storage ss{};
    int len = sizeof ss;
    if (!c_ || uv_tcp_getsockname(&c_->tcp, reinterpret_cast<sockaddr*>(&ss), &len) != 0)
      return {};
    return sockaddrToAddress(reinterpret_cast<sockaddr*>(&ss));
  }

  Address remoteAddress() const override {
    sockaddr_storage ss{};
    int len = sizeof ss;
    if (!c_ || uv_tcp_getpeername(&c_->tcp, reinterpret_cast<sockaddr*>(&ss), &len) != 0)
      return c_ ? c_->target : Address{};
    return sockaddrToAddress(reinterpret_cast<sockaddr*>(&ss));
  }

private:
  // Reports the writes uv_try_write completed, from the loop: after the calls that made them,
  // and in their order with everything else this stream posts.
  void postReport() {
    if (c_->reportPosted)
      return;
    c_->reportPosted = true;
    std::weak_ptr<int> alive = c_->alive;
    Conn* c = c_;
    c_->backend->post([alive, c] {
      if (alive.expired())
        return;
      c->reportPosted = false;
      reportDone(c);
    });
  }

  // Reports an outcome known at once from the loop, never from inside the call (backend rule 2).
  template <class F> void later(F f) {
    std::weak_ptr<int> alive = c_->alive;
    Conn* c = c_;
    c_->backend->post([alive, c, f = std::move(f)] {
      if (!alive.expired() && c->sink)
        f(*c->sink);
    });
  }

  Conn* c_;
};

Conn* newConn(OsBackend& backend) {
  auto* c = new Conn;
  c->backend = &backend;
  uv_tcp_init(backend.loop(), &c->tcp);
  return c;
}

} // namespace

std::unique_ptr<backend::Stream> makeStream(OsBackend& backend) { return std::make_unique<OsStream>(newConn(backend)); }

std::unique_ptr<backend::Stream> acceptStream(OsBackend& backend, uv_stream_t* server, int& status) {
  Conn* c = newConn(backend);
  status = uv_accept(server, reinterpret_cast<uv_stream_t*>(&c->tcp));
  if (status < 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&c->tcp), onClosed);
    return nullptr;
  }
  if (uv_os_fd_t fd;
      hasSocketOptions(backend.tcpOptions()) && uv_fileno(reinterpret_cast<uv_handle_t*>(&c->tcp), &fd) == 0)
    applyTcpOptions(fd, backend.tcpOptions(), false);
  return std::make_unique<OsStream>(c);
}

} // namespace net::os
