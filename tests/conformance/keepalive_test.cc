// Rule 13: setKeepAlive before connect is remembered and applied on connect, after connect
// applied at once; a peer that answers the probes keeps the connection; setNoDelay likewise.
// (A peer that stops answering needs a backend that can silence a host: failure_test.cc,
// Failure.KeepAliveFindsACrashedPeer.)
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(KeepAlive);

// Every form, before and after connect, on both ends: the exchange still works.
TYPED_TEST(KeepAlive, EveryFormBeforeAndAfterConnect) {
  auto& hosts = this->env;
  Log log;
  std::vector<std::string> echoed;
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    log.call([&] {
      s->setKeepAlive(true, 1s).setNoDelay();
      s->setKeepAlive(); // disable (Node's defaults: enable false)
      s->setKeepAlive(true);
    });
    s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    const int port = server->address().port;
    // Remembered before connect, through the socket...
    auto a = hosts.client().newSocket();
    log.call([&] { a->setKeepAlive(true, 2s).setNoDelay(true); });
    a->connect(port, hosts.serverAddress());
    // ...and through connect options.
    auto b = hosts.client().connect(keepAliveOptionsTo(hosts, port, 1500ms));
    // After connect, and switched off again.
    auto c = hosts.client().connect(port, hosts.serverAddress());
    c->on(net::ev::connect, [&, c] {
      log.call([&] {
        c->setKeepAlive(true, 500ms);
        c->setNoDelay(false);
        c->setKeepAlive(false);
      });
    });
    auto closed = std::make_shared<int>(0);
    for (auto [s, name] : {std::pair{a, "a"}, std::pair{b, "b"}, std::pair{c, "c"}}) {
      std::string n = name;
      record(*s, log, n, false);
      s->on(net::ev::connect, [s, n] { s->write(n); });
      s->on(net::ev::data, [&, s](const net::Buffer& d) {
        echoed.push_back(d.toString());
        s->end();
      });
      s->on(net::ev::close, [&, closed](bool hadError) {
        EXPECT_FALSE(hadError);
        if (++*closed == 3)
          server->close();
      });
    }
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  std::sort(echoed.begin(), echoed.end());
  EXPECT_EQ(echoed, (std::vector<std::string>{"a", "b", "c"}));
}

// An idle connection with keepalive on, past its initial delay: the peer answers the probes,
// so nothing happens; the connection is still there for an exchange.
TYPED_TEST(KeepAlive, AnsweredProbesKeepTheConnection) {
  auto& hosts = this->env;
  Log log;
  std::string echoed;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(keepAliveOptionsTo(hosts, server->address().port, 1s));
    record(*c, log, "client");
    c->on(net::ev::data, [&](const net::Buffer& d) { echoed += d.toString(); });
    c->on(net::ev::connect, [&, c] { hosts.client().setTimeout(2500ms, [c] { c->end("alive"); }); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(echoed, "alive");
  EXPECT_EQ(log.events(),
            (std::vector<std::string>{"client:lookup", "client:connect", "client:data", "client:end", "client:close"}));
}

} // namespace
} // namespace conformance
