// A Socket's state and the rules of net/SEMANTICS.md that drive it. Internal: included by
// net/*.cc only.
//
// SocketState is the one class derived from Socket: the public Socket has no data, and its
// methods (net/socket.cc) forward to the SocketState it is. A socket is one allocation
// (std::make_shared<SocketState>: object and control block together), its transport sink
// included; nothing is virtual but the sink's callbacks from the backend.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "net/backend.h"
#include "net/context_state.h"
#include "net/fifo.h"
#include "net/listeners.h"
#include "net/net.h"

namespace net {

class SocketState;

// Forwards the transport's reports to the socket, each as one entry from the loop.
class SocketSink final : public backend::StreamSink {
public:
  explicit SocketSink(SocketState& s) : s_(s) {}
  void onConnect(const MaybeError& err) override;
  void onData(const std::uint8_t* data, std::size_t size) override;
  void onEof() override;
  void onWritten(const MaybeError& err) override;
  void onShutdown(const MaybeError& err) override;
  void onError(const Error& err) override;

private:
  SocketState& s_;
};

class SocketState final : public Socket {
public:
  SocketState(ContextState& ctx, std::uint64_t id, const SocketOptions& options);

  static SocketState& of(Socket& s) { return static_cast<SocketState&>(s); }
  static const SocketState& of(const Socket& s) { return static_cast<const SocketState&>(s); }
  std::shared_ptr<SocketState> share() { return std::static_pointer_cast<SocketState>(shared_from_this()); }

  enum class State { Idle, Looking, Connecting, Open, Closed };
  struct PendingWrite {
    std::size_t size;
    WriteCallback cb;
  };

  // The API's calls (Socket's methods forward here).
  void connect(const ConnectOptions& options, Callback cb);
  bool write(Buffer data, WriteCallback cb);
  void end(Buffer data, WriteCallback cb);
  void destroy() { destroyWith(std::nullopt); }
  void pause();
  void resume();
  void setTimeout(Duration idle, Callback cb);
  void setKeepAlive(bool enable, Duration initialDelay);
  void setNoDelay(bool noDelay);

  // An accepted connection: open at once, held by the context, counted by its server.
  void adopt(std::unique_ptr<backend::Stream> stream, std::shared_ptr<ServerState> server);
  void startLookup(const ConnectOptions& options);
  void startConnect(const Address& target);
  void onConnected(const MaybeError& err);
  void onData(const std::uint8_t* p, std::size_t n);
  void onEof();
  void onWritten(const MaybeError& err);
  void onShutdown(const MaybeError& err);
  void flushWrites();
  void maybeShutdown();
  void maybeEmitEnd();
  void updateReading();
  void deliverBuffered();
  void touch();
  void armTimeout();
  void destroyWith(MaybeError err);
  void maybeFinishClose();
  // Context::reset(): cut loose without emitting anything.
  void abandon();
  void emitEvent(std::string_view name, std::size_t bytes = 0, const Error* err = nullptr,
                 const Address* peer = nullptr);

  ContextState& ctx_;
  std::uint64_t id_;
  State state_ = State::Idle;
  bool allowHalfOpen_;
  bool onceNext_ = false; // the next listener added is a once listener
  SocketSink sink_{*this};
  std::unique_ptr<backend::Stream> stream_;
  std::unique_ptr<backend::Timer> idleTimer_;
  std::shared_ptr<ServerState> server_; // the server that accepted this socket
  Address remote_, local_;

  // Write side.
  detail::Fifo<PendingWrite> writes_; // oldest first; all but the last unsent_.size() are with the transport
  detail::Fifo<Buffer> unsent_;       // data of writes_ not yet handed (before connect)
  std::size_t pendingBytes_ = 0;
  bool needDrain_ = false;
  bool errored_ = false;      // destroyed by an error
  bool ending_ = false;       // end() called (or implied by a FIN without allowHalfOpen)
  bool shutdownSent_ = false; // FIN handed to the transport
  bool finished_ = false;     // write side done
  bool peerEnded_ = false;    // FIN received and no allowHalfOpen: writes are EPIPE
  std::vector<WriteCallback> finishCallbacks_;

  // Read side.
  bool paused_ = false;
  bool reading_ = false;
  bool eof_ = false; // FIN received from the transport
  bool endEmitted_ = false;
  detail::Fifo<Buffer> readBuffer_;
  std::size_t readBuffered_ = 0;

  // Options remembered before connect.
  Duration idleTimeout_{0};
  bool keepAlive_ = false;
  Duration keepAliveDelay_{0};
  std::optional<bool> noDelay_;

  std::uint64_t bytesRead_ = 0, bytesWritten_ = 0;

  detail::Listeners<void(const MaybeError&, const std::string&, int)> lookupL_;
  detail::Listeners<void()> connectL_, drainL_, endL_, timeoutL_;
  detail::Listeners<void(const Buffer&)> dataL_;
  detail::Listeners<void(bool)> closeL_;
  detail::Listeners<void(const Error&)> errorL_;
};

} // namespace net
