// The write side: write()'s return value at the high-water mark and 'drain' (rules 5, 6),
// write callbacks, bytes and strings, end(data, cb) (rule 7), write after end, writes on a
// destroyed socket and destroy() with writes pending (rule 10).
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Write);

// A server that counts (and keeps) what it receives and closes itself after one connection.
struct Sink {
  std::string received;
  bool ended = false;
  std::shared_ptr<net::Server> server;
  template <class Env> void listen(Env& hosts, std::function<void(int port)> then) {
    server = hosts.server().createServer([this](std::shared_ptr<net::Socket> s) {
      s->on(net::ev::data, [this](const net::Buffer& b) { received += b.toString(); });
      s->on(net::ev::end, [this] { ended = true; });
      s->on(net::ev::error, [](const net::Error&) {});
      s->on(net::ev::close, [this](bool) { server->close(); });
    });
    server->listen(0, hosts.serverAddress(), [this, then] { then(server->address().port); });
  }
  // A client, recorded in log as "client", connects to the sink; `use(c)` gives it the test's part.
  template <class Env>
  void client(Env& hosts, Log& log, std::function<void(const std::shared_ptr<net::Socket>& c)> use) {
    listen(hosts, [&hosts, &log, use](int port) { use(recordedClient(hosts, port, log)); });
  }
};

TYPED_TEST(Write, FalseAtHighWaterMarkThenOneDrain) {
  auto& hosts = this->env;
  hosts.client().setHighWaterMark(1024);
  EXPECT_EQ(hosts.client().highWaterMark(), 1024u);
  Log log;
  Sink sink;
  std::vector<bool> results;
  std::size_t bufferedAtDrain = SIZE_MAX;
  sink.client(hosts, log, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      log.call([&] {
        results.push_back(c->write(net::Buffer::alloc(512, 'a'))); // 512 < 1024
        results.push_back(c->write(net::Buffer::alloc(511, 'b'))); // 1023 < 1024
        results.push_back(c->write(net::Buffer::alloc(1, 'c')));   // 1024: the mark
        results.push_back(c->write(net::Buffer::alloc(10, 'd')));  // above it: still queued
      });
      EXPECT_EQ(c->bufferSize(), 1034u);
    });
    c->once(net::ev::drain, [&, c] {
      bufferedAtDrain = c->bufferSize();
      // Below the mark again: true, and no further 'drain' is owed.
      results.push_back(c->write(net::Buffer::alloc(10, 'e')));
      c->end();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(results, (std::vector<bool>{true, true, false, false, true}));
  EXPECT_EQ(bufferedAtDrain, 0u);
  EXPECT_EQ(log.count("client:drain"), 1u) << log.str();
  EXPECT_EQ(sink.received,
            std::string(512, 'a') + std::string(511, 'b') + "c" + std::string(10, 'd') + std::string(10, 'e'));
  EXPECT_TRUE(sink.ended);
}

// Writes queued before connect count toward the mark too; 'drain' follows the flush.
TYPED_TEST(Write, FalseBeforeConnectThenDrainAfterIt) {
  auto& hosts = this->env;
  Log log;
  Sink sink;
  std::vector<bool> results;
  sink.client(hosts, log, [&](const auto& c) {
    results.push_back(c->write(std::string(10 * 1024, 'a')));
    results.push_back(c->write(std::string(10 * 1024, 'b'))); // 20 KiB >= 16 KiB
    c->on(net::ev::drain, [c] { c->end(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(results, (std::vector<bool>{true, false}));
  EXPECT_TRUE(log.before("client:connect", "client:drain")) << log.str();
  EXPECT_EQ(sink.received.size(), 20u * 1024);
}

// Rule 6: no 'drain' unless a write() returned false.
TYPED_TEST(Write, NoDrainWithoutFalse) {
  auto& hosts = this->env;
  Log log;
  Sink sink;
  sink.client(hosts, log, [&](const auto& c) {
    c->on(net::ev::connect, [c] {
      for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(c->write(std::string(100, 'x')));
      c->end();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(sink.received.size(), 300u);
  EXPECT_FALSE(log.has("client:drain")) << log.str();
}

// Callbacks run once each, in write order, never inside write(); counters add up.
TYPED_TEST(Write, CallbacksInOrderAndCounters) {
  auto& hosts = this->env;
  Log log;
  Sink sink;
  std::vector<int> order;
  std::uint64_t bytesWritten = 0, serverBytesRead = 0;
  constexpr int kWrites = 100;
  std::uint64_t total = 0;
  for (int i = 0; i < kWrites; ++i)
    total += static_cast<std::uint64_t>(i * 37 % 1000 + 1);
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [](const net::Buffer&) {});
    s->on(net::ev::close, [&, s](bool) {
      serverBytesRead = s->bytesRead();
      server->close();
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::connect, [&, c] {
      std::size_t buffered = 0;
      log.call([&] {
        for (int i = 0; i < kWrites; ++i) {
          std::size_t n = static_cast<std::size_t>(i * 37 % 1000 + 1);
          buffered += n;
          c->write(net::Buffer::alloc(n, static_cast<std::uint8_t>(i)), [&, i](const net::MaybeError& e) {
            EXPECT_FALSE(e) << e->what();
            log.add("cb");
            order.push_back(i);
          });
        }
      });
      // Nothing completes inside the call that wrote it.
      EXPECT_EQ(c->bufferSize(), buffered);
      EXPECT_EQ(c->bytesWritten(), 0u);
      c->end();
    });
    c->on(net::ev::close, [&, c](bool) { bytesWritten = c->bytesWritten(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty());
  std::vector<int> expected(kWrites);
  for (int i = 0; i < kWrites; ++i)
    expected[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(order, expected);
  EXPECT_EQ(bytesWritten, total);
  EXPECT_EQ(serverBytesRead, total);
}

// write() takes bytes (any value, zeros included) or text.
TYPED_TEST(Write, BytesAndStrings) {
  auto& hosts = this->env;
  Sink sink;
  const std::uint8_t raw[] = {0, 1, 2, 0xff, 0, 0x80, 0x7f, 0};
  net::Buffer expected;
  for (auto part : {net::Buffer("text;"), net::Buffer(std::string("string;")), net::Buffer(raw, sizeof raw),
                    net::Buffer::alloc(3, 0xfe), net::Buffer(std::vector<std::uint8_t>{9, 0, 9}), net::Buffer("end")})
    expected.append(part);
  sink.listen(hosts, [&](int port) {
    auto c = hosts.client().connect(port, hosts.serverAddress());
    c->on(net::ev::connect, [&, c] {
      c->write("text;");
      c->write(std::string("string;"));
      c->write(net::Buffer(raw, sizeof raw));
      c->write(net::Buffer::alloc(3, 0xfe));
      c->write(net::Buffer(std::vector<std::uint8_t>{9, 0, 9}));
      c->end("end");
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(net::Buffer(sink.received), expected);
}

// end(data, cb) and end(cb): the data goes out before the FIN; every end callback runs once,
// when the write side is finished, from the loop.
TYPED_TEST(Write, EndWithDataAndCallbacks) {
  auto& hosts = this->env;
  Log log;
  Sink sink;
  sink.client(hosts, log, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      log.call([&] {
        c->write("hello ");
        c->end("bye", [&, c] {
          log.add("end-cb-1");
          EXPECT_FALSE(c->writable());
          EXPECT_EQ(c->bufferSize(), 0u);
        });
        c->end([&] { log.add("end-cb-2"); }); // a second end() before finishing: its cb runs too
      });
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(sink.received, "hello bye");
  EXPECT_TRUE(sink.ended);
  EXPECT_EQ(log.count("end-cb-1"), 1u);
  EXPECT_EQ(log.count("end-cb-2"), 1u);
  EXPECT_TRUE(log.before("end-cb-1", "end-cb-2")) << log.str();
  EXPECT_TRUE(log.before("end-cb-2", "client:close")) << log.str();
}

// Rule 7: write() after end() returns false and is an 'error' from the loop; the socket
// is then destroyed ('close' with hadError), as Node's autoDestroy does.
TYPED_TEST(Write, WriteAfterEndIsAnError) {
  auto& hosts = this->env;
  Log log;
  Sink sink;
  bool result = true;
  net::MaybeError cbError;
  sink.client(hosts, log, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      c->end("last");
      result = log.call([&] {
        return c->write("too late", [&](const net::MaybeError& e) {
          log.add("write-cb");
          cbError = e;
        });
      });
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_FALSE(result);
  ASSERT_TRUE(cbError);
  EXPECT_EQ(cbError->errc, net::Errc::WriteAfterEnd);
  EXPECT_EQ(log.count("client:error:ERR_STREAM_WRITE_AFTER_END"), 1u) << log.str();
  EXPECT_EQ(log.events().back(), "client:close!") << log.str();
  EXPECT_EQ(sink.received.find("too late"), std::string::npos);
}

// Writes in many small pieces, ignoring write()'s return value: everything is still queued
// and arrives in order.
TYPED_TEST(Write, ManySmallWritesKeepOrder) {
  auto& hosts = this->env;
  PatternCheck check(7);
  std::uint64_t total = 0;
  bool ended = false;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [&](const net::Buffer& b) { check.feed(b); });
    s->on(net::ev::end, [&] { ended = true; });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    // Queued before connect and after.
    for (int i = 0; i < 5000; ++i) {
      std::size_t n = static_cast<std::size_t>(i % 13 + 1);
      c->write(pattern(total, n, 7));
      total += n;
    }
    c->on(net::ev::connect, [&, c] {
      for (int i = 0; i < 5000; ++i) {
        std::size_t n = static_cast<std::size_t>(i % 17 + 1);
        c->write(pattern(total, n, 7));
        total += n;
      }
      c->end();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(ended);
  EXPECT_EQ(check.received, total);
  EXPECT_EQ(check.mismatches, 0u) << "first at " << check.firstMismatch;
}

// A destroyed socket takes no writes: false, and the callback gets ERR_STREAM_DESTROYED, with
// no 'error' event.
TYPED_TEST(Write, WriteOnDestroyedSocket) {
  auto& hosts = this->env;
  Log log;
  Sink sink;
  std::vector<bool> results;
  std::vector<std::string> codes;
  auto idle = hosts.client().newSocket();
  record(*idle, log, "idle");
  idle->destroy();
  results.push_back(
      log.call([&] { return idle->write("x", [&](const net::MaybeError& e) { codes.push_back(codeOf(e)); }); }));
  sink.client(hosts, log, [&](const auto& c) {
    c->on(net::ev::connect, [c] { c->destroy(); });
    c->on(net::ev::close, [&, c](bool) {
      results.push_back(
          log.call([&] { return c->write("y", [&](const net::MaybeError& e) { codes.push_back(codeOf(e)); }); }));
      c->end("z");
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(results, (std::vector<bool>{false, false}));
  EXPECT_EQ(codes, (std::vector<std::string>{"ERR_STREAM_DESTROYED", "ERR_STREAM_DESTROYED"}));
  EXPECT_FALSE(log.has("idle:error:ERR_STREAM_DESTROYED")) << log.str();
  EXPECT_FALSE(log.has("client:error:ERR_STREAM_DESTROYED")) << log.str();
  EXPECT_EQ(log.count("idle:close"), 1u) << log.str();
  EXPECT_EQ(log.count("client:close"), 1u) << log.str();
  EXPECT_EQ(sink.received, "");
}

// Rule 10: destroy() drops pending writes; their callbacks and a waiting end()'s get an
// error (from the loop) and the peer receives at most a prefix of what was written.
TYPED_TEST(Write, DestroyDropsPendingWrites) {
  auto& hosts = this->env;
  Log log;
  PatternCheck check(3);
  std::vector<std::string> codes;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [&](const net::Buffer& b) { check.feed(b); });
    s->on(net::ev::error, [](const net::Error&) {});
  });
  constexpr std::size_t kBig = 8 << 20;
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::connect, [&, c] {
      log.call([&] {
        c->write(pattern(0, kBig, 3), [&](const net::MaybeError& e) { codes.push_back(codeOf(e)); });
        c->write(pattern(kBig, 10, 3), [&](const net::MaybeError& e) { codes.push_back(codeOf(e)); });
        c->end([&](const net::MaybeError& e) { log.add("end-cb:" + codeOf(e)); });
        c->destroy();
        c->destroy(); // twice: harmless
      });
      EXPECT_TRUE(c->destroyed());
      EXPECT_EQ(c->bufferSize(), 0u);
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(codes, (std::vector<std::string>{"ERR_STREAM_DESTROYED", "ERR_STREAM_DESTROYED"}));
  // The end() callback still waiting gets ERR_STREAM_DESTROYED (Node's errorBuffer).
  EXPECT_TRUE(log.has("end-cb:ERR_STREAM_DESTROYED")) << log.str();
  EXPECT_EQ(log.count("client:close"), 1u) << log.str();
  EXPECT_LE(check.received, kBig + 10);
  EXPECT_EQ(check.mismatches, 0u);
}

} // namespace
} // namespace conformance
