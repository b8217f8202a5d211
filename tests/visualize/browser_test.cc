// The report in a real browser (headless Chromium): the sample run's page draws its topology,
// timeline and a sequence diagram without a JavaScript error; #conn=<id> chooses the connection;
// the screenshot is not blank; a 10,000-device report opens; a sweep's page draws its plots.
// The sample run is fixtures/gateway-crash, written by the simulator (netbed_report_sample); the
// simulator's own run is checked without a browser at the end.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <map>

#include "tests/visualize/browser.h"
#include "tests/visualize/sample_run.h"
#include "tests/visualize/synth_run.h"
#include "visualize/report.h"

namespace {

namespace fs = std::filesystem;

// A directory of its own per test under the build tree (the sample's files are worth a look).
std::string workDir(const std::string& name) {
  fs::path p = fs::path(NETBED_REPORT_WORK) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

// The page's own error list (main.js shows it in #errors), for failure messages.
std::string errors(const std::string& dom) {
  std::size_t at = dom.find("id=\"errors\"");
  return at == std::string::npos ? std::string("(no error list)") : dom.substr(at, 2000);
}

// Whether the DOM contains each of `parts`, without printing the whole DOM on failure.
::testing::AssertionResult contains(const std::string& dom, std::initializer_list<std::string> parts) {
  for (const std::string& what : parts)
    if (dom.find(what) == std::string::npos)
      return ::testing::AssertionFailure() << "the DOM (" << dom.size() << " bytes) has no " << what;
  return ::testing::AssertionSuccess();
}

// The simulator-made sample run (fixtures/gateway-crash) copied into `dir`, with the pcap files its
// summary lists (empty: only the links are checked).
std::string sampleRun(const std::string& name) {
  std::string dir = workDir(name);
  for (const auto& f : fs::directory_iterator(fs::path(NETBED_REPORT_FIXTURES) / "gateway-crash"))
    fs::copy_file(f.path(), fs::path(dir) / f.path().filename());
  nlohmann::json summary = nlohmann::json::parse(std::ifstream(dir + "/summary.json"));
  fs::create_directories(dir + "/pcap");
  for (const auto& pcap : summary["outputs"]["pcap"])
    std::ofstream(dir + "/" + pcap.get<std::string>());
  return dir;
}

// Whether main.js rendered every part of a run's page (the words of <body data-rendered>).
::testing::AssertionResult rendersEveryPart(const std::string& dom) {
  std::string rendered = " " + browser::bodyAttribute(dom, "data-rendered") + " ";
  for (const char* part : {"topology", "timeline", "sequence", "metrics"})
    if (rendered.find(std::string(" ") + part + " ") == std::string::npos)
      return ::testing::AssertionFailure() << "no " << part << " in data-rendered:" << rendered;
  return ::testing::AssertionSuccess();
}

TEST(Browser, ChromiumIsInstalled) { EXPECT_NO_THROW(browser::chromium()); }

TEST(Browser, SampleRunDrawsTopologyTimelineAndSequenceWithoutErrors) {
  std::string dir = sampleRun("sample-run");
  visualize::Written w = visualize::writeReport(dir);
  std::string dom = browser::dumpDom(w.html);
  EXPECT_TRUE(rendersEveryPart(dom));
  EXPECT_EQ(browser::bodyAttribute(dom, "data-errors"), "0") << errors(dom);
  EXPECT_EQ(browser::bodyAttribute(dom, "data-count-topology"), "10");         // 10 nodes, each drawn
  EXPECT_GE(std::stoi(browser::bodyAttribute(dom, "data-count-timeline")), 3); // 3 groups
  EXPECT_GE(std::stoi(browser::bodyAttribute(dom, "data-count-sequence")), 3); // rows of the chosen connection
  EXPECT_GT(std::stoi(browser::bodyAttribute(dom, "data-svg-elements")), 300);
  EXPECT_TRUE(contains(dom, {"class=\"topology-svg\"", "class=\"fault-lane\"", "class=\"sequence\""}));
  // The first connection with an error on both ends is chosen: a sensor that timed out or was reset
  // while the gateway was down.
  EXPECT_TRUE(contains(dom, {"class=\"fault-row\"", "crash gateway"}));
}

TEST(Browser, TheUrlChoosesTheConnection) {
  std::string dir = sampleRun("sample-run-hash");
  visualize::Written w = visualize::writeReport(dir);
  std::string dom = browser::dumpDom(w.html + "#conn=7");
  EXPECT_EQ(browser::bodyAttribute(dom, "data-errors"), "0");
  // sensor-7 half-closed towards the cloud, which never ended its side: still open at the end.
  EXPECT_TRUE(contains(
      dom, {"<span class=\"seq-id\">#7</span> sensor-7 → cloud", "still open at the end of the run", "FIN → end"}));
}

TEST(Browser, ScreenshotIsNotBlank) {
  std::string dir = sampleRun("sample-run-shot");
  visualize::Written w = visualize::writeReport(dir);
  std::string png = (fs::path(NETBED_REPORT_WORK) / "report-sample.png").string();
  browser::screenshot(w.html, png, 1400, 2400);
  int width = 0, height = 0;
  std::size_t drawn = browser::nonBackgroundPixels(png, &width, &height);
  EXPECT_EQ(width, 1400);
  EXPECT_EQ(height, 2400);
  EXPECT_GT(drawn, static_cast<std::size_t>(width) * static_cast<std::size_t>(height) / 2);
  std::cout << "screenshot: " << png << "\n";
}

TEST(Browser, TenThousandDeviceReportOpensAndRenders) {
  std::string dir = workDir("synthetic-10000");
  synth::Stats s = synth::writeRun(dir, 10'000);
  visualize::Written w = visualize::writeReport(dir);
  auto size = fs::file_size(w.html);
  double seconds = 0;
  std::string dom = browser::dumpDom(w.html, &seconds);
  std::cout << s.lines << " trace lines, " << s.connections << " connections -> report " << size << " bytes, "
            << "chromium --dump-dom " << seconds << " s\n";
  RecordProperty("reportBytes", std::to_string(size));
  RecordProperty("openSeconds", std::to_string(seconds));
  EXPECT_EQ(browser::bodyAttribute(dom, "data-errors"), "0");
  EXPECT_TRUE(rendersEveryPart(dom));
  EXPECT_EQ(browser::bodyAttribute(dom, "data-count-topology"), "5"); // cloud, gateways, three device groups
  EXPECT_LT(size, 30u * 1024 * 1024);
  EXPECT_LT(seconds, 60); // a bound for a loaded CI machine; the figure measured is in the output
}

TEST(Browser, SweepDrawsItsPlots) {
  std::string dir = workDir("sweep");
  std::ofstream(dir + "/results.csv")
      << "loss,clients,seed,repeat,passed,time.simulatedNs,metrics.telemetry.latencyP50Ns\n"
         "0,10,1,0,true,60000000000,10000000\n0,10,2,1,true,60000000000,12000000\n"
         "0.1,10,1,0,false,60000000000,30000000\n0.1,10,2,1,true,60000000000,40000000\n"
         "0,100,1,0,true,60000000000,20000000\n0,100,2,1,true,60000000000,26000000\n"
         "0.1,100,1,0,false,60000000000,50000000\n0.1,100,2,1,false,60000000000,70000000\n";
  visualize::Written w = visualize::writeReport(dir);
  EXPECT_EQ(w.plots.size(), 4u);
  std::string dom = browser::dumpDom(w.html);
  EXPECT_EQ(browser::bodyAttribute(dom, "data-errors"), "0");
  EXPECT_EQ(browser::bodyAttribute(dom, "data-rendered"), "plots");
  EXPECT_EQ(browser::bodyAttribute(dom, "data-count-plots"), "4");
}

// The simulator itself makes the sample: a crash and reboot, a refused and a half-open connection.
TEST(SampleRun, SimulatorRunMakesAReport) {
  std::string dir = workDir("sample-run-sim");
  sample::writeRun(dir);
  nlohmann::json d = visualize::runData(dir);
  EXPECT_EQ(d["title"], "gateway-crash");
  EXPECT_EQ(d["nodes"]["names"].size(), 10u);
  EXPECT_EQ(d["faults"][0]["fault"], "crash");
  EXPECT_EQ(d["faults"][0]["t"], 4'000'000'000);
  const nlohmann::json& c = d["connections"];
  std::map<std::string, int> byStatus;
  for (const auto& st : c["st"])
    ++byStatus[c["statusNames"][st.get<int>()].get<std::string>()];
  EXPECT_GE(byStatus["timeout"], 1); // sensors that waited for the crashed gateway
  // sensor-8, refused; sensor-6, reset by the rebooted gateway (its old connection's next
  // segment reaches the new listener, which answers RST).
  EXPECT_EQ(byStatus["error"], 2);
  // sensor-7's upload, half-closed by the sensor, never ended by the cloud: still up at the end.
  EXPECT_GE(byStatus["half-open"] + byStatus["open"], 1);
  EXPECT_TRUE(fs::exists(dir + "/pcap"));
  EXPECT_FALSE(visualize::writeReport(dir).html.empty());
}

} // namespace
