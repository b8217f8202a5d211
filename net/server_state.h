// A Server's state. Internal: included by net/*.cc only.
//
// ServerState is the one class derived from Server (as SocketState is of Socket): the public
// Server has no data, its methods (net/server.cc) forward to the ServerState it is, and a
// server is one allocation with its control block and its listener sink.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "net/backend.h"
#include "net/context_state.h"
#include "net/listeners.h"
#include "net/net.h"

namespace net {

class ServerState;

class ServerSink final : public backend::ListenerSink {
public:
  explicit ServerSink(ServerState& s) : s_(s) {}
  void onAccept(std::unique_ptr<backend::Stream> stream) override;
  void onError(const Error& err) override;

private:
  ServerState& s_;
};

class ServerState final : public Server {
public:
  ServerState(ContextState& ctx, std::uint64_t id, const ServerOptions& options);

  static ServerState& of(Server& s) { return static_cast<ServerState&>(s); }
  static const ServerState& of(const Server& s) { return static_cast<const ServerState&>(s); }
  std::shared_ptr<ServerState> share() { return std::static_pointer_cast<ServerState>(shared_from_this()); }

  // The API's calls (Server's methods forward here).
  void listen(const ListenOptions& options, Callback cb);
  void close(std::function<void(const MaybeError&)> cb);

  void bind(const Address& local, int backlog);
  void fail(Error err);
  void emitError(const Error& err);
  void onAccept(std::unique_ptr<backend::Stream> stream);
  // An accepted socket closed.
  void socketClosed();
  void maybeEmitClose();
  // Context::reset(): cut loose without emitting anything.
  void abandon();
  void emitEvent(std::string_view name, const Error* err = nullptr, const Socket* accepted = nullptr);

  ContextState& ctx_;
  std::uint64_t id_;
  ServerOptions options_;
  bool onceNext_ = false; // the next listener added is a once listener
  std::unique_ptr<backend::Listener> listener_;
  ServerSink sink_{*this};
  Address address_;
  std::size_t connections_ = 0;
  bool resolving_ = false, closing_ = false, closeEmitted_ = false;
  bool abandoned_ = false; // Context::reset(): nothing more is emitted

  detail::Listeners<void()> listeningL_, closeL_;
  detail::Listeners<void(std::shared_ptr<Socket>)> connectionL_;
  detail::Listeners<void(const Error&)> errorL_;
};

} // namespace net
