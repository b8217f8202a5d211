// Rule 15: invalid arguments throw net::ArgumentError at the call and leave nothing broken
// behind; errors carry stable codes and readable messages. Rule 16: an 'error' nobody listens
// to reaches Context::onUnhandledError. Rule 14 and rule 10's RST: a peer that destroys a
// connection with data left unread resets it: 'error' ECONNRESET, then 'close'.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Errors);

// The code of the ArgumentError that f throws, or what happened instead.
template <class F> std::string thrown(F&& f) {
  try {
    f();
  } catch (const net::ArgumentError& e) {
    EXPECT_FALSE(e.error().message.empty());
    EXPECT_NE(std::string(e.what()).find(std::string(e.error().code())), std::string::npos) << e.what();
    return std::string(e.error().code());
  } catch (const std::exception& e) {
    return std::string("other exception: ") + e.what();
  }
  return "no exception";
}

TYPED_TEST(Errors, InvalidPortsThrowAtTheCall) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  const std::string host = hosts.serverAddress();
  const std::string bad = "ERR_SOCKET_BAD_PORT";
  for (int port : {-1, 65536, 100000, -65536}) {
    SCOPED_TRACE(port);
    net::ConnectOptions o = optionsTo(hosts, port);
    EXPECT_EQ(thrown([&] { ctx.connect(port, host); }), bad);
    EXPECT_EQ(thrown([&] { ctx.connect(port); }), bad);
    EXPECT_EQ(thrown([&] { ctx.connect(o); }), bad);
    EXPECT_EQ(thrown([&] { ctx.createConnection(port, host, [] {}); }), bad);
    EXPECT_EQ(thrown([&] { ctx.createConnection(port); }), bad);
    EXPECT_EQ(thrown([&] { ctx.createConnection(o); }), bad);
    auto s = ctx.newSocket();
    EXPECT_EQ(thrown([&] { s->connect(port, host); }), bad);
    EXPECT_EQ(thrown([&] { s->connect(port); }), bad);
    EXPECT_EQ(thrown([&] { s->connect(o, [] {}); }), bad);
    auto server = hosts.server().createServer();
    net::ListenOptions lo;
    lo.port = port;
    EXPECT_EQ(thrown([&] { server->listen(port); }), bad);
    EXPECT_EQ(thrown([&] { server->listen(port, host); }), bad);
    EXPECT_EQ(thrown([&] { server->listen(port, host, 10, [] {}); }), bad);
    EXPECT_EQ(thrown([&] { server->listen(lo); }), bad);
    EXPECT_FALSE(server->listening());
  }
  // The port of ConnectOptions is required: its default is invalid.
  EXPECT_EQ(thrown([&] { ctx.connect(net::ConnectOptions{}); }), bad);
  // Nothing was started and nothing fails later.
  EXPECT_EQ(hosts.client().activeHandles(), 0u);
  EXPECT_EQ(hosts.server().activeHandles(), 0u);
  ASSERT_TRUE(hosts.run(5s));
  EXPECT_EQ(hosts.client().unhandledErrors() + hosts.server().unhandledErrors(), 0u);
  EXPECT_EQ(this->clientChecks.events() + this->serverChecks.events(), 0u);
}

TYPED_TEST(Errors, OtherInvalidArgumentsThrow) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  const std::string value = "ERR_INVALID_ARG_VALUE";
  for (int family : {5, -1, 1, 46}) {
    net::ConnectOptions o = optionsTo(hosts, 80);
    o.family = family;
    EXPECT_EQ(thrown([&] { ctx.connect(o); }), value) << family;
  }
  EXPECT_EQ(thrown([&] { ctx.connect(keepAliveOptionsTo(hosts, 80, -1ms)); }), value);
  auto s = ctx.newSocket();
  EXPECT_EQ(thrown([&] { s->setTimeout(-1ms); }), value);
  EXPECT_EQ(thrown([&] { s->setTimeout(-1ns, [] {}); }), value);
  EXPECT_EQ(thrown([&] { s->setKeepAlive(true, -1s); }), value);
  EXPECT_EQ(thrown([&] { ctx.setTimeout(-1ms, [] {}); }), value);
  EXPECT_EQ(thrown([&] { ctx.setInterval(0ms, [] {}); }), value);
  EXPECT_EQ(thrown([&] { ctx.setInterval(-5ms, [] {}); }), value);
  auto server = hosts.server().createServer();
  net::ListenOptions lo;
  lo.backlog = -1;
  EXPECT_EQ(thrown([&] { server->listen(lo); }), value);
  EXPECT_EQ(thrown([&] { server->listen(0, hosts.serverAddress(), -5); }), value);
  ASSERT_TRUE(hosts.run(5s));
  EXPECT_EQ(this->clientChecks.events() + this->serverChecks.events(), 0u);
}

// A call rejected with ArgumentError changes nothing: the same socket and server then work.
TYPED_TEST(Errors, RejectedCallLeavesHandleUsable) {
  auto& hosts = this->env;
  std::string echoed;
  auto server = echoServer(hosts.server());
  EXPECT_THROW(server->listen(-1), net::ArgumentError);
  server->listen(0, hosts.serverAddress(), [&] {
    // listen twice: already listening.
    EXPECT_EQ(thrown([&] { server->listen(0, hosts.serverAddress()); }), "ERR_SERVER_ALREADY_LISTEN");
    auto c = hosts.client().newSocket();
    EXPECT_THROW(c->connect(65536, hosts.serverAddress()), net::ArgumentError);
    EXPECT_THROW(c->setTimeout(-1ms), net::ArgumentError);
    c->connect(server->address().port, hosts.serverAddress());
    // connect twice: the socket is already connecting.
    EXPECT_THROW(c->connect(server->address().port, hosts.serverAddress()), net::ArgumentError);
    roundTrip(*c, *server, "fine", echoed);
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(echoed, "fine");
}

struct Reported {
  std::string kind, code;
  std::uint64_t obj;
};

// Rule 16: an 'error' without a listener goes to onUnhandledError (never inside the call
// that caused it), is counted, and 'close' still follows.
TYPED_TEST(Errors, UnhandledSocketErrorIsReported) {
  auto& hosts = this->env;
  Log log;
  std::vector<Reported> reported;
  std::uint64_t id = 0;
  hosts.client().onUnhandledError([&](std::string_view kind, std::uint64_t obj, const net::Error& e) {
    log.add("unhandled");
    reported.push_back({std::string(kind), std::string(e.code()), obj});
  });
  withRefusedPort(hosts, [&](int port) {
    auto c = log.call([&] { return hosts.client().connect(port, hosts.serverAddress()); });
    id = c->id();
    c->on(net::ev::close, [&](bool hadError) { log.add(hadError ? "close!" : "close"); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"unhandled", "close!"}));
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].kind, "socket");
  EXPECT_EQ(reported[0].obj, id);
  EXPECT_EQ(reported[0].code, "ECONNREFUSED");
  EXPECT_EQ(hosts.client().unhandledErrors(), 1u);
}

TYPED_TEST(Errors, UnhandledWriteAfterEndIsReported) {
  auto& hosts = this->env;
  std::vector<Reported> reported;
  hosts.client().onUnhandledError([&](std::string_view kind, std::uint64_t obj, const net::Error& e) {
    reported.push_back({std::string(kind), std::string(e.code()), obj});
  });
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::connect, [c] {
      c->end();
      EXPECT_FALSE(c->write("after end"));
    });
    c->on(net::ev::close, [&](bool hadError) {
      EXPECT_TRUE(hadError);
      server->close();
    });
  });
  ASSERT_TRUE(hosts.run());
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].kind, "socket");
  EXPECT_EQ(reported[0].code, "ERR_STREAM_WRITE_AFTER_END");
}

TYPED_TEST(Errors, UnhandledServerErrorIsReported) {
  auto& hosts = this->env;
  std::vector<Reported> reported;
  hosts.server().onUnhandledError([&](std::string_view kind, std::uint64_t obj, const net::Error& e) {
    reported.push_back({std::string(kind), std::string(e.code()), obj});
  });
  auto first = hosts.server().createServer();
  auto second = hosts.server().createServer();
  first->listen(0, hosts.serverAddress(), [&] {
    second->listen(first->address().port, hosts.serverAddress());
    hosts.server().setTimeout(50ms, [&] { first->close(); });
  });
  ASSERT_TRUE(hosts.run());
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0].kind, "server");
  EXPECT_EQ(reported[0].obj, second->id());
  EXPECT_EQ(reported[0].code, "EADDRINUSE");
  EXPECT_EQ(hosts.server().unhandledErrors(), 1u);
}

// With a listener, the error is handled: nothing is reported.
TYPED_TEST(Errors, HandledErrorIsNotReported) {
  auto& hosts = this->env;
  int unhandled = 0, handled = 0;
  hosts.client().onUnhandledError([&](std::string_view, std::uint64_t, const net::Error&) { ++unhandled; });
  auto c = hosts.client().connect(1, "no-such-host.invalid");
  c->on(net::ev::error, [&](const net::Error&) { ++handled; });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(handled, 1);
  EXPECT_EQ(unhandled, 0);
  EXPECT_EQ(hosts.client().unhandledErrors(), 0u);
}

// 200 ms from now on ctx's clock, `check` looks at what the socket in s has read; then it is
// destroyed ("<who> destroys" in log, with what it holds unread) and let go.
void destroyLater(net::Context& ctx, std::shared_ptr<net::Socket>& s, Log& log, const std::string& who,
                  std::function<void(const net::Socket&)> check) {
  ctx.setTimeout(200ms, [&s, &log, who, check] {
    ASSERT_TRUE(s);
    check(*s);
    log.add(who + " destroys");
    s->destroy();
    s.reset();
  });
}

// A server that pauses the socket it accepts, keeps it in `accepted` and records it in log as
// "server" (without 'data': a 'data' listener would make it read).
template <class Env>
std::shared_ptr<net::Server> pausingServer(Env& hosts, Log& log, std::shared_ptr<net::Socket>& accepted) {
  return hosts.server().createServer([&log, &accepted](std::shared_ptr<net::Socket> s) {
    s->pause();
    accepted = s;
    record(*s, log, "server", false);
  });
}

// A paused socket still reads up to the high-water mark (Node's readable side): beyond it
// the bytes stay in the transport, and destroying the socket with them unread resets the
// peer (close(2) with unread data sends RST).
TYPED_TEST(Errors, DestroyWithUnreadDataResetsThePeer) {
  auto& hosts = this->env;
  Log log;
  const std::size_t total = 256 * 1024;
  std::shared_ptr<net::Socket> accepted;
  auto server = pausingServer(hosts, log, accepted);
  server->on(net::ev::connection, [&](std::shared_ptr<net::Socket>) {
    destroyLater(hosts.server(), accepted, log, "server", [&](const net::Socket& a) {
      EXPECT_GE(a.bytesRead(), hosts.server().highWaterMark());
      EXPECT_LT(a.bytesRead(), total);
    });
  });
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::connect, [c, total] { c->write(net::Buffer(std::string(total, 'x'))); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.before("server destroys", "client:error:ECONNRESET")) << log.str();
  EXPECT_EQ(log.count("server:close"), 1u) << log.str();
  EXPECT_FALSE(log.has("client:end")) << log.str();
  EXPECT_EQ(log.events().back(), "client:close!") << log.str();
}

// destroy(error), as Node's: 'error' with that error, from the loop, then 'close'(true); the
// peer sees an ordinary end (no data was unread).
TYPED_TEST(Errors, DestroyWithAnErrorEmitsItThenCloses) {
  auto& hosts = this->env;
  Log log;
  std::string message;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    record(*s, log, "server");
    s->on(net::ev::end, [s] { s->end(); });
  });
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::error, [&](const net::Error& e) { message = e.message; });
    c->on(net::ev::connect, [&, c] {
      log.call([&] { c->destroy(net::Error{net::Errc::ConnectionAborted, "the application gave up"}); });
      EXPECT_TRUE(c->destroyed());
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_TRUE(log.before("client:error:ECONNABORTED", "client:close!")) << log.str();
  EXPECT_EQ(log.count("client:error:ECONNABORTED"), 1u) << log.str();
  EXPECT_EQ(message, "the application gave up");
  EXPECT_TRUE(log.has("server:end")) << log.str();
  EXPECT_FALSE(log.has("server:error:ECONNRESET")) << log.str();
}

// A few bytes sent to a paused socket are read into it all the same (Node reads up to the
// high-water mark while paused): destroying it then is a clean close for the peer.
TYPED_TEST(Errors, PausedSocketDestroyedWithFewBytesClosesCleanly) {
  auto& hosts = this->env;
  Log log;
  std::shared_ptr<net::Socket> accepted;
  auto server = pausingServer(hosts, log, accepted);
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      c->write("read, not seen", [&](const net::MaybeError& e) {
        EXPECT_FALSE(e);
        destroyLater(hosts.server(), accepted, log, "server",
                     [](const net::Socket& a) { EXPECT_EQ(a.bytesRead(), 14u); });
      });
    });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.before("server destroys", "client:end")) << log.str();
  EXPECT_FALSE(log.has("client:error")) << log.str();
  EXPECT_EQ(log.events().back(), "client:close") << log.str();
}

// The same from the client: it pauses, the server sends more than the high-water mark, the
// client destroys with data unread; the server gets ECONNRESET.
TYPED_TEST(Errors, ClientDestroyWithUnreadDataResetsTheServer) {
  auto& hosts = this->env;
  Log log;
  const std::size_t total = 256 * 1024;
  std::shared_ptr<net::Socket> client;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    record(*s, log, "server");
    s->write(net::Buffer(std::string(total, 'x')));
    destroyLater(hosts.client(), client, log, "client", [&](const net::Socket& c) { EXPECT_LT(c.bytesRead(), total); });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    client = hosts.client().connect(server->address().port, hosts.serverAddress());
    client->pause();
    record(*client, log, "client", false);
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.before("client destroys", "server:error:ECONNRESET")) << log.str();
  EXPECT_EQ(log.events().back(), "server:close!") << log.str();
  EXPECT_EQ(log.count("client:close"), 1u) << log.str();
}

// Codes as Node spells them, and messages that say what failed.
TYPED_TEST(Errors, CodesAndMessages) {
  const std::vector<std::pair<net::Errc, std::string>> codes = {
      {net::Errc::ConnectionRefused, "ECONNREFUSED"},
      {net::Errc::ConnectionReset, "ECONNRESET"},
      {net::Errc::ConnectionAborted, "ECONNABORTED"},
      {net::Errc::TimedOut, "ETIMEDOUT"},
      {net::Errc::HostUnreachable, "EHOSTUNREACH"},
      {net::Errc::NetworkUnreachable, "ENETUNREACH"},
      {net::Errc::AddressInUse, "EADDRINUSE"},
      {net::Errc::AddressNotAvailable, "EADDRNOTAVAIL"},
      {net::Errc::AccessDenied, "EACCES"},
      {net::Errc::NotFound, "ENOTFOUND"},
      {net::Errc::BrokenPipe, "EPIPE"},
      {net::Errc::InvalidArgument, "EINVAL"},
      {net::Errc::TooManyFiles, "EMFILE"},
      {net::Errc::WriteAfterEnd, "ERR_STREAM_WRITE_AFTER_END"},
      {net::Errc::StreamDestroyed, "ERR_STREAM_DESTROYED"},
      {net::Errc::ServerNotRunning, "ERR_SERVER_NOT_RUNNING"},
      {net::Errc::ServerAlreadyListening, "ERR_SERVER_ALREADY_LISTEN"},
      {net::Errc::BadPort, "ERR_SOCKET_BAD_PORT"},
      {net::Errc::InvalidArgValue, "ERR_INVALID_ARG_VALUE"},
      {net::Errc::Io, "EIO"},
  };
  for (auto& [errc, name] : codes) {
    EXPECT_EQ(net::codeName(errc), name);
    net::Error e{errc, "connect 127.0.0.1:1"};
    EXPECT_EQ(e.code(), name);
    EXPECT_EQ(e.what(), name + ": connect 127.0.0.1:1");
  }
  EXPECT_EQ((net::Error{net::Errc::TimedOut, ""}).what(), "ETIMEDOUT");
}

} // namespace
} // namespace conformance
