// Helpers shared by the conformance tests: an event log that also checks rule 1 (no
// re-entrancy), deterministic byte patterns, and small servers. Only the net API is used.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/conformance/env.h"

namespace conformance {

// An ordered record of what a test saw, as short strings ("client:connect"). While an API
// call runs under call(), any event recorded is a listener run inside the call that caused
// it, which rule 1 forbids: it is kept in reentered().
class Log {
public:
  void add(const std::string& e) {
    if (inside_)
      reentered_.push_back(e);
    events_.push_back(e);
  }
  // Like add, but consecutive duplicates are kept once (a stream of 'data' chunks).
  void addOnce(const std::string& e) {
    if (inside_)
      reentered_.push_back(e);
    if (events_.empty() || events_.back() != e)
      events_.push_back(e);
  }
  // Runs fn, an API call, with the re-entrancy guard up.
  template <class F> decltype(auto) call(F&& fn) {
    Guard g(*this);
    return fn();
  }

  const std::vector<std::string>& events() const { return events_; }
  const std::vector<std::string>& reentered() const { return reentered_; }
  std::size_t count(const std::string& e) const {
    return static_cast<std::size_t>(std::count(events_.begin(), events_.end(), e));
  }
  bool has(const std::string& e) const { return count(e) > 0; }
  // Position of the first occurrence; -1 when absent.
  long index(const std::string& e) const {
    auto it = std::find(events_.begin(), events_.end(), e);
    return it == events_.end() ? -1 : static_cast<long>(it - events_.begin());
  }
  long lastIndex(const std::string& e) const {
    auto it = std::find(events_.rbegin(), events_.rend(), e);
    return it == events_.rend() ? -1 : static_cast<long>(events_.rend() - it) - 1;
  }
  // Both happened, a first.
  bool before(const std::string& a, const std::string& b) const {
    long ia = index(a), ib = index(b);
    return ia >= 0 && ib >= 0 && ia < ib;
  }
  std::string str() const {
    std::string s;
    for (const auto& e : events_)
      s += (s.empty() ? "" : ", ") + e;
    return "[" + s + "]";
  }

private:
  struct Guard {
    explicit Guard(Log& l) : log(l), prev(l.inside_) { log.inside_ = true; }
    ~Guard() { log.inside_ = prev; }
    Log& log;
    bool prev;
  };
  std::vector<std::string> events_, reentered_;
  bool inside_ = false;
};

// Records every event of s into log as "who:event": "who:error:ECONNRESET", "who:close"
// or "who:close!" (hadError), "who:lookup" or "who:lookup!" (failed). 'data' is recorded
// once per run of chunks; withData false leaves 'data' alone (a 'data' listener changes
// how a socket reads).
inline void record(net::Socket& s, Log& log, const std::string& who, bool withData = true) {
  s.on(net::ev::lookup, [&log, who](const net::MaybeError& err, const std::string&, int) {
    log.add(who + ":lookup" + (err ? "!" : ""));
  });
  s.on(net::ev::connect, [&log, who] { log.add(who + ":connect"); });
  if (withData)
    s.on(net::ev::data, [&log, who](const net::Buffer&) { log.addOnce(who + ":data"); });
  s.on(net::ev::drain, [&log, who] { log.add(who + ":drain"); });
  s.on(net::ev::end, [&log, who] { log.add(who + ":end"); });
  s.on(net::ev::timeout, [&log, who] { log.add(who + ":timeout"); });
  s.on(net::ev::error, [&log, who](const net::Error& e) { log.add(who + ":error:" + std::string(e.code())); });
  s.on(net::ev::close, [&log, who](bool hadError) { log.add(who + ":close" + (hadError ? "!" : "")); });
}

// --- deterministic content -----------------------------------------------------------------

// Byte i of the stream `seed`: a hash of the position, so that a lost, repeated or
// reordered chunk of any size shows.
inline std::uint64_t patternWord(std::uint64_t word, std::uint64_t seed) {
  std::uint64_t x = word + seed * 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
inline std::uint8_t patternByte(std::uint64_t i, std::uint64_t seed) {
  return static_cast<std::uint8_t>(patternWord(i >> 3, seed) >> ((i & 7) * 8));
}
// Bytes [offset, offset + size) of the stream `seed`.
inline net::Buffer pattern(std::uint64_t offset, std::size_t size, std::uint64_t seed) {
  net::Buffer b = net::Buffer::alloc(size);
  std::uint8_t* p = b.data();
  std::uint64_t word = UINT64_MAX, w = 0;
  for (std::size_t k = 0; k < size; ++k) {
    std::uint64_t i = offset + k;
    if ((i >> 3) != word) {
      word = i >> 3;
      w = patternWord(word, seed);
    }
    p[k] = static_cast<std::uint8_t>(w >> ((i & 7) * 8));
  }
  return b;
}

// Checks a received stream against the pattern, byte by byte.
struct PatternCheck {
  explicit PatternCheck(std::uint64_t s = 0) : seed(s) {}
  void feed(const net::Buffer& b) {
    const std::uint8_t* p = b.data();
    std::uint64_t word = UINT64_MAX, w = 0;
    for (std::size_t k = 0; k < b.size(); ++k) {
      std::uint64_t i = received + k;
      if ((i >> 3) != word) {
        word = i >> 3;
        w = patternWord(word, seed);
      }
      if (p[k] != static_cast<std::uint8_t>(w >> ((i & 7) * 8))) {
        if (mismatches == 0)
          firstMismatch = i;
        ++mismatches;
      }
    }
    received += b.size();
  }
  std::uint64_t seed;
  std::uint64_t received = 0, mismatches = 0, firstMismatch = UINT64_MAX;
};

// Writes `total` bytes of the pattern `seed` to s in `chunk`-sized writes, honouring
// backpressure (it stops when write() returns false and goes on at 'drain'), then ends the
// socket when endAfter. Returns at once; the rest happens from the loop.
inline void writePattern(net::Socket& s, std::uint64_t total, std::uint64_t seed, bool endAfter = true,
                         std::size_t chunk = 64 * 1024) {
  struct Pump {
    net::Socket* s;
    std::uint64_t total, seed, sent = 0;
    bool endAfter, ended = false;
    std::size_t chunk;
    void operator()() {
      while (sent < total && !s->destroyed()) {
        std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, total - sent));
        net::Buffer b = pattern(sent, n, seed);
        sent += n;
        if (!s->write(std::move(b)))
          return;
      }
      if (sent == total && endAfter && !ended) {
        ended = true;
        s->end();
      }
    }
  };
  // The 'drain' listener owns the pump; the socket releases it after 'close'.
  auto pump = std::make_shared<Pump>(Pump{&s, total, seed, 0, endAfter, false, chunk});
  s.on(net::ev::drain, [pump] { (*pump)(); });
  (*pump)();
}

// --- servers -------------------------------------------------------------------------------

// A server that writes back what it reads, with backpressure (a paused reader while its own
// writes are pending), and ends when the peer ends.
inline std::shared_ptr<net::Server> echoServer(net::Context& ctx, net::ServerOptions options = {}) {
  return ctx.createServer(options, [](std::shared_ptr<net::Socket> s) {
    net::Socket* raw = s.get();
    s->on(net::ev::data, [raw](const net::Buffer& b) {
      if (!raw->write(b))
        raw->pause();
    });
    s->on(net::ev::drain, [raw] { raw->resume(); });
    s->on(net::ev::end, [raw] {
      if (raw->allowHalfOpen())
        raw->end();
    });
    s->on(net::ev::error, [](const net::Error&) {});
  });
}

// A server for a test's one connection: `accept(s)` gives the accepted socket the test's part,
// and the server closes once that socket has closed.
template <class Env>
std::shared_ptr<net::Server> oneConnectionServer(Env& hosts, const net::ServerOptions& options,
                                                 std::function<void(std::shared_ptr<net::Socket>)> accept) {
  auto server = hosts.server().createServer(options);
  net::Server* raw = server.get();
  server->on(net::ev::connection, [raw, accept](std::shared_ptr<net::Socket> s) {
    accept(s);
    s->on(net::ev::close, [raw](bool) { raw->close(); });
  });
  return server;
}
template <class Env>
std::shared_ptr<net::Server> oneConnectionServer(Env& hosts, std::function<void(std::shared_ptr<net::Socket>)> accept) {
  return oneConnectionServer(hosts, {}, std::move(accept));
}

// A server that reads everything and answers nothing. It closes itself once its connection
// has closed: for tests that open one.
inline std::shared_ptr<net::Server> silentServer(net::Context& ctx) {
  auto server = ctx.createServer();
  net::Server* raw = server.get();
  server->on(net::ev::connection, [raw](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [](const net::Buffer&) {});
    s->on(net::ev::close, [raw](bool) { raw->close(); });
  });
  return server;
}

// Finds a port on the server host where nobody listens: listens on port 0, reads the port,
// closes the server, and hands the port to `then` once the server has closed.
template <class Env> void withRefusedPort(Env& env, std::function<void(int port)> then) {
  auto server = env.server().createServer();
  net::Server* raw = server.get();
  server->listen(0, env.serverAddress(), [raw, then] {
    int port = raw->address().port;
    raw->close([port, then](const net::MaybeError& err) {
      EXPECT_FALSE(err);
      then(port);
    });
  });
}

// --- clients -------------------------------------------------------------------------------

// Options that reach `port` on the server host by its literal address; a test sets the rest.
template <class Env> net::ConnectOptions optionsTo(Env& env, int port) {
  net::ConnectOptions o;
  o.port = port;
  o.host = env.serverAddress();
  return o;
}
// The same with keepalive on: probes after `initialDelay` of silence.
template <class Env> net::ConnectOptions keepAliveOptionsTo(Env& env, int port, net::Duration initialDelay) {
  net::ConnectOptions o = optionsTo(env, port);
  o.keepAlive = true;
  o.keepAliveInitialDelay = initialDelay;
  return o;
}

// A client connecting to `port` on the server's literal address, its events recorded in log
// as `who` (record()).
template <class Env>
std::shared_ptr<net::Socket> recordedClient(Env& hosts, int port, Log& log, const std::string& who = "client",
                                            bool withData = true) {
  auto c = hosts.client().connect(port, hosts.serverAddress());
  record(*c, log, who, withData);
  return c;
}

// Makes `server` listen on the server's literal address (a port the system picks); once it
// listens, a client, recorded in log as "client", connects to it and `use(c)` gives that client
// the test's part.
template <class Env>
void listenAndConnect(Env& hosts, net::Server& server, Log& log,
                      std::function<void(const std::shared_ptr<net::Socket>& c)> use) {
  net::Server* raw = &server;
  server.listen(0, hosts.serverAddress(),
                [&hosts, &log, raw, use] { use(recordedClient(hosts, raw->address().port, log)); });
}

// One round trip through an echo server: c sends `message` with its FIN once connected, what
// comes back is appended to `echoed`, and once c has closed, without error, the server closes.
inline void roundTrip(net::Socket& c, net::Server& server, const std::string& message, std::string& echoed) {
  net::Socket* raw = &c;
  net::Server* srv = &server;
  c.on(net::ev::connect, [raw, message] { raw->end(message); });
  c.on(net::ev::data, [&echoed](const net::Buffer& b) { echoed += b.toString(); });
  c.on(net::ev::close, [srv](bool hadError) {
    EXPECT_FALSE(hadError);
    srv->close();
  });
}

inline std::string codeOf(const net::MaybeError& e) { return e ? std::string(e->code()) : std::string("none"); }

} // namespace conformance
