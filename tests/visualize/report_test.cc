// The whole report from a run directory: a trace alone is enough; the other files are used when
// present and refused clearly when malformed; the page is one file with nothing to fetch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "visualize/report.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ReportDir : public ::testing::Test {
protected:
  ReportDir() {
    dir = fs::temp_directory_path() / ("netbed-report-test-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~ReportDir() override { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  std::string read(const std::string& name) {
    std::ifstream in(dir / name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string error() {
    try {
      visualize::writeReport(dir.string());
    } catch (const visualize::InputError& e) {
      return e.what();
    }
    return "no error";
  }
  fs::path dir;
};

const char* kTrace =
    R"({"t":0,"node":"gateway","obj":1,"kind":"server","ev":"listening"})"
    "\n"
    R"({"t":1000,"node":"sensor-1","obj":1,"kind":"socket","ev":"connect","peer":"10.0.0.1:80","local":"10.0.0.2:5000"})"
    "\n"
    R"({"t":2000,"node":"gateway","obj":1,"kind":"server","ev":"connection","socket":2,"peer":"10.0.0.2:5000","local":"10.0.0.1:80"})"
    "\n"
    R"({"t":3000,"node":"gateway","obj":2,"kind":"socket","ev":"data","bytes":64})"
    "\n"
    R"({"t":4000,"ev":"fault","fault":"crash","target":"gateway"})"
    "\n"
    R"({"t":9000,"node":"sensor-1","obj":1,"kind":"socket","ev":"error","code":"ETIMEDOUT","message":"</script><b>x"})"
    "\n"
    R"({"t":9000,"node":"sensor-1","obj":1,"kind":"socket","ev":"close"})"
    "\n"
    R"({"t":9500,"node":"sensor-2","obj":1,"kind":"socket","ev":"lookup","peer":"10.0.0.1:80"})"
    "\n";

TEST_F(ReportDir, ATraceAloneMakesAReportAndSaysWhatIsMissing) {
  write("trace.jsonl", kTrace);
  visualize::Written w = visualize::writeReport(dir.string());
  EXPECT_EQ(w.html, (dir / "report.html").string());
  EXPECT_TRUE(w.plots.empty());
  EXPECT_THAT(w.notes, ::testing::Contains(HasSubstr("No topology.json: node groups are guessed from names")));
  EXPECT_THAT(w.notes, ::testing::Contains(HasSubstr("No metrics.csv")));
  EXPECT_THAT(w.notes, ::testing::Contains(HasSubstr("No summary.json")));

  nlohmann::json d = visualize::runData(dir.string());
  EXPECT_EQ(d["kind"], "run");
  EXPECT_EQ(d["nodes"]["names"], nlohmann::json({"gateway", "sensor-1", "sensor-2"}));
  EXPECT_EQ(d["nodes"]["groups"], nlohmann::json({"gateway", "sensor"}));
  EXPECT_EQ(d["nodes"]["faulted"], nlohmann::json({1, 0, 0}));
  EXPECT_EQ(d["topology"]["source"], "trace");
  ASSERT_EQ(d["topology"]["edges"].size(), 1u); // the connection seen, sensor-1 -> gateway
  EXPECT_EQ(d["topology"]["edges"][0]["kind"], "connection");
  EXPECT_EQ(d["faults"][0]["t"], 4000);
  EXPECT_EQ(d["faults"][0]["nodes"], nlohmann::json({0}));
  const nlohmann::json& c = d["connections"];
  EXPECT_EQ(c["total"], 2);
  EXPECT_EQ(c["id"], nlohmann::json({1, 2}));
  EXPECT_EQ(c["statusNames"][c["st"][0].get<int>()], "error");
  EXPECT_EQ(c["strings"][c["err"][0].get<int>()], "ETIMEDOUT");
  EXPECT_EQ(c["faults"][0], nlohmann::json({0}));
  EXPECT_EQ(c["up"][0], 64);
  // Events of connection 1, both ends merged in time order, times as deltas from its start.
  EXPECT_EQ(c["ev"][0]["t"], nlohmann::json({0, 1000, 1000, 6000, 0}));
  EXPECT_EQ(c["ev"][0]["s"], nlohmann::json({0, 1, 1, 0, 0}));
  EXPECT_EQ(c["ev"][0]["e"], nlohmann::json({3, 1, 4, 9, 8})); // connect, connection, data, error, close
  EXPECT_EQ(c["ev"][0]["v"][2], 64);
  // The timeline ends at the last event: 9,500 ns in bins of 50 ns.
  EXPECT_EQ(d["timeline"]["binNs"], 50);
  EXPECT_EQ(d["timeline"]["bins"], 191);

  std::string html = read("report.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // One self-contained file: nothing loaded from elsewhere, no marker left unfilled.
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
  EXPECT_THAT(html, HasSubstr("function renderSequence("));
  EXPECT_THAT(html, HasSubstr(".seq-box {"));
  // A trace string cannot end the data block early.
  EXPECT_EQ(html.find("</script><b>x"), std::string::npos);
  EXPECT_THAT(html, HasSubstr("\\u003c/script>\\u003cb>x"));
}

TEST_F(ReportDir, UsesSummaryTopologyAndMetricsWhenPresent) {
  write("trace.jsonl", kTrace);
  write("summary.json", R"({"scenario":{"name":"quickstart","seed":7},"time":{"simulatedNs":20000},"passed":true,
    "expectations":[{"text":"x","pass":true}],
    "nics":[{"node":"a","device":0,"drops":{"rx-overflow":1}},{"node":"b","device":0,"drops":{"rx-overflow":5}}],
    "outputs":{"trace":"trace.jsonl","pcap":["pcap/a-0.pcap","pcap/b-0.pcap"],"netanim":"netanim.xml"}})");
  write("pcap/a-0.pcap", "x");
  write("topology.json",
        R"({"nodes":[{"name":"gateway","group":"gw","nic":"ns3"},{"name":"sensor-1","group":"s","nic":"spi-ethernet"}],
    "links":[{"a":"gateway","b":"sensor-1","kind":"p2p","bandwidth":250000,"delayNs":5000000,"loss":0}]})");
  write("metrics.csv", "tNs,node,app,metric,value\n5000,sensor-1,telemetry,latencyNs,4000\n");
  nlohmann::json d = visualize::runData(dir.string());
  EXPECT_EQ(d["title"], "quickstart");
  EXPECT_EQ(d["trace"]["endNs"], 20000);
  EXPECT_EQ(d["timeline"]["binNs"], 100); // 20,000 ns of run in at most 240 bins
  EXPECT_EQ(d["nodes"]["groups"], nlohmann::json({"gw", "s", "sensor"}));
  EXPECT_EQ(d["nodes"]["nics"], nlohmann::json({"ns3", "spi-ethernet", "unknown"}));
  EXPECT_EQ(d["topology"]["source"], "topology.json");
  EXPECT_EQ(d["topology"]["edges"][0]["kind"], "p2p");
  EXPECT_EQ(d["topology"]["edges"][0]["faulted"], false);
  EXPECT_EQ(d["nics"][0]["node"], "b"); // most drops first
  EXPECT_EQ(d["metrics"]["apps"][0]["samples"], 1);
  ASSERT_EQ(d["outputs"].size(), 4u);
  EXPECT_EQ(d["outputs"][0], nlohmann::json({{"label", "netanim"}, {"href", "netanim.xml"}, {"exists", false}}));
  EXPECT_EQ(d["outputs"][1], nlohmann::json({{"label", "pcap"}, {"href", "pcap/a-0.pcap"}, {"exists", true}}));
  EXPECT_EQ(d["outputs"][2]["exists"], false);
  EXPECT_EQ(d["outputs"][3]["label"], "trace");
  EXPECT_THAT(d["notes"], ::testing::Contains("1 nodes of the trace are not in topology.json: their group is guessed "
                                              "from the name."));
}

// A run stopped early (--max-wall, --max-output, a signal) says so in the notes, with why.
TEST_F(ReportDir, AStoppedRunSaysSo) {
  write("trace.jsonl", kTrace);
  write("summary.json", R"({"passed":true,"complete":false,"stopped":"max-wall 10 s reached"})");
  nlohmann::json d = visualize::runData(dir.string());
  EXPECT_THAT(d["notes"],
              ::testing::Contains("The run was stopped early (max-wall 10 s reached): every file holds what "
                                  "happened until then, and the expectations saw only that."));
  write("summary.json", R"({"passed":true,"complete":"no"})");
  EXPECT_THAT(error(), HasSubstr("summary.json: complete: expected true or false, found \"no\""));
}

TEST_F(ReportDir, ManyNodesAreDrawnAsGroups) {
  std::string trace;
  for (int i = 0; i < 100; ++i)
    trace += R"({"t":)" + std::to_string(i) + R"(,"node":"sensor-)" + std::to_string(i) +
             R"(","obj":1,"kind":"socket","ev":"lookup"})"
             "\n";
  trace += R"({"t":200,"node":"gateway","obj":1,"kind":"server","ev":"listening"})"
           "\n";
  write("trace.jsonl", trace);
  nlohmann::json d = visualize::runData(dir.string());
  EXPECT_EQ(d["topology"]["byGroup"], true);
  ASSERT_EQ(d["topology"]["items"].size(), 2u);
  EXPECT_EQ(d["topology"]["items"][0]["label"], "sensor");
  EXPECT_EQ(d["topology"]["items"][0]["n"], 100);
  EXPECT_EQ(d["topology"]["items"][0]["kind"], "group");
  EXPECT_EQ(d["topology"]["items"][1]["kind"], "node");
}

TEST_F(ReportDir, CapsConnectionsKeepingTroubleFirst) {
  write("trace.jsonl", kTrace);
  visualize::Options o;
  o.maxConnections = 1;
  nlohmann::json d = visualize::runData(dir.string(), o);
  EXPECT_EQ(d["connections"]["total"], 2);
  EXPECT_EQ(d["connections"]["id"], nlohmann::json({1})); // the failed one
  EXPECT_THAT(d["notes"], ::testing::Contains(HasSubstr("Connections: 1 of 2 listed")));
  o.maxConnections = 100;
  o.maxEventsPerConnection = 4; // 3 first, 1 last of 5
  d = visualize::runData(dir.string(), o);
  EXPECT_EQ(d["connections"]["ev"][0]["e"], nlohmann::json({3, 1, 4, 8}));
  EXPECT_EQ(d["connections"]["ev"][0]["cut"], nlohmann::json({3, 1}));
}

TEST_F(ReportDir, MalformedFilesAreRefusedWithFileAndLine) {
  write("trace.jsonl", kTrace);
  write("summary.json", "{\n  \"passed\": true,\n  \"time\": {\"simulatedNs\": 5,}\n}\n");
  EXPECT_THAT(error(), HasSubstr("summary.json:3: column 29: syntax error"));
  write("summary.json", R"({"passed":"yes"})");
  EXPECT_THAT(error(), HasSubstr("summary.json: passed: expected true or false, found \"yes\""));
  write("summary.json", R"({"passed":true})");
  write("topology.json", R"({"nodes":[{"group":"g"}]})");
  EXPECT_THAT(error(), HasSubstr("topology.json: nodes[0].name: missing (expected a string)"));
  fs::remove(dir / "topology.json");
  write("trace.jsonl", std::string(kTrace) + "{\"t\":1\n");
  EXPECT_THAT(error(), HasSubstr("trace.jsonl:9: column 7: expected ',' or '}', found the end of the line"));
}

TEST_F(ReportDir, AnEmptyDirectoryIsNeitherARunNorASweep) {
  EXPECT_THAT(error(), HasSubstr("neither trace.jsonl (a run) nor results.csv (a sweep)"));
}

TEST_F(ReportDir, ASweepWritesOneSvgPerMetricAndParameter) {
  write("results.csv", "loss,clients,seed,repeat,passed,m1,m2,constant\n"
                       "0,1,1,0,true,1,5,7\n0,2,1,0,true,2,6,7\n0.1,1,1,0,false,3,7,7\n0.1,2,1,0,true,4,9,7\n");
  visualize::Written w = visualize::writeReport(dir.string());
  std::vector<std::string> names;
  for (const std::string& p : w.plots)
    names.push_back(fs::path(p).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"passed-vs-loss.svg", "passed-vs-clients.svg", "m1-vs-loss.svg",
                                             "m1-vs-clients.svg", "m2-vs-loss.svg", "m2-vs-clients.svg"}));
  EXPECT_THAT(read("plots/m1-vs-loss.svg"), HasSubstr(">m1 vs loss</text>"));
  EXPECT_THAT(read("report.html"), HasSubstr("plots/m2-vs-clients.svg"));
  EXPECT_THAT(w.notes, ::testing::Contains("1 metrics have one value in every run and are not plotted."));
}

} // namespace
