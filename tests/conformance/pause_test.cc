// Rule 11: pause() stops reading from the transport (real backpressure: the writer's buffer
// grows and 'drain' waits for resume()), resume() delivers what arrived meanwhile, 'end' only
// after it (rule 8), and a socket with no 'data' listener yet loses nothing.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Pause);

// Paused before it even connects: nothing is delivered, not even the peer's FIN, until
// resume(); then the data, then 'end'.
TYPED_TEST(Pause, PausedSocketDeliversNothingUntilResume) {
  auto& hosts = this->env;
  Log log;
  std::string got;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) { s->end("abc"); });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().newSocket();
    log.call([&] { c->pause(); });
    record(*c, log, "client");
    c->on(net::ev::data, [&](const net::Buffer& b) { got += b.toString(); });
    c->connect(server->address().port, hosts.serverAddress());
    c->on(net::ev::connect, [&, c] {
      hosts.client().setTimeout(100ms, [&, c] {
        // Read into the socket (Node reads up to the high-water mark while paused), but
        // not delivered.
        EXPECT_EQ(c->bytesRead(), 3u);
        log.add("resume");
        log.call([&] { c->resume(); });
      });
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(got, "abc");
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:connect", "resume", "client:data",
                                                    "client:end", "client:close"}));
}

// A reader paused from the start: the writer's writes stop completing (its bufferSize stays
// up, no 'drain') while the reader has read no more than its high-water mark; after resume() 'drain' comes and every
// byte arrives.
TYPED_TEST(Pause, PausedReaderIsRealBackpressure) {
  auto& hosts = this->env;
  constexpr std::size_t kChunk = 64 * 1024;
  Log log;
  PatternCheck check(9);
  std::shared_ptr<net::Socket> reader;
  std::uint64_t sent = 0, sentAtStall = 0, readAtStall = UINT64_MAX;
  std::size_t bufferedAtStall = 0;
  bool resumed = false, ended = false;
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    s->pause();
    reader = s;
    s->on(net::ev::data, [&](const net::Buffer& b) {
      check.feed(b);
      log.addOnce("reader:data");
    });
    s->on(net::ev::end, [&] { log.add("reader:end"); });
    s->on(net::ev::close, [&](bool) {
      reader.reset();
      server->close();
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    net::Socket* w = c.get();
    auto pump = std::make_shared<std::function<void()>>();
    *pump = [&, w] {
      while (!resumed) {
        net::Buffer b = pattern(sent, kChunk, 9);
        sent += kChunk;
        if (!w->write(std::move(b)))
          return;
        if (sent > (std::uint64_t{1} << 30)) {
          ADD_FAILURE() << "1 GiB written to a paused reader without backpressure";
          w->destroy();
          return;
        }
      }
      if (!ended) {
        ended = true;
        w->end();
      }
    };
    c->on(net::ev::connect, [pump] { (*pump)(); });
    c->on(net::ev::drain, [&log, pump] {
      log.addOnce("writer:drain");
      (*pump)();
    });
    c->on(net::ev::close, [pump](bool) { *pump = nullptr; });
    // Watch the writer: stalled when nothing completes for several polls in a row.
    auto last = std::make_shared<std::uint64_t>(UINT64_MAX);
    auto still = std::make_shared<int>(0);
    auto watch = std::make_shared<net::Timer>();
    *watch = hosts.client().setInterval(20ms, [&, c, last, still, watch] {
      if (c->destroyed()) {
        watch->cancel();
        return;
      }
      if (c->bytesWritten() == *last && c->bufferSize() > 0)
        ++*still;
      else
        *still = 0;
      *last = c->bytesWritten();
      if (*still < 5 || !reader)
        return;
      watch->cancel();
      log.add("stalled");
      sentAtStall = sent;
      bufferedAtStall = c->bufferSize();
      readAtStall = reader->bytesRead();
      // Hold the reader paused a while longer: still no 'drain'.
      hosts.client().setTimeout(200ms, [&] {
        log.add("resume");
        resumed = true;
        reader->resume();
      });
    });
  });
  ASSERT_TRUE(hosts.run());
  // While paused the reader took at most the high-water mark and one transport read more
  // (libuv reads up to 64 KiB at a time), then left the rest to the transport's window.
  EXPECT_GE(readAtStall, hosts.server().highWaterMark());
  EXPECT_LE(readAtStall, hosts.server().highWaterMark() + 64 * 1024);
  EXPECT_GT(bufferedAtStall, 0u);
  EXPECT_GT(sentAtStall, 0u);
  // The stall held until resume(): no 'drain' in between, and 'drain' after.
  long stall = log.index("stalled"), resume = log.index("resume");
  ASSERT_GE(stall, 0) << log.str();
  ASSERT_EQ(resume, stall + 1) << log.str();
  EXPECT_GT(log.lastIndex("writer:drain"), resume) << log.str();
  EXPECT_LT(log.lastIndex("writer:drain"), log.index("reader:end")) << log.str();
  EXPECT_EQ(check.received, sent);
  EXPECT_EQ(check.mismatches, 0u) << "first at " << check.firstMismatch;
}

// A socket whose 'data' listener comes late loses nothing: a little data with the FIN, and
// more data than the high-water mark.
template <class Env> void lateListener(Env& hosts, std::uint64_t total) {
  Log log;
  PatternCheck check(4);
  std::uint64_t atEnd = UINT64_MAX;
  std::shared_ptr<net::Server> server;
  server = hosts.server().createServer([&](std::shared_ptr<net::Socket> s) {
    hosts.server().setTimeout(100ms, [&, s] {
      log.add("attach");
      s->on(net::ev::data, [&](const net::Buffer& b) {
        check.feed(b);
        log.addOnce("server:data");
      });
      s->on(net::ev::end, [&] {
        atEnd = check.received;
        log.add("server:end");
      });
    });
    s->on(net::ev::close, [&](bool hadError) {
      EXPECT_FALSE(hadError);
      server->close();
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    writePattern(*c, total, 4);
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.events(), (std::vector<std::string>{"attach", "server:data", "server:end"}));
  EXPECT_EQ(atEnd, total);
  EXPECT_EQ(check.mismatches, 0u) << "first at " << check.firstMismatch;
}

TYPED_TEST(Pause, NoDataListenerYetLosesNothingSmall) { lateListener(this->env, 100); }
TYPED_TEST(Pause, NoDataListenerYetLosesNothingLarge) { lateListener(this->env, 4 << 20); }

// Pausing in every 'data' listener and resuming from the loop: no 'data' while paused, every
// byte in order, 'end' once after all.
TYPED_TEST(Pause, PauseResumeChurn) {
  auto& hosts = this->env;
  constexpr std::uint64_t kTotal = 4 << 20;
  PatternCheck check(6);
  bool paused = false;
  int pauses = 0, ends = 0;
  std::uint64_t atEnd = 0;
  auto server = oneConnectionServer(hosts, [&](std::shared_ptr<net::Socket> s) {
    net::Socket* raw = s.get();
    s->on(net::ev::data, [&, raw](const net::Buffer& b) {
      EXPECT_FALSE(paused) << "'data' on a paused socket";
      check.feed(b);
      paused = true;
      ++pauses;
      raw->pause();
      // Alternate between the next turn of the loop and a timer.
      auto resume = [&paused, s = raw->shared_from_this()] {
        paused = false;
        s->resume();
      };
      if (pauses % 2)
        hosts.server().setImmediate(resume);
      else
        hosts.server().setTimeout(1ms, resume);
    });
    s->on(net::ev::end, [&] {
      ++ends;
      atEnd = check.received;
    });
  });
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress());
    writePattern(*c, kTotal, 6);
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_GT(pauses, 1);
  EXPECT_EQ(ends, 1);
  EXPECT_EQ(atEnd, kTotal);
  EXPECT_EQ(check.mismatches, 0u) << "first at " << check.firstMismatch;
}

// resume() without pause(), pause() twice, and pause()/resume() on a closed socket: harmless.
TYPED_TEST(Pause, RedundantCallsAreHarmless) {
  auto& hosts = this->env;
  Log log;
  std::string got;
  auto server = echoServer(hosts.server());
  listenAndConnect(hosts, *server, log, [&](const auto& c) {
    c->on(net::ev::data, [&](const net::Buffer& b) { got += b.toString(); });
    log.call([&] {
      c->resume();
      c->pause();
      c->pause();
      c->resume();
    });
    c->on(net::ev::connect, [c] { c->end("ping"); });
    c->on(net::ev::close, [&, c](bool) {
      log.call([&] {
        c->pause();
        c->resume();
      });
      server->close();
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(got, "ping");
  EXPECT_EQ(log.events().back(), "client:close") << log.str();
}

} // namespace
} // namespace conformance
