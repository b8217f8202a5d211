// request-server: reads a request until the client half-closes, then answers with `size`
// bytes (after `delay`) and closes its side: the EOF-delimited reply of HTTP/1.0 and many
// IoT protocols. Needs allowHalfOpen, which it sets.
// request-client: `count` requests one after the other, each on a new connection: writes
// `size` bytes, half-closes, reads the reply until the server's FIN. The time from connect()
// to that FIN is the latency sample; the reply is the message. `interval` between requests.
#include "sim/apps/builtin.h"
#include "sim/apps/common.h"

namespace sim::apps {

namespace {

class RequestServer final : public ServerApp {
public:
  RequestServer() : ServerApp(net::ServerOptions{/*allowHalfOpen=*/true}) {}

private:
  void serve(const std::shared_ptr<net::Socket>& s) override {
    auto received = std::make_shared<std::uint64_t>(0);
    s->on(net::ev::data, [received](const net::Buffer& b) { *received += b.size(); });
    s->on(net::ev::end, [this, s, received] {
      env_->metrics.message(*received);
      auto reply = [this, s] { s->end(net::Buffer::alloc(env_->params.bytes("size"), 'r')); };
      if (env_->params.duration("delay").count() == 0)
        reply();
      else
        env_->net.setTimeout(env_->params.duration("delay"), reply);
    });
  }
};

class RequestClient final : public App {
public:
  void start(AppEnv& env) override {
    env_ = &env;
    request();
  }

private:
  void request() {
    net::Time began = env_->net.now();
    auto received = std::make_shared<std::uint64_t>(0);
    auto s = apps::connectToHost(*env_);
    s->end(net::Buffer::alloc(env_->params.bytes("size"), 'q'));
    s->on(net::ev::data, [received](const net::Buffer& b) { *received += b.size(); });
    s->on(net::ev::end, [this, began, received] {
      env_->metrics.message(*received);
      env_->metrics.latency(env_->net.now() - began);
    });
    s->on(net::ev::close, [this](bool) { next(); });
  }

  void next() {
    std::int64_t count = env_->params.integer("count");
    if (count != 0 && ++done_ >= count) {
      env_->metrics.done();
      return;
    }
    env_->net.setTimeout(env_->params.duration("interval"), [this] { request(); });
  }

  AppEnv* env_ = nullptr;
  std::int64_t done_ = 0;
};

} // namespace

AppInfo requestServerApp() {
  return builtinApp<RequestServer>(
      "request-server", "reads a request until the client's FIN, then replies size bytes and closes (half-close)",
      {apps::portParam("8080"),
       {"size", ParamType::Bytes, "1KiB", "bytes in each reply", 0, 1e12, {}},
       {"delay", ParamType::Duration, "0", "processing time before replying", 0, 9e18, {}}},
      false);
}

AppInfo requestClientApp() {
  return builtinApp<RequestClient>(
      "request-client", "count requests, each on a new connection: write, half-close, read the reply until FIN",
      {apps::hostParam(),
       apps::portParam("8080"),
       apps::countParam("1"),
       {"size", ParamType::Bytes, "100B", "bytes in each request", 0, 1e12, {}},
       {"interval", ParamType::Duration, "1s", "pause between one request's close and the next", 0, 9e18, {}}},
      true);
}

} // namespace sim::apps
