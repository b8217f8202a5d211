// Handles and their lifetime: the context keeps active handles alive when the application
// drops them, releases listeners after 'close' (cycles through captured handles break), and
// 'close' is exactly once and last (rule 9) whatever is called around it; destroy() twice is
// harmless (rule 10). Also the Observer, activeHandles() and Context::reset().
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Lifetime);

// The application keeps no shared_ptr at all: the context keeps what is active.
TYPED_TEST(Lifetime, DroppedHandlesStayAliveWhileActive) {
  auto& hosts = this->env;
  std::string echoed;
  std::weak_ptr<net::Server> server;
  std::weak_ptr<net::Socket> client, accepted;
  {
    auto s = echoServer(hosts.server());
    server = s;
    s->on(net::ev::connection, [&](std::shared_ptr<net::Socket> a) { accepted = a; });
    net::Server* raw = s.get();
    s->listen(0, hosts.serverAddress(), [&, raw] {
      auto c = hosts.client().connect(raw->address().port, hosts.serverAddress());
      client = c;
      net::Socket* rc = c.get();
      c->on(net::ev::connect, [rc] { rc->end("kept alive"); });
      c->on(net::ev::data, [&](const net::Buffer& b) { echoed += b.toString(); });
      c->on(net::ev::close, [raw](bool) { raw->close(); });
    });
  }
  EXPECT_FALSE(server.expired());
  EXPECT_EQ(hosts.server().activeHandles(), 1u);
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(echoed, "kept alive");
  EXPECT_TRUE(server.expired());
  EXPECT_TRUE(client.expired());
  EXPECT_TRUE(accepted.expired());
  EXPECT_EQ(hosts.server().activeHandles(), 0u);
  EXPECT_EQ(hosts.client().activeHandles(), 0u);
}

// Listeners that capture their own handle form cycles; 'close' releases the listeners and
// with them the handles.
TYPED_TEST(Lifetime, ListenerCyclesAreReleasedAfterClose) {
  auto& hosts = this->env;
  std::weak_ptr<net::Server> server;
  std::weak_ptr<net::Socket> client, accepted;
  std::size_t clientActive = 0, serverActive = 0;
  {
    auto s = hosts.server().createServer();
    server = s;
    s->on(net::ev::connection, [&, s](std::shared_ptr<net::Socket> a) {
      accepted = a;
      a->on(net::ev::data, [a](const net::Buffer& b) { a->write(b); });
      a->on(net::ev::close, [a, s](bool) { s->close(); });
    });
    s->on(net::ev::close, [s] {});
    s->listen(0, hosts.serverAddress(), [&, s] {
      auto c = hosts.client().connect(s->address().port, hosts.serverAddress());
      client = c;
      c->on(net::ev::connect, [c] { c->write("x"); });
      c->on(net::ev::data, [&, c](const net::Buffer&) {
        clientActive = hosts.client().activeHandles();
        serverActive = hosts.server().activeHandles();
        c->end();
      });
      c->on(net::ev::close, [c](bool) {});
    });
  }
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(clientActive, 1u); // the client socket
  EXPECT_EQ(serverActive, 2u); // the server and its accepted socket
  EXPECT_TRUE(server.expired());
  EXPECT_TRUE(client.expired());
  EXPECT_TRUE(accepted.expired());
}

// Timers that capture their own handle are released once they have fired or been cleared.
TYPED_TEST(Lifetime, TimerCyclesAreReleased) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  auto token = std::make_shared<int>(0);
  std::weak_ptr<int> fired = token, cleared = token, interval = token;
  {
    auto t1 = std::make_shared<net::Timer>();
    *t1 = ctx.setTimeout(1ms, [t1, token] {});
    auto t2 = std::make_shared<net::Timer>();
    *t2 = ctx.setTimeout(1h, [t2, token] {});
    t2->cancel();
    auto t3 = std::make_shared<net::Timer>();
    *t3 = ctx.setInterval(1ms, [t3, token, n = 0]() mutable {
      if (++n == 3)
        t3->cancel();
    });
  }
  token.reset();
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(fired.expired() && cleared.expired() && interval.expired());
}

// close once and last, whatever the application calls around it: destroy() twice, and every
// method after 'close'.
TYPED_TEST(Lifetime, CallsAroundCloseAreHarmless) {
  auto& hosts = this->env;
  Log log;
  auto server = echoServer(hosts.server());
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      log.call([&] {
        c->destroy();
        c->destroy();
        c->end("no");
      });
    });
    c->on(net::ev::close, [&, c](bool) {
      log.call([&] {
        c->destroy();
        c->end();
        c->end("data", [&] { log.add("end-cb"); });
        c->pause();
        c->resume();
        c->setTimeout(1ms);
        c->setKeepAlive(true, 1s);
        c->setNoDelay();
        EXPECT_FALSE(c->write("x"));
        c->on(net::ev::data, [&](const net::Buffer&) { log.add("late data listener"); });
      });
      hosts.client().setTimeout(20ms, [&] { server->close(); });
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:connect", "client:close"}));
}

// destroy() from a 'data' listener: no more 'data', 'close' once, without error.
TYPED_TEST(Lifetime, DestroyInsideDataListener) {
  auto& hosts = this->env;
  Log log;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    writePattern(*s, 4 << 20, 1);
    s->on(net::ev::error, [](const net::Error&) {}); // reset or broken pipe: either is fine
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::data, [&, c](const net::Buffer&) {
      log.add("data");
      c->destroy();
    });
    c->on(net::ev::end, [&] { log.add("end"); });
    c->on(net::ev::close, [&](bool hadError) { log.add(hadError ? "close!" : "close"); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.events(), (std::vector<std::string>{"data", "close"}));
}

// What an Observer sees is what the listeners see: the same events, in the same order, with
// the chunk sizes and the peer.
TYPED_TEST(Lifetime, ObserverSeesEveryEvent) {
  auto& hosts = this->env;
  struct Seen : net::Observer {
    std::vector<std::string> events;
    std::uint64_t bytes = 0;
    net::Time last{0};
    bool ordered = true;
    int connectPeerPort = -1;
    void onEvent(const net::EventRecord& r) override {
      events.push_back(std::string(r.kind) + ":" + std::string(r.ev));
      if (r.ev == "data")
        bytes += r.bytes;
      if (r.ev == "connect" && r.peer)
        connectPeerPort = r.peer->port;
      ordered = ordered && r.t >= last;
      last = r.t;
    }
  } seen;
  this->clientChecks.forward(&seen);
  std::vector<std::string> heard;
  std::uint64_t bytesRead = 0;
  int port = 0;
  auto server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    writePattern(*s, 1 << 20, 2);
    s->on(net::ev::data, [](const net::Buffer&) {});
  });
  server->listen(0, hosts.serverAddress(), [&] {
    port = server->address().port;
    auto c = hosts.client().connect(port, hosts.serverAddress());
    c->on(net::ev::lookup, [&](const net::MaybeError&, const std::string&, int) { heard.push_back("socket:lookup"); });
    c->on(net::ev::connect, [&] { heard.push_back("socket:connect"); });
    c->on(net::ev::data, [&](const net::Buffer&) { heard.push_back("socket:data"); });
    c->on(net::ev::end, [&] { heard.push_back("socket:end"); });
    c->on(net::ev::close, [&, c](bool) {
      heard.push_back("socket:close");
      bytesRead = c->bytesRead();
      server->close();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(seen.events, heard);
  EXPECT_EQ(seen.bytes, 1u << 20);
  EXPECT_EQ(bytesRead, 1u << 20);
  EXPECT_EQ(seen.connectPeerPort, port);
  EXPECT_TRUE(seen.ordered);
}

// A host that vanishes (Context::reset, here called from the other host): no event of its
// handles and timers ever runs again; its peer sees the connection go.
TYPED_TEST(Lifetime, ResetEmitsNothingAndThePeerSeesTheConnectionGo) {
  auto& hosts = this->env;
  Log log;
  std::size_t clientEventsAtReset = 0;
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    record(*s, log, "server");
    s->on(net::ev::close, [&](bool) { server->close(); });
    hosts.server().setTimeout(50ms, [&] {
      log.add("reset");
      clientEventsAtReset = this->clientChecks.events();
      net::Runtime::reset(hosts.client());
      EXPECT_EQ(hosts.client().activeHandles(), 0u);
    });
  });
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->setTimeout(100ms);
    c->on(net::ev::connect, [c] { c->write("hello"); });
    hosts.client().setTimeout(150ms, [&] { log.add("client timer"); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(this->clientChecks.events(), clientEventsAtReset);
  EXPECT_FALSE(log.has("client timer")) << log.str();
  EXPECT_FALSE(log.has("client:close")) << log.str();
  EXPECT_TRUE(log.before("reset", "server:close")) << log.str();
  EXPECT_EQ(log.count("server:close"), 1u) << log.str();
}

// A host that vanishes while one of its servers is still resolving the name to listen on:
// the listen never happens (no socket is left bound on a host that is gone) and nothing is
// emitted. The same from inside an error listener of another server, as a script that exits
// on its first uncaught error does.
TYPED_TEST(Lifetime, ResetWhileAServerResolvesItsHost) {
  auto& hosts = this->env;
  Log log;
  auto recordServer = [&log](net::Server& srv, const std::string& who) {
    srv.on(net::ev::listening, [&log, who] { log.add(who + ":listening"); });
    srv.on(net::ev::error, [&log, who](const net::Error& e) { log.add(who + ":error " + std::string(e.code())); });
    srv.on(net::ev::close, [&log, who] { log.add(who + ":close"); });
  };
  auto server = hosts.server().createServer();
  recordServer(*server, "server");
  server->listen(0, hosts.serverName());
  EXPECT_TRUE(server->address().address.empty()); // still resolving
  net::Runtime::reset(hosts.server());
  ASSERT_TRUE(hosts.run(10s)) << log.str(); // idle: no listener keeps the host busy
  EXPECT_FALSE(server->listening());
  EXPECT_TRUE(log.events().empty()) << log.str();

  auto taken = hosts.server().createServer();
  taken->listen(0, hosts.serverAddress(), [&] {
    auto first = hosts.server().createServer(), second = hosts.server().createServer();
    recordServer(*second, "second");
    first->on(net::ev::error, [&, second](const net::Error&) {
      log.add("first:error");
      second->listen(taken->address().port, hosts.serverName());
      net::Runtime::reset(hosts.server());
    });
    first->listen(taken->address().port, hosts.serverAddress());
  });
  ASSERT_TRUE(hosts.run(10s)) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"first:error"}));
}

// A host may also vanish from inside one of its own callbacks (an application that calls
// reset() from a listener or a timer): the call returns normally and nothing more runs.
TYPED_TEST(Lifetime, ResetFromInsideOwnCallbacks) {
  auto& hosts = this->env;
  Log log;
  std::shared_ptr<net::Server> server;
  int serverClosed = 0;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [](const net::Buffer&) {});
    s->on(net::ev::error, [](const net::Error&) {});
    s->on(net::ev::close, [&](bool) {
      ++serverClosed;
      server->close();
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    // From a 'connect' listener that holds its socket...
    auto a = hosts.client().connect(server->address().port, hosts.serverAddress());
    a->on(net::ev::connect, [&, a] {
      log.add("a:connect");
      a->write("a");
      net::Runtime::reset(hosts.client());
      log.add("a:reset returned");
    });
    a->on(net::ev::connect, [&] { log.add("a:second listener"); });
    a->on(net::ev::close, [&](bool) { log.add("a:close"); });
  });
  ASSERT_TRUE(hosts.run(10s)) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"a:connect", "a:reset returned"}));
  // ...and from a timer and a 'data' listener of a new set of handles on the same context.
  ASSERT_EQ(serverClosed, 1);
  Log log2;
  auto server2 = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    s->write("data");
    s->on(net::ev::error, [](const net::Error&) {});
    s->on(net::ev::close, [&](bool) {
      if (++serverClosed == 3) {
        log2.add("server sockets closed");
      }
    });
  });
  server2->listen(0, hosts.serverAddress(), [&] {
    auto b = hosts.client().connect(server2->address().port, hosts.serverAddress());
    b->on(net::ev::data, [&, b](const net::Buffer&) {
      log2.add("b:data");
      net::Runtime::reset(hosts.client());
      log2.add("b:reset returned");
      // Then from a timer, which captures its own timer handle.
      auto c = hosts.client().connect(server2->address().port, hosts.serverAddress());
      c->on(net::ev::connect, [&] {
        auto t = std::make_shared<net::Timer>();
        *t = hosts.client().setInterval(1ms, [&, t] {
          log2.add("timer");
          net::Runtime::reset(hosts.client());
          log2.add("timer reset returned");
        });
      });
    });
  });
  hosts.server().setTimeout(500ms, [&] { server2->close(); });
  ASSERT_TRUE(hosts.run(10s)) << log2.str();
  EXPECT_EQ(log2.events(), (std::vector<std::string>{"b:data", "b:reset returned", "timer", "timer reset returned",
                                                     "server sockets closed"}));
}

} // namespace
} // namespace conformance
