// Opening connections: every form of connect/createConnection and Socket::connect, the
// connect callback, the socket's addresses, writes and end() queued before the connection
// exists (rule 4), and refused connections (rule 3).
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Connect);

TYPED_TEST(Connect, OptionsFormReportsAddressesAndConnecting) {
  auto& hosts = this->env;
  Log log;
  auto server = echoServer(hosts.server());
  net::Address acceptedRemote, acceptedLocal, clientLocal;
  server->on(net::ev::connection, [&](std::shared_ptr<net::Socket> s) {
    acceptedRemote = s->remote();
    acceptedLocal = s->local();
  });
  server->listen(0, hosts.serverAddress(), [&] {
    net::ConnectOptions o = optionsTo(hosts, server->address().port);
    auto c = log.call([&] { return hosts.client().connect(o, [&] { log.add("cb"); }); });
    EXPECT_TRUE(c->connecting());
    EXPECT_FALSE(c->destroyed());
    record(*c, log, "client");
    c->on(net::ev::connect, [&, c] {
      EXPECT_FALSE(c->connecting());
      EXPECT_TRUE(c->writable());
      EXPECT_TRUE(c->readable());
      EXPECT_EQ(c->remoteAddress(), hosts.serverAddress());
      EXPECT_EQ(c->remotePort(), server->address().port);
      EXPECT_EQ(c->remote().family, 4);
      EXPECT_EQ(c->local().family, 4);
      EXPECT_NE(c->local().port, 0);
      clientLocal = c->local();
      c->end("x");
    });
    c->on(net::ev::close, [&, c](bool) {
      EXPECT_TRUE(c->destroyed());
      EXPECT_FALSE(c->writable());
      server->close();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  // The connect callback is a 'connect' listener registered first: it runs first, once.
  EXPECT_EQ(log.count("cb"), 1u);
  EXPECT_TRUE(log.before("client:lookup", "cb")) << log.str();
  EXPECT_TRUE(log.before("cb", "client:connect")) << log.str();
  EXPECT_TRUE(log.before("client:data", "client:end")) << log.str();
  EXPECT_EQ(log.events().back(), "client:close") << log.str();
  // Each end sees the other's address.
  EXPECT_EQ(acceptedRemote.port, clientLocal.port);
  EXPECT_EQ(acceptedRemote.address, clientLocal.address);
  EXPECT_EQ(acceptedLocal.port, server->address().port);
  EXPECT_EQ(acceptedLocal.address, hosts.serverAddress());
}

// Nine ways to open a connection: the three Context::connect forms, the three
// createConnection forms and the three Socket::connect forms. The forms without a host go to
// "localhost", the client's own host, so a second server listens there.
TYPED_TEST(Connect, EveryConnectForm) {
  auto& hosts = this->env;
  std::vector<std::string> got; // what each server received
  int connected = 0, closed = 0;
  int remoteCount = 0, localCount = 0;
  auto remoteServer = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    ++remoteCount;
    s->on(net::ev::data, [&](const net::Buffer& b) { got.push_back(b.toString()); });
  });
  auto localServer = hosts.client().createServer([&](std::shared_ptr<net::Socket> s) {
    ++localCount;
    s->on(net::ev::data, [&](const net::Buffer& b) { got.push_back(b.toString()); });
  });
  int listening = 0;
  std::function<void()> go = [&] {
    if (++listening < 2)
      return;
    int rp = remoteServer->address().port, lp = localServer->address().port;
    std::string host = hosts.serverAddress();
    net::ConnectOptions ro = optionsTo(hosts, rp);
    net::Context& ctx = hosts.client();
    std::vector<std::pair<std::string, std::function<std::shared_ptr<net::Socket>(net::Callback)>>> forms = {
        {"connect(options)", [&](net::Callback cb) { return ctx.connect(ro, cb); }},
        {"connect(port, host)", [&](net::Callback cb) { return ctx.connect(rp, host, cb); }},
        {"connect(port)", [&](net::Callback cb) { return ctx.connect(lp, cb); }},
        {"createConnection(options)", [&](net::Callback cb) { return ctx.createConnection(ro, cb); }},
        {"createConnection(port, host)", [&](net::Callback cb) { return ctx.createConnection(rp, host, cb); }},
        {"createConnection(port)", [&](net::Callback cb) { return ctx.createConnection(lp, cb); }},
        {"Socket::connect(options)",
         [&](net::Callback cb) {
           auto s = ctx.newSocket();
           s->connect(ro, cb);
           return s;
         }},
        {"Socket::connect(port, host)",
         [&](net::Callback cb) {
           auto s = ctx.newSocket();
           s->connect(rp, host, cb);
           return s;
         }},
        {"Socket::connect(port)",
         [&](net::Callback cb) {
           auto s = ctx.newSocket();
           s->connect(lp, cb);
           return s;
         }},
    };
    for (auto& [name, open] : forms) {
      std::string n = name;
      auto raw = std::make_shared<net::Socket*>(nullptr);
      auto s = open([&connected, n, raw] {
        ++connected;
        (*raw)->end(n);
      });
      *raw = s.get(); // the callback runs from the loop, after open() has returned
      s->on(net::ev::close, [&, n](bool hadError) {
        EXPECT_FALSE(hadError) << n;
        if (++closed == 9) {
          remoteServer->close();
          localServer->close();
        }
      });
    }
  };
  remoteServer->listen(0, hosts.serverAddress(), [&] { go(); });
  localServer->listen(0, [&] { go(); }); // every address of the client host
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(connected, 9);
  EXPECT_EQ(closed, 9);
  EXPECT_EQ(remoteCount, 6);
  EXPECT_EQ(localCount, 3);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"Socket::connect(options)", "Socket::connect(port)",
                                           "Socket::connect(port, host)", "connect(options)", "connect(port)",
                                           "connect(port, host)", "createConnection(options)", "createConnection(port)",
                                           "createConnection(port, host)"}));
}

// The forms without a callback: 'connect' listeners added afterwards, including once().
TYPED_TEST(Connect, WithoutCallbackAndWithOnce) {
  auto& hosts = this->env;
  int onCount = 0, onceCount = 0;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::connect, [&] { ++onCount; });
    c->once(net::ev::connect, [&] { ++onceCount; });
    c->on(net::ev::connect, [c] { c->end(); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(onCount, 1);
  EXPECT_EQ(onceCount, 1);
}

// A host name, resolved first: the server listens on every address so that whichever
// address the name gives is served.
TYPED_TEST(Connect, ByHostName) {
  auto& hosts = this->env;
  std::string echoed;
  auto server = echoServer(hosts.server());
  server->listen(0, [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverName(), [] {});
    roundTrip(*c, *server, "by name", echoed);
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(echoed, "by name");
}

// Rule 4: writes made before the connection exists are queued and sent in order once
// connected; end() before connect is queued too.
TYPED_TEST(Connect, WritesAndEndBeforeConnectAreQueuedInOrder) {
  auto& hosts = this->env;
  Log log;
  std::string received;
  std::vector<int> callbacks;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [&](const net::Buffer& b) { received += b.toString(); });
    s->on(net::ev::end, [&] { log.add("server:end"); });
  });
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    bool ok = log.call([&] {
      bool r = c->write("one ", [&](const net::MaybeError& e) {
        EXPECT_FALSE(e);
        callbacks.push_back(1);
      });
      r = c->write(std::string("two "),
                   [&](const net::MaybeError& e) {
                     EXPECT_FALSE(e);
                     callbacks.push_back(2);
                   }) &&
          r;
      r = c->write(net::Buffer("three ", 6),
                   [&](const net::MaybeError& e) {
                     EXPECT_FALSE(e);
                     callbacks.push_back(3);
                   }) &&
          r;
      c->end("four", [&] { log.add("client:end-cb"); });
      return r;
    });
    EXPECT_TRUE(ok); // far below the high-water mark
    EXPECT_TRUE(c->connecting());
    EXPECT_EQ(c->bufferSize(), 18u);
    EXPECT_FALSE(c->writable()); // ended
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(received, "one two three four");
  EXPECT_EQ(callbacks, (std::vector<int>{1, 2, 3}));
  EXPECT_TRUE(log.before("client:connect", "client:end-cb")) << log.str();
  EXPECT_TRUE(log.has("server:end")) << log.str();
  EXPECT_EQ(log.events().back(), "client:close") << log.str();
}

TYPED_TEST(Connect, EndBeforeConnectWithoutData) {
  auto& hosts = this->env;
  Log log;
  int connections = 0;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    ++connections;
    record(*s, log, "server");
  });
  listenAndConnect(hosts, *server, log,
                   [&](const auto& c) { log.call([&] { c->end([&] { log.add("client:end-cb"); }); }); });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(connections, 1);
  EXPECT_FALSE(log.has("server:data"));
  EXPECT_TRUE(log.before("client:connect", "client:end-cb")) << log.str();
  EXPECT_TRUE(log.before("server:end", "server:close")) << log.str();
  EXPECT_TRUE(log.before("client:end", "client:close")) << log.str();
}

// Rule 3: a port where nobody listens refuses: 'error' ECONNREFUSED, then 'close' with
// hadError, and never 'connect'.
TYPED_TEST(Connect, RefusedGivesErrorThenClose) {
  auto& hosts = this->env;
  Log log;
  std::string message;
  std::shared_ptr<net::Socket> c;
  withRefusedPort(hosts, [&](int port) {
    c = log.call([&] { return hosts.client().connect(port, hosts.serverAddress(), [&] { log.add("cb"); }); });
    record(*c, log, "client");
    c->on(net::ev::error, [&](const net::Error& e) { message = e.what(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:error:ECONNREFUSED", "client:close!"}));
  EXPECT_NE(message.find("ECONNREFUSED"), std::string::npos) << message;
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->destroyed());
  EXPECT_FALSE(c->connecting());
  EXPECT_EQ(hosts.client().activeHandles(), 0u);
}

// Writes queued before a refused connect: their callbacks get an error; 'close' still last.
TYPED_TEST(Connect, QueuedWritesFailWhenRefused) {
  auto& hosts = this->env;
  Log log;
  withRefusedPort(hosts, [&](int port) {
    auto c = recordedClient(hosts, port, log);
    c->write("lost", [&](const net::MaybeError& e) { log.add("write-cb:" + codeOf(e)); });
    c->end("too", [&] { log.add("end-cb"); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.has("client:error:ECONNREFUSED")) << log.str();
  EXPECT_EQ(log.count("write-cb:none"), 0u) << log.str();
  EXPECT_EQ(log.count("write-cb:ERR_STREAM_DESTROYED") + log.count("write-cb:ECONNREFUSED"), 1u) << log.str();
  EXPECT_EQ(log.events().back(), "client:close!") << log.str();
}

// destroy() while the connection is being set up: 'close' once without error, no 'connect'.
TYPED_TEST(Connect, DestroyWhileConnecting) {
  auto& hosts = this->env;
  Log log;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c1 = recordedClient(hosts, server->address().port, log, "c1");
    log.call([&] { c1->destroy(); });
    EXPECT_TRUE(c1->destroyed());
    // Destroyed from its 'lookup' listener, once the address is known.
    auto c2 = recordedClient(hosts, server->address().port, log, "c2");
    c2->on(net::ev::lookup, [c2](const net::MaybeError&, const std::string&, int) { c2->destroy(); });
    auto closed = std::make_shared<int>(0);
    auto onClose = [&server, closed](bool) {
      if (++*closed == 2)
        server->close();
    };
    c1->on(net::ev::close, onClose);
    c2->on(net::ev::close, onClose);
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.count("c1:close"), 1u) << log.str();
  EXPECT_EQ(log.count("c2:close"), 1u) << log.str();
  EXPECT_FALSE(log.has("c1:connect")) << log.str();
  EXPECT_FALSE(log.has("c2:connect")) << log.str();
  EXPECT_FALSE(log.has("c1:lookup")) << log.str();
  EXPECT_TRUE(log.before("c2:lookup", "c2:close")) << log.str();
}

// Socket options: allowHalfOpen from new Socket({...}) and from connect options.
TYPED_TEST(Connect, AllowHalfOpenOptionIsKept) {
  auto& hosts = this->env;
  EXPECT_FALSE(hosts.client().newSocket()->allowHalfOpen());
  EXPECT_TRUE(hosts.client().newSocket(net::SocketOptions{true})->allowHalfOpen());
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    net::ConnectOptions o = optionsTo(hosts, server->address().port);
    o.allowHalfOpen = true;
    auto c = hosts.client().connect(o);
    EXPECT_TRUE(c->allowHalfOpen());
    c->on(net::ev::connect, [c] { c->end(); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
}

} // namespace
} // namespace conformance
