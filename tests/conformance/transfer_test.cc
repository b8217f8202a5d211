// Large transfers, every byte checked against a deterministic pattern: 64 MiB each way at
// once, and a stream piped through an echo server that applies backpressure.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Transfer);

constexpr std::uint64_t kLarge = 64ull << 20;

// One end of the exchange below, the same at both: it writes kLarge bytes of its pattern
// with backpressure and ends, checks every byte it receives against the other's pattern, and
// notes what it had received at 'end' and written at 'close', which must come without error.
struct Peer {
  explicit Peer(std::uint64_t receives) : check(receives) {}
  void exchange(net::Socket& s, std::uint64_t sends, std::function<void()> closed) {
    net::Socket* raw = &s;
    writePattern(s, kLarge, sends);
    s.on(net::ev::data, [this](const net::Buffer& b) { check.feed(b); });
    s.on(net::ev::end, [this] { atEnd = check.received; });
    s.on(net::ev::close, [this, raw, closed](bool hadError) {
      EXPECT_FALSE(hadError);
      written = raw->bytesWritten();
      closed();
    });
  }
  PatternCheck check;
  std::uint64_t atEnd = 0, written = 0;
};

// Both ends write 64 MiB (different patterns) with backpressure and end; each checks every
// byte it receives and that 'end' comes after the last one. Both allow half-open
// connections: whichever finishes sending first must not stop the other.
TYPED_TEST(Transfer, SixtyFourMiBEachWayVerified) {
  auto& hosts = this->env;
  Peer atServer(101), atClient(202);
  int closes = 0;
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer(net::ServerOptions{true}, [&](std::shared_ptr<net::Socket> s) {
    atServer.exchange(*s, 202, [&] {
      ++closes;
      server->close();
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    net::ConnectOptions o = optionsTo(hosts, server->address().port);
    o.allowHalfOpen = true;
    atClient.exchange(*hosts.client().connect(o), 101, [&] { ++closes; });
  });
  ASSERT_TRUE(hosts.run(300s));
  EXPECT_EQ(closes, 2);
  EXPECT_EQ(atServer.check.received, kLarge);
  EXPECT_EQ(atClient.check.received, kLarge);
  EXPECT_EQ(atServer.check.mismatches, 0u) << "first at " << atServer.check.firstMismatch;
  EXPECT_EQ(atClient.check.mismatches, 0u) << "first at " << atClient.check.firstMismatch;
  EXPECT_EQ(atServer.atEnd, kLarge);
  EXPECT_EQ(atClient.atEnd, kLarge);
  EXPECT_EQ(atServer.written, kLarge);
  EXPECT_EQ(atClient.written, kLarge);
}

// 16 MiB through an echo server that pauses its reading while its own writes are pending:
// the client gets back exactly what it sent.
TYPED_TEST(Transfer, PipedThroughEchoWithBackpressure) {
  auto& hosts = this->env;
  constexpr std::uint64_t kTotal = 16 << 20;
  PatternCheck back(303);
  std::uint64_t atEnd = 0;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    writePattern(*c, kTotal, 303, true, 10000); // chunks that are no power of two
    c->on(net::ev::data, [&](const net::Buffer& b) { back.feed(b); });
    c->on(net::ev::end, [&] { atEnd = back.received; });
    c->on(net::ev::close, [&](bool hadError) {
      EXPECT_FALSE(hadError);
      server->close();
    });
  });
  ASSERT_TRUE(hosts.run(300s));
  EXPECT_EQ(atEnd, kTotal);
  EXPECT_EQ(back.mismatches, 0u) << "first at " << back.firstMismatch;
}

} // namespace
} // namespace conformance
