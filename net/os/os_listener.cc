// A listening TCP socket on libuv.
#include "net/os/internal.h"

namespace net::os {

namespace {

struct Lst {
  uv_tcp_t tcp; // first: a uv_handle_t* of this handle is a Lst*
  backend::ListenerSink* sink = nullptr;
  OsBackend* backend = nullptr;
};

void onClosed(uv_handle_t* h) { delete reinterpret_cast<Lst*>(h); }

void onConnection(uv_stream_t* server, int status) {
  auto* l = reinterpret_cast<Lst*>(server);
  if (!l->sink)
    return;
  if (status == 0) {
    auto stream = acceptStream(*l->backend, server, status);
    if (stream) {
      l->sink->onAccept(std::move(stream));
      return;
    }
  }
  l->sink->onError(uvError(status, "accept"));
}

class OsListener final : public backend::Listener {
public:
  explicit OsListener(Lst* l) : l_(l) {}
  ~OsListener() override {
    l_->sink = nullptr;
    uv_close(reinterpret_cast<uv_handle_t*>(&l_->tcp), onClosed);
  }
  Address localAddress() const override {
    sockaddr_storage ss{};
    int len = sizeof ss;
    if (uv_tcp_getsockname(&l_->tcp, reinterpret_cast<sockaddr*>(&ss), &len) != 0)
      return {};
    return sockaddrToAddress(reinterpret_cast<sockaddr*>(&ss));
  }

private:
  Lst* l_;
};

int bindAndListen(Lst* l, const Address& a, int backlog) {
  sockaddr_storage ss{};
  if (!addressToSockaddr(a, ss))
    return UV_EINVAL;
  int r = uv_tcp_bind(&l->tcp, reinterpret_cast<const sockaddr*>(&ss), 0);
  if (r == 0)
    r = uv_listen(reinterpret_cast<uv_stream_t*>(&l->tcp), backlog, onConnection);
  return r;
}

} // namespace

std::unique_ptr<backend::Listener> OsBackend::listen(const Address& local, int backlog, backend::ListenerSink* sink,
                                                     MaybeError& err) {
  auto* l = new Lst;
  l->backend = this;
  uv_tcp_init(loop_, &l->tcp);
  Address a = local;
  int r;
  if (a.address.empty()) {
    // Every address: IPv6 with IPv4 mapped (dual stack), or IPv4 alone where IPv6 is absent.
    a.address = "::";
    a.family = 6;
    r = bindAndListen(l, a, backlog);
    if (r == UV_EAFNOSUPPORT) {
      uv_close(reinterpret_cast<uv_handle_t*>(&l->tcp), onClosed);
      l = new Lst;
      l->backend = this;
      uv_tcp_init(loop_, &l->tcp);
      a.address = "0.0.0.0";
      a.family = 4;
      r = bindAndListen(l, a, backlog);
    }
  } else {
    r = bindAndListen(l, a, backlog);
  }
  if (r < 0) {
    std::string where = (a.family == 6 ? "[" + a.address + "]" : a.address) + ":" + std::to_string(a.port);
    err = uvError(r, "listen " + where);
    uv_close(reinterpret_cast<uv_handle_t*>(&l->tcp), onClosed);
    return nullptr;
  }
  l->sink = sink;
  return std::make_unique<OsListener>(l);
}

} // namespace net::os
