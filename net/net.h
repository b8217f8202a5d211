// netbed's `net` API: the IoT.js `net` module in C++17.
//
// This header is the whole contract an application sees. An application receives a
// net::Context (one per host: its clock, timers, name space and sockets) and uses it as
// IoT.js code uses `require('net')`:
//
//   void echo(net::Context& net) {
//     auto server = net.createServer([](std::shared_ptr<net::Socket> s) {
//       s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
//     });
//     server->listen(7000);
//   }
//
// The semantics (order of events, half-close, drain, timeouts, errors) are those of
// net/SEMANTICS.md and are implemented here once, over a Backend (backend.h)
// that supplies only transport primitives: the OS backend (os.h) and the ns-3 backend
// behave identically because neither implements any of these rules.
//
// The handles' state and the rules' code are behind this header (net/context_state.h,
// net/socket_state.h, net/server_state.h, used by net/*.cc only); what runs a context
// (a simulated world, a libuv loop, a script engine) uses net/runtime.h.
//
// Lifetime: sockets, servers and timers are handles, as in libuv. The Context keeps each
// one alive while it is active (connecting, open, listening, armed); the application may
// drop its shared_ptr at any time. After 'close' a handle's listeners are released, which
// breaks cycles through listeners that capture their own socket.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace net {

using Duration = std::chrono::nanoseconds;
// A point on the context's clock: nanoseconds since the context started (simulated time
// in a simulated run).
using Time = std::chrono::nanoseconds;

class Backend; // net/backend.h: the transport under a context
class Context;
class Server;
class Socket;
class Runtime; // net/runtime.h: what runs a context
class ContextState;
class SocketState;
class ServerState;

// ---------------------------------------------------------------------------------------
// Buffer: an owned sequence of bytes (Node's Buffer).
class Buffer {
public:
  Buffer() = default;
  Buffer(std::string_view text) : bytes_(text.begin(), text.end()) {}
  Buffer(const char* text) : Buffer(std::string_view(text)) {}
  Buffer(const std::string& text) : Buffer(std::string_view(text)) {}
  Buffer(const void* data, std::size_t size)
      : bytes_(static_cast<const std::uint8_t*>(data), static_cast<const std::uint8_t*>(data) + size) {}
  explicit Buffer(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}
  static Buffer alloc(std::size_t size, std::uint8_t fill = 0);
  static Buffer concat(const std::vector<Buffer>& parts);

  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::uint8_t* data() { return bytes_.data(); }
  std::uint8_t operator[](std::size_t i) const { return bytes_[i]; }
  std::uint8_t& operator[](std::size_t i) { return bytes_[i]; }
  std::string toString() const { return std::string(view()); }
  std::string_view view() const { return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()}; }
  // Bytes [begin, end) clamped to the buffer, as Node's slice (but a copy).
  Buffer slice(std::size_t begin, std::size_t end = SIZE_MAX) const;
  void append(const void* data, std::size_t size);
  void append(const Buffer& other) { append(other.data(), other.size()); }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  std::vector<std::uint8_t>& bytes() { return bytes_; }
  bool operator==(const Buffer& o) const { return bytes_ == o.bytes_; }
  bool operator!=(const Buffer& o) const { return bytes_ != o.bytes_; }

private:
  std::vector<std::uint8_t> bytes_;
};

// ---------------------------------------------------------------------------------------
// Errors (semantics rule 15): a stable code and a readable message.
enum class Errc {
  ConnectionRefused,      // ECONNREFUSED
  ConnectionReset,        // ECONNRESET
  ConnectionAborted,      // ECONNABORTED
  TimedOut,               // ETIMEDOUT
  HostUnreachable,        // EHOSTUNREACH
  NetworkUnreachable,     // ENETUNREACH
  AddressInUse,           // EADDRINUSE
  AddressNotAvailable,    // EADDRNOTAVAIL
  AccessDenied,           // EACCES
  NotFound,               // ENOTFOUND
  BrokenPipe,             // EPIPE
  InvalidArgument,        // EINVAL
  TooManyFiles,           // EMFILE
  WriteAfterEnd,          // ERR_STREAM_WRITE_AFTER_END
  StreamDestroyed,        // ERR_STREAM_DESTROYED
  StreamAlreadyFinished,  // ERR_STREAM_ALREADY_FINISHED
  ServerNotRunning,       // ERR_SERVER_NOT_RUNNING
  ServerAlreadyListening, // ERR_SERVER_ALREADY_LISTEN
  BadPort,                // ERR_SOCKET_BAD_PORT
  InvalidArgValue,        // ERR_INVALID_ARG_VALUE
  Io,                     // EIO
};

// The code's name as Node spells it ("ECONNRESET").
std::string_view codeName(Errc code);

struct Error {
  Errc errc = Errc::Io;
  std::string message;

  std::string_view code() const { return codeName(errc); }
  // "ECONNREFUSED: connect 127.0.0.1:1 refused"
  std::string what() const;
};

// Thrown at the call for an invalid argument (a port outside 0-65535, an empty host...):
// invalid arguments never fail later.
class ArgumentError : public std::invalid_argument {
public:
  explicit ArgumentError(Error e);
  const Error& error() const { return error_; }

private:
  Error error_;
};

using MaybeError = std::optional<Error>;

// An endpoint as Node's address() reports it. family is 4 or 6 (0: unspecified).
struct Address {
  std::string address;
  int family = 0;
  std::uint16_t port = 0;
};

// ---------------------------------------------------------------------------------------
// Events. Listeners are registered with a tag: socket->on(net::ev::data, fn). Each tag has
// exactly one listener signature per emitter; a listener that does not fit does not compile.
namespace ev {
// clang-format off
struct lookup_t {};     inline constexpr lookup_t lookup{};         // Socket: (MaybeError, address, family)
struct connect_t {};    inline constexpr connect_t connect{};       // Socket: ()
struct data_t {};       inline constexpr data_t data{};             // Socket: (const Buffer&)
struct drain_t {};      inline constexpr drain_t drain{};           // Socket: ()
struct end_t {};        inline constexpr end_t end{};               // Socket: ()
struct timeout_t {};    inline constexpr timeout_t timeout{};       // Socket: ()
struct close_t {};      inline constexpr close_t close{};           // Socket: (bool hadError); Server: ()
struct error_t {};      inline constexpr error_t error{};           // Socket, Server: (const Error&)
struct listening_t {};  inline constexpr listening_t listening{};   // Server: ()
struct connection_t {}; inline constexpr connection_t connection{}; // Server: (std::shared_ptr<Socket>)
// clang-format on
} // namespace ev

using LookupListener = std::function<void(const MaybeError&, const std::string&, int)>;
using DataListener = std::function<void(const Buffer&)>;
using CloseListener = std::function<void(bool)>;
using ErrorListener = std::function<void(const Error&)>;
using ConnectionListener = std::function<void(std::shared_ptr<Socket>)>;
using Callback = std::function<void()>;
using WriteCallback = std::function<void(const MaybeError&)>;

// ---------------------------------------------------------------------------------------
struct SocketOptions {
  bool allowHalfOpen = false;
};

struct ConnectOptions {
  int port = -1; // required, 0-65535
  std::string host = "localhost";
  int family = 0; // 0, 4 or 6: restricts the lookup
  bool allowHalfOpen = false;
  bool keepAlive = false;
  Duration keepAliveInitialDelay{0};
};

struct ServerOptions {
  bool allowHalfOpen = false; // inherited by every accepted socket
};

struct ListenOptions {
  int port = 0;     // 0: any free port (see Server::address)
  std::string host; // empty: every address of the host
  int backlog = 511;
};

// A TCP connection. Created by Context::newSocket / connect, or accepted by a Server.
class Socket : public std::enable_shared_from_this<Socket> {
public:
  ~Socket();
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  // connect(options[, cb]), connect(port[, host][, cb]): cb is a 'connect' listener.
  Socket& connect(const ConnectOptions& options, Callback cb = {});
  Socket& connect(int port, const std::string& host, Callback cb = {});
  Socket& connect(int port, Callback cb = {});

  // Queues data; returns false once the bytes not yet handed to the transport reach the
  // high-water mark ('drain' follows). cb runs when this chunk has been handed over, or with
  // an error if the socket is destroyed first.
  bool write(Buffer data, WriteCallback cb = {});
  // Flushes what is queued, then half-closes (FIN). cb runs when the write side is finished;
  // the form taking an error gets, as Node's, ERR_STREAM_ALREADY_FINISHED when end() comes
  // after the socket finished and closed, ERR_STREAM_DESTROYED when it was destroyed first.
  Socket& end(Callback cb = {});
  Socket& end(Buffer data, Callback cb = {});
  Socket& end(WriteCallback cb);
  Socket& end(Buffer data, WriteCallback cb);
  Socket& destroy();
  // destroy(error) as Node's: 'error' with this error, then 'close'(true).
  Socket& destroy(Error err);
  Socket& pause();
  Socket& resume();
  // A one-shot idle timer restarted by every read or write; zero disables it.
  Socket& setTimeout(Duration idle, Callback cb = {});
  Socket& setKeepAlive(bool enable = false, Duration initialDelay = Duration{0});
  Socket& setNoDelay(bool noDelay = true);

  Socket& on(ev::lookup_t, LookupListener fn);
  Socket& on(ev::connect_t, Callback fn);
  Socket& on(ev::data_t, DataListener fn);
  Socket& on(ev::drain_t, Callback fn);
  Socket& on(ev::end_t, Callback fn);
  Socket& on(ev::timeout_t, Callback fn);
  Socket& on(ev::close_t, CloseListener fn);
  Socket& on(ev::error_t, ErrorListener fn);
  template <class Tag, class Fn> Socket& once(Tag tag, Fn fn) {
    nextListenerOnce();
    return on(tag, std::move(fn));
  }

  // Unique within its context (the id a trace names it by).
  std::uint64_t id() const;
  Context& context() const;
  // The peer's and this end's addresses, once connected (or accepted).
  const Address& remote() const;
  const Address& local() const;
  const std::string& remoteAddress() const;
  std::uint16_t remotePort() const;
  // Bytes received from the peer, and bytes of writes the transport has taken.
  std::uint64_t bytesRead() const;
  std::uint64_t bytesWritten() const;
  // Bytes written by the application and not yet handed to the transport.
  std::size_t bufferSize() const;
  // Looking the host up or connecting; destroyed once closed or destroy()ed.
  bool connecting() const;
  bool destroyed() const;
  bool allowHalfOpen() const;
  // Writable until end() (or a peer FIN without allowHalfOpen); readable until 'end'.
  bool writable() const;
  bool readable() const;

private:
  // No data here: a socket's state and the rules that drive it are a SocketState
  // (net/socket_state.h), the one class derived from Socket, allocated once with its
  // shared_ptr's control block.
  friend class SocketState;
  Socket() = default;
  void nextListenerOnce();
};

// A listening TCP endpoint.
class Server : public std::enable_shared_from_this<Server> {
public:
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // listen(port[, host][, backlog][, cb]) and listen(options[, cb]): cb is a 'listening' listener.
  Server& listen(const ListenOptions& options, Callback cb = {});
  Server& listen(int port, Callback cb = {});
  Server& listen(int port, const std::string& host, Callback cb = {});
  Server& listen(int port, const std::string& host, int backlog, Callback cb = {});
  // Stops accepting now; 'close' fires once every accepted socket has closed. cb is a 'close'
  // listener, or receives ERR_SERVER_NOT_RUNNING when the server is not listening.
  Server& close(std::function<void(const MaybeError&)> cb = {});

  Server& on(ev::listening_t, Callback fn);
  Server& on(ev::connection_t, ConnectionListener fn);
  Server& on(ev::close_t, Callback fn);
  Server& on(ev::error_t, ErrorListener fn);
  template <class Tag, class Fn> Server& once(Tag tag, Fn fn) {
    nextListenerOnce();
    return on(tag, std::move(fn));
  }

  // Unique within its context (the id a trace names it by).
  std::uint64_t id() const;
  Context& context() const;
  // The bound address once listening (the real port when 0 was asked for).
  const Address& address() const;
  bool listening() const;
  // Accepted sockets not yet closed.
  std::size_t connections() const;

private:
  // No data here: a server's state is a ServerState (net/server_state.h), derived from Server.
  friend class ServerState;
  Server() = default;
  void nextListenerOnce();
};

// A one-shot or repeating timer (setTimeout / setInterval). Copies refer to the same timer.
class Timer {
public:
  Timer() = default;
  void cancel();
  bool active() const;

private:
  friend class Context;
  friend class ContextState;
  struct State; // net/context_state.h
  explicit Timer(std::shared_ptr<State> s) : state_(std::move(s)) {}
  std::shared_ptr<State> state_;
};

// One host's `net` module: its clock, timers, name space and handles. Keeps no global state:
// a simulated run hosts thousands of contexts in one process.
class Context {
public:
  explicit Context(std::unique_ptr<Backend> backend);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  std::shared_ptr<Server> createServer(const ServerOptions& options = {}, ConnectionListener fn = {});
  std::shared_ptr<Server> createServer(ConnectionListener fn);
  std::shared_ptr<Socket> connect(const ConnectOptions& options, Callback cb = {});
  std::shared_ptr<Socket> connect(int port, const std::string& host, Callback cb = {});
  std::shared_ptr<Socket> connect(int port, Callback cb = {});
  std::shared_ptr<Socket> createConnection(const ConnectOptions& options, Callback cb = {});
  std::shared_ptr<Socket> createConnection(int port, const std::string& host, Callback cb = {});
  std::shared_ptr<Socket> createConnection(int port, Callback cb = {});
  // new net.Socket([options])
  std::shared_ptr<Socket> newSocket(const SocketOptions& options = {});

  Timer setTimeout(Duration delay, Callback fn);
  Timer setInterval(Duration period, Callback fn);
  void clearTimeout(Timer& timer) { timer.cancel(); }
  void clearInterval(Timer& timer) { timer.cancel(); }
  // Runs fn from the event loop, after the current callback (Node's setImmediate).
  void setImmediate(Callback fn);

  // Resolves a host name as connect() does (dns.lookup): cb gets the addresses, first the
  // one connect() would use, or ENOTFOUND; from the loop (rule 1). family 0, 4 or 6.
  void lookup(const std::string& host, int family,
              std::function<void(const MaybeError&, const std::vector<Address>&)> cb);

  Time now() const;

  // Bytes a socket may hold unflushed before write() returns false (Node: 16 KiB).
  std::size_t highWaterMark() const;
  void setHighWaterMark(std::size_t bytes);
  // An 'error' with no listener lands here (rule 16). The default prints it to stderr.
  void onUnhandledError(std::function<void(std::string_view kind, std::uint64_t obj, const Error&)> fn);
  std::uint64_t unhandledErrors() const;
  // Sockets and servers still active (connecting, open or listening).
  std::size_t activeHandles() const;
  // Anything left to do: an active handle, an armed timer, a pending tick or lookup.
  bool busy() const;

private:
  friend class Runtime;                 // what runs the context (net/runtime.h)
  std::unique_ptr<ContextState> state_; // net/context_state.h
};

} // namespace net
