// idle-client: connects and sends nothing. With `keepAlive` its stack probes the idle peer
// (a crashed peer then ends the connection with ETIMEDOUT); with `timeout` the socket reports
// 'timeout' after that much silence and the client reacts as `onTimeout` says. Ends when the
// connection closes; the connection's lifetime is the latency sample.
#include "sim/apps/builtin.h"
#include "sim/apps/common.h"

namespace sim::apps {

namespace {

class IdleClient final : public App {
public:
  void start(AppEnv& env) override {
    env_ = &env;
    net::ConnectOptions o;
    net::Duration keepAlive = env.params.duration("keepAlive");
    o.keepAlive = keepAlive.count() > 0;
    o.keepAliveInitialDelay = keepAlive;
    net::Time began = env.net.now();
    socket_ = apps::connectToHost(env, o);
    if (env.params.duration("timeout").count() > 0)
      socket_->setTimeout(env.params.duration("timeout"));
    socket_->on(net::ev::timeout, [this] {
      env_->metrics.add("timeouts");
      const std::string& action = env_->params.text("onTimeout");
      if (action == "end")
        socket_->end();
      else if (action == "destroy")
        socket_->destroy();
    });
    socket_->on(net::ev::data, [](const net::Buffer&) {});
    socket_->on(net::ev::close, [this, began](bool) {
      env_->metrics.latency(env_->net.now() - began);
      env_->metrics.done();
    });
  }

private:
  AppEnv* env_ = nullptr;
  std::shared_ptr<net::Socket> socket_;
};

} // namespace

AppInfo idleClientApp() {
  return builtinApp<IdleClient>(
      "idle-client", "connects and stays silent: keepalive probes and an idle timeout decide when it ends",
      {apps::hostParam(),
       apps::portParam("7"),
       {"keepAlive", ParamType::Duration, "0", "keepalive's initial delay (0: off)", 0, 9e18, {}},
       {"timeout", ParamType::Duration, "0", "idle timeout (0: none)", 0, 9e18, {}},
       {"onTimeout", ParamType::String, "end", "what to do on 'timeout'", 0, 9e18, {"end", "destroy", "ignore"}}},
      true);
}

} // namespace sim::apps
