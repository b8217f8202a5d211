// The built-in applications on the simulated backend, at exact times.
//
// 8 Mbit/s links: one byte takes 1 us on the wire. Bare 20-byte TCP headers (no timestamp,
// window-scale or SACK options) keep sizes easy to check by hand: a segment on the wire is
// PPP 2 + IPv4 20 + TCP 20 + payload bytes (as tests/sim/timing_test.cc).
#include <gtest/gtest.h>

#include <ns3/boolean.h>
#include <ns3/config.h>
#include <ns3/data-rate.h>

#include "sim/apps/app.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

constexpr std::uint64_t kRate = 8'000'000;
constexpr net::Duration kDelay = 5ms;
// ns-3's TcpSocketBase::Send sends pending data one time step (1 ns) after the write, unless
// the device is still busy with an earlier segment.
constexpr net::Duration kSendStep = 1ns;

// A segment's time on the wire, as ns-3 computes it (rounded to the nanosecond its way).
net::Duration wire(std::size_t payload) {
  return net::Duration(ns3::DataRate(kRate).CalculateBytesTxTime(2 + 20 + 20 + payload).GetNanoSeconds());
}

void bareTcpHeaders() {
  ns3::Config::SetDefault("ns3::TcpSocketBase::Timestamp", ns3::BooleanValue(false));
  ns3::Config::SetDefault("ns3::TcpSocketBase::WindowScaling", ns3::BooleanValue(false));
  ns3::Config::SetDefault("ns3::TcpSocketBase::Sack", ns3::BooleanValue(false));
}

// What an application reported.
class Recorded final : public sim::apps::Metrics {
public:
  void message(std::uint64_t n) override {
    ++messages;
    bytes += n;
  }
  void latency(net::Duration l) override { latencies.push_back(l.count()); }
  void add(const std::string& counter, double amount) override { counters[counter] += amount; }
  void done() override { ++doneCalls; }

  std::uint64_t messages = 0, bytes = 0;
  std::vector<std::int64_t> latencies;
  std::map<std::string, double> counters;
  int doneCalls = 0;
};

// One application instance, started now on `node`, with `params` over the defaults.
struct Instance {
  Instance(sim::Node& node, const std::string& app, const std::map<std::string, std::string>& given) {
    const sim::apps::AppInfo* info = sim::apps::findApp(app);
    if (!info)
      throw std::invalid_argument(app);
    for (const auto& spec : info->params) {
      auto it = given.find(spec.name);
      sim::apps::ParamValue v;
      std::string expected;
      if (!sim::apps::parseParam(spec, it == given.end() ? spec.defaultValue : it->second, v, expected))
        throw std::invalid_argument(spec.name + ": " + expected);
      params.set(spec.name, v);
    }
    env = std::make_unique<sim::apps::AppEnv>(sim::apps::AppEnv{node.net(), params, metrics, node.name(), node.name()});
    instance = info->make();
    instance->start(*env);
  }
  sim::apps::Params params;
  Recorded metrics;
  std::unique_ptr<sim::apps::AppEnv> env;
  std::unique_ptr<sim::apps::App> instance;
};

class Apps : public ::testing::Test {
protected:
  Apps() {
    bareTcpHeaders();
    world.link(server, client, {kRate, kDelay});
  }
  sim::World world;
  sim::Node& server = world.node("server");
  sim::Node& client = world.node("client");
  // SYN out and SYN-ACK back.
  const net::Time connected = wire(0) + kDelay + wire(0) + kDelay;
};

TEST_F(Apps, EchoRoundTrips) {
  Instance srv(server, "echo-server", {});
  Instance cli(client, "echo-client", {{"host", "server"}, {"count", "2"}, {"size", "64B"}, {"interval", "100ms"}});
  world.run(10s);
  // First message: behind the handshake's ACK on the client's device; the server ACKs it
  // at once, then echoes behind that ACK. Second: both ACKs are delayed and ride on the data,
  // which leaves each side one send step after its write.
  EXPECT_EQ(cli.metrics.latencies, (std::vector<std::int64_t>{(2 * wire(0) + 2 * wire(64) + 2 * kDelay).count(),
                                                              (2 * (kSendStep + wire(64) + kDelay)).count()}));
  EXPECT_EQ(cli.metrics.messages, 2u);
  EXPECT_EQ(cli.metrics.bytes, 128u);
  EXPECT_EQ(srv.metrics.counters["echoedBytes"], 128);
  EXPECT_EQ(cli.metrics.doneCalls, 1);
}

TEST_F(Apps, TelemetryOneWayLatency) {
  Instance collector(server, "telemetry-collector", {});
  Instance sensor(client, "telemetry-sensor", {{"host", "server"}, {"count", "3"}, {"size", "32B"}});
  world.run(60s);
  // A reading each second, alone on an idle link: the send step, its bytes and one delay.
  const std::int64_t oneWay = (kSendStep + wire(32) + kDelay).count();
  EXPECT_EQ(collector.metrics.latencies, (std::vector<std::int64_t>{oneWay, oneWay, oneWay}));
  EXPECT_EQ(collector.metrics.messages, 3u);
  EXPECT_EQ(collector.metrics.bytes, 96u);
  EXPECT_EQ(sensor.metrics.counters["sent"], 3);
  EXPECT_EQ(sensor.metrics.counters.count("dropped"), 0u);
  EXPECT_EQ(sensor.metrics.doneCalls, 1);
}

TEST_F(Apps, TelemetryReconnectsWithBackoffAfterReboot) {
  auto collector = std::make_unique<Instance>(server, "telemetry-collector", std::map<std::string, std::string>{});
  Instance sensor(client, "telemetry-sensor", {{"host", "server"}, {"count", "10"}, {"backoff", "1s"}});
  world.at(2500ms, [&] { world.crash(server); });
  world.at(3s, [&] { world.reboot(server); });
  // The collector comes back a little after the reboot (a listening ns-3 socket drops the
  // old connection's segments instead of answering RST).
  world.at(3500ms, [&] {
    collector = std::make_unique<Instance>(server, "telemetry-collector", std::map<std::string, std::string>{});
  });
  world.run(60s);
  // The reading at 3 s goes to the rebooted server: RST, ECONNRESET, a reconnection 1 s
  // later; the reading at 4 s falls into that second and is dropped.
  EXPECT_EQ(sensor.metrics.counters["errors"], 1);
  EXPECT_EQ(sensor.metrics.counters["reconnects"], 1);
  EXPECT_EQ(sensor.metrics.counters["sent"], 9);
  EXPECT_EQ(sensor.metrics.counters["dropped"], 1);
  EXPECT_EQ(collector->metrics.messages, 6u); // readings 5 to 10
  EXPECT_EQ(sensor.metrics.doneCalls, 1);
}

TEST_F(Apps, RequestResponseWithHalfClose) {
  Instance srv(server, "request-server", {{"size", "1000B"}});
  Instance cli(client, "request-client", {{"host", "server"}, {"size", "100B"}, {"count", "2"}});
  world.run(60s);
  EXPECT_EQ(srv.metrics.messages, 2u);
  EXPECT_EQ(srv.metrics.bytes, 200u);
  EXPECT_EQ(cli.metrics.messages, 2u);
  EXPECT_EQ(cli.metrics.bytes, 2000u);
  ASSERT_EQ(cli.metrics.latencies.size(), 2u);
  // Handshake; the handshake's ACK, then the request with the client's FIN in one segment;
  // the server ACKs once, at once (ns-3 alone sends that ACK twice), then replies (1000
  // bytes and its FIN in one segment).
  const std::int64_t expected = (connected + wire(0) + wire(100) + kDelay + wire(0) + wire(1000) + kDelay).count();
  EXPECT_EQ(cli.metrics.latencies[0], expected);
  EXPECT_EQ(cli.metrics.latencies[1], expected);
  EXPECT_EQ(cli.metrics.doneCalls, 1);
}

TEST_F(Apps, BulkToSink) {
  Instance sink(server, "sink", {});
  Instance bulk(client, "bulk-sender", {{"host", "server"}, {"bytes", "1MiB"}});
  world.run(60s);
  EXPECT_EQ(sink.metrics.messages, 1u);
  EXPECT_EQ(sink.metrics.bytes, 1048576u);
  EXPECT_EQ(bulk.metrics.counters["sentBytes"], 1048576);
  ASSERT_EQ(sink.metrics.latencies.size(), 1u);
  // At least the time the bytes take on the wire (8 us per 8 bytes... 1 us per byte).
  EXPECT_GT(sink.metrics.latencies[0], std::int64_t{1048576} * 1000);
  EXPECT_EQ(bulk.metrics.doneCalls, 1);
}

TEST_F(Apps, IdleClientFindsCrashedPeerByKeepAlive) {
  Instance srv(server, "echo-server", {});
  Instance idle(client, "idle-client", {{"host", "server"}, {"keepAlive", "5s"}});
  world.at(1s, [&] { world.crash(server); });
  world.run(120s);
  // The SYN-ACK was the last segment heard; 5 s of silence, then 10 probes 1 s apart.
  EXPECT_EQ(idle.metrics.latencies, (std::vector<std::int64_t>{(connected + 15s).count()}));
  EXPECT_EQ(idle.metrics.counters["errors"], 1);
  EXPECT_EQ(idle.metrics.doneCalls, 1);
}

TEST_F(Apps, IdleClientEndsOnIdleTimeout) {
  Instance srv(server, "echo-server", {});
  Instance idle(client, "idle-client", {{"host", "server"}, {"timeout", "2s"}, {"onTimeout", "end"}});
  world.run(120s);
  EXPECT_EQ(idle.metrics.counters["timeouts"], 1);
  ASSERT_EQ(idle.metrics.latencies.size(), 1u);
  // Idle from the connect on: 'timeout' 2 s later, then our FIN; the server ACKs it and
  // sends its own FIN right behind.
  EXPECT_EQ(idle.metrics.latencies[0], (connected + 2s + wire(0) + kDelay + wire(0) + wire(0) + kDelay).count());
  EXPECT_EQ(idle.metrics.doneCalls, 1);
}

} // namespace
