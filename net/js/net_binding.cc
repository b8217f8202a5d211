// The natives under net.js: each JavaScript Socket and Server owns a C++ net::Socket or
// net::Server (by its context id), whose events it re-emits. No rule of the `net` semantics
// is decided here: the C++ layer decides, this file only translates values.
//
// Duktape throws by longjmp: a native must not throw into JavaScript while a C++ object
// with a destructor is alive, so arguments are read with the non-throwing duk_get_* (net.js
// passes checked types) and errors are pushed, then thrown at the function's end.
#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "net/js/engine.h"

namespace net::js {

namespace {

const char* familyName(int family) { return family == 6 ? "IPv6" : "IPv4"; }

int errnoOf(Errc code) {
  // Node's err.errno: the negated Linux errno (libuv's codes).
  switch (code) {
  case Errc::ConnectionRefused: return -111;
  case Errc::ConnectionReset: return -104;
  case Errc::ConnectionAborted: return -103;
  case Errc::TimedOut: return -110;
  case Errc::HostUnreachable: return -113;
  case Errc::NetworkUnreachable: return -101;
  case Errc::AddressInUse: return -98;
  case Errc::AddressNotAvailable: return -99;
  case Errc::AccessDenied: return -13;
  case Errc::NotFound: return -3008; // ENOTFOUND is getaddrinfo's EAI_NONAME in Node
  case Errc::BrokenPipe: return -32;
  case Errc::InvalidArgument: return -22;
  case Errc::TooManyFiles: return -24;
  case Errc::Io: return -5;
  default: return 0;
  }
}

void pushBytes(duk_context* duk, const std::uint8_t* data, std::size_t size) {
  void* p = duk_push_fixed_buffer(duk, size);
  if (size)
    std::memcpy(p, data, size);
  duk_push_buffer_object(duk, -1, 0, size, DUK_BUFOBJ_NODEJS_BUFFER);
  duk_remove(duk, -2);
}

net::Buffer bufferArg(duk_context* duk, duk_idx_t idx) {
  duk_size_t n = 0;
  const void* p = duk_get_buffer_data(duk, idx, &n);
  return p ? net::Buffer(p, n) : net::Buffer();
}

std::string stringArg(duk_context* duk, duk_idx_t idx) {
  duk_size_t n = 0;
  const char* p = duk_get_lstring(duk, idx, &n);
  return p ? std::string(p, n) : std::string();
}

Engine& engine(duk_context* duk) { return Engine::of(duk); }

std::shared_ptr<net::Socket> socketArg(duk_context* duk, duk_idx_t idx) {
  auto& s = engine(duk).sockets;
  auto it = s.find(static_cast<std::uint64_t>(duk_get_number(duk, idx)));
  return it == s.end() ? nullptr : it->second;
}

std::shared_ptr<net::Server> serverArg(duk_context* duk, duk_idx_t idx) {
  auto& s = engine(duk).servers;
  auto it = s.find(static_cast<std::uint64_t>(duk_get_number(duk, idx)));
  return it == s.end() ? nullptr : it->second;
}

const char* errorType(Errc code) {
  switch (code) {
  case Errc::BadPort: return "RangeError";
  case Errc::InvalidArgValue: return "TypeError";
  default: return "Error";
  }
}

// Runs f (which returns the number of values it pushed); a net::ArgumentError becomes a
// JavaScript exception once f's locals are gone.
template <class F> duk_ret_t guarded(duk_context* duk, F&& f) {
  bool failed = false;
  duk_ret_t rc = 0;
  try {
    rc = f();
  } catch (const net::ArgumentError& e) {
    pushNetError(duk, e.error());
    failed = true;
  } catch (const std::exception& e) {
    duk_push_error_object(duk, DUK_ERR_ERROR, "%s", e.what());
    failed = true;
  }
  if (failed)
    return duk_throw(duk);
  return rc;
}

// A callback for a write or end: held in the stash, called once with (err) or (). C++ may drop
// a callback without calling it (an end() callback of a socket destroyed without an error):
// the hold goes with the last copy of the callback, not only when it runs.
struct Held {
  Engine::Guard g;
  std::uint32_t key;
  Held(Engine::Guard guard, std::uint32_t k) : g(std::move(guard)), key(k) {}
  Held(const Held&) = delete;
  Held& operator=(const Held&) = delete;
  ~Held() {
    if (Engine* en = g.get())
      en->release(key);
  }
};

net::WriteCallback writeCallback(duk_context* duk, duk_idx_t idx) {
  if (!duk_is_function(duk, idx))
    return {};
  Engine& e = engine(duk);
  auto held = std::make_shared<Held>(e.guard(), e.hold(idx));
  return [held](const net::MaybeError& err) {
    Engine* en = held->g.withHeld(held->key);
    if (!en)
      return;
    en->release(held->key);
    duk_push_undefined(en->duk());
    if (err)
      pushNetError(en->duk(), *err);
    en->call(err ? 1 : 0);
  };
}

// Marks the JavaScript object of a handle that emitted 'close' (keep() then ignores it).
constexpr const char* kClosed = "\xff"
                                "closed";
void markClosed(Engine& e, std::uint64_t id) {
  if (e.pushHandle(id)) {
    duk_push_true(e.duk());
    duk_put_prop_string(e.duk(), -2, kClosed);
  }
  duk_pop(e.duk());
}

// Listeners of a socket or server `id` for its JavaScript object, while the engine lives:
// one that emits `name` with no argument, and one that hands an error to _onerror.
auto emitter(Engine::Guard g, std::uint64_t id, const char* name) {
  return [g, id, name] {
    if (Engine* en = g.get()) {
      duk_push_string(en->duk(), name);
      en->callHandle(id, "emit", 1);
    }
  };
}
auto errorForwarder(Engine::Guard g, std::uint64_t id) {
  return [g, id](const net::Error& err) {
    if (Engine* en = g.get()) {
      pushNetError(en->duk(), err);
      en->callHandle(id, "_onerror", 1);
    }
  };
}

void watchSocket(Engine& e, const std::shared_ptr<net::Socket>& s) {
  auto g = e.guard();
  std::uint64_t id = s->id();
  s->on(ev::connect, [g, id] {
    if (Engine* en = g.get())
      en->callHandle(id, "_onconnect", 0);
  });
  s->on(ev::drain, emitter(g, id, "drain"));
  s->on(ev::end, emitter(g, id, "end"));
  s->on(ev::timeout, emitter(g, id, "timeout"));
  s->on(ev::lookup, [g, id](const net::MaybeError& err, const std::string& address, int family) {
    Engine* en = g.get();
    if (!en)
      return;
    if (err)
      pushNetError(en->duk(), *err);
    else
      duk_push_null(en->duk());
    duk_push_string(en->duk(), address.c_str());
    if (family)
      duk_push_int(en->duk(), family);
    else
      duk_push_undefined(en->duk());
    en->callHandle(id, "_onlookup", 3);
  });
  s->on(ev::error, errorForwarder(g, id));
  s->on(ev::close, [g, id](bool hadError) {
    if (Engine* en = g.get()) {
      duk_push_string(en->duk(), "close");
      duk_push_boolean(en->duk(), hadError);
      en->callHandle(id, "emit", 2);
      markClosed(*en, id);
      en->dropHandle(id); // the JavaScript object lives on while the script refers to it
    }
  });
}

// The finalizer of a Socket or Server object: its C++ handle goes with it.
duk_ret_t finalizeHandle(duk_context* duk) {
  duk_get_prop_string(duk, 0, "_handle");
  auto id = static_cast<std::uint64_t>(duk_get_number(duk, -1));
  Engine& e = engine(duk);
  e.sockets.erase(id);
  e.servers.erase(id);
  return 0;
}

void adopt(duk_context* duk, duk_idx_t obj, std::uint64_t id) {
  duk_push_number(duk, static_cast<double>(id));
  duk_put_prop_string(duk, obj, "_handle");
  duk_push_c_function(duk, finalizeHandle, 1);
  duk_set_finalizer(duk, obj);
}

// socketNew(obj, allowHalfOpen) -> id
duk_ret_t socketNew(duk_context* duk) {
  Engine& e = engine(duk);
  auto s = e.net().newSocket({duk_get_boolean(duk, 1) != 0});
  e.sockets[s->id()] = s;
  watchSocket(e, s);
  adopt(duk, 0, s->id());
  duk_push_number(duk, static_cast<double>(s->id()));
  return 1;
}

// socketConnect(id, obj, port, host, family, keepAlive, keepAliveDelayMs)
duk_ret_t socketConnect(duk_context* duk) {
  return guarded(duk, [duk] {
    auto s = socketArg(duk, 0);
    if (!s || engine(duk).exited())
      return 0;
    net::ConnectOptions o;
    o.port = duk_is_number(duk, 2) ? duk_get_int(duk, 2) : -1;
    if (duk_is_string(duk, 3))
      o.host = stringArg(duk, 3);
    o.family = duk_get_int(duk, 4);
    o.allowHalfOpen = s->allowHalfOpen();
    o.keepAlive = duk_get_boolean(duk, 5) != 0;
    o.keepAliveInitialDelay = std::chrono::milliseconds(static_cast<std::int64_t>(duk_get_number(duk, 6)));
    s->connect(o);
    engine(duk).keepHandle(s->id(), 1);
    return 0;
  });
}

// socketWrite(id, buffer, cb) -> bool
duk_ret_t socketWrite(duk_context* duk) {
  return guarded(duk, [duk] {
    auto s = socketArg(duk, 0);
    bool ok = s ? s->write(bufferArg(duk, 1), writeCallback(duk, 2)) : false;
    duk_push_boolean(duk, ok);
    return 1;
  });
}

// socketEnd(id, buffer|undefined, cb)
duk_ret_t socketEnd(duk_context* duk) {
  return guarded(duk, [duk] {
    auto s = socketArg(duk, 0);
    if (!s)
      return 0;
    auto cb = writeCallback(duk, 2);
    if (duk_is_buffer_data(duk, 1))
      cb ? s->end(bufferArg(duk, 1), std::move(cb)) : s->end(bufferArg(duk, 1));
    else
      cb ? s->end(std::move(cb)) : s->end();
    return 0;
  });
}

// socketDestroy(id, withError): withError makes 'error' and close(true) follow.
duk_ret_t socketDestroy(duk_context* duk) {
  if (auto s = socketArg(duk, 0)) {
    if (duk_get_boolean(duk, 1))
      s->destroy(net::Error{Errc::Io, "destroyed with an error"});
    else
      s->destroy();
  }
  return 0;
}

duk_ret_t socketReadStart(duk_context* duk) {
  // The first 'data' listener: from now on the socket flows unless paused (rule 11).
  if (auto s = socketArg(duk, 0)) {
    Engine& e = engine(duk);
    std::uint64_t id = s->id();
    s->on(ev::data, [g = e.guard(), id](const net::Buffer& b) {
      if (Engine* en = g.get()) {
        pushBytes(en->duk(), b.data(), b.size());
        en->callHandle(id, "_ondata", 1);
      }
    });
  }
  return 0;
}

duk_ret_t socketPause(duk_context* duk) {
  if (auto s = socketArg(duk, 0))
    duk_get_boolean(duk, 1) ? s->pause() : s->resume();
  return 0;
}

// socketSetTimeout(id, ms)
duk_ret_t socketSetTimeout(duk_context* duk) {
  return guarded(duk, [duk] {
    if (auto s = socketArg(duk, 0))
      s->setTimeout(std::chrono::milliseconds(static_cast<std::int64_t>(duk_get_number(duk, 1))));
    return 0;
  });
}

// socketSetKeepAlive(id, enable, delayMs)
duk_ret_t socketSetKeepAlive(duk_context* duk) {
  return guarded(duk, [duk] {
    if (auto s = socketArg(duk, 0))
      s->setKeepAlive(duk_get_boolean(duk, 1) != 0,
                      std::chrono::milliseconds(static_cast<std::int64_t>(duk_get_number(duk, 2))));
    return 0;
  });
}

duk_ret_t socketSetNoDelay(duk_context* duk) {
  if (auto s = socketArg(duk, 0))
    s->setNoDelay(duk_get_boolean(duk, 1) != 0);
  return 0;
}

// The socket's state as properties (remoteAddress, bytesRead, readyState...): one native
// getter, the field chosen by its magic.
enum Field {
  kRemoteAddress,
  kRemotePort,
  kRemoteFamily,
  kLocalAddress,
  kLocalPort,
  kLocalFamily,
  kBytesRead,
  kBytesWritten,
  kBufferSize,
  kWritableLength,
  kConnecting,
  kDestroyed,
  kReadable,
  kWritable,
  kPending,
  kReadyState,
  kFields
};
constexpr const char* kFieldNames[kFields] = {"remoteAddress", "remotePort",     "remoteFamily", "localAddress",
                                              "localPort",     "localFamily",    "bytesRead",    "bytesWritten",
                                              "bufferSize",    "writableLength", "connecting",   "destroyed",
                                              "readable",      "writable",       "pending",      "readyState"};

void pushAddressField(duk_context* duk, const net::Address& a, int which) {
  if (a.address.empty())
    duk_push_undefined(duk);
  else if (which == 0)
    duk_push_string(duk, a.address.c_str());
  else if (which == 1)
    duk_push_int(duk, a.port);
  else
    duk_push_string(duk, familyName(a.family));
}

duk_ret_t socketGetter(duk_context* duk) {
  duk_push_this(duk);
  duk_get_prop_string(duk, -1, "_handle");
  auto s = socketArg(duk, -1);
  if (!s)
    return 0;
  switch (duk_get_current_magic(duk)) {
  case kRemoteAddress: pushAddressField(duk, s->remote(), 0); break;
  case kRemotePort: pushAddressField(duk, s->remote(), 1); break;
  case kRemoteFamily: pushAddressField(duk, s->remote(), 2); break;
  case kLocalAddress: pushAddressField(duk, s->local(), 0); break;
  case kLocalPort: pushAddressField(duk, s->local(), 1); break;
  case kLocalFamily: pushAddressField(duk, s->local(), 2); break;
  case kBytesRead: duk_push_number(duk, static_cast<double>(s->bytesRead())); break;
  case kBytesWritten: duk_push_number(duk, static_cast<double>(s->bytesWritten())); break;
  case kBufferSize:
  case kWritableLength: duk_push_number(duk, static_cast<double>(s->bufferSize())); break;
  case kConnecting: duk_push_boolean(duk, s->connecting()); break;
  case kDestroyed: duk_push_boolean(duk, s->destroyed()); break;
  case kReadable: duk_push_boolean(duk, s->readable()); break;
  case kWritable: duk_push_boolean(duk, s->writable()); break;
  case kPending: duk_push_boolean(duk, s->connecting() || s->remote().address.empty()); break;
  case kReadyState:
    duk_push_string(duk, s->connecting()                  ? "opening"
                         : s->readable() && s->writable() ? "open"
                         : s->readable()                  ? "readOnly"
                         : s->writable()                  ? "writeOnly"
                                                          : "closed");
    break;
  default: return 0;
  }
  return 1;
}

// socketGetters(Socket.prototype)
duk_ret_t socketGetters(duk_context* duk) {
  for (int i = 0; i < kFields; ++i) {
    duk_push_string(duk, kFieldNames[i]);
    duk_push_c_function(duk, socketGetter, 0);
    duk_set_magic(duk, -1, i);
    duk_def_prop(duk, 0, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_SET_CONFIGURABLE);
  }
  return 0;
}

// isIPv4(s), isIPv6(s) (with a zone: "fe80::1%eth0"), isIP(s) -> 4, 6 or 0, as Node's.
int ipFamily(duk_context* duk) {
  duk_size_t n = 0;
  const char* p = duk_is_string(duk, 0) ? duk_get_lstring(duk, 0, &n) : nullptr;
  if (!p || n == 0 || n > 100 || std::strlen(p) != n)
    return 0;
  char text[128];
  std::memcpy(text, p, n + 1);
  unsigned char bytes[16];
  if (::inet_pton(AF_INET, text, bytes) == 1)
    return 4;
  if (char* zone = std::strchr(text, '%')) {
    if (zone[1] == '\0')
      return 0;
    for (const char* z = zone + 1; *z; ++z)
      if (!std::isalnum(static_cast<unsigned char>(*z)) && *z != '-' && *z != '.' && *z != ':')
        return 0;
    *zone = '\0';
  }
  return ::inet_pton(AF_INET6, text, bytes) == 1 ? 6 : 0;
}
duk_ret_t isIP(duk_context* duk) {
  duk_push_int(duk, ipFamily(duk));
  return 1;
}
duk_ret_t isIPv4(duk_context* duk) {
  duk_push_boolean(duk, ipFamily(duk) == 4);
  return 1;
}
duk_ret_t isIPv6(duk_context* duk) {
  duk_push_boolean(duk, ipFamily(duk) == 6);
  return 1;
}

void watchServer(Engine& e, const std::shared_ptr<net::Server>& srv) {
  auto g = e.guard();
  std::uint64_t id = srv->id();
  srv->on(ev::listening, emitter(g, id, "listening"));
  srv->on(ev::connection, [g, id](std::shared_ptr<net::Socket> s) {
    Engine* en = g.get();
    if (!en)
      return;
    en->sockets[s->id()] = s;
    watchSocket(*en, s);
    duk_push_number(en->duk(), static_cast<double>(s->id()));
    en->callHandle(id, "_onconnection", 1);
  });
  srv->on(ev::error, errorForwarder(g, id));
  srv->on(ev::close, [g, id] {
    if (Engine* en = g.get()) {
      duk_push_string(en->duk(), "close");
      en->callHandle(id, "emit", 1);
      en->dropHandle(id);
    }
  });
}

// keep(obj): the socket or server object is kept until its 'close' (a socket destroyed or
// ended before it connects still emits 'close').
duk_ret_t keep(duk_context* duk) {
  duk_get_prop_string(duk, 0, "_handle");
  auto id = static_cast<std::uint64_t>(duk_get_number(duk, -1));
  // Not once it has closed: no 'close' would ever release it again.
  if (!duk_get_prop_string(duk, 0, kClosed))
    engine(duk).keepHandle(id, 0);
  return 0;
}

// socketAdopt(obj, id): the JavaScript object of an accepted socket.
duk_ret_t socketAdopt(duk_context* duk) {
  auto id = static_cast<std::uint64_t>(duk_get_number(duk, 1));
  adopt(duk, 0, id);
  engine(duk).keepHandle(id, 0);
  return 0;
}

// serverNew(obj, allowHalfOpen) -> id
duk_ret_t serverNew(duk_context* duk) {
  Engine& e = engine(duk);
  auto srv = e.net().createServer(net::ServerOptions{duk_get_boolean(duk, 1) != 0});
  e.servers[srv->id()] = srv;
  watchServer(e, srv);
  adopt(duk, 0, srv->id());
  // Kept from the start: a server that never listens still emits 'close' when closed.
  e.keepHandle(srv->id(), 0);
  duk_push_number(duk, static_cast<double>(srv->id()));
  return 1;
}

// serverListen(id, obj, port, host, backlog)
duk_ret_t serverListen(duk_context* duk) {
  return guarded(duk, [duk] {
    auto srv = serverArg(duk, 0);
    if (!srv || engine(duk).exited())
      return 0;
    net::ListenOptions o;
    o.port = duk_get_int(duk, 2);
    if (duk_is_string(duk, 3))
      o.host = stringArg(duk, 3);
    if (duk_is_number(duk, 4))
      o.backlog = duk_get_int(duk, 4);
    srv->listen(o);
    engine(duk).keepHandle(srv->id(), 1);
    return 0;
  });
}

// serverClose(id, cb(err|undefined)|undefined)
duk_ret_t serverClose(duk_context* duk) {
  auto srv = serverArg(duk, 0);
  if (!srv)
    return 0;
  auto cb = writeCallback(duk, 1);
  srv->close([cb = std::move(cb)](const net::MaybeError& err) {
    if (cb)
      cb(err);
  });
  return 0;
}

// serverInfo(id) -> {address, family, port, listening, connections}
duk_ret_t serverInfo(duk_context* duk) {
  auto srv = serverArg(duk, 0);
  duk_push_object(duk);
  if (!srv)
    return 1;
  if (srv->listening() || !srv->address().address.empty()) {
    duk_push_string(duk, srv->address().address.c_str());
    duk_put_prop_string(duk, -2, "address");
    duk_push_string(duk, familyName(srv->address().family));
    duk_put_prop_string(duk, -2, "family");
    duk_push_int(duk, srv->address().port);
    duk_put_prop_string(duk, -2, "port");
  }
  duk_push_boolean(duk, srv->listening());
  duk_put_prop_string(duk, -2, "listening");
  duk_push_number(duk, static_cast<double>(srv->connections()));
  duk_put_prop_string(duk, -2, "connections");
  return 1;
}

// lookup(host, family, cb(err, address, family, all)) for dns.lookup.
duk_ret_t lookup(duk_context* duk) {
  return guarded(duk, [duk] {
    Engine& e = engine(duk);
    std::uint32_t key = e.hold(2);
    e.net().lookup(stringArg(duk, 0), duk_get_int(duk, 1),
                   [g = e.guard(), key](const net::MaybeError& err, const std::vector<net::Address>& addrs) {
                     Engine* en = g.withHeld(key);
                     if (!en)
                       return;
                     duk_context* d = en->duk();
                     en->release(key);
                     duk_push_undefined(d);
                     if (err) {
                       pushNetError(d, *err);
                       en->call(1);
                       return;
                     }
                     duk_push_null(d);
                     duk_push_string(d, addrs.front().address.c_str());
                     duk_push_int(d, addrs.front().family);
                     duk_push_array(d);
                     for (std::size_t i = 0; i < addrs.size(); ++i) {
                       duk_push_object(d);
                       duk_push_string(d, addrs[i].address.c_str());
                       duk_put_prop_string(d, -2, "address");
                       duk_push_int(d, addrs[i].family);
                       duk_put_prop_string(d, -2, "family");
                       duk_put_prop_index(d, -2, static_cast<duk_uarridx_t>(i));
                     }
                     en->call(4);
                   });
    return 0;
  });
}

} // namespace

void pushNetError(duk_context* duk, const net::Error& err) {
  std::string code(err.code());
  const char* type = errorType(err.errc);
  duk_errcode_t kind = std::strcmp(type, "RangeError") == 0  ? DUK_ERR_RANGE_ERROR
                       : std::strcmp(type, "TypeError") == 0 ? DUK_ERR_TYPE_ERROR
                                                             : DUK_ERR_ERROR;
  duk_push_error_object(duk, kind, "%s", err.message.c_str());
  duk_push_string(duk, code.c_str());
  duk_put_prop_string(duk, -2, "code");
  if (int n = errnoOf(err.errc)) {
    duk_push_int(duk, n);
    duk_put_prop_string(duk, -2, "errno");
  }
  // Messages are Node's ("connect ECONNREFUSED 10.0.0.1:80"): the first word is the call.
  auto space = err.message.find(' ');
  if (space != std::string::npos && err.message.compare(space + 1, code.size(), code) == 0) {
    duk_push_lstring(duk, err.message.data(), space);
    duk_put_prop_string(duk, -2, "syscall");
    // "connect ECONNREFUSED 10.0.0.2:80": Node's address and port too.
    std::size_t rest = space + 1 + code.size();
    std::size_t colon = err.message.rfind(':');
    if (rest < err.message.size() && err.message[rest] == ' ' && colon != std::string::npos && colon > rest + 1 &&
        err.message.find(' ', rest + 1) == std::string::npos) {
      std::string host = err.message.substr(rest + 1, colon - rest - 1);
      if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
      int port = std::atoi(err.message.c_str() + colon + 1);
      duk_push_string(duk, host.c_str());
      duk_put_prop_string(duk, -2, "address");
      duk_push_int(duk, port);
      duk_put_prop_string(duk, -2, "port");
    }
  }
}

void addNetBinding(duk_context* duk, duk_idx_t idx) {
  idx = duk_normalize_index(duk, idx);
  const duk_function_list_entry fns[] = {
      {"socketNew", socketNew, 2},
      {"socketAdopt", socketAdopt, 2},
      {"keep", keep, 1},
      {"socketGetters", socketGetters, 1},
      {"isIP", isIP, 1},
      {"isIPv4", isIPv4, 1},
      {"isIPv6", isIPv6, 1},
      {"socketConnect", socketConnect, 7},
      {"socketWrite", socketWrite, 3},
      {"socketEnd", socketEnd, 3},
      {"socketDestroy", socketDestroy, 2},
      {"socketReadStart", socketReadStart, 1},
      {"socketPause", socketPause, 2},
      {"socketSetTimeout", socketSetTimeout, 2},
      {"socketSetKeepAlive", socketSetKeepAlive, 3},
      {"socketSetNoDelay", socketSetNoDelay, 2},
      {"serverNew", serverNew, 2},
      {"serverListen", serverListen, 5},
      {"serverClose", serverClose, 2},
      {"serverInfo", serverInfo, 1},
      {"lookup", lookup, 3},
      {nullptr, nullptr, 0},
  };
  putNatives(duk, idx, fns);
}

} // namespace net::js
