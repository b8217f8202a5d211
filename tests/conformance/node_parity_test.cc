// Where the IoT.js reference is silent, Node.js v20 is the reference: each case here was
// a difference found by running the same small program under Node and on netbed.
// (Paused sockets reading up to the high-water mark: errors_test.cc and pause_test.cc.)
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(NodeParity);

// A server that keeps what it receives and closes once its one connection has closed.
struct Receiver {
  explicit Receiver(Log& l) : log(&l) {}
  std::string received;
  Log* log;
  std::shared_ptr<net::Server> server;
  // Listens; then a client connects to it and `use(c)` gives that client the test's part.
  template <class Env> void client(Env& hosts, std::function<void(const std::shared_ptr<net::Socket>& c)> use) {
    server = hosts.server().createServer([this](std::shared_ptr<net::Socket> s) {
      s->on(net::ev::data, [this](const net::Buffer& b) { received += b.toString(); });
      s->on(net::ev::end, [this] { log->add("server:end:" + received); });
      s->on(net::ev::error, [this](const net::Error& e) { log->add("server:error:" + std::string(e.code())); });
      s->on(net::ev::close, [this](bool) { server->close(); });
    });
    server->listen(0, hosts.serverAddress(),
                   [this, &hosts, use] { use(hosts.client().connect(server->address().port, hosts.serverAddress())); });
  }
};

// write('bye'); destroy(): the bytes were the kernel's already; the peer gets them, then
// its 'end'; the write's callback reports success (the bytes did go out).
TYPED_TEST(NodeParity, BytesWrittenBeforeDestroyArrive) {
  auto& hosts = this->env;
  Log log;
  Receiver rx(log);
  rx.client(hosts, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      c->write("bye", [&](const net::MaybeError& e) { log.add("write-cb:" + codeOf(e)); });
      c->destroy();
    });
    c->on(net::ev::close, [&](bool hadError) { log.add(hadError ? "client:close!" : "client:close"); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(rx.received, "bye");
  EXPECT_TRUE(log.has("server:end:bye")) << log.str();
  EXPECT_FALSE(log.has("server:error:ECONNRESET")) << log.str();
  EXPECT_TRUE(log.before("write-cb:none", "client:close")) << log.str();
}

// A half-open server writes in 'end', then again a moment later, then destroys: the client
// gets both writes, then 'end'.
TYPED_TEST(NodeParity, WritesAfterPeerEndThenDestroyArrive) {
  auto& hosts = this->env;
  Log log;
  std::string got;
  net::ServerOptions options;
  options.allowHalfOpen = true;
  auto server = oneConnectionServer(hosts, options, [&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [](const net::Buffer&) {});
    s->on(net::ev::end, [&, s] {
      s->write("first ");
      hosts.server().setTimeout(1ms, [s] {
        s->write("second");
        s->destroy();
      });
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = recordedClient(hosts, server->address().port, log, "client", false);
    c->on(net::ev::data, [&](const net::Buffer& b) { got += b.toString(); });
    c->on(net::ev::connect, [c] { c->end("request"); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(got, "first second");
  EXPECT_TRUE(log.has("client:end")) << log.str();
  EXPECT_FALSE(log.has("client:error:ECONNRESET")) << log.str();
}

// Node (Writable afterWrite): 'drain' is emitted before the callback of the write that
// emptied the buffer.
TYPED_TEST(NodeParity, DrainBeforeTheWriteCallback) {
  auto& hosts = this->env;
  hosts.client().setHighWaterMark(1024);
  Log log;
  Receiver rx(log);
  rx.client(hosts, [&](const auto& c) {
    c->on(net::ev::drain, [&, c] {
      log.add("drain");
      c->end();
    });
    bool ok = c->write(net::Buffer(std::string(4096, 'd')),
                       [&](const net::MaybeError& e) { log.add("write-cb:" + codeOf(e)); });
    EXPECT_FALSE(ok);
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.index("drain"), 0) << log.str();
  EXPECT_EQ(log.index("write-cb:none"), 1) << log.str();
}

// end(cb) on a socket that finished and closed: cb gets ERR_STREAM_ALREADY_FINISHED; on
// one that closed with an error: ERR_STREAM_DESTROYED. Both from the loop.
TYPED_TEST(NodeParity, EndCallbackOnAClosedSocket) {
  auto& hosts = this->env;
  Log log;
  Receiver rx(log);
  rx.client(hosts, [&](const auto& c) {
    c->on(net::ev::connect, [c] { c->end(); });
    c->on(net::ev::close, [&, c](bool) {
      log.call([&] { c->end([&](const net::MaybeError& e) { log.add("end-cb:" + codeOf(e)); }); });
    });
  });
  withRefusedPort(hosts, [&](int port) {
    auto refused = hosts.client().connect(port, hosts.serverAddress());
    refused->on(net::ev::error, [](const net::Error&) {});
    refused->on(net::ev::close, [&, refused](bool) {
      log.call([&] { refused->end([&](const net::MaybeError& e) { log.add("refused-end-cb:" + codeOf(e)); }); });
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_TRUE(log.has("end-cb:ERR_STREAM_ALREADY_FINISHED")) << log.str();
  EXPECT_TRUE(log.has("refused-end-cb:ERR_STREAM_DESTROYED")) << log.str();
}

// A write after destroy(): its callback (ERR_STREAM_DESTROYED) runs before 'close', as
// Node's 'close' comes from the handle's close callback, after the next tick.
TYPED_TEST(NodeParity, WriteAfterDestroyCallbackBeforeClose) {
  auto& hosts = this->env;
  Log log;
  Receiver rx(log);
  rx.client(hosts, [&](const auto& c) {
    c->on(net::ev::close, [&](bool) { log.add("close"); });
    c->on(net::ev::connect, [&, c] {
      c->destroy();
      EXPECT_FALSE(c->write("late", [&](const net::MaybeError& e) { log.add("write-cb:" + codeOf(e)); }));
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.events(), (std::vector<std::string>{"write-cb:ERR_STREAM_DESTROYED", "close", "server:end:"}))
      << log.str();
}

} // namespace
} // namespace conformance
