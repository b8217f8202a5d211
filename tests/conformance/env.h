// The backends the conformance suite runs on. Each Env gives two hosts (a server side and
// a client side), the names by which the client reaches the server, and a bounded run.
// A backend joins the suite by adding its Env to `Backends`.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "net/os.h"
#include "net/runtime.h"
#include "sim/world.h"
#include "tests/conformance/checks.h"
#include "tests/conformance/kernel_env.h"

namespace conformance {

using namespace std::chrono_literals;

// Every Env provides what OsEnv does. Optional, detected by failure_test.cc (an Env without
// them skips those tests), for backends that can inflict what loopback cannot:
//   void crashServer();   // the server host vanishes: its handles are gone without a word
//                         // (as Context::reset()) and it answers nothing any more, neither
//                         // FIN nor RST (keepalive and retransmissions then time out)
//   void rebootServer();  // the server host restarts: its handles are gone without a word
//                         // and it answers segments of the old connections with RST
//
// Real sockets on loopback: both hosts are this machine.
class OsEnv {
public:
  static constexpr const char* kName = "os";
  static constexpr bool kSimulated = false;
  static constexpr bool kIpv6 = true;

  net::Context& server() { return *server_; }
  net::Context& client() { return *client_; }
  // How the client addresses the server: a literal address, and a host name.
  std::string serverAddress() const { return "127.0.0.1"; }
  std::string serverName() const { return "localhost"; }
  std::string serverAddress6() const { return "::1"; }
  // Runs until no handle is left on either host; false if `limit` (wall time) passed first.
  bool run(net::Duration limit = 60s) { return loop_.runFor(limit); }

private:
  net::os::Loop loop_;
  std::unique_ptr<net::Context> server_ = loop_.context();
  std::unique_ptr<net::Context> client_ = loop_.context();
};

// Two ns-3 nodes, `server` and `client`, on one point-to-point link (100 Mbit/s, 1 ms),
// with IPv4 and IPv6.
// run()'s limit is simulated time; every time is exact and every run repeats.
class SimEnv {
public:
  static constexpr const char* kName = "sim";
  static constexpr bool kSimulated = true;
  static constexpr bool kIpv6 = true;

  SimEnv() : SimEnv(std::nullopt) {}
  explicit SimEnv(std::optional<model::NicSpec> nic) {
    world_.enableIpv6();
    if (nic) {
      world_.setNic(world_.node("server"), *nic);
      world_.setNic(world_.node("client"), *nic);
    }
    world_.link(world_.node("server"), world_.node("client"), {100'000'000, 1ms});
    // With NETBED_CONFORMANCE_PCAP=DIR every test's packets go to DIR/<suite>.<test>/, for
    // `netbed check-pcap` (pcap_check.sh runs the suite so).
    if (const char* dir = std::getenv("NETBED_CONFORMANCE_PCAP"); dir && *dir) {
      const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
      std::string name = test ? std::string(test->test_suite_name()) + "." + test->name() : "outside-a-test";
      for (char& ch : name)
        if (ch == '/')
          ch = '_';
      std::string where = std::string(dir) + "/" + name;
      std::filesystem::create_directories(where);
      world_.pcap(where + "/host");
    }
  }
  net::Context& server() { return world_.node("server").net(); }
  net::Context& client() { return world_.node("client").net(); }
  std::string serverAddress() const { return world_.addressOf("server"); }
  std::string serverName() const { return "server"; }
  std::string serverAddress6() const { return world_.addressOf6("server"); }
  bool run(net::Duration limit = 3600s) { return world_.run(limit); }
  void crashServer() { world_.crash(world_.node("server")); }
  void rebootServer() {
    world_.crash(world_.node("server"));
    world_.reboot(world_.node("server"));
  }

private:
  sim::World world_;
};

// The same two nodes whose interfaces are SystemC models of a generic NIC (model/nic.h):
// frames cross a TX FIFO, DMA, the wire, an RX ring and an interrupt on each side.
class SimNicEnv : public SimEnv {
public:
  static constexpr const char* kName = "sim_nic";
  SimNicEnv() : SimEnv(model::GenericNic{}) {}
};

// KernelEnv (kernel_env.h): the real Linux stack, each host a network namespace.
using Backends = ::testing::Types<OsEnv, SimEnv, SimNicEnv, KernelEnv>;

// An Env that may be unavailable on this machine (KernelEnv without CAP_NET_ADMIN) says why.
template <class Env, class = void> struct MayBeUnavailable : std::false_type {};
template <class Env>
struct MayBeUnavailable<Env, std::void_t<decltype(std::declval<const Env&>().unavailable())>> : std::true_type {};

struct EnvName {
  template <class T> static std::string GetName(int) { return T::kName; }
};

// Base fixture: `this->env` is a fresh pair of hosts for every test. Every event of both
// hosts passes the invariants of checks.h (close once and last, no 'data' after 'end'...).
template <class Env> class Suite : public ::testing::Test {
protected:
  Suite() {
    net::Runtime::setObserver(env.server(), &serverChecks);
    net::Runtime::setObserver(env.client(), &clientChecks);
  }
  void SetUp() override {
    if constexpr (MayBeUnavailable<Env>::value)
      if (std::string why = env.unavailable(); !why.empty())
        GTEST_SKIP() << why;
  }
  void TearDown() override {
    for (const auto& v : serverChecks.violations())
      ADD_FAILURE() << "server host: " << v;
    for (const auto& v : clientChecks.violations())
      ADD_FAILURE() << "client host: " << v;
  }

  // Declared before env: they outlive the contexts that call them.
  Invariants serverChecks, clientChecks;
  Env env;
};

// Declares the typed suite `name`: the Suite fixture, run on every backend.
#define CONFORMANCE_SUITE(name)                                                                                        \
  template <class Env> using name = Suite<Env>;                                                                        \
  TYPED_TEST_SUITE(name, Backends, EnvName)

} // namespace conformance
