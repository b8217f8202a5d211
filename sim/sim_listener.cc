// A listening TCP socket of the simulated backend.
#include "sim/sim_listener.h"

#include <ns3/inet-socket-address.h>
#include <ns3/simulator.h>

#include "sim/sim_stream.h"

namespace sim {

SimListener::SimListener(std::vector<ns3::Ptr<TcpSocket>> sockets, net::backend::ListenerSink* sink, Lingerer& lingerer)
    : sockets_(std::move(sockets)), sink_(sink), lingerer_(lingerer) {
  for (auto& s : sockets_)
    s->SetAcceptCallback(ns3::MakeBoundCallback(&SimListener::onRequest, self_),
                         ns3::MakeBoundCallback(&SimListener::onAccepted, self_));
}

SimListener::~SimListener() {
  *self_ = nullptr;
  for (auto& s : sockets_) {
    s->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                         ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>, const ns3::Address&>());
    s->Close();
  }
}

bool SimListener::onRequest(Handle self, ns3::Ptr<ns3::Socket>, const ns3::Address&) { return *self != nullptr; }

void SimListener::onAccepted(Handle self, ns3::Ptr<ns3::Socket> socket, const ns3::Address&) {
  auto tcp = ns3::DynamicCast<TcpSocket>(socket);
  if (!*self) {
    // The listener closed while this handshake was under way: as Linux resets the
    // connections of a closed listener's queues (inet_csk_listen_stop), reset it.
    tcp->reset();
    return;
  }
  // Reading stays off until the net layer asks: bytes wait in ns-3's receive buffer.
  SimListener& l = **self;
  l.sink_->onAccept(std::make_unique<SimStream>(tcp, true, l.lingerer_));
}

net::Address SimListener::localAddress() const {
  ns3::Address a;
  // A dual-stack listener reports the IPv6 one ("::"), as the OS backend does.
  return sockets_.back()->GetSockName(a) == 0 ? toAddress(a) : net::Address{};
}

} // namespace sim
