// The commands of cliMain, one file each. Internal to sim/cli.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace netbed::cli {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

using Args = std::vector<std::string>; // the arguments after the command's name

int run(const Args& args);
int validate(const Args& args);
int sweep(const Args& args);
int report(const Args& args);
int apps(const Args& args);
int checkPcap(const Args& args);
int js(const Args& args);

// Prints "netbed CMD: MESSAGE" and a hint to --help on stderr; returns kUsage.
int usage(const std::string& command, const std::string& message);

// This program's own path (to run itself), and a tool found next to it or on PATH.
std::string selfPath();
// Starts argv[0] with argv, stdout and stderr to `log` when not empty; -1 when fork fails.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log = "");
// Runs argv[0] with argv, stdout and stderr to `log` when not empty; returns its exit status
// (or -1 when it could not be started). Blocks.
int spawnWait(const std::vector<std::string>& argv, const std::string& log = "");
// Replaces this process with netbed-report (next to this program, in the build tree, or on
// PATH); returns only on failure, after printing why.
int execReport(const std::vector<std::string>& args);
// netbed-report's path, or empty.
std::string findReport();

} // namespace netbed::cli
