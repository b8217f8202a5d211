// echo-server: sends back every byte it receives.
// echo-client: sends `count` messages of `size` bytes, one at a time: the next goes `interval`
// after the previous one came back whole; each round trip is a latency sample. Then ends.
#include <algorithm>

#include "sim/apps/builtin.h"
#include "sim/apps/common.h"

namespace sim::apps {

namespace {

class EchoServer final : public ServerApp {
  void serve(const std::shared_ptr<net::Socket>& s) override {
    s->on(net::ev::data, [this, s](const net::Buffer& b) {
      env_->metrics.add("echoedBytes", static_cast<double>(b.size()));
      s->write(b);
    });
  }
};

class EchoClient final : public App {
public:
  void start(AppEnv& env) override {
    env_ = &env;
    count_ = env.params.integer("count");
    size_ = env.params.bytes("size");
    interval_ = env.params.duration("interval");
    socket_ = apps::connectToHost(env);
    socket_->setNoDelay(true);
    socket_->on(net::ev::connect, [this] { send(); });
    socket_->on(net::ev::data, [this](const net::Buffer& b) { received(b.size()); });
    socket_->on(net::ev::close, [this](bool) { env_->metrics.done(); });
  }

private:
  void send() {
    sentAt_ = env_->net.now();
    pending_ = size_;
    socket_->write(net::Buffer::alloc(size_, 'e'));
  }
  void received(std::size_t n) {
    if (pending_ == 0)
      return;
    pending_ -= std::min<std::uint64_t>(pending_, n);
    if (pending_ > 0)
      return;
    env_->metrics.latency(env_->net.now() - sentAt_);
    env_->metrics.message(size_);
    if (count_ != 0 && ++completed_ >= count_) {
      socket_->end();
      return;
    }
    if (interval_.count() == 0)
      send();
    else
      env_->net.setTimeout(interval_, [this] { send(); });
  }

  AppEnv* env_ = nullptr;
  std::shared_ptr<net::Socket> socket_;
  std::int64_t count_ = 0, completed_ = 0;
  std::uint64_t size_ = 0, pending_ = 0;
  net::Duration interval_{0};
  net::Time sentAt_{0};
};

} // namespace

AppInfo echoServerApp() {
  return builtinApp<EchoServer>("echo-server", "sends back every byte it receives (counter echoedBytes)",
                                {apps::portParam("7")}, false);
}

AppInfo echoClientApp() {
  return builtinApp<EchoClient>(
      "echo-client",
      "sends count messages of size bytes one at a time, interval apart; a latency sample per round trip",
      {apps::hostParam(),
       apps::portParam("7"),
       apps::countParam("10"),
       {"size", ParamType::Bytes, "64B", "bytes per message", 1, 1e9, {}},
       {"interval", ParamType::Duration, "1s", "pause between a reply and the next message", 0, 9e18, {}}},
      true);
}

} // namespace sim::apps
