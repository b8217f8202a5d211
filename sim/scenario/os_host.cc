#include "sim/scenario/os_host.h"
#include "net/runtime.h"

namespace sim::scenario {

namespace {

class OsHost final : public net::Backend {
public:
  OsHost(net::os::Loop& loop, std::string address, std::shared_ptr<const std::map<std::string, std::string>> names,
         std::chrono::steady_clock::time_point epoch)
      : inner_(loop.context()), address_(std::move(address)), names_(std::move(names)) {
    auto sinceEpoch = std::chrono::duration_cast<net::Duration>(std::chrono::steady_clock::now() - epoch);
    offset_ = sinceEpoch - inner().now();
  }

  net::Time now() const override { return net::Runtime::backend(*inner_).now() + offset_; }
  void post(std::function<void()> fn) override { inner().post(std::move(fn)); }
  std::unique_ptr<net::backend::Timer> timer(std::function<void()> fire) override {
    return inner().timer(std::move(fire));
  }
  void resolve(const std::string& host, int family, ResolveCallback cb) override {
    auto it = names_->find(host);
    if (host == "localhost" && family != 6) {
      post([cb = std::move(cb), a = net::Address{address_, 4, 0}] { cb(std::nullopt, {a}); });
      return;
    }
    if (it != names_->end() && family != 6) {
      post([cb = std::move(cb), a = net::Address{it->second, 4, 0}] { cb(std::nullopt, {a}); });
      return;
    }
    inner().resolve(host, family, std::move(cb));
  }
  std::unique_ptr<net::backend::Stream> stream() override { return inner().stream(); }
  std::unique_ptr<net::backend::Listener> listen(const net::Address& local, int backlog,
                                                 net::backend::ListenerSink* sink, net::MaybeError& err) override {
    net::Address a = local;
    if (a.address.empty() || a.address == "0.0.0.0") {
      a.address = address_;
      a.family = 4;
    }
    return inner().listen(a, backlog, sink, err);
  }

private:
  net::Backend& inner() const { return net::Runtime::backend(*inner_); }

  // The OS backend comes only inside a Context; this one never has handles of its own.
  std::unique_ptr<net::Context> inner_;
  std::string address_;
  std::shared_ptr<const std::map<std::string, std::string>> names_;
  net::Duration offset_{0};
};

} // namespace

std::string loopbackAddress(std::size_t index) {
  std::size_t n = index + 2;
  return "127." + std::to_string((n >> 16) & 0xff) + "." + std::to_string((n >> 8) & 0xff) + "." +
         std::to_string(n & 0xff);
}

std::unique_ptr<net::Backend> makeOsHost(net::os::Loop& loop, std::string address,
                                         std::shared_ptr<const std::map<std::string, std::string>> names,
                                         std::chrono::steady_clock::time_point epoch) {
  return std::make_unique<OsHost>(loop, std::move(address), std::move(names), epoch);
}

} // namespace sim::scenario
