// IoT.js scripts (net/js): what a JavaScript node costs (README-js.md). A benchmark, not a test.
//
//   js_bench [--nodes N] [--devices 1000,10000] [--repeat R] [--netbed PATH] [--scenarios DIR]
//
// Part 1, in this process: N engines of each kind (an empty script; `net` and `events`
// loaded; a server listening), each on its own context: the heap each holds after its start
// (Duktape's allocations), the process's RSS growth per engine, and the time to start one.
// Part 2, child processes: scenarios/js-many-devices.yaml (JavaScript sensors and collector)
// against scenarios/many-devices.yaml (the same workload in the built-in C++ applications),
// both for 20 simulated seconds (every reading is sent by then), at each device count: wall
// time, simulator events, max RSS, and the ratios JS / C++ measured in the same run (each
// the fastest of R runs, default 3: the machine's noise only ever adds time).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "net/js/js.h"
#include "net/net.h"
#include "net/os.h"
#include "net/runtime.h"

namespace {

long rssKb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0)
      return std::atol(line.c_str() + 6);
  return 0;
}

std::string writeScript(const std::string& name, const std::string& text) {
  std::string path = "/tmp/netbed-js-bench-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

struct EngineCost {
  double heapKb, rssKb, startUs;
};

EngineCost engines(const std::string& script, int n) {
  net::os::Loop loop;
  std::vector<std::unique_ptr<net::Context>> contexts;
  std::vector<std::unique_ptr<net::js::Script>> scripts;
  for (int i = 0; i < n; ++i)
    contexts.push_back(loop.context());
  long rss0 = rssKb();
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    scripts.push_back(
        std::make_unique<net::js::Script>(*contexts[static_cast<std::size_t>(i)], net::js::ScriptOptions{}));
    scripts.back()->start(script);
  }
  auto t1 = std::chrono::steady_clock::now();
  long rss1 = rssKb();
  double heap = 0;
  for (auto& s : scripts)
    heap += static_cast<double>(s->heapBytes());
  EngineCost c{heap / n / 1024, static_cast<double>(rss1 - rss0) / n,
               std::chrono::duration<double, std::micro>(t1 - t0).count() / n};
  scripts.clear();
  for (auto& ctx : contexts)
    net::Runtime::reset(*ctx);
  loop.run();
  return c;
}

struct RunCost {
  double wall = 0;
  long events = 0, maxRssKb = 0;
  bool ok = false;
};

// Runs `netbed run FILE --set duration=20s --set nodes.sensor.count=N` in a child process.
RunCost runScenario(const std::string& netbed, const std::string& file, int devices, const std::string& out) {
  std::vector<std::string> args = {netbed,  "run",
                                   file,    "--quiet",
                                   "--out", out,
                                   "--set", "duration=20s",
                                   "--set", "nodes.sensor.count=" + std::to_string(devices),
                                   "--set", "nodes.gw.count=" + std::to_string((devices + 99) / 100)};
  // js-many-devices' third expectation counts the readings, 5 per device; many-devices'
  // holds per sensor at any count.
  if (file.find("js-many-devices") != std::string::npos) {
    args.push_back("--set");
    args.push_back("expect.2.equal=" + std::to_string(5 * devices));
  }
  RunCost r;
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  int status = 0;
  struct rusage ru {};
  ::wait4(pid, &status, 0, &ru);
  r.maxRssKb = ru.ru_maxrss;
  std::ifstream f(out + "/summary.json");
  std::stringstream ss;
  ss << f.rdbuf();
  std::string s = ss.str();
  auto num = [&](const std::string& key) {
    auto at = s.find("\"" + key + "\":");
    return at == std::string::npos ? -1.0 : std::atof(s.c_str() + at + key.size() + 3);
  };
  r.wall = num("wallSeconds");
  r.events = static_cast<long>(num("events"));
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && r.wall >= 0;
  return r;
}

std::vector<int> parseList(const std::string& s) {
  std::vector<int> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');)
    out.push_back(std::atoi(item.c_str()));
  return out;
}

} // namespace

int main(int argc, char** argv) {
  int n = 1000, repeat = 3;
  std::vector<int> devices = {1000};
  std::string netbed = NETBED_BIN, scenarios = NETBED_SCENARIOS;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--nodes")
      n = std::atoi(argv[i + 1]);
    else if (a == "--devices")
      devices = parseList(argv[i + 1]);
    else if (a == "--repeat")
      repeat = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--netbed")
      netbed = argv[i + 1];
    else if (a == "--scenarios")
      scenarios = argv[i + 1];
  }

  std::printf("Part 1: %d engines of each kind, each on its own context\n", n);
  std::printf("%-34s %12s %12s %12s\n", "script", "heap KB", "RSS KB", "start us");
  struct Kind {
    const char* name;
    std::string text;
  } kinds[] = {
      {"empty", ""},
      {"net and events loaded (idle)", "var net = require('net'); var EventEmitter = require('events');\n"},
      {"a server listening", "require('net').createServer(function (s) { s.pipe(s); }).listen(0, '127.0.0.1');\n"},
  };
  for (const auto& k : kinds) {
    // In a child process each: RSS growth is then this kind's alone, and the parent stays
    // small for the children of part 2 (a fork's max RSS counts the parent's pages).
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid == 0) {
      std::string path = writeScript("bench.js", k.text);
      EngineCost c = engines(path, n);
      std::remove(path.c_str());
      std::printf("%-34s %12.1f %12.1f %12.1f\n", k.name, c.heapKb, c.rssKb, c.startUs);
      std::fflush(stdout);
      std::_Exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  std::printf("\nPart 2: many-devices for 20 simulated s, JavaScript apps vs the built-in C++ apps\n");
  std::printf("%8s %-5s %10s %10s %12s %12s %10s %10s\n", "devices", "apps", "wall s", "events", "max RSS MB",
              "KB/device", "wall x", "RSS x");
  for (int d : devices) {
    std::string out = "/tmp/netbed-js-bench-" + std::to_string(::getpid());
    RunCost cxx, js;
    for (int r = 0; r < repeat; ++r) {
      RunCost c = runScenario(netbed, scenarios + "/many-devices.yaml", d, out + "-cxx");
      RunCost j = runScenario(netbed, scenarios + "/js-many-devices.yaml", d, out + "-js");
      if (r == 0 || c.wall < cxx.wall)
        cxx = c;
      if (r == 0 || j.wall < js.wall)
        js = j;
    }
    auto row = [&](const char* kind, const RunCost& r, const RunCost& base) {
      std::printf("%8d %-5s %10.2f %10ld %12.1f %12.1f %10.2f %10.2f%s\n", d, kind, r.wall, r.events,
                  static_cast<double>(r.maxRssKb) / 1024, static_cast<double>(r.maxRssKb) / d, r.wall / base.wall,
                  static_cast<double>(r.maxRssKb) / static_cast<double>(base.maxRssKb),
                  r.ok ? "" : "  (the run failed: see its summary)");
    };
    row("c++", cxx, cxx);
    row("js", js, cxx);
  }
  return 0;
}
