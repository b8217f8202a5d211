// Running other programs: this one again (sweep), netbed-report (report).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "sim/cli/commands.h"

namespace sim::cli {

namespace {

std::vector<char*> cArgs(const std::vector<std::string>& argv) {
  std::vector<char*> out;
  for (const auto& a : argv)
    out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

bool executable(const std::string& p) { return !p.empty() && access(p.c_str(), X_OK) == 0; }

} // namespace

std::string selfPath() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

std::string findReport() {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(selfPath()).parent_path();
  // Installed side by side; in the build tree, visualize/ is a sibling of sim/cli/.
  for (const fs::path& candidate : {dir / "netbed-report", dir / ".." / ".." / "visualize" / "netbed-report"})
    if (executable(candidate.string()))
      return fs::weakly_canonical(candidate).string();
  if (const char* path = std::getenv("PATH")) {
    std::string all = path;
    std::size_t start = 0;
    while (start <= all.size()) {
      auto colon = all.find(':', start);
      std::string d = all.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!d.empty() && executable(d + "/netbed-report"))
        return d + "/netbed-report";
      if (colon == std::string::npos)
        break;
      start = colon + 1;
    }
  }
  return "";
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    if (!log.empty()) {
      int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
      }
    }
    auto args = cArgs(argv);
    execv(args[0], args.data());
    std::fprintf(stderr, "netbed: cannot run %s: %s\n", argv[0].c_str(), std::strerror(errno));
    _exit(127);
  }
  return pid;
}

int spawnWait(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = spawn(argv, log);
  if (pid < 0)
    return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int execReport(const std::vector<std::string>& args) {
  std::string tool = findReport();
  if (tool.empty()) {
    std::fprintf(stderr,
                 "netbed report: netbed-report not found (looked next to %s, in the build tree's visualize/ and on "
                 "PATH); build or install the netbed-report target\n",
                 selfPath().c_str());
    return kUsage;
  }
  std::vector<std::string> argv = {tool};
  argv.insert(argv.end(), args.begin(), args.end());
  auto c = cArgs(argv);
  std::fflush(stdout);
  execv(c[0], c.data());
  std::fprintf(stderr, "netbed report: cannot run %s: %s\n", tool.c_str(), std::strerror(errno));
  return kUsage;
}

} // namespace sim::cli
