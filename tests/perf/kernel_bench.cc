// The kernel world's costs (README-kernel.md): setup and teardown of 10, 100 and 500 nodes (wall
// time, this process's memory, the kernel's); the delay line's throughput through one link and
// with 100 links busy at once, and the latency it adds over a 10 ms delay (p50, p99); the same
// echo workload on the simulated and the kernel backend with the ratio of their round trips.
// Needs root (the kernel world): without it, one line and exit 2.
//   kernel_bench [--sizes 10,100,500] [--echoes 200]
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "net/os.h"
#include "net/runtime.h"
#include "sim/kernel/host.h"
#include "sim/kernel/probe.h"
#include "sim/world.h"
#include "tests/kernel/datagrams.h"

namespace {

using namespace std::chrono_literals;
using kerneltest::kMs;
using kerneltest::monotonicNs;
using kerneltest::percentile;
using sim::kernel::Topology;

// A field in kB of /proc/self/status ("VmRSS") or /proc/meminfo ("Slab").
long kB(const char* file, const std::string& field) {
  std::ifstream in(file);
  std::string key;
  long value = 0;
  while (in >> key >> value) {
    if (key == field + ":")
      return value;
    in.ignore(1 << 10, '\n');
  }
  return 0;
}

// The kernel's own objects (what a namespace, its devices and its sockets take): slab and
// per-CPU memory. Other work on the machine moves it too: read it as an estimate.
long kernelKiB() { return kB("/proc/meminfo", "Slab") + kB("/proc/meminfo", "Percpu"); }

double seconds(std::int64_t fromNs) { return static_cast<double>(monotonicNs() - fromNs) / 1e9; }

// n nodes as many-devices lays them out: a collector, a gateway per 50 sensors, the sensors.
Topology tree(std::size_t n) {
  Topology t;
  std::size_t gateways = n <= 2 ? 1 : std::max<std::size_t>(1, (n - 1) / 51);
  t.nodes.push_back("collector");
  for (std::size_t g = 0; g < gateways; ++g) {
    t.nodes.push_back("gateway-" + std::to_string(g + 1));
    t.links.push_back({0, g + 1, 100'000'000, 100});
  }
  for (std::size_t i = t.nodes.size(); i < n; ++i) {
    t.nodes.push_back("sensor-" + std::to_string(i));
    t.links.push_back({1 + i % gateways, i, 250'000, 100});
  }
  return t;
}

void setupTeardown(const std::vector<std::size_t>& sizes) {
  std::printf("\n## setup and teardown\n\n| nodes | links | setup s | teardown s | setup per node ms | process RSS KiB "
              "| kernel memory MiB | per node KiB |\n|---|---|---|---|---|---|---|---|\n");
  for (std::size_t n : sizes) {
    Topology t = tree(n);
    long rss0 = kB("/proc/self/status", "VmRSS"), kernel0 = kernelKiB();
    std::int64_t t0 = monotonicNs();
    auto world = std::make_unique<sim::kernel::World>(t, sim::TcpProfile::forLinux());
    double setup = seconds(t0);
    long rss = kB("/proc/self/status", "VmRSS") - rss0, used = kernelKiB() - kernel0;
    t0 = monotonicNs();
    world.reset();
    double teardown = seconds(t0);
    std::printf("| %zu | %zu | %.3f | %.3f | %.2f | %ld | %.1f | %.0f |\n", n, t.links.size(), setup, teardown,
                setup * 1e3 / static_cast<double>(n), rss, static_cast<double>(used) / 1024,
                static_cast<double>(used) / static_cast<double>(n));
  }
}

Topology pair(std::int64_t delayNs) {
  Topology t;
  t.nodes = {"a", "b"};
  t.links = {{0, 1, 1'000'000'000, 100}};
  sim::kernel::Shape s;
  s.delayNs = delayNs;
  t.shapes = {s};
  t.seed = 7;
  return t;
}

// Datagrams from every leaf of a star to its hub at once, round robin, as fast as they go.
double starRate(std::size_t leaves, std::size_t perLeaf) {
  Topology t;
  t.nodes = {"hub"};
  for (std::size_t i = 1; i <= leaves; ++i) {
    t.nodes.push_back("leaf-" + std::to_string(i));
    t.links.push_back({0, i, 1'000'000'000, 1000});
    sim::kernel::Shape s;
    s.delayNs = 1 * kMs;
    t.shapes.push_back(s);
  }
  sim::kernel::World w(t, sim::TcpProfile::forLinux());
  kerneltest::Fd rx = kerneltest::udp(w.ns(0), "0.0.0.0", 9000);
  std::vector<kerneltest::Fd> tx;
  std::vector<sockaddr_in> to(leaves);
  for (std::size_t i = 1; i <= leaves; ++i) {
    tx.push_back(kerneltest::udp(w.ns(i), w.address(i), 0));
    to[i - 1].sin_family = AF_INET;
    to[i - 1].sin_port = htons(9000);
    // The hub's address on this leaf's link: the /30's other end.
    inet_pton(AF_INET, w.address(0).c_str(), &to[i - 1].sin_addr);
  }
  std::size_t received = 0, sent = 0, total = leaves * perLeaf;
  std::int64_t first = monotonicNs(), last = first;
  auto drain = [&](int timeoutMs) {
    pollfd p{rx.get(), POLLIN, 0};
    while (poll(&p, 1, timeoutMs) > 0) {
      kerneltest::Datagram d{};
      while (recv(rx.get(), &d, sizeof d, MSG_DONTWAIT) == static_cast<ssize_t>(sizeof d)) {
        ++received;
        last = monotonicNs();
      }
    }
  };
  while (sent < total) {
    std::size_t i = sent % leaves;
    kerneltest::Datagram d{static_cast<std::uint32_t>(sent), monotonicNs()};
    if (sendto(tx[i].get(), &d, sizeof d, 0, reinterpret_cast<sockaddr*>(&to[i]), sizeof to[i]) == sizeof d)
      ++sent;
    else
      usleep(100);
    if (sent % 256 == 0)
      drain(0);
  }
  drain(300);
  auto [accepted, dropped] = w.acceptedDropped(1, 0);
  std::fprintf(stderr, "star of %zu: %zu of %zu received (leaf-1's queue: %llu accepted, %llu dropped)\n", leaves,
               received, total, static_cast<unsigned long long>(accepted), static_cast<unsigned long long>(dropped));
  return static_cast<double>(received) / (static_cast<double>(last - first) / 1e9);
}

void delayLine() {
  std::printf("\n## the delay line\n\n| measure | value |\n|---|---|\n");
  {
    sim::kernel::World w(pair(10 * kMs), sim::TcpProfile::forLinux());
    auto r = kerneltest::blast(w, 2000, kMs, 200 * kMs);
    std::vector<double> added;
    for (double ms : r.oneWayMs)
      added.push_back(ms - 10);
    std::printf("| added over a 10 ms delay at 1,000 datagrams/s: p50 | %.3f ms |\n", percentile(added, 50));
    std::printf("| added over a 10 ms delay at 1,000 datagrams/s: p99 | %.3f ms |\n", percentile(added, 99));
    std::printf("| datagrams received of 2,000 | %zu |\n", r.seq.size());
  }
  {
    sim::kernel::World w(pair(1 * kMs), sim::TcpProfile::forLinux());
    auto r = kerneltest::blast(w, 200'000, 0, 300 * kMs);
    std::printf("| one link direction, as fast as the sender goes | %.0f packets/s |\n",
                static_cast<double>(r.seq.size()) / r.seconds);
  }
  std::printf("| 100 links busy at once (a star, every leaf sending) | %.0f packets/s |\n", starRate(100, 2000));
}

// `count` round trips of 64 bytes between two nodes 10 ms apart, on the net API; in ms.
std::vector<double> echo(net::Context& server, net::Context& client, const std::string& host, std::size_t count,
                         const std::function<bool()>& run) {
  std::vector<double> rtt;
  auto srv = server.createServer([](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
    s->on(net::ev::end, [s] { s->end(); });
  });
  auto sentAt = std::make_shared<net::Time>();
  srv->listen(7000, [&, srv, sentAt] {
    auto c = client.connect(7000, host);
    auto next = [&, c, srv, sentAt] {
      if (rtt.size() == count) {
        c->end();
        srv->close();
        return;
      }
      *sentAt = client.now();
      c->write(std::string(64, 'x'));
    };
    c->on(net::ev::connect, next);
    auto got = std::make_shared<std::size_t>(0);
    c->on(net::ev::data, [&, next, sentAt, got](const net::Buffer& b) {
      *got += b.size();
      if (*got < 64)
        return;
      *got = 0;
      rtt.push_back(std::chrono::duration<double, std::milli>(client.now() - *sentAt).count());
      next();
    });
  });
  if (!run())
    std::fprintf(stderr, "echo: the run did not finish\n");
  return rtt;
}

void echoBoth(std::size_t count) {
  sim::World world(7);
  sim::Node& a = world.node("a");
  sim::Node& b = world.node("b");
  sim::LinkSpec spec;
  spec.delay = 10ms;
  spec.bandwidth = 1'000'000'000; // as the kernel pair's link
  world.link(a, b, spec);
  auto simRtt = echo(b.net(), a.net(), "b", count, [&] { return world.run(600s); });

  net::os::Loop loop;
  sim::kernel::World w(pair(10 * kMs), sim::TcpProfile::forLinux());
  auto names = std::make_shared<std::map<std::string, std::string>>(
      std::map<std::string, std::string>{{"a", w.address(0)}, {"b", w.address(1)}});
  auto epoch = std::chrono::steady_clock::now();
  net::Context ka(sim::kernel::makeHost(
      loop, [&w] { return w.ns(0); }, names, epoch));
  net::Context kb(sim::kernel::makeHost(
      loop, [&w] { return w.ns(1); }, names, epoch));
  auto kernelRtt = echo(kb, ka, "b", count, [&] { return loop.runFor(120s); });

  std::printf("\n## echo: %zu round trips of 64 bytes over a 10 ms, 1 Gbit/s link\n\n"
              "| percentile | sim ms | kernel ms | kernel / sim |\n|---|---|---|---|\n",
              count);
  for (double p : {0.0, 50.0, 90.0, 99.0, 100.0}) {
    double s = percentile(simRtt, p), k = percentile(kernelRtt, p);
    std::printf("| p%.0f | %.3f | %.3f | %.3f |\n", p, s, k, k / s);
  }
}

std::vector<std::size_t> parseSizes(const std::string& text) {
  std::vector<std::size_t> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t comma = text.find(',', at);
    out.push_back(std::stoul(text.substr(at, comma - at)));
    at = comma == std::string::npos ? text.size() : comma + 1;
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes{10, 100, 500};
  std::size_t echoes = 200;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--sizes" && i + 1 < argc)
      sizes = parseSizes(argv[++i]);
    else if (arg == "--echoes" && i + 1 < argc)
      echoes = std::stoul(argv[++i]);
    else {
      std::fprintf(stderr, "usage: kernel_bench [--sizes 10,100,500] [--echoes 200]\n");
      return 2;
    }
  }
  sim::kernel::Probe probe = sim::kernel::probe();
  if (!probe.usable()) {
    std::fprintf(stderr, "kernel_bench: the kernel world cannot run here: %s (%s); run as root\n",
                 probe.missing().c_str(), probe.detail.c_str());
    return 2;
  }
  std::printf("# kernel backend benchmark\n");
  setupTeardown(sizes);
  delayLine();
  echoBoth(echoes);
  return 0;
}
