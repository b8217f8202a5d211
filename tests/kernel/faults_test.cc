// Faults on the real stack: a link down holds data until it is up again, a crashed peer is
// silent (no FIN, no RST: only keepalive finds it), a rebooted one answers with RST. Times
// are asserted in windows derived from the constants set (Linux's 200 ms minimum RTO, the
// keepalive idle, interval and probes of each test).
#include <gtest/gtest.h>

#include "tests/kernel/kernel_net.h"

namespace kerneltest {
namespace {

Topology pair() {
  Topology t;
  t.nodes = {"a", "b"};
  t.links = {{0, 1, 100'000'000, 100}};
  return t;
}

double since(net::Context& c, net::Time t) { return std::chrono::duration<double>(c.now() - t).count(); }

// Down for 300 ms: the write's first transmission and its retransmission 200 ms later are
// dropped; the next one (backed off, 600 ms after the write) arrives.
TEST(KernelFaults, LinkDownHoldsDataUntilLinkUp) {
  requireKernel();
  KernelNet k(pair());
  net::Time downAt{0};
  double arrived = -1;
  std::shared_ptr<net::Server> server;
  server = k.node(1).createServer([&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [&, s](const net::Buffer&) {
      arrived = since(k.node(1), downAt);
      s->end();
      server->close();
    });
  });
  server->listen(7000, [&] {
    auto c = k.node(0).connect(7000, "b");
    c->on(net::ev::connect, [&, c] {
      k.world.linkDown(0, 1);
      downAt = k.node(0).now();
      c->write("x");
      k.node(0).setTimeout(300ms, [&] { k.world.linkUp(0, 1); });
    });
    c->on(net::ev::end, [c] { c->end(); });
  });
  ASSERT_TRUE(k.run(10s));
  EXPECT_GT(arrived, 0.3);
  EXPECT_LT(arrived, 1.5);
}

// The server's node crashes under an idle connection: the client hears nothing (its socket
// stays open, half-open) until keepalive gives up, 1 s idle + 2 probes 1 s apart = 3 s.
TEST(KernelFaults, ACrashedPeerIsSilentUntilKeepaliveGivesUp) {
  requireKernel();
  net::os::TcpOptions o;
  o.keepAliveInterval = 1s;
  o.keepAliveProbes = 2;
  KernelNet k(pair(), sim::TcpProfile::forLinux(), o);
  net::Time crashedAt{0};
  double quietUntil = -1, errorAt = -1;
  std::string code;
  auto server = k.node(1).createServer([](std::shared_ptr<net::Socket>) {});
  server->listen(7000, [&] {
    auto c = k.node(0).connect(7000, "b");
    c->on(net::ev::connect, [&, c] {
      k.node(0).setTimeout(50ms, [&, c] {
        k.crash(1);
        EXPECT_GE(k.world.heldSockets(1), 2u); // the listener and the accepted socket
        crashedAt = k.node(0).now();
        c->setKeepAlive(true, 1s);
      });
    });
    c->on(net::ev::end, [&] { quietUntil = since(k.node(0), crashedAt); });
    c->on(net::ev::error, [&](const net::Error& e) {
      errorAt = since(k.node(0), crashedAt);
      code = std::string(e.code());
    });
  });
  ASSERT_TRUE(k.run(15s));
  EXPECT_EQ(quietUntil, -1) << "an 'end': the crashed node sent a FIN";
  EXPECT_EQ(code, "ETIMEDOUT");
  EXPECT_GT(errorAt, 2.5);
  EXPECT_LT(errorAt, 4.5);
}

// Crash and reboot: the client's next write meets the node's fresh kernel, which knows no
// such connection and answers RST; a new connection finds no listener (ECONNREFUSED).
TEST(KernelFaults, ARebootedPeerAnswersOldConnectionsWithRst) {
  requireKernel();
  KernelNet k(pair());
  std::string code, refused;
  double errorAt = -1;
  net::Time wroteAt{0};
  auto server = k.node(1).createServer([](std::shared_ptr<net::Socket>) {});
  server->listen(7000, [&] {
    auto c = k.node(0).connect(7000, "b");
    c->on(net::ev::connect, [&, c] {
      k.crash(1);
      k.world.reboot(1);
      EXPECT_EQ(k.world.heldSockets(1), 0u);
      wroteAt = k.node(0).now();
      c->write("after the reboot");
    });
    c->on(net::ev::error, [&](const net::Error& e) {
      code = std::string(e.code());
      errorAt = since(k.node(0), wroteAt);
      auto again = k.node(0).connect(7000, "b");
      again->on(net::ev::error, [&](const net::Error& e2) { refused = std::string(e2.code()); });
    });
  });
  ASSERT_TRUE(k.run(10s));
  EXPECT_EQ(code, "ECONNRESET");
  // At once, normally; but moving b's veth end makes a's end lose its carrier and get it back,
  // and Linux's link watch (rate-limited to once a second) may stop a's queue in between: the
  // segment then waits for the next ARP retry, 1 s later (seen once in 266 runs under load).
  EXPECT_LT(errorAt, 1.0 + 0.75);
  EXPECT_EQ(refused, "ECONNREFUSED");
}

// a | b - c: a partition cuts a off (a connect times out), heal lets it through again.
TEST(KernelFaults, PartitionCutsAndHealJoins) {
  requireKernel();
  sim::TcpProfile tcp = sim::TcpProfile::forLinux();
  tcp.synRetries = 1; // gives up 3 s after the first SYN (1 s, then 2 s)
  KernelNet k(chain3(), tcp);
  std::string first, second;
  auto server = k.node(2).createServer([](std::shared_ptr<net::Socket> s) { s->end(); });
  server->listen(7000, [&] {
    k.world.partition({0});
    auto c = k.node(0).connect(7000, "c");
    c->on(net::ev::error, [&](const net::Error& e) {
      first = std::string(e.code());
      k.world.heal();
      auto d = k.node(0).connect(7000, "c");
      d->on(net::ev::connect, [&] { second = "connected"; });
      d->on(net::ev::end, [&, d] {
        d->end();
        server->close();
      });
    });
  });
  ASSERT_TRUE(k.run(15s));
  EXPECT_EQ(first, "ETIMEDOUT");
  EXPECT_EQ(second, "connected");
}

} // namespace
} // namespace kerneltest
