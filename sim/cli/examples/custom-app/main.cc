// A netbed command with one more application: "heartbeat", written against the net API and
// registered by name before handing over to netbed's own command line. Any scenario run by
// this program may then say `app: heartbeat` (see heartbeat.yaml).
//
//   cmake -S . -B build -DCMAKE_PREFIX_PATH=<where netbed is installed> && cmake --build build
//   build/my-netbed run heartbeat.yaml
#include <netbed/sim/apps/app.h>
#include <netbed/sim/cli/cli.h>

#include <algorithm>
#include <memory>

namespace {

// Sends a short heartbeat every `period` to an echo server; each echo that comes back is a
// message and a round-trip latency sample. After `count` heartbeats it ends the connection.
class Heartbeat final : public sim::apps::App {
public:
  void start(sim::apps::AppEnv& env) override {
    env_ = &env;
    socket_ = env.net.connect(env.params.port("port"), env.params.text("host"));
    socket_->on(net::ev::connect, [this] { beat(); });
    socket_->on(net::ev::data, [this](const net::Buffer& b) { echoed(b.size()); });
    socket_->on(net::ev::error, [this](const net::Error&) { env_->metrics.add("errors"); });
    socket_->on(net::ev::close, [this](bool) { env_->metrics.done(); });
  }

private:
  void beat() {
    sentAt_ = env_->net.now();
    waiting_ = 5;
    socket_->write("beat\n");
  }
  void echoed(std::size_t n) {
    waiting_ -= std::min(waiting_, n);
    if (waiting_ > 0)
      return;
    env_->metrics.message(5);
    env_->metrics.latency(env_->net.now() - sentAt_);
    if (++beats_ == env_->params.integer("count"))
      socket_->end();
    else
      env_->net.setTimeout(env_->params.duration("period"), [this] { beat(); });
  }

  sim::apps::AppEnv* env_ = nullptr;
  std::shared_ptr<net::Socket> socket_;
  net::Time sentAt_{0};
  std::size_t waiting_ = 0;
  std::int64_t beats_ = 0;
};

} // namespace

int main(int argc, char** argv) {
  sim::apps::registerApp({"heartbeat",
                          "a heartbeat every period to an echo server; a latency sample per echo",
                          {{"host", sim::apps::ParamType::Host, "", "the echo server's node"},
                           {"port", sim::apps::ParamType::Integer, "7", "its port", 1, 65535},
                           {"count", sim::apps::ParamType::Integer, "5", "heartbeats to send", 1, 1e9},
                           {"period", sim::apps::ParamType::Duration, "1s", "time between heartbeats", 1}},
                          true,
                          [] { return std::make_unique<Heartbeat>(); }});
  return sim::cli::cliMain(argc, argv);
}
