// Runs a shell command for the report's tests and captures what it prints.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>

namespace report_test {

struct CommandResult {
  int status; // as pclose() returns it (WIFEXITED, WEXITSTATUS)
  std::string output;
};

// The command's standard output; throws std::runtime_error when it cannot be started.
inline CommandResult runCommand(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe)
    throw std::runtime_error("cannot run " + command);
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
    out.append(buf, n);
  int status = ::pclose(pipe);
  return {status, out};
}

} // namespace report_test
