// A kernel world with a net::Context per node on one loop, for the kernel tests. The tests
// need root: on a machine without it they fail (CI runs as root), never skip.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "net/os.h"
#include "net/runtime.h"
#include "sim/kernel/host.h"
#include "sim/kernel/kernel_world.h"
#include "sim/kernel/probe.h"

namespace kerneltest {

using namespace std::chrono_literals;
using sim::kernel::Topology;

// Fails the test (fatally) when the kernel world cannot be built here.
inline void requireKernel() {
  static const sim::kernel::Probe p = sim::kernel::probe();
  ASSERT_TRUE(p.usable()) << p.missing() << ": " << p.detail;
}

class KernelNet {
public:
  explicit KernelNet(const Topology& t, const sim::TcpProfile& tcp = sim::TcpProfile::forLinux(),
                     const net::os::TcpOptions& options = {})
      : world(t, tcp) {
    loop.setTcpOptions(options);
    auto names = std::make_shared<std::map<std::string, std::string>>();
    for (std::size_t i = 0; i < t.nodes.size(); ++i)
      (*names)[t.nodes[i]] = world.address(i);
    auto epoch = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < t.nodes.size(); ++i)
      nodes.push_back(std::make_unique<net::Context>(sim::kernel::makeHost(
          loop, [this, i] { return world.ns(i); }, names, epoch, t.ipv6)));
  }
  ~KernelNet() { nodes.clear(); }
  net::Context& node(std::size_t i) { return *nodes[i]; }
  bool run(net::Duration limit) { return loop.runFor(limit); }
  // The node vanishes: its traffic dropped, its sockets held open, its handles gone silently.
  void crash(std::size_t i) {
    world.crash(i);
    net::Runtime::reset(*nodes[i]);
  }

  net::os::Loop loop; // first: destroyed last, after every context on it
  sim::kernel::World world;
  std::vector<std::unique_ptr<net::Context>> nodes;
};

// Node 0 sends `total` bytes to port 7000 of "b", node 1, in one end(); node 1 hands every
// chunk it receives to `onData` and, at the sender's FIN, ends its side and stops listening.
inline void sendToB(KernelNet& k, std::size_t total, std::function<void(const net::Buffer&)> onData) {
  auto server = k.node(1).createServer();
  net::Server* raw = server.get(); // the context keeps the listening server alive
  server->on(net::ev::connection, [raw, onData](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, onData);
    s->on(net::ev::end, [raw, s] {
      s->end();
      raw->close();
    });
  });
  server->listen(7000, [&k, total] {
    auto c = k.node(0).connect(7000, "b");
    c->on(net::ev::connect, [c, total] { c->end(net::Buffer::alloc(total, 'x')); });
  });
}

// a - b - c: two links, b routes.
inline Topology chain3(std::uint64_t bandwidth = 100'000'000) {
  Topology t;
  t.nodes = {"a", "b", "c"};
  t.links = {{0, 1, bandwidth, 100}, {1, 2, bandwidth, 100}};
  return t;
}

} // namespace kerneltest
