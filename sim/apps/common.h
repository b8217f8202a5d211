// Parameter declarations the built-in applications share. Internal to sim/apps.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/apps/app.h"

namespace sim::apps {

inline ParamSpec portParam(const char* defaultPort) {
  return {"port", ParamType::Integer, defaultPort, "TCP port", 1, 65535, {}};
}
inline ParamSpec hostParam() { return {"host", ParamType::Host, "", "the server's node name (required)", 0, 9e18, {}}; }
// How many messages or requests; 0: no limit (until the run ends).
inline ParamSpec countParam(const char* defaultCount) {
  return {"count", ParamType::Integer, defaultCount, "how many (0: no limit)", 0, 9e18, {}};
}

// A server listening on the app's "port": `serve` sets up each accepted socket. Errors, the
// server's and its sockets', count as the app's "errors".
inline std::shared_ptr<net::Server> listenOnPort(AppEnv& env, const net::ServerOptions& options,
                                                 std::function<void(std::shared_ptr<net::Socket>)> serve) {
  Metrics* metrics = &env.metrics;
  auto server = env.net.createServer(options, [metrics, serve = std::move(serve)](std::shared_ptr<net::Socket> s) {
    serve(s);
    s->on(net::ev::error, [metrics](const net::Error&) { metrics->add("errors"); });
  });
  server->on(net::ev::error, [metrics](const net::Error&) { metrics->add("errors"); });
  server->listen(env.params.port("port"));
  return server;
}

// A client's connection to the app's "host" on its "port" (`options` for anything more). Its
// errors count as the app's "errors", as a server's do.
inline std::shared_ptr<net::Socket> connectToHost(AppEnv& env, net::ConnectOptions options = {}) {
  options.port = env.params.port("port");
  options.host = env.params.text("host");
  auto socket = env.net.connect(options);
  Metrics* metrics = &env.metrics;
  socket->on(net::ev::error, [metrics](const net::Error&) { metrics->add("errors"); });
  return socket;
}

// The AppInfo of a built-in application whose instances A's default constructor makes.
template <class A>
AppInfo builtinApp(std::string name, std::string summary, std::vector<ParamSpec> params, bool finishes) {
  return {std::move(name), std::move(summary), std::move(params), finishes, [] { return std::make_unique<A>(); }};
}

// A server application: listens on its "port" as listenOnPort does, and serve() sets up each
// accepted socket.
class ServerApp : public App {
public:
  explicit ServerApp(net::ServerOptions options = {}) : options_(options) {}
  void start(AppEnv& env) final {
    env_ = &env;
    server_ = listenOnPort(env, options_, [this](std::shared_ptr<net::Socket> s) { serve(s); });
  }

protected:
  virtual void serve(const std::shared_ptr<net::Socket>& s) = 0;
  AppEnv* env_ = nullptr;

private:
  net::ServerOptions options_;
  std::shared_ptr<net::Server> server_;
};

} // namespace sim::apps
