// A TCP connection of the simulated backend. Internal.
#pragma once

#include <ns3/ptr.h>
#include <ns3/socket.h>
#include <ns3/tcp-header.h>
#include <ns3/tcp-socket-base.h>

#include <deque>
#include <memory>

#include "net/backend.h"

namespace sim {

class SimStream final : public net::backend::Stream {
public:
  // A new socket on `node`, for connect(); or an accepted one (already established).
  explicit SimStream(ns3::Ptr<ns3::Socket> socket, bool established);
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
  void onSegment(ns3::Ptr<const ns3::Packet>, const ns3::TcpHeader& header, ns3::Ptr<const ns3::TcpSocketBase>);
  void pump();
  void schedulePump();
  void drain();
  void scheduleDrain();
  net::Error socketError(const char* op) const;

  struct Chunk {
    net::Buffer data;
    std::size_t sent = 0;
  };

  ns3::Ptr<ns3::Socket> socket_;
  net::backend::StreamSink* sink_ = nullptr;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::deque<Chunk> tx_; // written, not yet all accepted by ns-3's send buffer
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
  bool rstReceived_ = false; // tells a reset (ECONNRESET, ECONNREFUSED) from a give-up (ETIMEDOUT)
  bool keepAlive_ = false;
  net::Duration keepAliveDelay_{0};
};

} // namespace sim
