// The kernel backend of the conformance suite (issue 13): the server and the client each a
// Linux network namespace with its own kernel TCP stack, on one veth link of the kernel
// world (sim/kernel/kernel_world.h); both hosts' applications in this process on one libuv
// loop, every socket made in its host's namespace (sim/kernel/host.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "net/os.h"
#include "net/runtime.h"
#include "sim/kernel/host.h"
#include "sim/kernel/kernel_world.h"
#include "sim/kernel/probe.h"

namespace conformance {

// The Linux TCP constants the kernel env sets (per namespace: sysctls; per socket: the OS
// backend's TcpOptions), from which failure_test.cc derives the window of each failure.
// Small values, so that each failure test takes seconds.
struct LinuxTcp {
  net::Duration initialRto = std::chrono::seconds(1);        // TCP_TIMEOUT_INIT: the first SYN's (fixed)
  net::Duration minRto = std::chrono::milliseconds(200);     // tcp_rto_min_us
  net::Duration maxRto = std::chrono::seconds(120);          // tcp_rto_max_ms
  std::uint32_t synRetries = 1;                              // tcp_syn_retries (tcp_syn_linear_timeouts 0)
  std::uint32_t dataRetries = 5;                             // tcp_retries2: replaced by the user timeout
  net::Duration userTimeout = std::chrono::seconds(4);       // TCP_USER_TIMEOUT on every socket
  net::Duration keepAliveInterval = std::chrono::seconds(1); // TCP_KEEPINTVL and tcp_keepalive_intvl
  std::uint32_t keepAliveProbes = 2;                         // TCP_KEEPCNT and tcp_keepalive_probes
  // Left at a new namespace's defaults: tail loss probes on (tcp_early_retrans 3), the
  // minimum RTO's 200 ms also in the probe's timeout (TCP_RTO_MIN), and an unanswered ARP
  // request asked again after 1 s (neigh/default/retrans_time_ms).
  net::Duration neighbourRetry = std::chrono::seconds(1);
};

class KernelEnv {
public:
  static constexpr const char* kName = "kernel";
  static constexpr bool kSimulated = false;
  // The kernel world with IPv6 (Topology::ipv6): each veth also carries the fd00::/96 image
  // of its IPv4 address, as sim::World::enableIpv6 gives it ("fd00::a00:2" for the server).
  static constexpr bool kIpv6 = true;
  static constexpr LinuxTcp kTcp{};

  KernelEnv() {
    if (!probe().netAdmin) { // unavailable(): the tests skip; these contexts are never run
      server_ = loop_.context();
      client_ = loop_.context();
      return;
    }
    sim::kernel::Topology t;
    t.nodes = {"server", "client"};
    // Fast enough that the suite's bulk transfers (64 MiB) take a fraction of a second; no
    // delay, jitter or loss: the packets do not pass the delay line.
    t.links = {{0, 1, 10'000'000'000, 1000}};
    t.ipv6 = kIpv6;
    sim::TcpProfile tcp = sim::TcpProfile::forLinux();
    tcp.minRto = kTcp.minRto;
    tcp.maxRto = kTcp.maxRto;
    tcp.synRetries = kTcp.synRetries;
    tcp.dataRetries = kTcp.dataRetries;
    tcp.keepAliveInterval = kTcp.keepAliveInterval;
    tcp.keepAliveProbes = kTcp.keepAliveProbes;
    // A note names a key this kernel lacks (older than the sysctl): its default, which is
    // what kTcp has, stays.
    world_ = std::make_unique<sim::kernel::World>(
        t, tcp, [](const std::string& note) { std::fprintf(stderr, "%s\n", note.c_str()); });
    net::os::TcpOptions o;
    o.userTimeout = kTcp.userTimeout;
    o.keepAliveInterval = kTcp.keepAliveInterval;
    o.keepAliveProbes = static_cast<int>(kTcp.keepAliveProbes);
    loop_.setTcpOptions(o);
    auto names = std::make_shared<std::map<std::string, std::string>>();
    (*names)["server"] = world_->address(0);
    (*names)["client"] = world_->address(1);
    auto epoch = std::chrono::steady_clock::now();
    server_ = std::make_unique<net::Context>(sim::kernel::makeHost(
        loop_, [this] { return world_->ns(0); }, names, epoch, kIpv6));
    client_ = std::make_unique<net::Context>(sim::kernel::makeHost(
        loop_, [this] { return world_->ns(1); }, names, epoch, kIpv6));
  }
  ~KernelEnv() {
    server_.reset();
    client_.reset();
  }
  KernelEnv(const KernelEnv&) = delete;
  KernelEnv& operator=(const KernelEnv&) = delete;

  // Why this machine cannot run the kernel backend; empty when it can. The Suite skips the
  // test then (CI runs as root: there it runs).
  std::string unavailable() const {
    return probe().netAdmin ? "" : "kernel backend skipped: " + sim::kernel::capabilityHint();
  }

  net::Context& server() { return *server_; }
  net::Context& client() { return *client_; }
  std::string serverAddress() const { return world_ ? world_->address(0) : "127.0.0.1"; }
  std::string serverName() const { return "server"; }
  std::string serverAddress6() const { return world_ ? world_->address6(0) : ""; }
  // Runs until no handle is left on either host; false if `limit` (wall time) passed first.
  bool run(net::Duration limit = std::chrono::seconds(60)) { return loop_.runFor(limit); }
  // The kernel world's crash: the server's traffic dropped both ways, its sockets held open
  // (no FIN, no RST), its handles gone without a word.
  void crashServer() {
    world_->crash(0);
    net::Runtime::reset(*server_);
  }
  // And its reboot: a fresh namespace with the same addresses, whose kernel answers the old
  // connections' segments with RST.
  void rebootServer() {
    crashServer();
    world_->reboot(0);
  }

private:
  static const sim::kernel::Probe& probe() {
    static const sim::kernel::Probe p = sim::kernel::probe();
    return p;
  }

  net::os::Loop loop_; // first: destroyed last, after every context on it
  std::unique_ptr<sim::kernel::World> world_;
  std::unique_ptr<net::Context> server_, client_;
};

} // namespace conformance
