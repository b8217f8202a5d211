// Rule 8: a FIN gives 'end' once, after every byte before it; then allowHalfOpen decides.
// Both ends, both settings (four combinations), in both directions: the client's FIN
// delimiting a request whose reply must arrive whole, and the server ending first.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(HalfClose);

constexpr std::size_t kReply = 1 << 20;

// Each end had its 'end' before its 'close', and closed once.
void expectBothEndedThenClosedOnce(const Log& log) {
  EXPECT_TRUE(log.before("server:end", "server:close")) << log.str();
  EXPECT_TRUE(log.before("client:end", "client:close")) << log.str();
  EXPECT_EQ(log.count("server:close"), 1u) << log.str();
  EXPECT_EQ(log.count("client:close"), 1u) << log.str();
}

// The client writes a request and end()s: its FIN delimits the request. A server with
// allowHalfOpen replies after 'end' and then ends; the client must get the whole reply before
// its own 'end'. A server without allowHalfOpen ends its side at once: no reply.
template <class Env> void requestReply(Env& hosts, bool clientHalfOpen, bool serverHalfOpen) {
  Log log;
  std::string request;
  PatternCheck reply(11);
  std::uint64_t replyAtEnd = UINT64_MAX;
  auto server = oneConnectionServer(hosts, net::ServerOptions{serverHalfOpen}, [&](std::shared_ptr<net::Socket> s) {
    EXPECT_EQ(s->allowHalfOpen(), serverHalfOpen);
    record(*s, log, "server", false);
    net::Socket* raw = s.get();
    s->on(net::ev::data, [&](const net::Buffer& b) { request += b.toString(); });
    s->on(net::ev::end, [&, s, raw] {
      EXPECT_EQ(request, "request");
      EXPECT_FALSE(raw->readable());
      if (serverHalfOpen) {
        EXPECT_TRUE(raw->writable());
        writePattern(*raw, kReply, 11);
      }
      // Once the 'end' listeners have run, a socket without allowHalfOpen is no longer
      // writable: it ends its own side.
      hosts.server().setImmediate([&log, s] { log.add(s->writable() ? "server:writable" : "server:not-writable"); });
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    net::ConnectOptions o = optionsTo(hosts, server->address().port);
    o.allowHalfOpen = clientHalfOpen;
    auto c = hosts.client().connect(o);
    EXPECT_EQ(c->allowHalfOpen(), clientHalfOpen);
    record(*c, log, "client", false);
    c->on(net::ev::connect, [c] {
      c->write("request");
      c->end();
    });
    c->on(net::ev::data, [&](const net::Buffer& b) {
      reply.feed(b);
      log.addOnce("client:data");
    });
    c->on(net::ev::end, [&] { replyAtEnd = reply.received; });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(request, "request");
  EXPECT_EQ(reply.mismatches, 0u);
  EXPECT_EQ(replyAtEnd, serverHalfOpen ? kReply : 0u);
  EXPECT_EQ(reply.received, replyAtEnd);
  EXPECT_TRUE(log.has(serverHalfOpen ? "server:writable" : "server:not-writable")) << log.str();
  EXPECT_EQ(log.lastIndex("client:data") < log.index("client:end"), true) << log.str();
  expectBothEndedThenClosedOnce(log);
}

TYPED_TEST(HalfClose, RequestReplyNeitherHalfOpen) { requestReply(this->env, false, false); }
TYPED_TEST(HalfClose, RequestReplyClientHalfOpen) { requestReply(this->env, true, false); }
TYPED_TEST(HalfClose, RequestReplyServerHalfOpen) { requestReply(this->env, false, true); }
TYPED_TEST(HalfClose, RequestReplyBothHalfOpen) { requestReply(this->env, true, true); }

// The server sends a greeting and ends first. A client with allowHalfOpen stays open and
// writable after 'end' (here for a while), sends more, and closes only after its own end();
// a client without it ends its side at once.
template <class Env> void serverEndsFirst(Env& hosts, bool clientHalfOpen, bool serverHalfOpen) {
  Log log;
  std::string clientGot, serverGot;
  auto server = oneConnectionServer(hosts, net::ServerOptions{serverHalfOpen}, [&](std::shared_ptr<net::Socket> s) {
    record(*s, log, "server", false);
    s->on(net::ev::data, [&](const net::Buffer& b) { serverGot += b.toString(); });
    s->end("hello");
  });
  server->listen(0, hosts.serverAddress(), [&] {
    net::ConnectOptions o = optionsTo(hosts, server->address().port);
    o.allowHalfOpen = clientHalfOpen;
    auto c = hosts.client().connect(o);
    record(*c, log, "client", false);
    c->on(net::ev::data, [&](const net::Buffer& b) { clientGot += b.toString(); });
    c->on(net::ev::end, [&, c] {
      EXPECT_EQ(clientGot, "hello");
      if (clientHalfOpen) {
        EXPECT_TRUE(c->writable());
        hosts.client().setTimeout(50ms, [&, c] {
          log.add("client:late-end");
          EXPECT_FALSE(c->destroyed());
          EXPECT_TRUE(c->write("late "));
          c->end("reply");
        });
      }
      hosts.client().setImmediate([&log, c] { log.add(c->writable() ? "client:writable" : "client:not-writable"); });
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(clientGot, "hello");
  EXPECT_EQ(serverGot, clientHalfOpen ? "late reply" : "");
  EXPECT_TRUE(log.has(clientHalfOpen ? "client:writable" : "client:not-writable")) << log.str();
  if (clientHalfOpen) {
    EXPECT_TRUE(log.before("client:late-end", "client:close")) << log.str();
  }
  expectBothEndedThenClosedOnce(log);
}

TYPED_TEST(HalfClose, ServerEndsFirstNeitherHalfOpen) { serverEndsFirst(this->env, false, false); }
TYPED_TEST(HalfClose, ServerEndsFirstClientHalfOpen) { serverEndsFirst(this->env, true, false); }
TYPED_TEST(HalfClose, ServerEndsFirstServerHalfOpen) { serverEndsFirst(this->env, false, true); }
TYPED_TEST(HalfClose, ServerEndsFirstBothHalfOpen) { serverEndsFirst(this->env, true, true); }

// Without allowHalfOpen, writing after the peer's FIN (once 'end' has run) is EPIPE: false,
// an 'error' from the loop, the callback gets it, 'close' with hadError.
TYPED_TEST(HalfClose, WriteAfterPeerEndWithoutHalfOpenIsBrokenPipe) {
  auto& hosts = this->env;
  Log log;
  bool result = true;
  std::string cbCode, clientGot;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    record(*s, log, "server");
    s->on(net::ev::end, [&, s] {
      hosts.server().setImmediate([&, s] {
        result = log.call([&] { return s->write("y", [&](const net::MaybeError& e) { cbCode = codeOf(e); }); });
      });
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::connect, [c] { c->end("x"); });
    c->on(net::ev::data, [&](const net::Buffer& b) { clientGot += b.toString(); });
    c->on(net::ev::error, [](const net::Error&) {});
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_FALSE(result);
  EXPECT_EQ(cbCode, "EPIPE");
  EXPECT_TRUE(log.before("server:end", "server:error:EPIPE")) << log.str();
  EXPECT_EQ(log.events().back(), "server:close!") << log.str();
  EXPECT_EQ(clientGot, "");
}

// 'end' comes once, after every byte sent before the FIN, even for a large stream.
TYPED_TEST(HalfClose, EndAfterAllData) {
  auto& hosts = this->env;
  constexpr std::uint64_t kTotal = 8 << 20;
  PatternCheck check(5);
  std::uint64_t atEnd = 0;
  int ends = 0;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) { writePattern(*s, kTotal, 5); });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::data, [&](const net::Buffer& b) { check.feed(b); });
    c->on(net::ev::end, [&] {
      ++ends;
      atEnd = check.received;
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(ends, 1);
  EXPECT_EQ(atEnd, kTotal);
  EXPECT_EQ(check.received, kTotal);
  EXPECT_EQ(check.mismatches, 0u) << "first at " << check.firstMismatch;
}

} // namespace
} // namespace conformance
