// Large transfers, every byte checked against a deterministic pattern: 64 MiB each way at
// once, and a stream piped through an echo server that applies backpressure.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

template <class Env> using Transfer = Suite<Env>;
TYPED_TEST_SUITE(Transfer, Backends, EnvName);

constexpr std::uint64_t kLarge = 64ull << 20;

// Both ends write 64 MiB (different patterns) with backpressure and end; each checks every
// byte it receives and that 'end' comes after the last one. Both allow half-open
// connections: whichever finishes sending first must not stop the other.
TYPED_TEST(Transfer, SixtyFourMiBEachWayVerified) {
  auto& hosts = this->env;
  PatternCheck atServer(101), atClient(202);
  std::uint64_t serverAtEnd = 0, clientAtEnd = 0, serverWritten = 0, clientWritten = 0;
  int closes = 0;
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer(net::ServerOptions{true}, [&](std::shared_ptr<net::Socket> s) {
    net::Socket* raw = s.get();
    writePattern(*s, kLarge, 202);
    s->on(net::ev::data, [&](const net::Buffer& b) { atServer.feed(b); });
    s->on(net::ev::end, [&] { serverAtEnd = atServer.received; });
    s->on(net::ev::close, [&, raw](bool hadError) {
      EXPECT_FALSE(hadError);
      serverWritten = raw->bytesWritten();
      ++closes;
      server->close();
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    net::ConnectOptions o;
    o.port = server->address().port;
    o.host = hosts.serverAddress();
    o.allowHalfOpen = true;
    auto c = hosts.client().connect(o);
    net::Socket* raw = c.get();
    writePattern(*c, kLarge, 101);
    c->on(net::ev::data, [&](const net::Buffer& b) { atClient.feed(b); });
    c->on(net::ev::end, [&] { clientAtEnd = atClient.received; });
    c->on(net::ev::close, [&, raw](bool hadError) {
      EXPECT_FALSE(hadError);
      clientWritten = raw->bytesWritten();
      ++closes;
    });
  });
  ASSERT_TRUE(hosts.run(300s));
  EXPECT_EQ(closes, 2);
  EXPECT_EQ(atServer.received, kLarge);
  EXPECT_EQ(atClient.received, kLarge);
  EXPECT_EQ(atServer.mismatches, 0u) << "first at " << atServer.firstMismatch;
  EXPECT_EQ(atClient.mismatches, 0u) << "first at " << atClient.firstMismatch;
  EXPECT_EQ(serverAtEnd, kLarge);
  EXPECT_EQ(clientAtEnd, kLarge);
  EXPECT_EQ(serverWritten, kLarge);
  EXPECT_EQ(clientWritten, kLarge);
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
