// A listening TCP socket of the simulated backend.
#include "sim/listener.h"

#include <ns3/inet-socket-address.h>
#include <ns3/simulator.h>

#include "sim/stream.h"

namespace sim {

SimListener::SimListener(ns3::Ptr<TcpSocket> socket, net::backend::ListenerSink* sink, Lingerer& lingerer)
    : socket_(std::move(socket)), sink_(sink), lingerer_(lingerer) {
  socket_->SetAcceptCallback(ns3::MakeCallback(&SimListener::onRequest, this),
                             ns3::MakeCallback(&SimListener::onAccepted, this));
}

SimListener::~SimListener() {
  socket_->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                             ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>, const ns3::Address&>());
  socket_->Close();
}

bool SimListener::onRequest(ns3::Ptr<ns3::Socket>, const ns3::Address&) { return true; }

void SimListener::onAccepted(ns3::Ptr<ns3::Socket> socket, const ns3::Address&) {
  // Reading stays off until the net layer asks: bytes wait in ns-3's receive buffer.
  sink_->onAccept(std::make_unique<SimStream>(ns3::DynamicCast<TcpSocket>(socket), true, lingerer_));
}

net::Address SimListener::localAddress() const {
  ns3::Address a;
  return socket_->GetSockName(a) == 0 ? toAddress(a) : net::Address{};
}

} // namespace sim
