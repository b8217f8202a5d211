// sink: accepts connections and reads everything; when a sender ends, the whole transfer
// counts as one message, its duration (accept to end) as the latency sample.
// bulk-sender: writes `bytes` in `chunk`-sized writes as fast as the connection takes them
// (waiting for 'drain' when write() says so), then ends.
#include <algorithm>

#include "sim/apps/builtin.h"
#include "sim/apps/common.h"

namespace sim::apps {

namespace {

class Sink final : public ServerApp {
  void serve(const std::shared_ptr<net::Socket>& s) override {
    auto received = std::make_shared<std::uint64_t>(0);
    net::Time began = env_->net.now();
    s->on(net::ev::data, [received](const net::Buffer& b) { *received += b.size(); });
    s->on(net::ev::end, [this, received, began] {
      env_->metrics.message(*received);
      env_->metrics.latency(env_->net.now() - began);
    });
  }
};

class BulkSender final : public App {
public:
  void start(AppEnv& env) override {
    env_ = &env;
    left_ = env.params.bytes("bytes");
    chunk_ = env.params.bytes("chunk");
    socket_ = apps::connectToHost(env);
    socket_->on(net::ev::connect, [this] { pump(); });
    socket_->on(net::ev::drain, [this] { pump(); });
    socket_->on(net::ev::data, [](const net::Buffer&) {});
    socket_->on(net::ev::close, [this](bool) { env_->metrics.done(); });
  }

private:
  void pump() {
    while (left_ > 0) {
      std::uint64_t n = std::min(left_, chunk_);
      left_ -= n;
      env_->metrics.add("sentBytes", static_cast<double>(n));
      if (!socket_->write(net::Buffer::alloc(n, 'b')))
        return;
    }
    if (!ended_) {
      ended_ = true;
      socket_->end();
    }
  }

  AppEnv* env_ = nullptr;
  std::shared_ptr<net::Socket> socket_;
  std::uint64_t left_ = 0, chunk_ = 0;
  bool ended_ = false;
};

} // namespace

AppInfo sinkApp() {
  return builtinApp<Sink>("sink",
                          "reads everything; a message and a latency sample (accept to end) per finished connection",
                          {apps::portParam("9")}, false);
}

AppInfo bulkSenderApp() {
  return builtinApp<BulkSender>("bulk-sender",
                                "writes bytes as fast as the connection takes them (drain-driven), then ends",
                                {apps::hostParam(),
                                 apps::portParam("9"),
                                 {"bytes", ParamType::Bytes, "1MiB", "bytes to send", 0, 1e15, {}},
                                 {"chunk", ParamType::Bytes, "16KiB", "bytes per write()", 1, 1e9, {}}},
                                true);
}

} // namespace sim::apps
