// netbed-report as a command: exit status, what it prints, and the error for a bad directory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

#include "tests/visualize/command.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

struct Result {
  int status;
  std::string output;
};

Result run(const std::string& args) {
  std::string command = std::string(NETBED_REPORT_BIN) + " " + args + " 2>&1";
  report_test::CommandResult r = report_test::runCommand(command);
  return {WIFEXITED(r.status) ? WEXITSTATUS(r.status) : -1, r.output};
}

TEST(Cli, WritesTheReportAndPrintsItsPath) {
  fs::path dir = fs::temp_directory_path() / ("netbed-report-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "trace.jsonl") << R"({"t":5,"node":"a","obj":1,"kind":"socket","ev":"close"})"
                                        "\n";
  Result r = run(dir.string());
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr((dir / "report.html").string()));
  EXPECT_THAT(r.output, HasSubstr("note: No topology.json"));
  EXPECT_TRUE(fs::exists(dir / "report.html"));
  fs::remove_all(dir);
}

TEST(Cli, BadInputExitsWithOneAndTheReason) {
  fs::path dir = fs::temp_directory_path() / ("netbed-report-cli-bad-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "trace.jsonl") << "{\"t\":5,\"node\":\"a\"\n";
  Result r = run(dir.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.output, HasSubstr("netbed-report: " + (dir / "trace.jsonl").string() + ":1: column 18:"));
  fs::remove_all(dir);
}

TEST(Cli, UsageWithoutADirectory) {
  Result r = run("");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.output, HasSubstr("usage: netbed-report DIR"));
}

} // namespace
