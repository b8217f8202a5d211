// The runner: applications started at their times on the simulated network, expectations
// that hold and expectations that fail (with the detail that says why).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "sim/scenario/loader.h"
#include "sim/scenario/nic_choice.h"
#include "sim/scenario/runner.h"
#include "tests/scenario/echo_scenario.h"

namespace {

using scenario_tests::kEcho;

// Options without notes, writing the outputs to `outDir` when not empty.
sim::scenario::RunOptions quiet(const std::string& outDir = "") {
  sim::scenario::RunOptions o;
  o.note = [](const std::string&) {};
  o.outDir = outDir;
  return o;
}

sim::scenario::RunResult run(const std::string& text, const std::vector<std::string>& sets = {},
                             const sim::scenario::RunOptions& o = quiet()) {
  sim::scenario::Scenario s = sim::scenario::parseScenario(text, "echo.yaml", sets);
  return sim::scenario::runScenario(s, o);
}

// The fault lines of the trace a run wrote into `outDir`.
std::vector<std::string> faultLines(const std::string& outDir) {
  std::vector<std::string> faults;
  std::ifstream trace(outDir + "/trace.jsonl");
  for (std::string line; std::getline(trace, line);)
    if (line.find("\"ev\":\"fault\"") != std::string::npos)
      faults.push_back(line);
  return faults;
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

// Counts in a time window, and when the first and last occurrence happen. The clients start
// at 1 s and echo three messages 100 ms apart over 5 ms links: a reply comes back within
// tens of ms of each send, never before it.
TEST(Runner, CountsInAWindowAndOccurrenceTimes) {
  auto r = run(kEcho + R"(faults:
  - {at: 500ms, linkDown: [server, client-2]}
  - {at: 700ms, linkUp: [server, client-2]}
expect:
  - {count: connect, on: client, before: 1s, max: 0}
  - {count: connect, on: client, after: 1s, before: 1100ms}
  - {count: data, on: client, after: 1100ms, before: 1200ms, equal: 1}
  - {count: data, on: client, per: total, after: 1s, equal: 6}
  - {count: data, on: client, occurrence: first, after: 1s, before: 1050ms}
  - {count: data, on: client, occurrence: last, after: 1200ms, before: 1250ms}
  - {count: fault, after: 500ms, before: 500000001ns, equal: 1}
  - {count: fault, code: linkUp, occurrence: first, after: 700ms, before: 700000001ns}
  - {count: data, on: client, after: 1300ms}
  - {count: fault, code: linkDown, occurrence: last, after: 600ms}
)");
  ASSERT_EQ(r.expectations.size(), 10u);
  for (std::size_t i = 0; i < 8; ++i)
    EXPECT_TRUE(r.expectations[i].pass) << r.expectations[i].text << ": " << r.expectations[i].detail;
  EXPECT_EQ(r.expectations[6].detail, "1 fault in [500ms, 500000001ns)");
  EXPECT_FALSE(r.expectations[8].pass);
  EXPECT_EQ(r.expectations[8].detail, "0 'data' events in [1300ms, end) per node on 2 nodes of client; 2 failing "
                                      "(client-1: 0, client-2: 0)");
  EXPECT_FALSE(r.expectations[9].pass);
  EXPECT_EQ(r.expectations[9].detail, "the last 'fault' linkDown at 500ms");
}

// Metric bounds per instance, per node, or on some nodes; latency on one node.
TEST(Runner, MetricsPerInstanceAndOnNodes) {
  auto r = run(kEcho + R"(expect:
  - {metric: echo-client.messages, per: instance, equal: 3}
  - {metric: echo-client.messages, per: node, on: client, equal: 3}
  - {metric: echo-client.messages, on: client-1, equal: 3}
  - {latency: echo-client, on: client-2, percentile: 50, min: 10ms, max: 11ms}
  - {metric: echo-client.messages, per: instance, min: 4}
  - {metric: echo-client.latencyMaxNs, per: instance, max: 1ms}
)");
  ASSERT_EQ(r.expectations.size(), 6u);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_TRUE(r.expectations[i].pass) << r.expectations[i].text << ": " << r.expectations[i].detail;
  EXPECT_EQ(r.expectations[2].detail, "echo-client.messages = 3 on client-1");
  EXPECT_EQ(r.expectations[3].text, "echo-client latency p50 >= 10ms and <= 11ms on client-2");
  EXPECT_FALSE(r.expectations[4].pass);
  EXPECT_EQ(r.expectations[4].detail,
            "echo-client.messages = 3 per instance over 2 instances; 2 failing (client-1: 3, client-2: 3)");
  EXPECT_FALSE(r.expectations[5].pass);
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

// --max-output: the run ends right after the trace line that passes the limit, as if its
// duration were over, and says so; what was written stays (a complete summary, a cut trace).
TEST(Runner, StopsAtTheOutputLimit) {
  std::string dir = ::testing::TempDir() + "netbed-max-output";
  std::filesystem::remove_all(dir);
  sim::scenario::Scenario s = sim::scenario::parseScenario(kEcho, "echo.yaml", {});
  sim::scenario::RunOptions o = quiet(dir);
  sim::scenario::RunResult whole = sim::scenario::runScenario(s, o);
  ASSERT_TRUE(whole.stopped.empty());
  auto wholeBytes = std::filesystem::file_size(dir + "/trace.jsonl");
  o.maxOutputBytes = wholeBytes / 2;
  sim::scenario::RunResult cut = sim::scenario::runScenario(s, o);
  EXPECT_EQ(cut.stopped, "max-output " + std::to_string(wholeBytes / 2) + " bytes reached");
  EXPECT_LT(cut.simulatedNs, whole.simulatedNs);
  EXPECT_LT(cut.traceLines, whole.traceLines);
  auto cutBytes = std::filesystem::file_size(dir + "/trace.jsonl");
  EXPECT_GT(cutBytes + std::filesystem::file_size(dir + "/metrics.csv"), wholeBytes / 2);
  EXPECT_LT(cutBytes, wholeBytes / 2 + 300); // one line past the limit at most
  std::ifstream summary(dir + "/summary.json");
  std::string text((std::istreambuf_iterator<char>(summary)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"complete\": false"), std::string::npos) << text.substr(0, 400);
  EXPECT_NE(text.find("\"stopped\": \"max-output"), std::string::npos);
}

// --max-wall stops a run that would go on for a simulated year.
TEST(Runner, StopsAtTheWallClockLimit) {
  sim::scenario::RunOptions o = quiet();
  o.maxWallSeconds = 0.2;
  sim::scenario::RunResult r =
      run(kEcho, {"duration=8760h", "nodes.client.apps.0.count=1000000000", "nodes.client.apps.0.interval=1ms"}, o);
  EXPECT_EQ(r.stopped, "max-wall 0.2 s reached");
  EXPECT_LT(r.simulatedNs, 365LL * 86400 * 1'000'000'000);
  EXPECT_GT(r.observed.apps.at("echo-client").messages, 0);
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

// A hidden terminal from the file: two busy senders on one radio segment that reach the
// receiver but not each other cannot defer to each other's frames: their frames collide at
// the receiver, and fewer readings arrive than when they hear each other.
TEST(Runner, UnreachableRadioPairsAreHiddenTerminals) {
  const std::string radios = R"(name: hidden
duration: 20s
nodes:
  sink:
    nic: {model: radio}
    apps: [{app: telemetry-collector}]
  sender:
    count: 2
    nic: {model: radio}
    apps: [{app: telemetry-sensor, host: sink, count: 300, interval: 10ms, size: 80B, start: 1s, jitter: 50ms}]
network:
  segments:
    - name: air
      members: [sink, sender]
)";
  auto heard = run(radios);
  auto hidden = run(radios + "      unreachable: [[sender-1, sender-2]]\n");
  double heardMessages = heard.observed.apps.at("telemetry-collector").messages;
  double hiddenMessages = hidden.observed.apps.at("telemetry-collector").messages;
  EXPECT_GT(heardMessages, 500);
  EXPECT_LT(hiddenMessages, 0.75 * heardMessages);
  EXPECT_NE(hidden.traceHash, heard.traceHash);
}

TEST(Runner, BadNicParameterIsAScenarioErrorBeforeAnythingRuns) {
  sim::scenario::Scenario s = sim::scenario::parseScenario(
      kEcho, "echo.yaml", {"nodes.client.nic.model=spi-ethernet", "nodes.client.nic.bufer=1"});
  try {
    sim::scenario::checkNic(s.groups[1].nic);
    FAIL() << "accepted";
  } catch (const sim::scenario::ScenarioError& e) {
    EXPECT_EQ(e.key(), "nodes.client.nic");
    EXPECT_EQ(e.where().str(), "--set nodes.client.nic.bufer=1");
    EXPECT_NE(std::string(e.what()).find("'bufer'"), std::string::npos) << e.what();
  }
}

// Overlapping faults with `for` (issue 10, defect 4): each occurrence's undo gives back only
// what it took. One echo client, two messages 1 s apart, the second written inside both
// partitions; the short one's end does not end the long one.
const std::string kOverlap = R"(name: overlap
duration: 600s
nodes:
  server:
    apps: [{app: echo-server}]
  client:
    apps: [{app: echo-client, host: server, count: 2, interval: 1s, start: 500ms}]
network:
  star: {hub: server, leaves: client, bandwidth: 10Mbps, delay: 5ms}
faults:
  - {at: 1s, partition: server, for: 3s}
  - {at: 1s, partition: server, for: 300s}
)";

TEST(Runner, OverlappingPartitionsEachUndoTheirOwn) {
  const std::int64_t at = 1'000'000'000, shortFor = 3'000'000'000, longFor = 300'000'000'000;
  auto r = run(kOverlap);
  ASSERT_EQ(r.observed.faults.size(), 4u);
  EXPECT_EQ(r.observed.faults[0].kind, "partition");
  EXPECT_EQ(r.observed.faults[1].kind, "partition");
  EXPECT_EQ(r.observed.faults[2].kind, "heal");
  EXPECT_EQ(r.observed.faults[2].tNs, at + shortFor);
  EXPECT_EQ(r.observed.faults[3].kind, "heal");
  EXPECT_EQ(r.observed.faults[3].tNs, at + longFor);
  const auto& m = r.observed.apps.at("echo-client");
  ASSERT_EQ(m.latencies.size(), 2u);
  // The second message is written 1 s after the first came back (10 ms round trips from
  // 500 ms): inside both partitions. It comes back only after the long one ends, with the
  // first retransmission after it (at most one maximum RTO, 120 s, later).
  std::int64_t sentBefore = 1'600'000'000;
  EXPECT_GT(m.latencies[1], at + longFor - sentBefore);
  EXPECT_LT(m.latencies[1], at + longFor + 121'000'000'000);
  EXPECT_EQ(r.observed.nodes.at("client").count("error"), 0u);
}

// loss 50% for 10 s inside loss 20% for 60 s, through the file: the trace's fault lines give
// the value in force after each change and each undo.
TEST(Runner, NestedLossChangesRestoreTheValueInForceBefore) {
  std::string out = ::testing::TempDir() + "netbed-runner-overlap-loss";
  auto r = run(kEcho + R"(faults:
  - {at: 1s, setLoss: {link: [server, client-1], loss: 20%}, for: 60s}
  - {at: 5s, setLoss: {link: [server, client-1], loss: 50%}, for: 10s}
)",
               {"duration=100s"}, quiet(out));
  ASSERT_EQ(r.observed.faults.size(), 4u);
  std::vector<std::string> faults = faultLines(out);
  auto line = [](std::int64_t t, double loss) {
    return "{\"t\":" + std::to_string(t) + ",\"ev\":\"fault\",\"fault\":\"loss=" + std::to_string(loss) +
           "\",\"target\":\"server-client-1\",\"nodes\":[\"server\",\"client-1\"]}";
  };
  const std::int64_t s1 = 1'000'000'000, s5 = 5'000'000'000, for10 = 10'000'000'000, for60 = 60'000'000'000;
  std::vector<std::string> expected{line(s1, 0.2), line(s5, 0.5), line(s5 + for10, 0.2), line(s1 + for60, 0)};
  EXPECT_EQ(faults, expected);
}

// Every fault line names the nodes it hit: a crash its node, a partition its side, a heal
// the sides it ends (an explicit heal, or the end of a partition's `for`).
TEST(Runner, FaultLinesNameTheNodesTheyHit) {
  std::string out = ::testing::TempDir() + "netbed-runner-fault-nodes";
  run(kEcho + R"(faults:
  - {at: 1s, partition: [client-1]}
  - {at: 2s, heal: true}
  - {at: 3s, partition: [client-2, server], for: 1s}
  - {at: 5s, crash: client-1}
)",
      {"duration=10s"}, quiet(out));
  std::vector<std::string> faults;
  for (const auto& line : faultLines(out))
    faults.push_back(line.substr(line.find("\"fault\":")));
  std::vector<std::string> expected{R"("fault":"partition","target":"client-1","nodes":["client-1"]})",
                                    R"("fault":"heal","target":"","nodes":["client-1"]})",
                                    R"("fault":"partition","target":"client-2,server","nodes":["client-2","server"]})",
                                    R"("fault":"heal","target":"","nodes":["client-2","server"]})",
                                    R"("fault":"crash","target":"client-1","nodes":["client-1"]})"};
  EXPECT_EQ(faults, expected);
}

// A js application on a node that crashes and reboots (a) and on one that stays down (c): a
// crashed instance vanishes (no 'exit'), the rebooted node runs a fresh copy, which has its
// 'exit' at the end of the run.
TEST(Runner, JsAppOnACrashedAndRebootedNode) {
  std::string script = "/tmp/netbed-runner-js-" + std::to_string(::getpid()) + ".js";
  std::ofstream(script) << "var netbed = require('netbed');\n"
                           "netbed.count('starts');\n"
                           "setInterval(function () { netbed.count('ticks'); }, 1000);\n"
                           "process.on('exit', function () { netbed.count('exitListeners'); });\n";
  auto r = run("name: js\nduration: 8500ms\nnodes:\n  a:\n    apps: [{app: js, script: " + script +
               "}]\n  c:\n    apps: [{app: js, script: " + script +
               "}]\n  b: {}\nnetwork:\n  links: [{a: a, b: b}, {a: c, b: b}]\nfaults:\n  - {at: 2500ms, crash: a}\n"
               "  - {at: 2500ms, crash: c}\n  - {at: 5s, reboot: a}\n");
  std::remove(script.c_str());
  const auto& c = r.observed.apps.at("js").counters;
  EXPECT_EQ(c.at("starts"), 3);
  // Ticks at 1 s and 2 s before the crashes; after a's reboot at 5 s, at 6, 7 and 8 s.
  EXPECT_EQ(c.at("ticks"), 2 + 2 + 3);
  EXPECT_EQ(c.at("exitListeners"), 1);
  EXPECT_EQ(c.at("exits"), 1);
  EXPECT_EQ(c.count("failures"), 0u);
}

} // namespace
