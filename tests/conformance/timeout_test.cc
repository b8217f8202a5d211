// Rule 12: setTimeout(ms[, cb]) is a one-shot idle timer, restarted by reads and writes;
// 0 disables it; 'timeout' does not close the socket. Times are checked as lower bounds and
// orderings on the context's own clock, never as exact values.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Timeout);

// The idle timer fires once after the idle time, and the socket stays open and usable.
TYPED_TEST(Timeout, FiresOnceAndDoesNotClose) {
  auto& hosts = this->env;
  Log log;
  net::Time armed{0}, fired{0};
  std::string echoed;
  auto server = echoServer(hosts.server());
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::data, [&](const net::Buffer& b) { echoed += b.toString(); });
    c->on(net::ev::connect, [&, c] {
      armed = hosts.client().now();
      log.call([&] { c->setTimeout(100ms); });
    });
    c->on(net::ev::timeout, [&, c] {
      fired = hosts.client().now();
      EXPECT_FALSE(c->destroyed());
      EXPECT_TRUE(c->writable());
      // Wait three more idle periods: a one-shot timer does not fire again by itself.
      hosts.client().setTimeout(300ms, [c] { c->end("still open"); });
    });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.count("client:timeout"), 1u) << log.str();
  EXPECT_GE(fired - armed, 100ms);
  EXPECT_EQ(echoed, "still open");
  EXPECT_TRUE(log.before("client:timeout", "client:data")) << log.str();
  EXPECT_EQ(log.events().back(), "client:close") << log.str();
}

// Reading restarts the timer: the peer sends a byte every 50 ms for 10 times; an idle time of
// 300 ms never passes until the last one.
TYPED_TEST(Timeout, ReadsRestartTheTimer) {
  auto& hosts = this->env;
  Log log;
  net::Time lastData{0}, fired{0};
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    auto n = std::make_shared<int>(0);
    auto t = std::make_shared<net::Timer>();
    *t = hosts.server().setInterval(50ms, [s, n, t] {
      s->write("p");
      if (++*n == 10)
        t->cancel();
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = recordedClient(hosts, server->address().port, log, "client", false);
    c->setTimeout(300ms);
    c->on(net::ev::data, [&](const net::Buffer& b) {
      for (std::size_t i = 0; i < b.size(); ++i)
        log.add("ping");
      lastData = hosts.client().now();
    });
    c->on(net::ev::timeout, [&, c] {
      fired = hosts.client().now();
      c->end();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.count("ping"), 10u) << log.str();
  EXPECT_EQ(log.count("client:timeout"), 1u) << log.str();
  EXPECT_GT(log.index("client:timeout"), log.lastIndex("ping")) << log.str();
  EXPECT_GE(fired - lastData, 299ms);
}

// Writing restarts the timer too (the peer never answers).
TYPED_TEST(Timeout, WritesRestartTheTimer) {
  auto& hosts = this->env;
  Log log;
  auto server = silentServer(hosts.server());
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      c->setTimeout(300ms);
      auto n = std::make_shared<int>(0);
      auto t = std::make_shared<net::Timer>();
      *t = hosts.client().setInterval(50ms, [&log, c, n, t] {
        log.add("write");
        c->write("w");
        if (++*n == 10)
          t->cancel();
      });
    });
    c->on(net::ev::timeout, [c] { c->end(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.count("write"), 10u) << log.str();
  EXPECT_EQ(log.count("client:timeout"), 1u) << log.str();
  EXPECT_GT(log.index("client:timeout"), log.lastIndex("write")) << log.str();
}

// setTimeout(0) disables the timer.
TYPED_TEST(Timeout, ZeroDisables) {
  auto& hosts = this->env;
  Log log;
  auto server = echoServer(hosts.server());
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->setTimeout(50ms);
    c->on(net::ev::connect, [&, c] {
      c->setTimeout(100ms);
      c->setTimeout(0ms);
      hosts.client().setTimeout(300ms, [c] { c->end(); });
    });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_FALSE(log.has("client:timeout")) << log.str();
}

// The callback form adds a one-time 'timeout' listener: after activity re-arms the timer, the
// second 'timeout' reaches the listeners but not the callback.
TYPED_TEST(Timeout, CallbackIsAOnceListener) {
  auto& hosts = this->env;
  Log log;
  auto server = silentServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::connect, [&, c] { log.call([&] { c->setTimeout(50ms, [&] { log.add("cb"); }); }); });
    c->on(net::ev::timeout, [&, c, n = 0]() mutable {
      log.add("listener");
      if (++n == 1)
        c->write("activity"); // re-arms
      else
        c->end();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  // The listener was added before the callback: listeners run in the order they were added.
  EXPECT_EQ(log.events(), (std::vector<std::string>{"listener", "cb", "listener"}));
}

// On an accepted socket, the application decides what a timeout means: here, end().
TYPED_TEST(Timeout, ServerEndsIdleConnection) {
  auto& hosts = this->env;
  Log log;
  net::Time accepted{0}, fired{0};
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    accepted = hosts.server().now();
    record(*s, log, "server");
    s->setTimeout(100ms, [&, s] {
      fired = hosts.server().now();
      s->end("bye");
    });
  });
  server->listen(0, hosts.serverAddress(), [&] { recordedClient(hosts, server->address().port, log); });
  ASSERT_TRUE(hosts.run());
  EXPECT_GE(fired - accepted, 100ms);
  EXPECT_TRUE(log.before("server:timeout", "client:data")) << log.str();
  EXPECT_TRUE(log.before("client:end", "client:close")) << log.str();
  EXPECT_TRUE(log.before("server:end", "server:close")) << log.str();
}

// Set before connect: remembered, and fires on the connected socket; a destroyed socket
// never times out.
TYPED_TEST(Timeout, SetBeforeConnectAndCancelledByDestroy) {
  auto& hosts = this->env;
  Log log;
  net::Time start{0}, fired{0};
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    start = hosts.client().now();
    auto c1 = hosts.client().newSocket();
    record(*c1, log, "c1");
    c1->setTimeout(100ms, [&, c1] {
      fired = hosts.client().now();
      c1->end();
    });
    c1->connect(server->address().port, hosts.serverAddress());
    auto c2 = recordedClient(hosts, server->address().port, log, "c2");
    c2->setTimeout(50ms);
    c2->on(net::ev::connect, [c2] { c2->destroy(); });
    auto closed = std::make_shared<int>(0);
    auto onClose = [&server, closed](bool) {
      if (++*closed == 2)
        server->close();
    };
    c1->on(net::ev::close, onClose);
    // c2 closes long before c1 times out: keep a timer running past its idle time.
    c2->on(net::ev::close, [&, onClose](bool e) { hosts.client().setTimeout(100ms, [onClose, e] { onClose(e); }); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.has("c1:timeout")) << log.str();
  EXPECT_FALSE(log.has("c2:timeout")) << log.str();
  EXPECT_GE(fired - start, 100ms);
}

} // namespace
} // namespace conformance
