#include "sim/tcp_socket.h"

#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-end-point.h>
#include <ns3/ipv6-end-point.h>
#include <ns3/node.h>
#include <ns3/packet.h>
#include <ns3/rtt-estimator.h>
#include <ns3/simulator.h>
#include <ns3/tcp-congestion-ops.h>
#include <ns3/tcp-header.h>
#include <ns3/tcp-l4-protocol.h>
#include <ns3/tcp-recovery-ops.h>
#include <ns3/tcp-rx-buffer.h>
#include <ns3/tcp-tx-buffer.h>
#include <ns3/type-id.h>

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(TcpSocket);

ns3::TypeId TcpSocket::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("netbed::TcpSocket")
                               .SetParent<ns3::TcpSocketBase>()
                               .SetGroupName("Internet")
                               .AddConstructor<TcpSocket>();
  return tid;
}

void SocketRegistry::add(ns3::Ptr<TcpSocket> socket) {
  // Forget closed sockets now and then, so a long run's registry stays as small as its
  // live connections.
  if (sockets_.size() >= 64 && (sockets_.size() & (sockets_.size() - 1)) == 0) {
    std::vector<ns3::Ptr<TcpSocket>> live;
    for (auto& s : sockets_)
      if (s->state() != ns3::TcpSocket::CLOSED || s->GetReferenceCount() > 1)
        live.push_back(s);
    sockets_.swap(live);
  }
  sockets_.push_back(std::move(socket));
}

void SocketRegistry::killAll() {
  auto sockets = std::move(sockets_);
  sockets_.clear();
  for (auto& s : sockets)
    s->kill();
}

ns3::Ptr<TcpSocket> TcpSocket::create(ns3::Node* node, SocketRegistry& registry) {
  ns3::Ptr<ns3::TcpL4Protocol> tcp = node->GetObject<ns3::TcpL4Protocol>();
  ns3::TypeIdValue rttType, congestionType, recoveryType;
  tcp->GetAttribute("RttEstimatorType", rttType);
  tcp->GetAttribute("SocketType", congestionType);
  tcp->GetAttribute("RecoveryType", recoveryType);
  ns3::ObjectFactory rtt(rttType.Get().GetName()), congestion(congestionType.Get().GetName()),
      recovery(recoveryType.Get().GetName());
  auto socket = ns3::CreateObject<TcpSocket>();
  socket->SetNode(node);
  socket->SetTcp(tcp);
  socket->SetRtt(rtt.Create<ns3::RttEstimator>());
  socket->SetCongestionControlAlgorithm(congestion.Create<ns3::TcpCongestionOps>());
  socket->SetRecoveryAlgorithm(recovery.Create<ns3::TcpRecoveryOps>());
  socket->watchState();
  socket->registry_ = &registry;
  registry.add(socket);
  return socket;
}

ns3::Ptr<ns3::TcpSocketBase> TcpSocket::Fork() {
  auto copy = ns3::CopyObject<TcpSocket>(this);
  copy->closed_ = nullptr;
  copy->silentReset_ = nullptr;
  copy->demux_ = nullptr;
  copy->watchState();
  if (registry_)
    registry_->add(copy);
  return copy;
}

void TcpSocket::CompleteFork(ns3::Ptr<ns3::Packet> p, const ns3::TcpHeader& h, const ns3::Address& from,
                             const ns3::Address& to) {
  ns3::TcpSocketBase::CompleteFork(p, h, from, to);
  // A listener's connections are the many on a busy node: look them up by hash.
  auto demux = ns3::DynamicCast<TcpL4Protocol>(m_tcp);
  if (demux && m_endPoint && m_state != ns3::TcpSocket::CLOSED) {
    demux_ = demux;
    demuxKey_ = DemuxKey{m_endPoint->GetLocalAddress().Get(), m_endPoint->GetPeerAddress().Get(),
                         m_endPoint->GetLocalPort(), m_endPoint->GetPeerPort()};
    demux_->enter(this, demuxKey_);
  }
}

void TcpSocket::leaveDemux() {
  if (!demux_)
    return;
  auto demux = std::move(demux_);
  demux_ = nullptr;
  demux->leave(this, demuxKey_);
}

void TcpSocket::watchState() { TraceConnectWithoutContext("State", ns3::MakeCallback(&TcpSocket::stateChanged, this)); }

void TcpSocket::stateChanged(ns3::TcpSocket::TcpStates_t, ns3::TcpSocket::TcpStates_t to) {
  // ns-3 3.37 retransmits a FIN from LAST_ACK only when it entered it through the peer's FIN
  // handler; a FIN sent after all data was sent (ShutdownSend) is never repeated, and the peer
  // waits in FIN_WAIT_2 forever. Repeat it on a timer of our own, as the RTO would.
  if (to == ns3::TcpSocket::LAST_ACK && !finRetx_.IsRunning()) {
    finRetries_ = 0;
    finRetx_ = ns3::Simulator::Schedule(m_rto.Get(), &TcpSocket::retransmitFin, this);
  }
  if (to == ns3::TcpSocket::CLOSED)
    leaveDemux();
  if (to == ns3::TcpSocket::CLOSED && closed_)
    ns3::Simulator::ScheduleNow([fn = closed_] { fn(); });
}

bool TcpSocket::established() const {
  return m_state == ns3::TcpSocket::ESTABLISHED || m_state == ns3::TcpSocket::CLOSE_WAIT ||
         m_state == ns3::TcpSocket::FIN_WAIT_1 || m_state == ns3::TcpSocket::FIN_WAIT_2;
}

uint32_t TcpSocket::unacked() const { return m_txBuffer->Size(); }
uint32_t TcpSocket::unsent() const { return m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence); }

namespace {

// The fixed part of a TCP header (RFC 793), read straight from the bytes: parsing the whole
// header with its options for every segment cost more than everything else done here.
struct FixedHeader {
  std::uint8_t flags = 0;
  ns3::SequenceNumber32 ack;
  std::uint32_t length = 20; // with options
};

FixedHeader peekFixedHeader(const ns3::Packet& packet) {
  std::uint8_t b[20] = {};
  packet.CopyData(b, sizeof b);
  FixedHeader h;
  h.ack =
      ns3::SequenceNumber32(std::uint32_t{b[8]} << 24 | std::uint32_t{b[9]} << 16 | std::uint32_t{b[10]} << 8 | b[11]);
  h.length = std::uint32_t{b[12]} >> 4 << 2;
  h.flags = b[13];
  return h;
}

} // namespace

void TcpSocket::DoForwardUp(ns3::Ptr<ns3::Packet> packet, const ns3::Address& from, const ns3::Address& to) {
  const FixedHeader h = peekFixedHeader(*packet);
  lastHeard_ = ns3::Simulator::Now();
  bool rst = (h.flags & ns3::TcpHeader::RST) != 0;
  if (m_state == ns3::TcpSocket::LISTEN && (h.flags & ns3::TcpHeader::ACK) && !rst) {
    // A segment of a connection this host does not know (it rebooted) reached a listener:
    // a real stack answers RST (Linux: tcp_rcv_state_process); ns-3 drops it, and the peer
    // retransmits until it gives up.
    if (auto demux = ns3::DynamicCast<TcpL4Protocol>(m_tcp)) {
      ns3::TcpHeader segment;
      packet->PeekHeader(segment);
      demux->refuse(segment, from, to);
    }
    return;
  }
  if (rst && m_state == ns3::TcpSocket::SYN_SENT) {
    // The peer refused the SYN: give up now, as a kernel does.
    refused_ = true;
    CancelAllTimers();
    m_state = ns3::TcpSocket::CLOSED;
    NotifyConnectionFailed();
    DeallocateEndPoint();
    return;
  }
  if (rst)
    resetSeen_ = true;
  bool wasNotified = m_state == ns3::TcpSocket::CLOSE_WAIT || m_state == ns3::TcpSocket::LAST_ACK;
  ns3::Ptr<TcpSocket> keep(this); // the base may deallocate the endpoint, which holds us
  // ns-3 3.37 mishandles ACKs after our FIN when the peer's data or FIN crossed it:
  //  - LAST_ACK and CLOSING end on any ACK whose sequence number is the next expected one,
  //    even one acknowledging only part of our data: the rest is never delivered;
  //  - they ignore the ACK's content, and an ACK whose sequence number counts the peer's FIN
  //    (seq = RCV.NXT + 1) is dropped: both ends of a simultaneous close retransmit until
  //    they give up with ETIMEDOUT.
  // So an ACK there is processed in the state we were in before our FIN went out (which
  // handles ACKs and data properly), and an ACK that covers our FIN ends the connection.
  ns3::TcpSocket::TcpStates_t closing = m_state;
  bool ack = !rst && (h.flags & ns3::TcpHeader::ACK);
  if (ack && (closing == ns3::TcpSocket::LAST_ACK || closing == ns3::TcpSocket::CLOSING)) {
    // Our FIN follows the last byte written: it is acknowledged by an ACK beyond it.
    bool finAcked = h.ack > m_txBuffer->TailSequence();
    bool peerFinAgain = closing == ns3::TcpSocket::LAST_ACK && (h.flags & ns3::TcpHeader::FIN) != 0;
    if (peerFinAgain) {
      // The peer repeats its FIN: our ACK of it, or our FIN, was lost. Its FIN is known;
      // what is new is the ACK, processed below as a plain one; then answer it again.
      ns3::TcpHeader full;
      packet->RemoveHeader(full);
      full.SetFlags(full.GetFlags() & ~ns3::TcpHeader::FIN);
      packet->AddHeader(full);
    }
    ns3::TcpSocket::TcpStates_t before =
        closing == ns3::TcpSocket::LAST_ACK ? ns3::TcpSocket::CLOSE_WAIT : ns3::TcpSocket::FIN_WAIT_1;
    m_state = before;
    ns3::TcpSocketBase::DoForwardUp(packet, from, to);
    if (m_state != before && m_state != ns3::TcpSocket::FIN_WAIT_2)
      return; // the base decided (an RST, a new FIN...)
    if (!finAcked) {
      m_state = closing;
      // In LAST_ACK the peer (FIN_WAIT_1) repeats its FIN until it hears ours: send it again,
      // acknowledging theirs. (In CLOSING both ends retransmit their FINs on their own timers;
      // answering FIN with FIN there would bounce forever.)
      if (peerFinAgain && m_endPoint)
        SendEmptyPacket(ns3::TcpHeader::FIN);
    } else if (closing == ns3::TcpSocket::CLOSING) {
      TimeWait();
    } else {
      CloseAndNotify();
    }
    return;
  }
  bool carriesData = packet->GetSize() > h.length;
  ns3::TcpSocketBase::DoForwardUp(packet, from, to);
  // A retransmitted segment arriving after both FINs must still be acknowledged, or the
  // peer retransmits until it gives up; ns-3 3.37 stays silent in CLOSING and LAST_ACK.
  if (carriesData && m_endPoint && (closing == ns3::TcpSocket::CLOSING || closing == ns3::TcpSocket::LAST_ACK) &&
      (m_state == ns3::TcpSocket::CLOSING || m_state == ns3::TcpSocket::LAST_ACK))
    SendEmptyPacket(ns3::TcpHeader::ACK);
  if (rst && wasNotified && m_state == ns3::TcpSocket::CLOSED && silentReset_)
    silentReset_();
}

ns3::Ptr<ns3::Packet> TcpSocket::Recv(uint32_t maxSize, uint32_t flags) {
  uint32_t before = AdvertisedWindowSize(false);
  ns3::Ptr<ns3::Packet> p = ns3::TcpSocketBase::Recv(maxSize, flags);
  if (p && p->GetSize() > 0 &&
      (m_state == ns3::TcpSocket::ESTABLISHED || m_state == ns3::TcpSocket::FIN_WAIT_1 ||
       m_state == ns3::TcpSocket::FIN_WAIT_2)) {
    uint32_t after = AdvertisedWindowSize(false);
    uint32_t segment = m_tcb->m_segmentSize;
    // The window had closed below a segment and has reopened: tell the sender now.
    if (before < segment && after >= std::min<uint32_t>(segment, GetRcvBufSize() / 2))
      SendEmptyPacket(ns3::TcpHeader::ACK);
  }
  return p;
}

int TcpSocket::ShutdownSend() {
  int r = ns3::TcpSocketBase::ShutdownSend();
  bool allSent = m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) == 0;
  // ns-3 sends the FIN at once only with an empty buffer, or with the last unsent byte; with
  // everything sent and unacked it would never send it.
  if (r == 0 && allSent && m_txBuffer->Size() > 0) {
    if (m_state == ns3::TcpSocket::ESTABLISHED) {
      SendEmptyPacket(ns3::TcpHeader::FIN);
      m_state = ns3::TcpSocket::FIN_WAIT_1;
    } else if (m_state == ns3::TcpSocket::CLOSE_WAIT) {
      SendEmptyPacket(ns3::TcpHeader::FIN | ns3::TcpHeader::ACK);
      m_state = ns3::TcpSocket::LAST_ACK;
    }
  }
  return r;
}

void TcpSocket::retransmitFin() {
  if (m_state != ns3::TcpSocket::LAST_ACK || !m_endPoint)
    return;
  if (m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) > 0) {
    // Data is still to be (re)sent: the RTO does it, the FIN riding on its end. ns-3
    // sometimes has no RTO running here: fire it ourselves.
    if (!m_retxEvent.IsRunning())
      ReTxTimeout();
    finRetx_ = ns3::Simulator::Schedule(m_rto.Get(), &TcpSocket::retransmitFin, this);
    return;
  }
  if (++finRetries_ > 6) { // ns-3's DataRetries
    kill();
    return;
  }
  // Everything is sent (perhaps not acknowledged: the peer's FIN may have overtaken its ACK);
  // the FIN goes right after the last byte, so it can always be repeated.
  SendEmptyPacket(ns3::TcpHeader::FIN);
  finRetx_ = ns3::Simulator::Schedule(m_rto.Get() * (1 << finRetries_), &TcpSocket::retransmitFin, this);
}

void TcpSocket::sendKeepAlive() {
  if ((!m_endPoint && !m_endPoint6) || !established())
    return;
  ns3::TcpHeader h;
  h.SetFlags(ns3::TcpHeader::ACK);
  h.SetSequenceNumber(m_txBuffer->HeadSequence() - 1);
  h.SetAckNumber(m_tcb->m_rxBuffer->NextRxSequence());
  h.SetSourcePort(m_endPoint ? m_endPoint->GetLocalPort() : m_endPoint6->GetLocalPort());
  h.SetDestinationPort(m_endPoint ? m_endPoint->GetPeerPort() : m_endPoint6->GetPeerPort());
  h.SetWindowSize(AdvertisedWindowSize());
  AddOptions(h); // peers drop ACK segments without the timestamp option
  if (m_endPoint)
    m_tcp->SendPacket(ns3::Create<ns3::Packet>(1), h, m_endPoint->GetLocalAddress(), m_endPoint->GetPeerAddress(),
                      GetBoundNetDevice());
  else
    m_tcp->SendPacket(ns3::Create<ns3::Packet>(1), h, m_endPoint6->GetLocalAddress(), m_endPoint6->GetPeerAddress(),
                      GetBoundNetDevice());
}

void TcpSocket::kill() {
  SetConnectCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                     ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  SetSendCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>, uint32_t>());
  SetCloseCallbacks(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                    ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  silentReset_ = nullptr;
  closed_ = nullptr;
  finRetx_.Cancel();
  CancelAllTimers();
  m_state = ns3::TcpSocket::CLOSED;
  if (m_endPoint || m_endPoint6)
    DeallocateEndPoint();
}

} // namespace sim
