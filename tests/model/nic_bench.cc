// nic_bench: the same TCP workload over ns-3's PointToPointNetDevice and over generic SystemC
// NICs, 1 pair and many pairs; wall time, ns-3 events, peak RSS, and SystemC memory per NIC.
// Every measurement runs in a child process of its own (a fresh ns-3, SystemC and heap).
//
//   nic_bench [--pairs 1,1000] [--bytes-one 20000000] [--bytes-many 200000] [--repeat 3]
//   nic_bench --only 0|1|2 --pairs N    one run in this process (p2p, zero latency, defaults)
//   nic_bench --memory-only 1           only the heap bytes per NIC model
#include <malloc.h>
#include <ns3/simulator.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "model/bridge.h"
#include "model/nic_model.h"
#include "tests/model/harness.h"

extern "C" int sc_main(int, char**) { return 0; }

namespace {

enum class Mode { P2p, NicZero, NicDefault };
const char* name(Mode m) {
  switch (m) {
  case Mode::P2p: return "ns-3 PointToPoint";
  case Mode::NicZero: return "SystemC generic, zero latency";
  default: return "SystemC generic, DMA+IRQ defaults";
  }
}

struct Result {
  double wall = 0, cpu = 0;
  std::uint64_t events = 0, delivered = 0, wakeups = 0;
  long rssKiB = 0;
};

Result runOnce(Mode mode, std::size_t pairs, std::uint64_t bytes) {
  nictest::freshNs3();
  nictest::Net net;
  net.record = false;
  auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < pairs; ++i) {
    nictest::Link link;
    link.rate = 100'000'000;
    link.delay = ns3::MilliSeconds(1);
    if (mode == Mode::NicZero) {
      link.a = nictest::zeroLatency(link.queuePackets);
      link.b = nictest::zeroLatency(link.queuePackets);
    } else if (mode == Mode::NicDefault) {
      link.a = model::GenericNic{};
      link.b = model::GenericNic{};
    }
    nictest::addPair(net, link);
  }
  std::vector<std::shared_ptr<nictest::TcpResult>> flows;
  for (std::size_t i = 0; i < pairs; ++i)
    flows.push_back(
        nictest::tcpBulk(net, 2 * i, 2 * i + 1, ns3::MicroSeconds(100 + 13 * static_cast<int64_t>(i)), bytes));
  ns3::Simulator::Stop(ns3::Seconds(600));
  ns3::Simulator::Run();
  Result r;
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.events = ns3::Simulator::GetEventCount();
  for (auto& f : flows)
    r.delivered += f->received;
  r.wakeups = model::Bridge::get().wakeups();
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  r.rssKiB = ru.ru_maxrss;
  r.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
          static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  return r;
}

// Heap bytes per NIC model (the SystemC module, its processes and events).
double bytesPerNic(std::size_t n, const model::NicSpec& spec) {
  nictest::freshNs3();
  model::makeModel(spec); // the SystemC context itself
  std::size_t before = mallinfo2().uordblks;
  for (std::size_t i = 0; i < n; ++i)
    model::makeModel(spec);
  return static_cast<double>(mallinfo2().uordblks - before) / static_cast<double>(n);
}

// Runs fn in a child process and returns what it wrote.
template <class F> std::string inChild(F fn) {
  int fds[2];
  if (pipe(fds) != 0)
    std::exit(2);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string out = fn();
    if (write(fds[1], out.data(), out.size()) < 0)
      _exit(3);
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0)
    out.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "nic_bench: a measurement failed\n");
    std::exit(1);
  }
  return out;
}

Result measure(Mode mode, std::size_t pairs, std::uint64_t bytes) {
  std::string s = inChild([&] {
    Result r = runOnce(mode, pairs, bytes);
    std::ostringstream o;
    o << r.wall << ' ' << r.cpu << ' ' << r.events << ' ' << r.delivered << ' ' << r.wakeups << ' ' << r.rssKiB;
    return o.str();
  });
  Result r;
  std::istringstream in(s);
  in >> r.wall >> r.cpu >> r.events >> r.delivered >> r.wakeups >> r.rssKiB;
  return r;
}

std::vector<std::size_t> parseList(const char* s) {
  std::vector<std::size_t> v;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    v.push_back(std::stoul(item));
  return v;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> pairsList = {1, 1000};
  std::uint64_t bytesOne = 20'000'000, bytesMany = 200'000;
  int repeat = 3;
  int only = -1; // --only 0|1|2: one run of one mode in this process (for profilers)
  bool memoryOnly = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--memory-only") {
      memoryOnly = std::string(argv[i + 1]) == "1";
      continue;
    }
    if (k == "--only") {
      only = std::stoi(argv[i + 1]);
      continue;
    }
    if (k == "--pairs")
      pairsList = parseList(argv[i + 1]);
    else if (k == "--bytes-one")
      bytesOne = std::stoull(argv[i + 1]);
    else if (k == "--bytes-many")
      bytesMany = std::stoull(argv[i + 1]);
    else if (k == "--repeat")
      repeat = std::stoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "nic_bench: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (only >= 0) {
    std::size_t pairs = pairsList.at(0);
    Result r = runOnce(static_cast<Mode>(only), pairs, pairs == 1 ? bytesOne : bytesMany);
    std::printf("%s: %.3f s, %llu events, %llu wake-ups, %llu bytes\n", name(static_cast<Mode>(only)), r.wall,
                static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.wakeups),
                static_cast<unsigned long long>(r.delivered));
    return 0;
  }
  if (memoryOnly)
    pairsList.clear();
  if (!pairsList.empty()) {
    std::printf("TCP bulk per pair over a 100 Mbit/s, 1 ms link; medians of %d rounds (CPU ratio: per "
                "round, over ns-3's); times include building the network\n\n",
                repeat);
    std::printf("| pairs | bytes/pair | device | wall s | CPU s | CPU ratio | ns-3 events | bridge wake-ups | peak RSS "
                "MiB |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
  }
  for (std::size_t pairs : pairsList) {
    std::uint64_t bytes = pairs == 1 ? bytesOne : bytesMany;
    const Mode modes[] = {Mode::P2p, Mode::NicZero, Mode::NicDefault};
    // Rounds run the modes one after the other, so that load drift on a shared machine hits
    // all of them; a mode's ratio is the median over rounds of its CPU time / ns-3's.
    std::vector<Result> runs[3];
    std::vector<double> ratios[3];
    for (int k = 0; k < repeat; ++k) {
      for (int m = 0; m < 3; ++m) {
        runs[m].push_back(measure(modes[m], pairs, bytes));
        if (runs[m].back().delivered != bytes * pairs) {
          std::fprintf(stderr, "nic_bench: %s delivered %llu of %llu bytes\n", name(modes[m]),
                       static_cast<unsigned long long>(runs[m].back().delivered),
                       static_cast<unsigned long long>(bytes * pairs));
          return 1;
        }
        ratios[m].push_back(runs[m].back().cpu / runs[0].back().cpu);
      }
    }
    for (int m = 0; m < 3; ++m) {
      auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
      };
      std::vector<double> wall, cpu;
      for (const auto& r : runs[m]) {
        wall.push_back(r.wall);
        cpu.push_back(r.cpu);
      }
      const Result& r = runs[m].front(); // events, wake-ups and RSS do not vary
      std::printf("| %zu | %llu | %s | %.3f | %.3f | %.2f | %llu | %llu | %.1f |\n", pairs,
                  static_cast<unsigned long long>(bytes), name(modes[m]), median(wall), median(cpu), median(ratios[m]),
                  static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.wakeups),
                  static_cast<double>(r.rssKiB) / 1024.0);
      std::fflush(stdout);
    }
  }
  std::printf("\n| model | heap bytes per NIC (10,000 created) |\n|---|---|\n");
  for (const model::NicSpec& spec : {model::NicSpec(model::GenericNic{}), model::NicSpec(model::SpiEthernetNic{}),
                                     model::NicSpec(model::RadioNic{})}) {
    std::string mem = inChild([&spec] {
      std::ostringstream o;
      o << static_cast<long>(bytesPerNic(10'000, spec));
      return o.str();
    });
    std::printf("| %s | %s |\n", model::kindName(spec), mem.c_str());
  }
  return 0;
}
