// Servers: createServer with and without options, every form of listen, port 0 and
// address(), 'connection', once(), close() with and without a callback (and on a server that
// is not listening), 'close' only after every accepted socket has closed, EADDRINUSE.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Server);

// createServer() with nothing, listeners added afterwards; listen without a callback.
TYPED_TEST(Server, NoOptionsNoListenerThenOn) {
  auto& hosts = this->env;
  Log log;
  auto server = hosts.server().createServer();
  EXPECT_FALSE(server->listening());
  EXPECT_EQ(server->connections(), 0u);
  std::shared_ptr<net::Socket> accepted;
  server->on(net::ev::listening, [&] {
    log.add("listening");
    EXPECT_TRUE(server->listening());
    EXPECT_EQ(server->address().address, hosts.serverAddress());
    EXPECT_EQ(server->address().family, 4);
    EXPECT_NE(server->address().port, 0);
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::connect, [c] { c->end(); });
    c->on(net::ev::close, [&](bool) { log.add("client:close"); });
  });
  server->on(net::ev::connection, [&](std::shared_ptr<net::Socket> s) {
    log.add("connection");
    EXPECT_FALSE(s->allowHalfOpen());
    EXPECT_FALSE(s->connecting());
    EXPECT_EQ(server->connections(), 1u);
    s->on(net::ev::data, [](const net::Buffer&) {});
    s->on(net::ev::close, [&](bool) {
      log.add("socket:close");
      log.call([&] { server->close(); });
    });
  });
  server->on(net::ev::close, [&] {
    log.add("close");
    EXPECT_EQ(server->connections(), 0u);
  });
  log.call([&] { server->listen(0, hosts.serverAddress()); });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.count("listening"), 1u);
  EXPECT_EQ(log.count("connection"), 1u);
  EXPECT_TRUE(log.before("listening", "connection")) << log.str();
  EXPECT_TRUE(log.before("socket:close", "close")) << log.str();
  EXPECT_EQ(log.count("close"), 1u) << log.str();
  EXPECT_FALSE(server->listening());
}

// Options: allowHalfOpen is inherited by every accepted socket.
TYPED_TEST(Server, OptionsAreInherited) {
  auto& hosts = this->env;
  std::vector<bool> halfOpen;
  int closed = 0;
  auto withOption = hosts.server().createServer(net::ServerOptions{true}, [&](std::shared_ptr<net::Socket> s) {
    halfOpen.push_back(s->allowHalfOpen());
    s->on(net::ev::end, [s] { s->end(); });
  });
  auto without = hosts.server().createServer(
      net::ServerOptions{}, [&](std::shared_ptr<net::Socket> s) { halfOpen.push_back(s->allowHalfOpen()); });
  int listening = 0;
  auto go = [&] {
    if (++listening < 2)
      return;
    for (auto* srv : {withOption.get(), without.get()}) {
      auto c = hosts.client().connect(srv->address().port, hosts.serverAddress());
      c->on(net::ev::connect, [c] { c->end(); });
      c->on(net::ev::close, [&](bool) {
        if (++closed == 2) {
          withOption->close();
          without->close();
        }
      });
    }
  };
  withOption->listen(0, hosts.serverAddress(), go);
  without->listen(0, hosts.serverAddress(), go);
  ASSERT_TRUE(hosts.run());
  std::sort(halfOpen.begin(), halfOpen.end());
  EXPECT_EQ(halfOpen, (std::vector<bool>{false, true}));
}

// Every form of listen: (port, cb), (port, host, cb), (port, host, backlog, cb),
// (options, cb), and (options) with a 'listening' listener; each gets a connection.
TYPED_TEST(Server, EveryListenForm) {
  auto& hosts = this->env;
  const std::string host = hosts.serverAddress();
  std::vector<std::shared_ptr<net::Server>> servers;
  std::vector<std::string> served;
  int closed = 0;
  std::vector<std::string> names = {"listen(port)", "listen(port, host)", "listen(port, host, backlog)",
                                    "listen(options)", "listen(options) + on(listening)"};
  for (const auto& name : names) {
    auto srv = hosts.server().createServer([&, name](std::shared_ptr<net::Socket> s) {
      served.push_back(name);
      s->on(net::ev::data, [](const net::Buffer&) {});
    });
    servers.push_back(srv);
  }
  auto connectTo = [&](net::Server* srv) {
    auto c = hosts.client().connect(srv->address().port, host);
    c->on(net::ev::connect, [c] { c->end(); });
    c->on(net::ev::close, [&](bool hadError) {
      EXPECT_FALSE(hadError);
      if (++closed == 5)
        for (auto& s : servers)
          s->close();
    });
  };
  auto* s0 = servers[0].get();
  auto* s1 = servers[1].get();
  auto* s2 = servers[2].get();
  auto* s3 = servers[3].get();
  auto* s4 = servers[4].get();
  s0->listen(0, [&, s0] {
    EXPECT_NE(s0->address().port, 0);
    connectTo(s0); // every address, 127.0.0.1 among them
  });
  s1->listen(0, host, [&, s1] {
    EXPECT_EQ(s1->address().address, host);
    connectTo(s1);
  });
  s2->listen(0, host, 16, [&, s2] {
    EXPECT_EQ(s2->address().address, host);
    connectTo(s2);
  });
  net::ListenOptions lo;
  lo.port = 0;
  lo.host = host;
  lo.backlog = 8;
  s3->listen(lo, [&, s3] {
    EXPECT_EQ(s3->address().address, host);
    connectTo(s3);
  });
  s4->on(net::ev::listening, [&, s4] { connectTo(s4); });
  s4->listen(lo);
  ASSERT_TRUE(hosts.run());
  std::sort(served.begin(), served.end());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(served, names);
  // Port 0 gave five different free ports.
  std::vector<int> ports;
  for (auto& s : servers)
    ports.push_back(s->address().port);
  std::sort(ports.begin(), ports.end());
  EXPECT_EQ(std::unique(ports.begin(), ports.end()), ports.end());
}

// A host name to listen on is resolved first.
TYPED_TEST(Server, ListenOnHostName) {
  auto& hosts = this->env;
  std::string echoed;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverName(), [&] {
    EXPECT_FALSE(server->address().address.empty());
    EXPECT_NE(server->address().port, 0);
    auto c = hosts.client().connect(server->address().port, hosts.serverName());
    c->on(net::ev::connect, [c] { c->end("named"); });
    c->on(net::ev::data, [&](const net::Buffer& b) { echoed += b.toString(); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(echoed, "named");
}

// A host name to listen on that does not resolve: 'error' ENOTFOUND, never 'listening'.
TYPED_TEST(Server, ListenOnUnresolvableName) {
  auto& hosts = this->env;
  Log log;
  auto server = hosts.server().createServer();
  server->on(net::ev::listening, [&] { log.add("listening"); });
  server->on(net::ev::error, [&](const net::Error& e) {
    log.add("error:" + std::string(e.code()));
    server->close([&](const net::MaybeError& ce) { log.add("close-cb:" + codeOf(ce)); });
  });
  log.call([&] { server->listen(0, "no-such-host.invalid"); });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"error:ENOTFOUND", "close-cb:ERR_SERVER_NOT_RUNNING"}));
}

// close(cb): stops accepting at once (a new connection is refused), but 'close' and the
// callback wait for the accepted socket to close.
TYPED_TEST(Server, CloseWaitsForAcceptedSockets) {
  auto& hosts = this->env;
  Log log;
  net::MaybeError cbErr{net::Error{}};
  std::shared_ptr<net::Socket> first;
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    log.add("connection");
    record(*s, log, "accepted", false);
    log.call([&] {
      server->close([&](const net::MaybeError& e) {
        log.add("close-cb");
        cbErr = e;
      });
    });
    EXPECT_FALSE(server->listening());
    EXPECT_EQ(server->connections(), 1u);
    // A second client now finds nobody listening.
    auto late = recordedClient(hosts, server->address().port, log, "late");
    late->on(net::ev::close, [&](bool) {
      // Only now does the first client end; the accepted socket follows.
      log.add("first ends");
      first->end();
    });
  });
  server->on(net::ev::close, [&] { log.add("server:close"); });
  server->listen(0, hosts.serverAddress(), [&] {
    first = hosts.client().connect(server->address().port, hosts.serverAddress());
    first->on(net::ev::close, [&](bool) { first.reset(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_FALSE(cbErr);
  EXPECT_TRUE(log.has("late:error:ECONNREFUSED")) << log.str();
  EXPECT_TRUE(log.before("first ends", "accepted:close")) << log.str();
  EXPECT_TRUE(log.before("accepted:close", "close-cb")) << log.str();
  EXPECT_EQ(log.count("server:close"), 1u) << log.str();
  EXPECT_EQ(log.count("close-cb"), 1u) << log.str();
  EXPECT_EQ(log.count("connection"), 1u) << log.str();
}

// close() without a callback: 'close' to the listeners; a second close() is not running.
TYPED_TEST(Server, CloseWithoutCallbackThenAgain) {
  auto& hosts = this->env;
  Log log;
  std::string second;
  auto server = hosts.server().createServer();
  server->on(net::ev::close, [&] { log.add("close"); });
  server->listen(0, hosts.serverAddress(), [&] {
    log.call([&] {
      server->close();
      server->close([&](const net::MaybeError& e) {
        log.add("second-cb");
        second = codeOf(e);
      });
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.count("close"), 1u) << log.str();
  EXPECT_EQ(second, "ERR_SERVER_NOT_RUNNING");
}

// Closing a server that never listened: the callback gets ERR_SERVER_NOT_RUNNING, from the
// loop, and the server emits its one 'close'.
TYPED_TEST(Server, CloseNotListeningIsNotRunning) {
  auto& hosts = this->env;
  Log log;
  net::MaybeError err;
  auto server = hosts.server().createServer();
  server->on(net::ev::close, [&] { log.add("close"); });
  log.call([&] {
    server->close();
    server->close([&](const net::MaybeError& e) {
      log.add("cb");
      err = e;
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  // Node emits 'close' for a server that is not running too (the callback is a 'close'
  // listener that gets ERR_SERVER_NOT_RUNNING); netbed emits it once, where Node emits it
  // for every close() call.
  EXPECT_EQ(log.events(), (std::vector<std::string>{"close", "cb"}));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->errc, net::Errc::ServerNotRunning);
  EXPECT_EQ(err->code(), "ERR_SERVER_NOT_RUNNING");
}

// listen() then close() at once: no 'listening', one 'close'.
TYPED_TEST(Server, CloseBeforeListeningEvent) {
  auto& hosts = this->env;
  Log log;
  auto server = hosts.server().createServer();
  server->on(net::ev::listening, [&] { log.add("listening"); });
  server->on(net::ev::close, [&] { log.add("close"); });
  server->listen(0, hosts.serverAddress());
  server->close();
  auto named = hosts.server().createServer();
  named->on(net::ev::listening, [&] { log.add("named:listening"); });
  named->on(net::ev::close, [&] { log.add("named:close"); });
  named->listen(0, hosts.serverName()); // still resolving
  named->close();
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.count("close"), 1u) << log.str();
  EXPECT_EQ(log.count("named:close"), 1u) << log.str();
  EXPECT_FALSE(log.has("listening")) << log.str();
  EXPECT_FALSE(log.has("named:listening")) << log.str();
}

// Two servers on one port: the second gets 'error' EADDRINUSE from the loop, never listens,
// and has nothing to close.
TYPED_TEST(Server, AddressInUse) {
  auto& hosts = this->env;
  Log log;
  net::Error error;
  auto first = hosts.server().createServer();
  auto second = hosts.server().createServer();
  second->on(net::ev::listening, [&] { log.add("second:listening"); });
  second->on(net::ev::close, [&] { log.add("second:close"); });
  second->on(net::ev::error, [&](const net::Error& e) {
    log.add("second:error:" + std::string(e.code()));
    error = e;
    EXPECT_FALSE(second->listening());
    second->close([&](const net::MaybeError& ce) { log.add("second:close-cb:" + codeOf(ce)); });
    first->close([&](const net::MaybeError& ce) { log.add("first:close-cb:" + codeOf(ce)); });
  });
  first->listen(0, hosts.serverAddress(),
                [&] { log.call([&] { second->listen(first->address().port, hosts.serverAddress()); }); });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  // Closing the server whose listen failed emits its 'close' (Node), the callback after it.
  EXPECT_EQ(log.events(), (std::vector<std::string>{"second:error:EADDRINUSE", "second:close",
                                                    "second:close-cb:ERR_SERVER_NOT_RUNNING", "first:close-cb:none"}));
  EXPECT_FALSE(error.message.empty());
}

// once('connection') sees only the first; on() sees all, in registration order.
TYPED_TEST(Server, OnceAndOrderOfListeners) {
  auto& hosts = this->env;
  Log log;
  auto server = hosts.server().createServer();
  server->on(net::ev::connection, [&](std::shared_ptr<net::Socket>) { log.add("on-1"); });
  server->once(net::ev::connection, [&](std::shared_ptr<net::Socket>) { log.add("once"); });
  server->on(net::ev::connection, [&](std::shared_ptr<net::Socket> s) {
    log.add("on-2");
    s->end();
  });
  server->once(net::ev::listening, [&] { log.add("listening-once"); });
  // Two clients, one after the other: the second connects when the first has closed.
  int closed = 0;
  std::function<void()> next = [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::close, [&](bool) {
      if (++closed == 2)
        server->close();
      else
        next();
    });
  };
  server->on(net::ev::listening, [&] { next(); });
  server->listen(0, hosts.serverAddress());
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.events(), (std::vector<std::string>{"listening-once", "on-1", "once", "on-2", "on-1", "on-2"}));
}

} // namespace
} // namespace conformance
