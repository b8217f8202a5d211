// A TCP connection of the simulated backend. Internal.
#pragma once

#include <ns3/event-id.h>
#include <ns3/ptr.h>
#include <ns3/socket.h>

#include "sim/tcp_socket.h"

#include <map>
#include <memory>

#include "net/backend.h"
#include "net/fifo.h"

namespace sim {

// An ns-3 socket address as net reports it ("10.0.0.1" family 4, "fd00::a00:1" family 6).
net::Address toAddress(const ns3::Address& a);
// A literal address (IPv4 or IPv6) and port as an ns-3 socket address; false if not a literal.
bool toNs3(const std::string& address, std::uint16_t port, ns3::Address& out);

// Keeps the ns-3 sockets of closed streams alive until TCP has finished with them (the
// FIN handshake, retransmissions of the last bytes), as a kernel keeps orphaned
// connections; TcpSocket::orphan() gives them Linux's limits.
class Lingerer {
public:
  ~Lingerer();
  void hold(ns3::Ptr<TcpSocket> socket);

private:
  void release(std::uint64_t id);
  std::map<std::uint64_t, ns3::Ptr<TcpSocket>> held_;
  std::uint64_t next_ = 0;
};

class SimStream final : public net::backend::Stream {
public:
  // A new socket on `node`, for connect(); or an accepted one (already established).
  SimStream(ns3::Ptr<TcpSocket> socket, bool established, Lingerer& lingerer);
  ~SimStream() override;

  void setSink(net::backend::StreamSink* sink) override { sink_ = sink; }
  void connect(const net::Address& remote) override;
  void readStart() override;
  void readStop() override;
  void write(net::Buffer data) override;
  void shutdown() override;
  void abort() override;
  void setKeepAlive(bool enable, net::Duration initialDelay) override;
  void setNoDelay(bool noDelay) override;
  net::Address localAddress() const override;
  net::Address remoteAddress() const override;

private:
  void attach();
  void detach();
  void onConnected(ns3::Ptr<ns3::Socket>);
  void onConnectFailed(ns3::Ptr<ns3::Socket>);
  void onReadable(ns3::Ptr<ns3::Socket>);
  void onSpace(ns3::Ptr<ns3::Socket>, uint32_t);
  void onPeerClose(ns3::Ptr<ns3::Socket>);
  void onErrorClose(ns3::Ptr<ns3::Socket>);
  void fail(const net::Error& e);
  void keepAliveCheck();
  void pump();
  std::size_t flush() override;
  void schedulePump();
  void drain();
  void scheduleDrain();
  // Runs `step` from an event of its own, now: once however often asked before then (as
  // `scheduled` says), and not once the stream is gone.
  void scheduleOnce(bool& scheduled, void (SimStream::*step)());
  net::Error socketError(const char* op) const;

  struct Chunk {
    net::Buffer data;
    std::size_t sent = 0;
  };

  ns3::Ptr<TcpSocket> socket_;
  Lingerer& lingerer_;
  net::backend::StreamSink* sink_ = nullptr;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  net::detail::Fifo<Chunk> tx_; // written, not yet all accepted by ns-3's send buffer
  net::Address remote_;
  bool established_ = false;
  bool reading_ = false;
  bool finReceived_ = false;
  bool eofReported_ = false;
  bool shutdownWanted_ = false;
  bool shutdownDone_ = false;
  bool pumpScheduled_ = false;
  bool drainScheduled_ = false;
  bool failed_ = false;
  bool keepAlive_ = false;
  net::Duration keepAliveDelay_{0};
  std::uint32_t probesSent_ = 0;
  ns3::EventId keepAliveEvent_;
};

} // namespace sim
