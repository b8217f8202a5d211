// Rule 1: no listener runs inside the call that caused its event. Every API call below runs
// under Log::call's guard, from outside the loop and from inside listeners; any listener
// or callback that runs while the guard is up is recorded as re-entered. Also once() on
// every socket event.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Reentrancy);

TYPED_TEST(Reentrancy, NoListenerRunsInsideTheCallThatCausedIt) {
  auto& hosts = this->env;
  Log log;
  std::shared_ptr<net::Server> server;
  std::shared_ptr<net::Socket> client;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    log.add("server:connection");
    record(*s, log, "server");
    net::Socket* raw = s.get();
    s->on(net::ev::data, [&, raw](const net::Buffer& b) {
      log.call([&] {
        raw->pause();
        raw->write(b, [&](const net::MaybeError&) { log.add("server:write-cb"); });
        raw->resume();
      });
    });
    s->on(net::ev::end, [&, raw] { log.call([&] { raw->end("bye", [&] { log.add("server:end-cb"); }); }); });
    s->on(net::ev::close, [&](bool) {
      log.call([&] {
        server->close([&](const net::MaybeError& e) { log.add("server:close-cb:" + codeOf(e)); });
        // Already closing: the second close reports 'not running', from the loop too.
        server->close([&](const net::MaybeError& e) { log.add("server:close-again-cb:" + codeOf(e)); });
      });
    });
  });
  server->on(net::ev::listening, [&] {
    log.add("server:listening");
    client = log.call([&] {
      auto c = hosts.client().connect(server->address().port, hosts.serverAddress(), [&] { log.add("connect-cb"); });
      record(*c, log, "client");
      c->write("queued", [&](const net::MaybeError&) { log.add("client:write-cb-1"); });
      c->setTimeout(10s, [&] { log.add("client:timeout-cb"); });
      return c;
    });
    client->on(net::ev::connect, [&] {
      log.call([&] {
        client->write("direct", [&](const net::MaybeError&) { log.add("client:write-cb-2"); });
        client->setTimeout(0ms);
        client->end([&] { log.add("client:end-cb"); });
      });
    });
    client->on(net::ev::close, [&](bool) {
      log.call([&] {
        client->destroy();
        client->write("x", [&](const net::MaybeError& e) { log.add("client:write-cb-3:" + codeOf(e)); });
        client.reset();
      });
    });
  });
  log.call([&] { server->listen(0, hosts.serverAddress()); });
  ASSERT_TRUE(hosts.run(3s)) << log.str() << " client handles " << hosts.client().activeHandles() << " server handles "
                             << hosts.server().activeHandles();
  EXPECT_TRUE(log.reentered().empty()) << "ran inside a call: " << log.reentered().size() << " " << log.str();
  for (const char* e : {"server:listening", "server:connection", "connect-cb", "client:lookup", "client:connect",
                        "client:write-cb-1", "client:write-cb-2", "client:end-cb", "server:write-cb", "server:end-cb",
                        "client:close", "server:close", "server:close-cb:none",
                        "server:close-again-cb:ERR_SERVER_NOT_RUNNING", "client:write-cb-3:ERR_STREAM_DESTROYED"})
    EXPECT_EQ(log.count(e), 1u) << e << " in " << log.str();
  EXPECT_FALSE(log.has("client:timeout-cb"));
}

// Errors caused by a call come from the loop too: write after end, a refused connect, a
// failed listen, closing a server that does not run, end() on a socket that never connects.
TYPED_TEST(Reentrancy, ErrorsComeFromTheLoop) {
  auto& hosts = this->env;
  Log log;
  auto first = hosts.server().createServer();
  first->listen(0, hosts.serverAddress(), [&] {
    log.call([&] {
      auto second = hosts.server().createServer();
      second->on(net::ev::error, [&](const net::Error& e) {
        log.add("listen:" + std::string(e.code()));
        log.call([&] { first->close([&](const net::MaybeError& ce) { log.add("first-close:" + codeOf(ce)); }); });
      });
      second->listen(first->address().port, hosts.serverAddress());
      auto idle = hosts.server().createServer();
      idle->close([&](const net::MaybeError& e) { log.add("idle-close:" + codeOf(e)); });
      auto never = hosts.client().newSocket();
      record(*never, log, "never");
      never->end("nothing", [&] { log.add("never:end-cb"); });
      auto bad = hosts.client().connect(1, "no-such-host.invalid");
      record(*bad, log, "bad");
    });
  });
  ASSERT_TRUE(hosts.run(3s)) << log.str() << " client handles " << hosts.client().activeHandles() << " server handles "
                             << hosts.server().activeHandles();
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_TRUE(log.has("listen:EADDRINUSE")) << log.str();
  EXPECT_TRUE(log.has("idle-close:ERR_SERVER_NOT_RUNNING")) << log.str();
  EXPECT_TRUE(log.has("bad:error:ENOTFOUND")) << log.str();
  EXPECT_TRUE(log.has("first-close:none")) << log.str();
  EXPECT_EQ(log.count("never:close") + log.count("never:close!"), 1u) << log.str();
}

// once() on every socket event: each runs at most once, on()s keep running.
TYPED_TEST(Reentrancy, OnceOnEverySocketEvent) {
  auto& hosts = this->env;
  Log log;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    // Three chunks, far apart enough to arrive as separate 'data' events, then the FIN.
    s->write("1");
    hosts.server().setTimeout(20ms, [s] { s->write("2"); });
    hosts.server().setTimeout(40ms, [s] { s->end("3"); });
    s->on(net::ev::data, [](const net::Buffer&) {}); // consumed: 'end' can come
  });
  server->listen(0, hosts.serverAddress(), [&] {
    hosts.client().setHighWaterMark(1);
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->once(net::ev::lookup, [&](const net::MaybeError&, const std::string&, int) { log.add("once:lookup"); });
    c->once(net::ev::connect, [&] { log.add("once:connect"); });
    c->once(net::ev::data, [&](const net::Buffer& b) { log.add("once:data:" + b.toString()); });
    c->on(net::ev::data, [&](const net::Buffer& b) { log.add("on:data:" + b.toString()); });
    c->once(net::ev::drain, [&] { log.add("once:drain"); });
    c->once(net::ev::end, [&] { log.add("once:end"); });
    c->once(net::ev::timeout, [&] { log.add("once:timeout"); });
    c->once(net::ev::close, [&](bool) { log.add("once:close"); });
    c->on(net::ev::connect, [c] {
      c->write("ab"); // above the mark of 1: false, then 'drain'
      c->setTimeout(5ms);
    });
    c->on(net::ev::drain, [&, c, n = 0]() mutable {
      log.add("on:drain");
      if (++n == 1)
        c->write("cd"); // false again: a second 'drain'
    });
  });
  ASSERT_TRUE(hosts.run(3s)) << log.str() << " client handles " << hosts.client().activeHandles() << " server handles "
                             << hosts.server().activeHandles();
  EXPECT_EQ(log.count("once:lookup"), 1u) << log.str();
  EXPECT_EQ(log.count("once:connect"), 1u) << log.str();
  EXPECT_EQ(log.count("once:drain"), 1u) << log.str();
  EXPECT_EQ(log.count("on:drain"), 2u) << log.str();
  EXPECT_EQ(log.count("once:end"), 1u) << log.str();
  EXPECT_EQ(log.count("once:timeout"), 1u) << log.str();
  EXPECT_EQ(log.count("once:close"), 1u) << log.str();
  EXPECT_EQ(log.count("once:data:1"), 1u) << log.str();
  EXPECT_FALSE(log.has("once:data:2")) << log.str();
  EXPECT_TRUE(log.has("on:data:2")) << log.str();
  EXPECT_TRUE(log.has("on:data:3")) << log.str();
}

} // namespace
} // namespace conformance
