// The OS backend wrapped so that sockets are born in a node's namespace.
#include "sim/kernel/host.h"
#include "net/runtime.h"

#include <arpa/inet.h>

#include "sim/kernel/netns.h"

namespace sim::kernel {

namespace {

// libuv makes a connecting socket inside uv_tcp_connect (or the OS backend just before it):
// connect is the one call that needs the namespace.
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
  net::Address localAddress() const override { return inner_->localAddress(); }
  net::Address remoteAddress() const override { return inner_->remoteAddress(); }

private:
  std::unique_ptr<net::backend::Stream> inner_;
  std::function<int()> ns_;
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
       std::chrono::steady_clock::time_point epoch)
      : inner_(loop.context()), ns_(std::move(ns)), names_(std::move(names)) {
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
      if (family != 4)
        found.push_back({"::1", 6, 0});
    } else if (auto it = names_->find(host); it != names_->end() && family != 6) {
      found.push_back({it->second, 4, 0});
    }
    if (found.empty()) {
      net::Error e{net::Errc::NotFound, "getaddrinfo ENOTFOUND " + host};
      post([cb = std::move(cb), e] { cb(e, {}); });
      return;
    }
    post([cb = std::move(cb), found] { cb(std::nullopt, found); });
  }
  std::unique_ptr<net::backend::Stream> stream() override { return std::make_unique<Stream>(inner().stream(), ns_); }
  // Bound inside the namespace: "every address" is every IPv4 address of this node (its
  // links carry no IPv6, as a simulated world without it), so peers read as "10.0.0.1".
  // Accepted sockets belong to the listener's namespace.
  std::unique_ptr<net::backend::Listener> listen(const net::Address& local, int backlog,
                                                 net::backend::ListenerSink* sink, net::MaybeError& err) override {
    net::Address a = local;
    if (a.address.empty())
      a = {"0.0.0.0", 4, local.port};
    InNamespace in(ns_());
    return inner().listen(a, backlog, sink, err);
  }

private:
  net::Backend& inner() const { return net::Runtime::backend(*inner_); }

  // The OS backend comes only inside a Context; this one never has handles of its own.
  std::unique_ptr<net::Context> inner_;
  std::function<int()> ns_;
  std::shared_ptr<const std::map<std::string, std::string>> names_;
  net::Duration offset_{0};
};

} // namespace

std::unique_ptr<net::Backend> makeHost(net::os::Loop& loop, std::function<int()> ns,
                                       std::shared_ptr<const std::map<std::string, std::string>> names,
                                       std::chrono::steady_clock::time_point epoch) {
  return std::make_unique<Host>(loop, std::move(ns), std::move(names), epoch);
}

} // namespace sim::kernel
