// A listening TCP socket of the simulated backend. Internal.
#pragma once

#include <ns3/ptr.h>
#include <ns3/socket.h>

#include <memory>
#include <vector>

#include "net/backend.h"
#include "sim/sim_stream.h"

namespace sim {

class SimListener final : public net::backend::Listener {
public:
  // One socket, or two for every address of a dual-stack node (IPv4 and IPv6, one port).
  SimListener(std::vector<ns3::Ptr<TcpSocket>> sockets, net::backend::ListenerSink* sink, Lingerer& lingerer);
  ~SimListener() override;
  net::Address localAddress() const override;

private:
  // ns-3 copies a listening socket's accept callbacks into every connection it forks, and a
  // fork completes its handshake whenever the SYN's ACK comes: the callbacks reach the
  // listener through this handle, which the listener clears when it goes.
  using Handle = std::shared_ptr<SimListener*>;
  static bool onRequest(Handle self, ns3::Ptr<ns3::Socket>, const ns3::Address&);
  static void onAccepted(Handle self, ns3::Ptr<ns3::Socket> socket, const ns3::Address&);

  Handle self_ = std::make_shared<SimListener*>(this);
  std::vector<ns3::Ptr<TcpSocket>> sockets_;
  net::backend::ListenerSink* sink_;
  Lingerer& lingerer_;
};

} // namespace sim
