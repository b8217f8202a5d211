// telemetry-sensor: a reading of `size` bytes every `interval`, on one connection to the
// collector; after an error or a lost connection it reconnects, waiting `backoff` first and
// doubling the wait up to `maxBackoff` (reset once connected). A reading taken while not
// connected is dropped (counter "dropped"). After `count` readings it ends.
// telemetry-collector: accepts sensors and takes their readings apart; each reading is a
// message, and its one-way latency (taken from the time stamped in it) a sample.
//
// A reading: a 4-byte length (big endian, the whole reading), an 8-byte sequence number, the
// 8-byte sending time in nanoseconds on the context's clock, then padding. Every node of a
// run shares one clock (simulated time; on the OS backend, time since the run started).
#include <algorithm>

#include "sim/apps/builtin.h"
#include "sim/apps/common.h"

namespace sim::apps {

namespace {

constexpr std::size_t kHeader = 20;

void putBig(std::uint8_t* p, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i, v >>= 8)
    p[i] = static_cast<std::uint8_t>(v & 0xff);
}

std::uint64_t getBig(const std::uint8_t* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i)
    v = (v << 8) | p[i];
  return v;
}

class Sensor final : public App {
public:
  void start(AppEnv& env) override {
    env_ = &env;
    count_ = env.params.integer("count");
    size_ = env.params.bytes("size");
    backoff_ = env.params.duration("backoff");
    connect();
    timer_ = env.net.setInterval(env.params.duration("interval"), [this] { reading(); });
  }

private:
  void connect() {
    socket_ = apps::connectToHost(*env_);
    socket_->on(net::ev::connect, [this] {
      connected_ = true;
      backoff_ = env_->params.duration("backoff");
      if (finished_) // the last reading was taken while connecting
        socket_->end();
    });
    socket_->on(net::ev::data, [](const net::Buffer&) {});
    socket_->on(net::ev::close, [this](bool) { closed(); });
  }

  void closed() {
    connected_ = false;
    if (finished_) {
      env_->metrics.done();
      return;
    }
    env_->metrics.add("reconnects");
    env_->net.setTimeout(backoff_, [this] {
      if (finished_)
        env_->metrics.done();
      else
        connect();
    });
    backoff_ = std::min(backoff_ * 2, env_->params.duration("maxBackoff"));
  }

  void reading() {
    ++seq_;
    if (connected_) {
      net::Buffer b = net::Buffer::alloc(size_, 0);
      putBig(b.data(), size_, 4);
      putBig(b.data() + 4, static_cast<std::uint64_t>(seq_), 8);
      putBig(b.data() + 12, static_cast<std::uint64_t>(env_->net.now().count()), 8);
      socket_->write(std::move(b));
      env_->metrics.add("sent");
    } else {
      env_->metrics.add("dropped");
    }
    if (count_ != 0 && seq_ >= count_) {
      timer_.cancel();
      finished_ = true;
      if (connected_)
        socket_->end();
      // Otherwise the pending reconnection finishes the application.
    }
  }

  AppEnv* env_ = nullptr;
  std::shared_ptr<net::Socket> socket_;
  net::Timer timer_;
  std::int64_t count_ = 0, seq_ = 0;
  std::uint64_t size_ = 0;
  net::Duration backoff_{0};
  bool connected_ = false, finished_ = false;
};

class Collector final : public ServerApp {
  void serve(const std::shared_ptr<net::Socket>& s) override {
    auto pending = std::make_shared<net::Buffer>();
    s->on(net::ev::data, [this, pending](const net::Buffer& b) {
      pending->append(b);
      take(*pending);
    });
  }

  // Takes every complete reading off the front of `pending`.
  void take(net::Buffer& pending) {
    std::size_t at = 0;
    while (pending.size() - at >= kHeader) {
      std::uint64_t length = getBig(pending.data() + at, 4);
      if (length < kHeader) { // not a sensor speaking: count it once, keep nothing
        env_->metrics.add("malformed");
        pending = net::Buffer();
        return;
      }
      if (pending.size() - at < length)
        break;
      auto sent = net::Time(static_cast<std::int64_t>(getBig(pending.data() + at + 12, 8)));
      env_->metrics.message(length);
      env_->metrics.latency(env_->net.now() - sent);
      at += length;
    }
    if (at > 0)
      pending = pending.slice(at);
  }
};

} // namespace

AppInfo telemetrySensorApp() {
  return builtinApp<Sensor>(
      "telemetry-sensor", "a reading every interval to the collector; reconnects with exponential backoff after errors",
      {apps::hostParam(),
       apps::portParam("5000"),
       apps::countParam("10"),
       {"interval", ParamType::Duration, "1s", "time between readings", 1, 9e18, {}},
       {"size", ParamType::Bytes, "32B", "bytes per reading (at least the 20-byte header)", 20, 1e9, {}},
       {"backoff", ParamType::Duration, "1s", "first wait before reconnecting", 1, 9e18, {}},
       {"maxBackoff", ParamType::Duration, "30s", "longest wait before reconnecting", 1, 9e18, {}}},
      true);
}

AppInfo telemetryCollectorApp() {
  return builtinApp<Collector>("telemetry-collector",
                               "receives sensors' readings: a message and a one-way latency sample per reading",
                               {apps::portParam("5000")}, false);
}

} // namespace sim::apps
