// A thousand connections open at the same time: every client connects, and only when all
// of them are connected and accepted does any of them send; each gets its own bytes echoed,
// then all close on both ends.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(ManyConnections);

TYPED_TEST(ManyConnections, ThousandConcurrentEchoes) {
  auto& hosts = this->env;
  constexpr int kClients = 1000;
  constexpr std::size_t kMessage = 1000;
  int accepted = 0, open = 0, peakOpen = 0, serverClosed = 0;
  int connected = 0, verified = 0, clientClosed = 0, errors = 0;
  bool released = false;
  std::vector<std::shared_ptr<net::Socket>> clients;
  std::shared_ptr<net::Server> server;

  // Once every client is connected and every connection accepted, all clients send.
  auto release = [&] {
    if (released || connected < kClients || accepted < kClients)
      return;
    released = true;
    EXPECT_EQ(server->connections(), static_cast<std::size_t>(kClients));
    for (int i = 0; i < kClients; ++i)
      clients[static_cast<std::size_t>(i)]->write(pattern(0, kMessage, static_cast<std::uint64_t>(i)));
  };

  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    ++accepted;
    peakOpen = std::max(peakOpen, ++open);
    net::Socket* raw = s.get();
    s->on(net::ev::data, [raw](const net::Buffer& b) { raw->write(b); });
    s->on(net::ev::error, [&](const net::Error& e) {
      ++errors;
      ADD_FAILURE() << "server socket: " << e.what();
    });
    s->on(net::ev::close, [&](bool) {
      --open;
      if (++serverClosed == kClients)
        server->close();
    });
    release();
  });
  net::ListenOptions lo;
  lo.host = hosts.serverAddress();
  lo.backlog = 2 * kClients;
  server->listen(lo, [&] {
    for (int i = 0; i < kClients; ++i) {
      auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
      clients.push_back(c);
      auto check = std::make_shared<PatternCheck>(static_cast<std::uint64_t>(i));
      net::Socket* raw = c.get();
      c->on(net::ev::connect, [&] {
        ++connected;
        release();
      });
      c->on(net::ev::data, [&, check, raw](const net::Buffer& b) {
        check->feed(b);
        if (check->received == kMessage) {
          if (check->mismatches == 0)
            ++verified;
          raw->end();
        }
      });
      c->on(net::ev::error, [&](const net::Error& e) {
        ++errors;
        ADD_FAILURE() << "client: " << e.what();
      });
      c->on(net::ev::close, [&](bool) { ++clientClosed; });
    }
  });
  ASSERT_TRUE(hosts.run(120s));
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(accepted, kClients);
  EXPECT_EQ(peakOpen, kClients);
  EXPECT_EQ(connected, kClients);
  EXPECT_EQ(verified, kClients);
  EXPECT_EQ(clientClosed, kClients);
  EXPECT_EQ(serverClosed, kClients);
  EXPECT_EQ(hosts.client().activeHandles(), 0u);
  EXPECT_EQ(hosts.server().activeHandles(), 0u);
}

} // namespace
} // namespace conformance
