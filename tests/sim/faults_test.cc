// Faults at exact simulated times, and what the peers see: ETIMEDOUT from keepalive or
// retransmissions after a silent crash, ECONNRESET after a reboot, a partition survived
// or not.
#include <gtest/gtest.h>

#include <functional>

#include "net/runtime.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// A server node echoing on port 7 and a client node one 1 ms, 100 Mbit/s link away.
class Faults : public ::testing::Test {
protected:
  Faults() { world.link(server, client, {100'000'000, 1ms}); }

  // Starts both applications: the client sends "hello" once connected.
  std::shared_ptr<net::Socket> start(bool keepAlive, net::Duration keepAliveDelay = 0s) {
    auto srv = server.net().createServer([](std::shared_ptr<net::Socket> s) {
      s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
      s->on(net::ev::error, [](const net::Error&) {});
    });
    srv->listen(7);
    net::ConnectOptions o;
    o.port = 7;
    o.host = server.name();
    o.keepAlive = keepAlive;
    o.keepAliveInitialDelay = keepAliveDelay;
    auto c = client.net().connect(o);
    c->on(net::ev::connect, [c] { c->write("hello"); });
    c->on(net::ev::data, [this](const net::Buffer& b) {
      dataAt = client.net().now();
      received += b.toString();
    });
    c->on(net::ev::error, [this](const net::Error& e) {
      errorAt = client.net().now();
      code = std::string(e.code());
    });
    c->on(net::ev::close, [this](bool) { closed = true; });
    return c;
  }

  // The client's connection ended with the error `expected` and closed, after `after` and
  // before `before`.
  void expectEndedBetween(const std::string& expected, net::Time after, net::Time before) {
    EXPECT_EQ(code, expected);
    EXPECT_TRUE(closed);
    EXPECT_GT(errorAt, after);
    EXPECT_LT(errorAt, before);
  }

  // The server crashes at 1 s and reboots at 2 s (then `rebooted` runs); the client writes to
  // it at 3 s.
  void crashRebootThenWrite(
      const std::shared_ptr<net::Socket>& c, std::function<void()> rebooted = [] {}) {
    world.at(1s, [this] { world.crash(server); });
    world.at(2s, [this, rebooted] {
      world.reboot(server);
      rebooted();
    });
    world.at(3s, [c] { c->write("still there?"); });
  }

  sim::World world;
  sim::Node& server = world.node("server");
  sim::Node& client = world.node("client");
  // What the client saw.
  net::Time dataAt{-1}, errorAt{-1};
  std::string code, received;
  bool closed = false;
};

TEST_F(Faults, CrashedPeerFoundByKeepAliveAtComputedTime) {
  start(true, 5s);
  world.at(1s, [&] { world.crash(server); });
  world.run(120s);
  EXPECT_EQ(received, "hello");
  EXPECT_EQ(code, "ETIMEDOUT");
  EXPECT_TRUE(closed);
  // The echo was the last segment heard; after 5 s of silence, 10 probes 1 s apart go
  // unanswered: the connection ends 5 s + 10 s after that segment arrived.
  EXPECT_EQ(errorAt, dataAt + 15s);
}

TEST_F(Faults, CrashedPeerWithoutKeepAliveIsSilentUntilAWrite) {
  auto c = start(false);
  world.at(1s, [&] { world.crash(server); });
  world.at(30s, [&] { c->write("anyone?"); });
  world.run(3600s);
  // Nothing is noticed before the write; then Linux's retransmissions give up at the first
  // timeout past their 924.6 s budget, 926.6 s after it with the RTO at SRTT + 200 ms (exact
  // times per profile: crash_detection_test.cc).
  expectEndedBetween("ETIMEDOUT", net::Time(30s + 926s), net::Time(30s + 927s));
}

TEST_F(Faults, RebootedPeerAnswersWithReset) {
  auto c = start(false);
  crashRebootThenWrite(c);
  world.run(60s);
  EXPECT_EQ(code, "ECONNRESET");
  EXPECT_TRUE(closed);
  // One round trip after the write: the segment out (sent 1 ns after write(), ns-3's send
  // event) and the RST back, two 1 ms hops at 100 Mbit/s. On the wire (PPP 2 + IPv4 20):
  // the data segment carries TCP 20 + timestamps 12 + 12 bytes ("still there?"); the
  // fresh stack's RST is a bare TCP header of 20.
  auto wire = [](int bytes) { return net::Duration(bytes * 8 * 1'000'000'000LL / 100'000'000); };
  EXPECT_EQ(errorAt, net::Time(3s) + 1ns + wire(2 + 20 + 20 + 12 + 12) + 1ms + wire(2 + 20 + 20) + 1ms);
}

// The rebooted server's application listens again on the same port: the old connection's
// segment reaches a listener that does not know it, and is answered with RST all the same.
TEST_F(Faults, RebootedPeerListeningAgainAnswersWithReset) {
  auto c = start(false);
  crashRebootThenWrite(
      c, [this] { server.net().createServer([](std::shared_ptr<net::Socket> s) { s->end(); })->listen(7); });
  world.at(4s, [&] { net::Runtime::reset(server.net()); }); // the new server's work is done
  world.run(60s);
  expectEndedBetween("ECONNRESET", net::Time(3s + 2ms), net::Time(3s + 3ms));
}

TEST_F(Faults, ShortPartitionIsSurvived) {
  auto c = start(true, 2s);
  world.at(1s, [&] { world.partition({&server}); });
  world.at(1500ms, [&] { c->write(" again"); });
  world.at(3s, [&] { world.heal(); });
  world.at(120s, [&] { c->end(); });
  world.run(300s);
  EXPECT_EQ(code, "");
  EXPECT_EQ(received, "hello again");
  EXPECT_TRUE(closed);
}

TEST_F(Faults, LongPartitionTimesOut) {
  auto c = start(true, 2s);
  world.at(1s, [&] { world.partition({&server}); });
  world.at(1500ms, [&] { c->write(" again"); });
  world.at(60s, [&] { world.heal(); });
  world.run(300s);
  EXPECT_EQ(code, "ETIMEDOUT");
  EXPECT_EQ(received, "hello");
  EXPECT_TRUE(closed);
}

} // namespace

// The server closes while a handshake is under way (its SYN-ACK sent, the client's ACK not
// yet in): no crash, and the client, connected, is reset as a closed Linux listener's
// pending connections are.
TEST(ListenerClose, DuringAHandshakeResetsTheClient) {
  sim::World world;
  auto& server = world.node("server");
  auto& client = world.node("client");
  world.link(server, client, {100'000'000, 1ms});
  auto srv = server.net().createServer([](std::shared_ptr<net::Socket>) { ADD_FAILURE() << "accepted"; });
  srv->listen(7);
  std::string code;
  bool connected = false;
  auto c = client.net().connect(7, "server");
  c->on(net::ev::connect, [&] { connected = true; });
  c->on(net::ev::error, [&](const net::Error& e) { code = std::string(e.code()); });
  // The SYN reaches the server after about 1 ms, the client's ACK after about 3 ms.
  world.at(2ms, [&] { srv->close(); });
  world.run(60s);
  EXPECT_TRUE(connected);
  EXPECT_EQ(code, "ECONNRESET");
}
