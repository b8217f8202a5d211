// The runner: applications started at their times on the simulated network, expectations
// that hold and expectations that fail (with the detail that says why).
#include <gtest/gtest.h>

#include "sim/scenario/loader.h"
#include "sim/scenario/nic.h"
#include "sim/scenario/runner.h"

namespace {

// Two echo clients, three messages each, 100 ms apart, against one server over 5 ms links.
const std::string kEcho = R"(name: echo
duration: 30s
nodes:
  server:
    apps: [{app: echo-server}]
  client:
    count: 2
    apps: [{app: echo-client, host: server, count: 3, interval: 100ms, start: 1s}]
network:
  star: {hub: server, leaves: client, bandwidth: 10Mbps, delay: 5ms}
)";

netbed::RunResult run(const std::string& text, const std::vector<std::string>& sets = {}) {
  netbed::Scenario s = netbed::parseScenario(text, "echo.yaml", sets);
  netbed::RunOptions o;
  o.note = [](const std::string&) {};
  return netbed::runScenario(s, o);
}

TEST(Runner, CountsEventsAndMetrics) {
  auto r = run(kEcho);
  EXPECT_EQ(r.backend, "sim");
  EXPECT_TRUE(r.passed);
  const auto& m = r.observed.apps.at("echo-client");
  EXPECT_EQ(m.instances, 2u);
  EXPECT_EQ(m.messages, 6);
  EXPECT_EQ(m.bytes, 6 * 64);
  EXPECT_EQ(m.latencies.size(), 6u);
  EXPECT_EQ(r.observed.nodes.at("client-1").at("connect").count, 1u);
  EXPECT_EQ(r.observed.nodes.at("server").at("connection").count, 2u);
  EXPECT_EQ(r.observed.nodes.at("client-2").at("close").count, 1u);
  // The clients finished: the run ended then, not at the 30 s limit. They start at 1 s;
  // the server's close of each connection is the last thing that happens.
  EXPECT_GT(r.simulatedNs, 1'200'000'000);
  EXPECT_LT(r.simulatedNs, 2'000'000'000);
  EXPECT_EQ(r.traceHash.size(), 16u);
}

TEST(Runner, ExpectationsThatHold) {
  auto r = run(kEcho + R"(expect:
  - {count: error, max: 0}
  - {count: close, on: client, equal: 1}
  - {count: connection, on: server, per: total, equal: 2}
  - {metric: echo-client.messages, equal: 6}
  - {metric: echo-client.bytes, min: 384B}
  - {latency: echo-client, percentile: 50, min: 10ms, max: 11ms}
  - before: [connect, close]
    on: client
  - before: [{ev: listening, on: server}, {ev: connect, on: client}]
  - {count: fault, equal: 0}
)");
  ASSERT_EQ(r.expectations.size(), 9u);
  for (const auto& e : r.expectations)
    EXPECT_TRUE(e.pass) << e.text << ": " << e.detail;
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.expectations[0].detail, "0 'error' events per node on 3 nodes");
  EXPECT_EQ(r.expectations[2].detail, "2 'connection' events in total on server");
  EXPECT_EQ(r.expectations[3].detail, "echo-client.messages = 6");
}

TEST(Runner, ExpectationsThatFailSayWhy) {
  auto r = run(kEcho + R"(expect:
  - {count: close, on: client, equal: 2}
  - {metric: echo-client.messages, min: 7}
  - {latency: echo-client, percentile: 99, max: 1ms}
  - before: [close, connect]
    on: client
  - {metric: echo-server.errors, min: 1}
)");
  ASSERT_EQ(r.expectations.size(), 5u);
  for (const auto& e : r.expectations)
    EXPECT_FALSE(e.pass) << e.text;
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.expectations[0].detail,
            "1 'close' events per node on 2 nodes of client; 2 failing (client-1: 1, client-2: 1)");
  EXPECT_EQ(r.expectations[1].detail, "echo-client.messages = 6");
  EXPECT_EQ(r.expectations[3].detail, "2 of 2 nodes saw 'connect'; 2 saw it before 'close' (first: client-1)");
  EXPECT_EQ(r.expectations[4].detail, "echo-server.errors = 0");
}

TEST(Runner, CrashAndRebootRestartsApplications) {
  auto r = run(kEcho + R"(faults:
  - {at: 500ms, crash: client-2}
  - {at: 600ms, reboot: client-2}
)");
  // client-2's application started after the reboot (its start time, 1 s, counts from boot).
  EXPECT_EQ(r.observed.apps.at("echo-client").messages, 6);
  EXPECT_EQ(r.observed.faults.size(), 2u);
  EXPECT_EQ(r.observed.faults[0].kind, "crash");
  EXPECT_EQ(r.observed.faults[1].tNs, 600'000'000);
  EXPECT_GT(r.simulatedNs, 1'600'000'000);
}

TEST(Runner, JitterDrawsFromTheSeed) {
  auto a = run(kEcho, {"nodes.client.apps.0.jitter=500ms"});
  auto b = run(kEcho, {"nodes.client.apps.0.jitter=500ms"});
  auto c = run(kEcho, {"nodes.client.apps.0.jitter=500ms", "seed=2"});
  auto none = run(kEcho);
  EXPECT_EQ(a.traceHash, b.traceHash);
  EXPECT_NE(a.traceHash, c.traceHash);
  EXPECT_NE(a.traceHash, none.traceHash);
}

TEST(Runner, SystemCNicsAreAttachedAndReported) {
  auto r = run(kEcho, {"nodes.client.nic.model=spi-ethernet", "nodes.client.nic.spiClockHz=8000000"});
  EXPECT_TRUE(r.passed);
  ASSERT_EQ(r.nics.size(), 2u);
  EXPECT_EQ(r.nics[0].node, "client-1");
  EXPECT_EQ(r.nics[0].device, 0u);
  EXPECT_EQ(r.nics[0].model, "spi-ethernet");
  EXPECT_GT(r.nics[0].txFrames, 0u);
}

TEST(Runner, BadNicParameterIsAScenarioErrorBeforeAnythingRuns) {
  netbed::Scenario s =
      netbed::parseScenario(kEcho, "echo.yaml", {"nodes.client.nic.model=spi-ethernet", "nodes.client.nic.bufer=1"});
  try {
    netbed::checkNic(s.groups[1].nic);
    FAIL() << "accepted";
  } catch (const netbed::ScenarioError& e) {
    EXPECT_EQ(e.key(), "nodes.client.nic");
    EXPECT_EQ(e.where().str(), "--set nodes.client.nic.bufer=1");
    EXPECT_NE(std::string(e.what()).find("'bufer'"), std::string::npos) << e.what();
  }
}

} // namespace
