// The OS backend wrapped so that sockets are born in a node's namespace.
#include "sim/kernel/host.h"
#include "net/runtime.h"

#include <arpa/inet.h>

#include "sim/kernel/netns.h"
#include "sim/kernel/plan.h"

namespace sim::kernel {

namespace {

// libuv makes a connecting socket inside uv_tcp_connect (or the OS backend just before it):
// connect is the one call that needs the namespace.
// An IPv4 peer of a dual-stack socket as IPv4: "10.0.0.1", not "::ffff:10.0.0.1".
net::Address unmapped(net::Address a) {
  if (a.family == 6 && a.address.rfind("::ffff:", 0) == 0 && a.address.find('.') != std::string::npos) {
    a.address = a.address.substr(7);
    a.family = 4;
  }
  return a;
}

class Stream final : public net::backend::Stream {
public:
  Stream(std::unique_ptr<net::backend::Stream> inner, std::function<int()> ns)
      : inner_(std::move(inner)), ns_(std::move(ns)) {}
  void setSink(net::backend::StreamSink* sink) override { inner_->setSink(sink); }
  void connect(const net::Address& remote) override {
    InNamespace in(ns_());
    inner_->connect(remote);
  }
  void readStart() override { inner_->readStart(); }
  void readStop() override { inner_->readStop(); }
  void write(net::Buffer data) override { inner_->write(std::move(data)); }
  void shutdown() override { inner_->shutdown(); }
  void abort() override { inner_->abort(); }
  std::size_t flush() override { return inner_->flush(); }
  void setKeepAlive(bool enable, net::Duration initialDelay) override { inner_->setKeepAlive(enable, initialDelay); }
  void setNoDelay(bool noDelay) override { inner_->setNoDelay(noDelay); }
  net::Address localAddress() const override { return unmapped(inner_->localAddress()); }
  net::Address remoteAddress() const override { return unmapped(inner_->remoteAddress()); }

private:
  std::unique_ptr<net::backend::Stream> inner_;
  std::function<int()> ns_;
};

// A listener on every address of an IPv6 world: one dual-stack socket on "::" (libuv
// binds IPv6 sockets with IPV6_V6ONLY off, so a second socket on 0.0.0.0 cannot share the
// port), whose IPv4 peers read as IPv4 ones, and whose own address is "0.0.0.0" as the
// simulated backend's (its IPv4 socket's) is.
class DualStack final : public net::backend::Listener, public net::backend::ListenerSink {
public:
  DualStack(net::backend::ListenerSink* sink, std::function<int()> ns) : sink_(sink), ns_(std::move(ns)) {}
  void open(std::unique_ptr<net::backend::Listener> inner) { inner_ = std::move(inner); }
  net::Address localAddress() const override { return {"0.0.0.0", 4, inner_->localAddress().port}; }
  void onAccept(std::unique_ptr<net::backend::Stream> stream) override {
    sink_->onAccept(std::make_unique<Stream>(std::move(stream), ns_));
  }
  void onError(const net::Error& err) override { sink_->onError(err); }

private:
  net::backend::ListenerSink* sink_;
  std::function<int()> ns_;
  std::unique_ptr<net::backend::Listener> inner_; // last: gone first, and with it its calls
};

int literalFamily(const std::string& host) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, host.c_str(), buf) == 1)
    return 4;
  if (inet_pton(AF_INET6, host.c_str(), buf) == 1)
    return 6;
  return 0;
}

class Host final : public net::Backend {
public:
  Host(net::os::Loop& loop, std::function<int()> ns, std::shared_ptr<const std::map<std::string, std::string>> names,
       std::chrono::steady_clock::time_point epoch, bool ipv6)
      : inner_(loop.context()), ns_(std::move(ns)), names_(std::move(names)), ipv6_(ipv6) {
    auto sinceEpoch = std::chrono::duration_cast<net::Duration>(std::chrono::steady_clock::now() - epoch);
    offset_ = sinceEpoch - inner().now();
  }

  net::Time now() const override { return inner().now() + offset_; }
  void post(std::function<void()> fn) override { inner().post(std::move(fn)); }
  std::unique_ptr<net::backend::Timer> timer(std::function<void()> fire) override {
    return inner().timer(std::move(fire));
  }
  void resolve(const std::string& host, int family, ResolveCallback cb) override {
    std::vector<net::Address> found;
    if (int f = literalFamily(host)) {
      if (family == 0 || family == f)
        found.push_back({host, f, 0});
    } else if (host == "localhost") {
      if (family != 6)
        found.push_back({"127.0.0.1", 4, 0});
      if (family != 4 && ipv6_)
        found.push_back({"::1", 6, 0});
    } else if (auto it = names_->find(host); it != names_->end()) {
      if (family != 6)
        found.push_back({it->second, 4, 0});
      in_addr v4{};
      if (family != 4 && ipv6_ && inet_pton(AF_INET, it->second.c_str(), &v4) == 1)
        found.push_back({ip6Text(ntohl(v4.s_addr)), 6, 0});
    }
    if (found.empty()) {
      net::Error e{net::Errc::NotFound, "getaddrinfo ENOTFOUND " + host};
      post([cb = std::move(cb), e] { cb(e, {}); });
      return;
    }
    post([cb = std::move(cb), found] { cb(std::nullopt, found); });
  }
  std::unique_ptr<net::backend::Stream> stream() override { return std::make_unique<Stream>(inner().stream(), ns_); }
  // Bound inside the namespace: "every address" is every IPv4 address of this node, and in
  // an IPv6 world every IPv6 one too (DualStack); peers read as "10.0.0.1" either way.
  // Accepted sockets belong to the listener's namespace.
  std::unique_ptr<net::backend::Listener> listen(const net::Address& local, int backlog,
                                                 net::backend::ListenerSink* sink, net::MaybeError& err) override {
    InNamespace in(ns_());
    if (!local.address.empty())
      return inner().listen(local, backlog, sink, err);
    if (!ipv6_)
      return inner().listen({"0.0.0.0", 4, local.port}, backlog, sink, err);
    auto both = std::make_unique<DualStack>(sink, ns_);
    auto v6 = inner().listen({"::", 6, local.port}, backlog, both.get(), err);
    if (!v6)
      return nullptr;
    both->open(std::move(v6));
    return both;
  }

private:
  net::Backend& inner() const { return net::Runtime::backend(*inner_); }

  // The OS backend comes only inside a Context; this one never has handles of its own.
  std::unique_ptr<net::Context> inner_;
  std::function<int()> ns_;
  std::shared_ptr<const std::map<std::string, std::string>> names_;
  bool ipv6_;
  net::Duration offset_{0};
};

} // namespace

std::unique_ptr<net::Backend> makeHost(net::os::Loop& loop, std::function<int()> ns,
                                       std::shared_ptr<const std::map<std::string, std::string>> names,
                                       std::chrono::steady_clock::time_point epoch, bool ipv6) {
  return std::make_unique<Host>(loop, std::move(ns), std::move(names), epoch, ipv6);
}

} // namespace sim::kernel
