// netbed compare's rows (sim/scenario/compare.h) from two synthetic runs: the rows in their order,
// values missing on one side written "-" (never 0), differences and ratios, the printed table and
// compare.json.
#include <gtest/gtest.h>

#include "sim/scenario/compare.h"
#include "sim/scenario/loader.h"
#include "tests/scenario/echo_scenario.h"

namespace {

using sim::scenario::CompareRow;
using sim::scenario::CompareSide;
using sim::scenario::RowUnit;

// The echo scenario with two expectations: the rows of its expect section.
const std::string kFile = scenario_tests::kEcho + R"(expect:
  - {count: error, max: 0}
  - {latency: echo-client, percentile: 50, max: 60ms}
)";

constexpr std::int64_t kMs = 1'000'000;

// The simulated side: 6 echoes of 512 bytes, latencies 40..90 ms, no error, pcap counts.
CompareSide simSide() {
  CompareSide s;
  s.backend = "sim";
  s.result.backend = "sim";
  s.result.simulatedNs = 2'500 * kMs;
  s.result.expectations = {{"no 'error' on every node", true, "0 'error' events per node on 3 nodes"},
                           {"echo-client latency p50 <= 60ms", true, "p50 = 60 ms over 6 samples"}};
  auto& client = s.result.observed.apps["echo-client"];
  client.instances = 2;
  client.messages = 6;
  client.bytes = 3072;
  client.latencies = {90 * kMs, 40 * kMs, 50 * kMs, 60 * kMs, 70 * kMs, 80 * kMs};
  auto& server = s.result.observed.apps["echo-server"];
  server.instances = 1;
  server.counters["echoedBytes"] = 3072;
  s.result.observed.event("client-1", "connect", "", 1 * kMs);
  s.tcp = sim::scenario::TcpCounts{2, 40, 12, 4, 4, 0, 1};
  return s;
}

// The kernel side: 5 echoes, one reset on client-2 at 1.25 s and a timeout on client-1, a
// counter the other side lacks, no pcap files.
CompareSide kernelSide() {
  CompareSide k;
  k.backend = "kernel";
  k.result.backend = "kernel";
  k.result.simulatedNs = 2'000 * kMs;
  k.result.passed = false;
  k.result.expectations = {{"no 'error' on every node", false, "0 to 1 'error' events per node on 3 nodes"},
                           {"echo-client latency p50 <= 60ms", true, "p50 = 45 ms over 4 samples"}};
  auto& client = k.result.observed.apps["echo-client"];
  client.instances = 2;
  client.messages = 5;
  client.bytes = 2560;
  client.latencies = {45 * kMs, 30 * kMs, 120 * kMs, 44 * kMs};
  client.counters["reconnects"] = 0.5;
  auto& server = k.result.observed.apps["echo-server"];
  server.instances = 1;
  server.counters["echoedBytes"] = 2560;
  k.result.observed.event("client-2", "error", "ECONNRESET", 1'250 * kMs);
  k.result.observed.event("client-2", "error", "ECONNRESET", 1'500 * kMs);
  k.result.observed.event("client-1", "error", "ETIMEDOUT", 1'999'999'000);
  return k;
}

TEST(Compare, RowsInTheirOrderWithMissingValuesAsDashes) {
  auto s = sim::scenario::parseScenario(kFile, "pair.yaml", {});
  auto rows = sim::scenario::compareRows(s, simSide(), kernelSide());
  std::vector<std::string> names;
  for (const CompareRow& r : rows)
    names.push_back(r.section + "|" + r.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "run|time",
                       "run|expectations held",
                       "expect|1 no 'error' on every node",
                       "expect|2 echo-client latency p50 <= 60ms",
                       "metric|echo-client.instances",
                       "metric|echo-client.messages",
                       "metric|echo-client.bytes",
                       "metric|echo-client.reconnects",
                       "metric|echo-server.instances",
                       "metric|echo-server.messages",
                       "metric|echo-server.bytes",
                       "metric|echo-server.echoedBytes",
                       "latency|echo-client samples",
                       "latency|echo-client p50",
                       "latency|echo-client p90",
                       "latency|echo-client p99",
                       "latency|echo-client max",
                       "error|client-1 ETIMEDOUT", // the scenario's node order: client-1 before client-2
                       "error|client-2 ECONNRESET",
                       "tcp|connections",
                       "tcp|segments",
                       "tcp|data segments",
                       "tcp|SYN",
                       "tcp|FIN",
                       "tcp|RST",
                       "tcp|retransmissions",
                   }));
  const CompareRow& reconnects = rows[7];
  EXPECT_FALSE(reconnects.value[0].has_value()); // the simulated side has no such counter: not 0
  EXPECT_EQ(reconnects.text[0], "-");
  EXPECT_EQ(*reconnects.value[1], 0.5);
  EXPECT_EQ(reconnects.diff, "-");
  const CompareRow& reset = rows[18];
  EXPECT_FALSE(reset.value[0].has_value());
  EXPECT_EQ(*reset.value[1], 1'250.0 * kMs); // the first one
  EXPECT_EQ(rows[2].diff, "differs");
  EXPECT_EQ(rows[3].diff, "same");
  EXPECT_EQ(rows[2].detail[1], "0 to 1 'error' events per node on 3 nodes");
  const CompareRow& p50 = rows[13]; // nearest rank: the 3rd of 6, the 2nd of 4
  EXPECT_EQ(*p50.value[0], 60.0 * kMs);
  EXPECT_EQ(*p50.value[1], 44.0 * kMs);
  EXPECT_EQ(p50.unit, RowUnit::Latency);
  EXPECT_EQ(rows[9].ratio, "-"); // 0 messages on both: no ratio
  EXPECT_FALSE(rows[19].value[1].has_value());
  EXPECT_EQ(*rows[25].value[0], 1.0);
}

TEST(Compare, TheTable) {
  auto s = sim::scenario::parseScenario(kFile, "pair.yaml", {});
  auto rows = sim::scenario::compareRows(s, simSide(), kernelSide());
  EXPECT_EQ(sim::scenario::formatCompare(rows, "sim", "kernel"),
            "                                            sim      kernel         diff  ratio\n"
            "run\n"
            "  time                               2.500000 s  2.000000 s  -0.500000 s  0.800\n"
            "  expectations held                         2/2         1/2           -1  -\n"
            "expectations\n"
            "  1 no 'error' on every node               pass        FAIL      differs  -\n"
            "      sim: 0 'error' events per node on 3 nodes\n"
            "      kernel: 0 to 1 'error' events per node on 3 nodes\n"
            "  2 echo-client latency p50 <= 60ms        pass        pass         same  -\n"
            "      sim: p50 = 60 ms over 6 samples\n"
            "      kernel: p50 = 45 ms over 4 samples\n"
            "application metrics (totals)\n"
            "  echo-client.instances                       2           2           +0  1.000\n"
            "  echo-client.messages                        6           5           -1  0.833\n"
            "  echo-client.bytes                        3072        2560         -512  0.833\n"
            "  echo-client.reconnects                      -       0.500            -  -\n"
            "  echo-server.instances                       1           1           +0  1.000\n"
            "  echo-server.messages                        0           0           +0  -\n"
            "  echo-server.bytes                           0           0           +0  -\n"
            "  echo-server.echoedBytes                  3072        2560         -512  0.833\n"
            "latency\n"
            "  echo-client samples                         6           4           -2  0.667\n"
            "  echo-client p50                     60.000 ms   44.000 ms   -16.000 ms  0.733\n"
            "  echo-client p90                     90.000 ms  120.000 ms   +30.000 ms  1.333\n"
            "  echo-client p99                     90.000 ms  120.000 ms   +30.000 ms  1.333\n"
            "  echo-client max                     90.000 ms  120.000 ms   +30.000 ms  1.333\n"
            "first error per node and code (time since start)\n"
            "  client-1 ETIMEDOUT                          -  1.999999 s            -  -\n"
            "  client-2 ECONNRESET                         -  1.250000 s            -  -\n"
            "TCP segments (pcap files)\n"
            "  connections                                 2           -            -  -\n"
            "  segments                                   40           -            -  -\n"
            "  data segments                              12           -            -  -\n"
            "  SYN                                         4           -            -  -\n"
            "  FIN                                         4           -            -  -\n"
            "  RST                                         0           -            -  -\n"
            "  retransmissions                             1           -            -  -\n");
}

TEST(Compare, TheJson) {
  auto s = sim::scenario::parseScenario(kFile, "pair.yaml", {"seed=3"});
  CompareSide a = simSide(), b = kernelSide();
  auto rows = sim::scenario::compareRows(s, a, b);
  nlohmann::json j = sim::scenario::compareJson(s, a, b, {"sim", "kernel"}, rows);
  EXPECT_EQ(j["scenario"]["seed"], 3);
  EXPECT_EQ(j["scenario"]["set"]["seed"], "3");
  EXPECT_EQ(j["backends"], nlohmann::json({"sim", "kernel"}));
  EXPECT_EQ(j["runs"][1],
            nlohmann::json(
                {{"backend", "kernel"}, {"dir", "kernel"}, {"passed", false}, {"complete", true}, {"pcap", false}}));
  ASSERT_EQ(j["rows"].size(), rows.size());
  EXPECT_EQ(j["rows"][2],
            nlohmann::json(
                {{"section", "expect"},
                 {"name", "1 no 'error' on every node"},
                 {"unit", "verdict"},
                 {"values", {true, false}},
                 {"texts", {"pass", "FAIL"}},
                 {"diff", "differs"},
                 {"ratio", "-"},
                 {"details", {"0 'error' events per node on 3 nodes", "0 to 1 'error' events per node on 3 nodes"}}}));
  EXPECT_EQ(j["rows"][7]["values"], nlohmann::json({nullptr, 0.5}));
  EXPECT_EQ(j["rows"][13]["values"], nlohmann::json({60'000'000, 44'000'000}));
  EXPECT_EQ(j["rows"][13]["unit"], "latency");
}

} // namespace

// The TCP rows' counts from a simulated run's own pcap files: one client, three echoes of 512 B
// (one segment each: below the MSS, 100 ms apart), no loss; each side's SYN and FIN once.
TEST(Compare, CountsTheSegmentsOfARunsPcapFiles) {
  const std::string file = R"(name: one
duration: 30s
nodes:
  server:
    apps: [{app: echo-server}]
  client:
    apps: [{app: echo-client, host: server, count: 3, size: 512B, interval: 100ms}]
network:
  links: [{a: server, b: client, bandwidth: 10Mbps, delay: 5ms}]
)";
  auto s = sim::scenario::parseScenario(file, "one.yaml", {});
  sim::scenario::RunOptions o;
  o.outDir = ::testing::TempDir() + "compare-counts";
  o.pcap = true;
  o.note = [](const std::string&) {};
  auto r = sim::scenario::runScenario(s, o);
  ASSERT_EQ(r.pcapFiles, (std::vector<std::string>{"pcap/client-0.pcap", "pcap/server-0.pcap"}));
  auto t = sim::scenario::readTcpCounts(o.outDir, r.pcapFiles);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->connections, 1u);
  EXPECT_EQ(t->syns, 2u);         // the SYN and the SYN-ACK
  EXPECT_EQ(t->dataSegments, 6u); // three messages there, three echoes back
  EXPECT_EQ(t->fins, 2u);
  EXPECT_EQ(t->rsts, 0u);
  EXPECT_EQ(t->retransmissions, 0u);
  EXPECT_FALSE(sim::scenario::readTcpCounts(o.outDir, {}).has_value()); // no files: no counts, not zeros
}
