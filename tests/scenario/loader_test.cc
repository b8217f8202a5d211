// The scenario loader: every kind of bad input gives one exact message (file:line:column,
// key, expected, found, a suggestion for a typo); groups and topology helpers expand as
// documented; --set overrides any scalar.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <ostream>

#include "sim/scenario/loader.h"

namespace {

using sim::scenario::parseScenario;
using sim::scenario::Scenario;
using sim::scenario::ScenarioError;

// A gateway and three sensors linked to it: the base every bad input below breaks.
const std::string kBase = R"(nodes:
  gateway:
    apps:
      - app: echo-server
  sensor:
    count: 3
    apps:
      - app: echo-client
        host: gateway
network:
  links:
    - {a: gateway, b: sensor, bandwidth: 1Mbps, delay: 5ms}
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

// The loader's message for `text` (and overrides), or "" when it loads.
std::string error(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    parseScenario(text, "t.yaml", sets);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(Loader, BaseLoads) { EXPECT_EQ(error(kBase), ""); }

TEST(Loader, UnknownTopLevelKeySuggestsNearest) {
  EXPECT_EQ(error("durration: 5s\n" + kBase),
            "t.yaml:1:1: durration: unknown key 'durration', did you mean 'duration'? (expected one of: name, "
            "description, seed, run, duration, tcp, nodes, network, faults, expect)");
}

// tcp: a profile by name, or a profile with overrides; linux when absent.
TEST(Loader, TcpProfileAndOverrides) {
  using namespace std::chrono_literals;
  EXPECT_EQ(parseScenario(kBase, "t.yaml").tcp.name, "linux");
  EXPECT_EQ(parseScenario("tcp: ns3\n" + kBase, "t.yaml").tcp.minRto, 1s);
  Scenario s = parseScenario(
      "tcp: {profile: ns3, minRto: 300ms, dataRetries: 8, synRetries: 2, delayedAck: 0s, initialCwnd: 4, sack: false, "
      "timestamps: false, userTimeout: 20s, congestion: newreno}\n" +
          kBase,
      "t.yaml");
  EXPECT_EQ(s.tcp.name, "ns3");
  EXPECT_EQ(s.tcp.minRto, 300ms);
  EXPECT_EQ(s.tcp.dataRetries, 8u);
  EXPECT_EQ(s.tcp.synRetries, 2u);
  EXPECT_EQ(s.tcp.delayedAck, 0s);
  EXPECT_EQ(s.tcp.initialCwnd, 4u);
  EXPECT_FALSE(s.tcp.sack);
  EXPECT_FALSE(s.tcp.timestamps);
  EXPECT_EQ(s.tcp.userTimeout, 20s);
  EXPECT_EQ(s.tcp.congestion, "newreno");
  EXPECT_EQ(parseScenario(kBase, "t.yaml", {"tcp.dataRetries=3"}).tcp.dataRetries, 3u);
}

TEST(Loader, TcpBadValuesNameTheKey) {
  EXPECT_EQ(error("tcp: bsd\n" + kBase), "t.yaml:1:6: tcp: expected a TCP profile: linux or ns3, found 'bsd'");
  EXPECT_EQ(error("tcp: {congestion: vegas}\n" + kBase),
            "t.yaml:1:19: tcp.congestion: expected newreno, cubic, linux-reno or bbr, found 'vegas'");
  EXPECT_EQ(error("tcp: {dataRetries: 0}\n" + kBase),
            "t.yaml:1:20: tcp.dataRetries: expected an integer within [1, 255], found '0'");
  EXPECT_EQ(error("tcp: {sack: maybe}\n" + kBase), "t.yaml:1:13: tcp.sack: expected true or false, found 'maybe'");
  EXPECT_EQ(error("tcp: {minRTO: 1s}\n" + kBase)
                .rfind("t.yaml:1:7: tcp.minRTO: unknown key 'minRTO', did you mean "
                       "'minRto'?",
                       0),
            0u);
}

// qdisc: ns-3's FqCoDel in front of each end of a link (the default), or none.
TEST(Loader, LinkQueueDisc) {
  EXPECT_TRUE(parseScenario(kBase, "t.yaml").links.at(0).spec.queueDisc);
  EXPECT_FALSE(parseScenario(kBase, "t.yaml", {"network.links.0.qdisc=none"}).links.at(0).spec.queueDisc);
  EXPECT_TRUE(
      parseScenario(replace(kBase, "delay: 5ms", "delay: 5ms, qdisc: fq_codel"), "t.yaml").links.at(0).spec.queueDisc);
  EXPECT_EQ(error(replace(kBase, "delay: 5ms", "delay: 5ms, qdisc: red")),
            "t.yaml:12:68: network.links.0.qdisc: expected fq_codel or none, found 'red'");
}

// Bad inputs that differ only in their text, each with the one exact message it gives: kBase
// with `from` replaced by `to` (appended when `from` is empty), loaded with `sets`.
struct BadInput {
  const char* name;
  std::string from, to;
  std::vector<std::string> sets;
  std::string message;
};

const BadInput kBadInputs[] = {
    {"UnknownNodeKeySuggestsNearest",
     "count: 3",
     "cout: 3",
     {},
     "t.yaml:6:5: nodes.sensor.cout: unknown key 'cout', did you mean 'count'? (expected one of: count, nic, "
     "apps)"},
    {"UnknownKeyFarFromEveryKeyHasNoSuggestion",
     "count: 3",
     "zzzzzzzz: 3",
     {},
     "t.yaml:6:5: nodes.sensor.zzzzzzzz: unknown key 'zzzzzzzz' (expected one of: count, nic, apps)"},
    {"CountBelowOne",
     "count: 3",
     "count: 0",
     {},
     "t.yaml:6:12: nodes.sensor.count: expected an integer within [1, 1000000], found '0'"},
    {"NegativeDelay",
     "delay: 5ms",
     "delay: -5ms",
     {},
     "t.yaml:12:56: network.links.0.delay: expected a duration >= 0 such as 5ms, 1.5s or 2min, found '-5ms'"},
    {"DelayWithoutUnit",
     "delay: 5ms",
     "delay: 5",
     {},
     "t.yaml:12:56: network.links.0.delay: expected a duration >= 0 such as 5ms, 1.5s or 2min, found '5'"},
    {"LossAboveOne",
     "delay: 5ms",
     "delay: 5ms, loss: 1.5",
     {},
     "t.yaml:12:67: network.links.0.loss: expected a probability within [0, 1] (such as 0.05 or 5%), found "
     "'1.5'"},
    {"BadBandwidthUnit",
     "1Mbps",
     "1MB/s",
     {},
     "t.yaml:12:42: network.links.0.bandwidth: expected a bandwidth > 0 such as 250kbps, 10Mbps or 1Gbps, "
     "found '1MB/s'"},
    {"LinkToUnknownNode",
     "b: sensor,",
     "b: sensr,",
     {},
     "t.yaml:12:23: network.links.0.b: expected a node or group name (did you mean 'sensor'?), found 'sensr'"},
    {"PortOutOfRange",
     "host: gateway",
     "host: gateway\n        port: 70000",
     {},
     "t.yaml:10:15: nodes.sensor.apps.0.port: expected an integer within [1, 65535], found '70000'"},
    {"UnknownApplicationSuggestsNearest",
     "app: echo-server",
     "app: echo-sever",
     {},
     "t.yaml:4:14: nodes.gateway.apps.0.app: expected an application name (did you mean 'echo-server'?) (one "
     "of: bulk-sender, echo-client, echo-server, idle-client, js, request-client, request-server, sink, "
     "telemetry-collector, telemetry-sensor), found 'echo-sever'"},
    {"UnknownApplicationParameterSuggestsNearest",
     "host: gateway",
     "host: gateway\n        intervall: 1s",
     {},
     "t.yaml:10:9: nodes.sensor.apps.0.intervall: unknown key 'intervall', did you mean 'interval'? (expected "
     "one of: app, start, jitter, host, port, count, size, interval)"},
    {"MissingRequiredParameter",
     "        host: gateway\n",
     "",
     {},
     "t.yaml:8:9: nodes.sensor.apps.0.host: expected host (required by echo-client: the server's node name "
     "(required)), found nothing"},
    {"HostNamesUnknownNode",
     "host: gateway",
     "host: gatway",
     {},
     "t.yaml:9:15: nodes.sensor.apps.0.host: expected a node name or an IPv4 address (did you mean "
     "'gateway'?), found 'gatway'"},
    {"HostNamesAGroup",
     "host: gateway",
     "host: sensor",
     {},
     "t.yaml:9:15: nodes.sensor.apps.0.host: expected a node name or an IPv4 address (a group's node: "
     "sensor-1 ...) (did you mean 'sensor-1'?), found 'sensor', a group"},
    {"YamlSyntaxErrorHasLineAndColumn",
     "{a:",
     "[a:",
     {},
     "t.yaml:12:59: expected valid YAML, found a syntax error: illegal flow end"},
    {"DuplicateKey", "count: 3", "count: 3\n    count: 4", {}, "t.yaml:7:5: nodes.sensor.count: duplicate key 'count'"},
    {"NodeConnectedToNothing",
     "  sensor:\n",
     "  lonely:\n  sensor:\n",
     {},
     "t.yaml:5:3: nodes.lonely: expected every node on a link or segment (links, segments, star, chain, tree), "
     "found 'lonely' connected to nothing"},
    {"LinkDefinedTwice",
     "",
     "    - {a: sensor-1, b: gateway}\n",
     {},
     "t.yaml:13:7: network.links.1: expected one link between two nodes, found a second link between "
     "'sensor-1' and 'gateway'"},
    {"FaultOnMissingLink",
     "",
     "faults:\n  - {at: 1s, linkDown: [sensor-1, sensor-2]}\n",
     {},
     "t.yaml:14:24: faults.0.linkDown: expected ends joined by a link, found no link between 'sensor-1' and "
     "'sensor-2'"},
    {"FaultWithTwoActions",
     "",
     "faults:\n  - {at: 1s, crash: gateway, reboot: gateway}\n",
     {},
     "t.yaml:14:5: faults.0: expected exactly one action (linkDown, linkUp, partition, heal, setLoss, "
     "setDelay, crash, reboot), found 2: crash, reboot"},
    {"ExpectationOnUnknownEventSuggestsNearest",
     "",
     "expect:\n  - {count: eror, max: 0}\n",
     {},
     "t.yaml:14:13: expect.0.count: expected an event (listening, connection, lookup, connect, data, drain, end, "
     "timeout, close, error, fault) (did you mean 'error'?), found 'eror'"},
    {"ExpectationWithoutBound",
     "",
     "expect:\n  - {count: error}\n",
     {},
     "t.yaml:14:5: expect.0.max: expected a bound: min, max or equal, found none"},
    {"MetricOfAnApplicationNotInTheScenario",
     "",
     "expect:\n  - {metric: sink.messages, min: 1}\n",
     {},
     "t.yaml:14:14: expect.0.metric: expected an application the scenario runs (echo-server, echo-client), "
     "found 'sink'"},
    {"SetWithBadValueNamesTheOverride",
     "",
     "",
     {"nodes.sensor.count=abc"},
     "--set nodes.sensor.count=abc: nodes.sensor.count: expected an integer within [1, 1000000], found 'abc'"},
    {"SetIndexOutOfRange",
     "",
     "",
     {"network.links.3.loss=0.1"},
     "--set network.links.3.loss=0.1: network.links.3: expected an index within [0, 1) into a list of 1, "
     "found '3'"},
    {"SetWithoutEquals",
     "",
     "",
     {"seed"},
     "--set seed: expected key=value (such as nodes.sensor.count=100), found no '='"},
    {"SetOfAMapping",
     "",
     "",
     {"nodes.sensor=3"},
     "--set nodes.sensor=3: nodes.sensor: expected a scalar to replace, found a mapping"},
    {"SetOfAnUnknownKeyIsRejectedLikeTheFile",
     "",
     "",
     {"nodes.sensor.cont=3"},
     "--set nodes.sensor.cont=3: nodes.sensor.cont: unknown key 'cont', did you mean 'count'? (expected one "
     "of: count, nic, apps)"},
};

// GoogleTest names a case by it.
void PrintTo(const BadInput& b, std::ostream* os) { *os << b.name; }

class LoaderRejects : public ::testing::TestWithParam<BadInput> {};

TEST_P(LoaderRejects, WithItsMessage) {
  const BadInput& b = GetParam();
  EXPECT_EQ(error(b.from.empty() ? kBase + b.to : replace(kBase, b.from, b.to), b.sets), b.message);
}

INSTANTIATE_TEST_SUITE_P(Loader, LoaderRejects, ::testing::ValuesIn(kBadInputs),
                         [](const ::testing::TestParamInfo<BadInput>& i) { return std::string(i.param.name); });

TEST(Loader, EmptyFile) {
  EXPECT_EQ(error(""), "t.yaml: expected a mapping of top-level keys (name, seed, duration, nodes, network, faults, "
                       "expect), found nothing");
}

TEST(Loader, NodesMissing) {
  EXPECT_EQ(error("name: x\n"), "t.yaml:1:1: nodes: expected a mapping of nodes and groups (required), found nothing");
}

TEST(Loader, NodeNamesClash) {
  EXPECT_EQ(error(kBase + "  sensor-2: {}\n"), "t.yaml:13:3: network.sensor-2: unknown key 'sensor-2' (expected one "
                                               "of: links, segments, star, chain, tree)");
  EXPECT_EQ(error(replace(kBase, "  sensor:\n", "  sensor-2:\n  sensor:\n")),
            "t.yaml:6:3: nodes.sensor: expected names used once, found 'sensor-2' used twice (a group's nodes are "
            "named GROUP-1 ...)");
}

TEST(Loader, FaultAfterTheEnd) {
  EXPECT_EQ(error("duration: 10s\n" + kBase + "faults:\n  - {at: 11s, crash: gateway}\n"),
            "t.yaml:15:10: faults.0.at: expected a time within the run's duration (10s), found '11s'");
}

TEST(Loader, GroupsExpandInOrder) {
  Scenario s = parseScenario(kBase, "t.yaml");
  ASSERT_EQ(s.nodes.size(), 4u);
  EXPECT_EQ(s.nodes[0].name, "gateway");
  EXPECT_EQ(s.nodes[1].name, "sensor-1");
  EXPECT_EQ(s.nodes[3].name, "sensor-3");
  EXPECT_EQ(s.nodes[3].index, 3);
  EXPECT_EQ(s.groups[s.nodes[3].group].name, "sensor");
  ASSERT_EQ(s.links.size(), 3u);
  EXPECT_EQ(s.links[2].a, "gateway");
  EXPECT_EQ(s.links[2].b, "sensor-3");
  EXPECT_EQ(s.links[2].spec.bandwidth, 1'000'000u);
  EXPECT_EQ(s.links[2].spec.delay, net::Duration(5'000'000));
  EXPECT_EQ(s.membersOf("sensor"), (std::vector<std::string>{"sensor-1", "sensor-2", "sensor-3"}));
  EXPECT_EQ(s.name, "t");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.durationNs, 60'000'000'000);
  // Defaults filled in: echo-client's count, size, interval, port.
  const auto& p = s.groups[1].apps[0].params;
  EXPECT_EQ(p.integer("count"), 10);
  EXPECT_EQ(p.bytes("size"), 64u);
  EXPECT_EQ(p.duration("interval"), net::Duration(1'000'000'000));
  EXPECT_EQ(p.port("port"), 7);
  EXPECT_EQ(p.text("host"), "gateway");
}

TEST(Loader, TreeSpreadsLeavesEvenly) {
  Scenario s = parseScenario(R"(nodes:
  cloud:
  gw: {count: 2}
  sensor: {count: 5}
network:
  tree: {root: cloud, gateways: gw, leaves: sensor, uplink: {bandwidth: 10Mbps}, access: {delay: 7ms}}
)",
                             "t.yaml");
  ASSERT_EQ(s.links.size(), 7u);
  std::vector<std::string> ends;
  for (const auto& l : s.links)
    ends.push_back(l.a + "-" + l.b);
  EXPECT_EQ(ends, (std::vector<std::string>{"cloud-gw-1", "cloud-gw-2", "gw-1-sensor-1", "gw-1-sensor-2",
                                            "gw-1-sensor-3", "gw-2-sensor-4", "gw-2-sensor-5"}));
  EXPECT_EQ(s.links[0].spec.bandwidth, 10'000'000u);
  EXPECT_EQ(s.links[6].spec.delay, net::Duration(7'000'000));
}

TEST(Loader, ChainAndSegment) {
  Scenario s = parseScenario(R"(nodes:
  a:
  relay: {count: 2}
  b:
  c:
network:
  chain: {nodes: [a, relay, b], delay: 2ms}
  segments:
    - {name: lan, members: [b, c], bandwidth: 100Mbps}
)",
                             "t.yaml");
  ASSERT_EQ(s.links.size(), 3u);
  EXPECT_EQ(s.links[1].a + "-" + s.links[1].b, "relay-1-relay-2");
  ASSERT_EQ(s.segments.size(), 1u);
  EXPECT_EQ(s.segments[0].members, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(s.segments[0].spec.bandwidth, 100'000'000u);
}

TEST(Loader, SetOverridesScalars) {
  Scenario s = parseScenario(kBase, "t.yaml",
                             {"seed=7", "nodes.sensor.count=5", "network.links.0.loss=0.1",
                              "nodes.sensor.apps.0.interval=250ms", "duration=2min"});
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.nodes.size(), 6u);
  EXPECT_DOUBLE_EQ(s.links[4].spec.loss, 0.1);
  EXPECT_EQ(s.groups[1].apps[0].params.duration("interval"), net::Duration(250'000'000));
  EXPECT_EQ(s.durationNs, 120'000'000'000);
  ASSERT_EQ(s.sets.size(), 5u);
  EXPECT_EQ(s.sets[1], (std::pair<std::string, std::string>{"nodes.sensor.count", "5"}));
}

TEST(Loader, SetAddsAKeyToAnEmptySection) {
  Scenario s = parseScenario(kBase + "  star: {hub: gateway, leaves: extra}\n", "t.yaml", {"nodes.extra.count=2"});
  EXPECT_EQ(s.nodes.back().name, "extra-2");
}

TEST(Loader, FaultsExpand) {
  Scenario s = parseScenario(kBase + R"(faults:
  - {at: 2s, crash: sensor, for: 1s}
  - {every: 10s, until: 30s, linkDown: [gateway, sensor], for: 2s}
  - {at: 3s, setLoss: {link: [gateway, sensor-1], loss: 5%}}
)",
                             "t.yaml");
  ASSERT_EQ(s.faults.size(), 3u);
  EXPECT_EQ(s.faults[0].nodes.size(), 3u);
  EXPECT_EQ(s.faults[0].forNs, 1'000'000'000);
  EXPECT_EQ(s.faults[1].atNs, 10'000'000'000);
  EXPECT_EQ(s.faults[1].everyNs, 10'000'000'000);
  EXPECT_EQ(s.faults[1].links.size(), 3u);
  EXPECT_DOUBLE_EQ(s.faults[2].loss, 0.05);
  EXPECT_EQ(s.faults[2].text, "setLoss gateway-sensor-1");
}

TEST(Loader, ExpectationTexts) {
  Scenario s = parseScenario(kBase + R"(expect:
  - {count: error, on: sensor, max: 0}
  - {count: close, on: sensor, equal: 1}
  - {metric: echo-client.messages, min: 30}
  - {latency: echo-client, percentile: 99, max: 50ms}
  - before: [connect, close]
    on: sensor
  - {count: fault, code: crash, equal: 0, text: never crashed}
)",
                             "t.yaml");
  ASSERT_EQ(s.expectations.size(), 6u);
  EXPECT_EQ(s.expectations[0].text, "no 'error' on sensor");
  EXPECT_EQ(s.expectations[1].text, "'close' count == 1 on each of sensor");
  EXPECT_EQ(s.expectations[2].text, "echo-client.messages >= 30");
  EXPECT_EQ(s.expectations[3].text, "echo-client latency p99 <= 50ms");
  EXPECT_EQ(s.expectations[4].text, "'connect' on sensor before 'close' on sensor (each node)");
  EXPECT_TRUE(s.expectations[4].perNode);
  EXPECT_EQ(s.expectations[5].text, "never crashed");
}

} // namespace

namespace {
// A huge value is quoted by its start and its length: the message stays readable.
TEST(Loader, HugeValueIsCutInTheMessage) {
  std::string huge(5'000'000, 'x');
  std::string e = error("duration: " + huge + "\n" + kBase);
  EXPECT_LT(e.size(), 400u) << e.substr(0, 400);
  EXPECT_NE(e.find("t.yaml:1:11: duration: expected a duration > 0 such as 5ms, 1.5s or 2min, found 'xxxx"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("...' (5000000 characters)"), std::string::npos) << e;
}

// --- the js application: a script relative to the scenario file, checked at load ----------

class JsScenario : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("netbed-loader-js-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "apps");
    std::ofstream(dir_ / "apps" / "good.js") << "var net = require('net');\n";
    std::ofstream(dir_ / "apps" / "bad.js") << "var a = 1;\nvar b = ;\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file() const { return (dir_ / "s.yaml").string(); }
  std::string load(const std::string& app) const {
    std::string text = "nodes:\n  n:\n    apps:\n      - " + app + "\n  m: {}\nnetwork:\n  links: [{a: n, b: m}]\n";
    try {
      Scenario s = parseScenario(text, file(), {});
      const auto& p = s.groups[0].apps[0].params;
      std::string out = p.text("script");
      for (const auto& a : p.list("args"))
        out += " [" + a + "]";
      return out;
    } catch (const ScenarioError& e) {
      return std::string("error: ") + e.what();
    }
  }
  std::filesystem::path dir_;
};

TEST_F(JsScenario, ScriptIsRelativeToTheScenarioFileAndArgsAreAList) {
  EXPECT_EQ(load("{app: js, script: apps/good.js, args: [a, 'b c', 3]}"),
            (dir_ / "apps" / "good.js").string() + " [a] [b c] [3]");
  EXPECT_EQ(load("{app: js, script: apps/good.js}"), (dir_ / "apps" / "good.js").string());
}

TEST_F(JsScenario, MissingScriptNamesTheKeyAndThePath) {
  EXPECT_EQ(load("{app: js, script: apps/none.js}"),
            "error: " + file() + ":4:27: nodes.n.apps.0.script: expected an existing file (relative to the scenario " +
                "file), found 'apps/none.js' (" + (dir_ / "apps" / "none.js").string() + ")");
}

TEST_F(JsScenario, SyntaxErrorIsReportedAtLoadWithTheScriptsLine) {
  std::string e = load("{app: js, script: apps/bad.js}");
  EXPECT_NE(e.find(file() + ":4:9: nodes.n.apps.0: a script that compiles: " + (dir_ / "apps" / "bad.js").string() +
                   ":2: SyntaxError"),
            std::string::npos)
      << e;
}

TEST_F(JsScenario, ArgsMustBeStrings) {
  EXPECT_EQ(load("{app: js, script: apps/good.js, args: [a, {b: 1}]}"),
            "error: " + file() + ":4:51: nodes.n.apps.0.args.1: expected a string, found a mapping");
}

// Count windows, occurrences, and metrics per instance or on some nodes: their bad forms.
TEST(Loader, ExpectationWindowsAndPerInstance) {
  auto with = [](const std::string& x) { return kBase + "expect:\n  - " + x + "\n"; };
  EXPECT_EQ(error(with("{count: error, after: 2s, before: 1s}")),
            "t.yaml:14:39: expect.0.before: expected a time later than after (the window is [after, before)), found "
            "'1s'");
  EXPECT_EQ(error(with("{count: error, occurrence: first}")),
            "t.yaml:14:32: expect.0.occurrence: expected a window (after and/or before) for occurrence: first or last, "
            "found none");
  EXPECT_EQ(error(with("{count: error, occurrence: first, before: 1s, max: 0}")),
            "t.yaml:14:56: expect.0.max: expected no bound with occurrence: first or last (that occurrence lies in "
            "the window), found '0'");
  EXPECT_EQ(error(with("{count: error, occurrence: middle, before: 1s}")),
            "t.yaml:14:32: expect.0.occurrence: expected first, last or all, found 'middle'");
  EXPECT_EQ(error(with("{metric: echo-client.messages, per: group, min: 1}")),
            "t.yaml:14:41: expect.0.per: expected total, node or instance, found 'group'");
  EXPECT_EQ(error(with("{metric: echo-client.messages, on: gateway, min: 1}")),
            "t.yaml:14:40: expect.0.on: expected a node or group that runs echo-client, found 'gateway'");
  Scenario s = parseScenario(with("{count: error, after: 1s, before: 2s}"), "t.yaml");
  ASSERT_EQ(s.expectations.size(), 1u);
  EXPECT_EQ(*s.expectations[0].afterNs, 1'000'000'000);
  EXPECT_EQ(*s.expectations[0].beforeNs, 2'000'000'000);
  EXPECT_EQ(*s.expectations[0].min, 1); // a window alone: at least one in it
  EXPECT_EQ(s.expectations[0].text, "'error' count >= 1 on each of every node in [1s, 2s)");
}

// A huge value is quoted cut, with its length, wherever it appears (in the file or in a --set),
// and the message keeps what was expected.
TEST(Loader, HugeValuesAreQuotedCut) {
  std::string huge(5'000'000, 'y');
  std::string e = error(kBase, {"seed=" + huge});
  EXPECT_LT(e.size(), 400u) << e.substr(0, 400);
  EXPECT_EQ(e.substr(0, 12), "--set seed='");
  EXPECT_NE(e.find("...' (5000000 characters): seed: expected "), std::string::npos) << e;
  e = error(replace(kBase, "echo-client\n", huge + "\n"));
  EXPECT_LT(e.size(), 400u);
  EXPECT_NE(e.find("nodes.sensor.apps.0.app: expected an application name"), std::string::npos) << e;
  EXPECT_NE(e.find("...' (5000000 characters)"), std::string::npos) << e;
  // A cut never splits a UTF-8 character: 79 ASCII bytes, then 2-byte characters.
  std::string twoByte;
  for (int i = 0; i < 100; ++i)
    twoByte += "\xc3\xa9";
  e = error(kBase, {"name=ok", "seed=" + std::string(79, 'y') + twoByte});
  EXPECT_NE(e.find("--set seed='" + std::string(79, 'y') + "...' (279 characters)"), std::string::npos) << e;
}

// A radio segment's unreachable pairs: members of it, radios only, two different members.
TEST(Loader, SegmentUnreachablePairs) {
  const std::string radios = R"(nodes:
  gw: {nic: {model: radio}, apps: [{app: echo-server}]}
  s: {count: 3, nic: {model: radio}, apps: [{app: echo-client, host: gw}]}
  other: {apps: [{app: echo-client, host: gw}]}
network:
  links: [{a: other, b: gw}]
  segments:
    - {members: [gw, s], unreachable: PAIRS}
)";
  Scenario ok = parseScenario(replace(radios, "PAIRS", "[[s-1, s-3], [gw, s-2]]"), "t.yaml");
  EXPECT_EQ(ok.segments[0].spec.unreachable, (std::vector<std::pair<std::size_t, std::size_t>>{{1, 3}, {0, 2}}));
  EXPECT_EQ(
      error(replace(radios, "PAIRS", "[[s-1, other]]")),
      "t.yaml:8:46: network.segments.0.unreachable.0.1: expected members of this segment, found 'other', not one");
  EXPECT_EQ(error(replace(radios, "PAIRS", "[[s-1, s-1]]")),
            "t.yaml:8:40: network.segments.0.unreachable.0: expected two different members, found 's-1' on both sides");
  EXPECT_EQ(error(replace(radios, "PAIRS", "[s-1, s-2]")),
            "t.yaml:8:40: network.segments.0.unreachable.0: expected a pair [A, B] of members (nodes or groups), found "
            "'s-1'");
  EXPECT_EQ(
      error(replace(replace(radios, "s: {count: 3, nic: {model: radio},", "s: {count: 3,"), "PAIRS", "[[s-1, s-2]]")),
      "t.yaml:8:39: network.segments.0.unreachable: expected a segment whose members all have radio NICs (nic: "
      "{model: radio}), found member 's-1' with nic ns3");
}

} // namespace
