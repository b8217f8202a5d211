// The backend contract: the transport primitives the `net` layer needs, and nothing more.
//
// net.h implements every semantic rule (event order, half-close policy, drain, idle
// timeouts, write-after-end, exactly-once close) on top of these primitives, so a backend
// never decides what the application sees; it only moves bytes and reports what the
// transport did. Two implementations exist: the OS backend (os.h, libuv) and the ns-3
// backend (sim/). They are held to the same conformance suite.
//
// Rules every backend follows:
//  1. Single-threaded: every call and every sink callback happens on the backend's loop.
//  2. No sink is called from inside a call made to the backend (connect, write, shutdown,
//     readStart, listen...): outcomes are reported later from the loop, even when they are
//     known at once (a literal address, a synchronous connect failure).
//  3. Destroying a Stream, Listener or Timer stops all its callbacks at once, even while one
//     of its own callbacks is running. Destroying an open Stream closes the connection as
//     close(2) does: a FIN, or an RST when received data was left unread. abort() sends RST.
//  4. Writes complete in order. A write completes when its bytes have been accepted into
//     the transport's send buffer (the kernel's, or ns-3's TcpTxBuffer), not when acked.
//  5. Reading is on only between readStart() and readStop(): while stopped, the backend
//     reads nothing, so the receive window fills and the peer is slowed (real backpressure).
//     A FIN is reported (onEof) in stream order: after every byte before it.
//  6. Errors are net::Error with the codes of net.h; the message names the operation.
//  7. Time is integer nanoseconds on the backend's clock; simulated backends never read the
//     wall clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/net.h"

namespace net {

namespace backend {

// What a Stream reports. Implemented by the net layer.
class StreamSink {
public:
  virtual ~StreamSink() = default;
  // The outcome of connect(): nullopt when established, else ECONNREFUSED, ETIMEDOUT...
  virtual void onConnect(const MaybeError& err) = 0;
  virtual void onData(const std::uint8_t* data, std::size_t size) = 0;
  // The peer's FIN: no more data will arrive. The write side is unaffected.
  virtual void onEof() = 0;
  // The oldest incomplete write completed (nullopt) or failed.
  virtual void onWritten(const MaybeError& err) = 0;
  // shutdown() completed: the FIN is queued behind every written byte.
  virtual void onShutdown(const MaybeError& err) = 0;
  // The connection failed: ECONNRESET (an RST arrived), ETIMEDOUT (retransmissions or
  // keepalive probes unanswered), EHOSTUNREACH... No further callbacks follow.
  virtual void onError(const Error& err) = 0;
};

// One TCP connection.
class Stream {
public:
  virtual ~Stream() = default;
  virtual void setSink(StreamSink* sink) = 0;
  // Opens the connection to a resolved address.
  virtual void connect(const Address& remote) = 0;
  virtual void readStart() = 0;
  virtual void readStop() = 0;
  virtual void write(Buffer data) = 0;
  // Sends a FIN after every written byte.
  virtual void shutdown() = 0;
  // Resets the connection (RST) and stops all callbacks.
  virtual void abort() = 0;
  // Called just before the stream is destroyed: hands the transport what its send buffer
  // has room for of the queued writes (a kernel already holds what write(2) accepted), and
  // returns how many of the incomplete writes, oldest first, are thereby complete. Their
  // onWritten never comes; the net layer reports them as written.
  virtual std::size_t flush() = 0;
  // Probes an idle peer after initialDelay; a peer that never answers ends the stream with
  // onError(ETIMEDOUT). The probe interval and count are the backend's (documented there).
  virtual void setKeepAlive(bool enable, Duration initialDelay) = 0;
  virtual void setNoDelay(bool noDelay) = 0;
  virtual Address localAddress() const = 0;
  virtual Address remoteAddress() const = 0;
};

class ListenerSink {
public:
  virtual ~ListenerSink() = default;
  // A connection completed its handshake. Reading is stopped until readStart().
  virtual void onAccept(std::unique_ptr<Stream> stream) = 0;
  virtual void onError(const Error& err) = 0;
};

class Listener {
public:
  virtual ~Listener() = default;
  virtual Address localAddress() const = 0;
};

class Timer {
public:
  virtual ~Timer() = default;
  // (Re)arms the timer to fire once, delay from now; a running timer is re-armed.
  virtual void start(Duration delay) = 0;
  virtual void stop() = 0;
};

} // namespace backend

// One host's transport: everything a Context needs from below.
class Backend {
public:
  using ResolveCallback = std::function<void(const MaybeError&, std::vector<Address>)>;

  virtual ~Backend() = default;
  virtual Time now() const = 0;
  // Runs fn soon from the loop (after the current callback), in FIFO order.
  virtual void post(std::function<void()> fn) = 0;
  virtual std::unique_ptr<backend::Timer> timer(std::function<void()> fire) = 0;
  // Resolves a host name or literal address; family 0, 4 or 6. ENOTFOUND when it does not
  // resolve. The callback never runs after the Backend is destroyed.
  virtual void resolve(const std::string& host, int family, ResolveCallback cb) = 0;
  // A stream ready for connect().
  virtual std::unique_ptr<backend::Stream> stream() = 0;
  // Binds and listens. An empty address means every address of the host (IPv6 and IPv4
  // where the host has both). Fails synchronously (EADDRINUSE, EACCES, EADDRNOTAVAIL) with
  // the listener left null; the net layer reports it from the loop.
  virtual std::unique_ptr<backend::Listener> listen(const Address& local, int backlog, backend::ListenerSink* sink,
                                                    MaybeError& err) = 0;
};

} // namespace net
