#include "sim/tcp_socket.h"

#include "model/type_id.h"

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
#include <ns3/tcp-option-ts.h>
#include <ns3/tcp-recovery-ops.h>
#include <ns3/tcp-rx-buffer.h>
#include <ns3/tcp-tx-buffer.h>
#include <ns3/type-id.h>

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(TcpSocket);

ns3::TypeId TcpSocket::GetTypeId() {
  return model::typeIdOf<TcpSocket, ns3::TcpSocketBase>("sim::TcpSocket", "Internet");
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

ns3::Ptr<TcpSocket> TcpSocket::create(ns3::Node* node, SocketRegistry& registry, const TcpProfile& profile) {
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
  socket->profile_ = &profile;
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
  // The SYN-ACK echoes this connection's SYN (RFC 7323 §3.2): ns-3 forks the listener with
  // whatever TSval it last took from any client's SYN.
  if (m_timestampEnabled && h.HasOption(ns3::TcpOption::TS))
    m_timestampToEcho = ns3::DynamicCast<const ns3::TcpOptionTS>(h.GetOption(ns3::TcpOption::TS))->GetTimestamp();
  auto demux = ns3::DynamicCast<TcpL4Protocol>(m_tcp);
  if (!demux || !ns3::InetSocketAddress::IsMatchingType(to)) {
    ns3::TcpSocketBase::CompleteFork(p, h, from, to);
    return;
  }
  // A listener's connections are the many on a busy node. They stay out of ns-3's endpoint
  // list and socket list, which every lookup, allocation and release scans, and are found by
  // their four-tuple (sim/tcp_demux.h), which holds them as TcpL4Protocol::AddSocket would.
  // From here on, TcpSocketBase::CompleteFork.
  const auto local = ns3::InetSocketAddress::ConvertFrom(to);
  const auto peer = ns3::InetSocketAddress::ConvertFrom(from);
  ownEndPoint_ = new ns3::Ipv4EndPoint(local.GetIpv4(), local.GetPort());
  ownEndPoint_->SetPeer(peer.GetIpv4(), peer.GetPort());
  m_endPoint = ownEndPoint_;
  m_endPoint6 = nullptr;
  demux_ = demux;
  demuxKey_ = DemuxKey{local.GetIpv4().Get(), peer.GetIpv4().Get(), local.GetPort(), peer.GetPort()};
  demux_->enter(this, demuxKey_);
  m_state = ns3::TcpSocket::SYN_RCVD;
  m_synCount = m_synRetries;
  m_dataRetrCount = m_dataRetries;
  // TcpSocketBase::SetupCallback would bind the endpoint's callbacks to a Ptr to this socket,
  // which owns the endpoint: a cycle nothing breaks. Nobody deletes this endpoint but its
  // socket, so nothing needs its destroy callback either.
  ownEndPoint_->SetRxCallback(ns3::MakeCallback(&TcpSocket::ForwardUp, this));
  ownEndPoint_->SetIcmpCallback(ns3::MakeCallback(&TcpSocket::ForwardIcmp, this));
  m_tcb->m_rxBuffer->SetNextRxSequence(h.GetSequenceNumber() + ns3::SequenceNumber32(1));
  constexpr std::uint8_t ecnSyn = ns3::TcpHeader::CWR | ns3::TcpHeader::ECE;
  if (m_tcb->m_useEcn != ns3::TcpSocketState::Off && (h.GetFlags() & ecnSyn) == ecnSyn) {
    SendEmptyPacket(ns3::TcpHeader::SYN | ns3::TcpHeader::ACK | ns3::TcpHeader::ECE);
    m_tcb->m_ecnState = ns3::TcpSocketState::ECN_IDLE;
  } else {
    SendEmptyPacket(ns3::TcpHeader::SYN | ns3::TcpHeader::ACK);
    m_tcb->m_ecnState = ns3::TcpSocketState::ECN_DISABLED;
  }
}

TcpSocket::~TcpSocket() {
  // Still attached, it is let go here rather than by TcpSocketBase's destructor, which would
  // hand it to TcpL4Protocol::DeAllocate, where it is not listed.
  if (ownEndPoint_ && m_endPoint == ownEndPoint_)
    m_endPoint = nullptr;
  delete ownEndPoint_;
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
  if (to == ns3::TcpSocket::FIN_WAIT_2 || to == ns3::TcpSocket::TIME_WAIT || to == ns3::TcpSocket::CLOSED)
    finRetx_.Cancel(); // our FIN is acknowledged, or the connection is over
  if (to == ns3::TcpSocket::FIN_WAIT_2 && orphan_)
    orphan(); // arms tcp_fin_timeout
  if (to == ns3::TcpSocket::LAST_ACK)
    // ns-3 arms a LAST_ACK timer of its own right after this (DoPeerClose), repeating the
    // FIN every RTO without backoff: our FIN timer is the one (SendEmptyPacket).
    ns3::Simulator::ScheduleNow([keep = ns3::Ptr<TcpSocket>(this)] { keep->m_lastAckEvent.Cancel(); });
  if (to == ns3::TcpSocket::CLOSED) {
    finWait2Timer_.Cancel();
    leaveDemux();
  }
  if (to == ns3::TcpSocket::CLOSED && closed_)
    ns3::Simulator::ScheduleNow([fn = closed_] { fn(); });
}

void TcpSocket::orphan() {
  orphan_ = true;
  // Linux (tcp_close, tcp_fin_timeout): an orphan waits in FIN_WAIT_2 for the peer's FIN
  // at most tcp_fin_timeout, then is dropped without a word. Every other state ends by
  // the protocol itself: acknowledged, reset, or retransmissions given up.
  if (m_state == ns3::TcpSocket::FIN_WAIT_2 && !finWait2Timer_.IsRunning() && profile_)
    finWait2Timer_ = ns3::Simulator::Schedule(ns3::NanoSeconds(profile_->finWait2.count()), [this] {
      ns3::Ptr<TcpSocket> keep(this);
      auto closed = closed_;
      kill();
      if (closed)
        ns3::Simulator::ScheduleNow([closed] { closed(); });
    });
}

bool TcpSocket::established() const {
  return m_state == ns3::TcpSocket::ESTABLISHED || m_state == ns3::TcpSocket::CLOSE_WAIT ||
         m_state == ns3::TcpSocket::FIN_WAIT_1 || m_state == ns3::TcpSocket::FIN_WAIT_2;
}

// The parts of a TCP header (RFC 793, RFC 7323's timestamps) read here straight from the
// bytes: parsing the whole header with its options for every segment cost more than
// everything else done here.
struct SegmentView {
  std::uint8_t flags = 0;
  ns3::SequenceNumber32 seq;
  ns3::SequenceNumber32 ack;
  std::uint32_t length = 20; // with options
  bool hasTs = false;
  std::uint32_t tsVal = 0;
};

namespace {

std::uint32_t be32(const std::uint8_t* b) {
  return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
}

SegmentView peekSegment(const ns3::Packet& packet) {
  std::uint8_t b[60] = {};
  packet.CopyData(b, sizeof b);
  SegmentView h;
  h.seq = ns3::SequenceNumber32(be32(b + 4));
  h.ack = ns3::SequenceNumber32(be32(b + 8));
  h.length = std::min<std::uint32_t>(std::uint32_t{b[12]} >> 4 << 2, 60);
  h.flags = b[13];
  for (std::uint32_t i = 20; i < h.length;) {
    std::uint8_t kind = b[i];
    if (kind == 0)
      break; // end of options
    if (kind == 1) {
      ++i; // no-op
      continue;
    }
    std::uint32_t len = i + 1 < h.length ? b[i + 1] : 0;
    if (len < 2 || i + len > h.length)
      break;
    if (kind == 8 && len == 10) {
      h.hasTs = true;
      h.tsVal = be32(b + i + 2);
    }
    i += len;
  }
  return h;
}

bool finAlreadyReceived(ns3::TcpSocket::TcpStates_t s) {
  return s == ns3::TcpSocket::CLOSE_WAIT || s == ns3::TcpSocket::CLOSING || s == ns3::TcpSocket::LAST_ACK ||
         s == ns3::TcpSocket::TIME_WAIT;
}

} // namespace

void TcpSocket::DoForwardUp(ns3::Ptr<ns3::Packet> packet, const ns3::Address& from, const ns3::Address& to) {
  const SegmentView h = peekSegment(*packet);
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
  // RFC 7323 §4.3: TS.Recent takes SEG.TSval when SEG.TSval >= TS.Recent and
  // SEG.SEQ <= Last.ACK.sent. ns-3 also requires SEG.SEQ == RCV.NXT and counts only pure
  // ACKs as sent ACKs, so a request/response connection echoed its first TSval forever and
  // every RTT sample grew by the pause between messages.
  if (h.hasTs && m_timestampEnabled && !rst && !(h.flags & ns3::TcpHeader::SYN) && m_state != ns3::TcpSocket::LISTEN &&
      m_state != ns3::TcpSocket::SYN_SENT && m_state != ns3::TcpSocket::CLOSED && h.seq <= m_highTxAck &&
      static_cast<std::int32_t>(h.tsVal - m_timestampToEcho) >= 0)
    m_timestampToEcho = h.tsVal;
  // A retransmitted SYN in SYN_RCVD: the SYN-ACK sent again echoes its TSval (Linux's
  // tcp_check_req updates the request's ts_recent); ns-3 echoes the first SYN's.
  if (h.hasTs && m_timestampEnabled && m_state == ns3::TcpSocket::SYN_RCVD && (h.flags & ns3::TcpHeader::SYN) &&
      !(h.flags & ns3::TcpHeader::ACK) && static_cast<std::int32_t>(h.tsVal - m_timestampToEcho) >= 0)
    m_timestampToEcho = h.tsVal;
  bool wasNotified = m_state == ns3::TcpSocket::CLOSE_WAIT || m_state == ns3::TcpSocket::LAST_ACK;
  ns3::Ptr<TcpSocket> keep(this); // the base may deallocate the endpoint, which holds us
  ns3::SequenceNumber32 headBefore = m_txBuffer->HeadSequence();
  bool carriesData = packet->GetSize() > h.length;
  // A FIN again, after we received it: our ACK was lost. Process the rest of the segment
  // without it (ns-3 moves the FIN's position in the receive buffer to the new segment's
  // start, or, in TIME_WAIT, ignores the segment) and acknowledge it (RFC 793, p. 69 and
  // p. 73: a retransmitted FIN is acknowledged, and TIME_WAIT restarts its 2 MSL).
  bool finRepeated = !rst && (h.flags & ns3::TcpHeader::FIN) && finAlreadyReceived(m_state);
  if (finRepeated) {
    ns3::TcpHeader full;
    packet->RemoveHeader(full);
    full.SetFlags(full.GetFlags() & ~ns3::TcpHeader::FIN);
    packet->AddHeader(full);
  }
  forwardUp(packet, from, to, h, finRepeated);
  if (m_txBuffer->HeadSequence() != headBefore) {
    dataTimeouts_ = 0; // new data acknowledged: the retransmission count starts over
    retransStamp_ = ns3::Time();
  }
  if (finRepeated && m_endPoint && !carriesData) {
    if (m_state == ns3::TcpSocket::TIME_WAIT) {
      SendEmptyPacket(ns3::TcpHeader::ACK);
      TimeWait();
    } else if (m_state == ns3::TcpSocket::CLOSE_WAIT || m_state == ns3::TcpSocket::LAST_ACK) {
      SendEmptyPacket(ns3::TcpHeader::ACK);
    }
  }
  if (rst && wasNotified && m_state == ns3::TcpSocket::CLOSED && silentReset_)
    silentReset_();
}

void TcpSocket::forwardUp(ns3::Ptr<ns3::Packet> packet, const ns3::Address& from, const ns3::Address& to,
                          const SegmentView& h, bool finStripped) {
  bool rst = (h.flags & ns3::TcpHeader::RST) != 0;
  bool carriesData = packet->GetSize() > h.length;
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
    ns3::TcpSocket::TcpStates_t before =
        closing == ns3::TcpSocket::LAST_ACK ? ns3::TcpSocket::CLOSE_WAIT : ns3::TcpSocket::FIN_WAIT_1;
    m_state = before;
    // In FIN_WAIT_1 with the peer's FIN known, ns-3 answers every segment with an ACK; a
    // pure ACK is not answered (RFC 793 §3.9: ACKs acknowledge data and FINs), or both
    // ends of a simultaneous close bounce ACKs until their FINs are through.
    bool pureAck = !carriesData && !(h.flags & (ns3::TcpHeader::FIN | ns3::TcpHeader::SYN));
    holdAck_ = pureAck && closing == ns3::TcpSocket::CLOSING;
    ns3::TcpSocketBase::DoForwardUp(packet, from, to);
    holdAck_ = false;
    ackHeld_ = false;
    if (m_state != before && m_state != ns3::TcpSocket::FIN_WAIT_2)
      return; // the base decided (an RST, a new FIN...)
    if (!finAcked) {
      m_state = closing;
      // A retransmitted segment arriving after both FINs must still be acknowledged, or
      // the peer retransmits until it gives up; ns-3 stays silent in CLOSING and LAST_ACK.
      if (carriesData && m_endPoint && !finStripped)
        SendEmptyPacket(ns3::TcpHeader::ACK);
    } else if (closing == ns3::TcpSocket::CLOSING) {
      TimeWait();
    } else {
      CloseAndNotify();
    }
    return;
  }
  bool waiting = m_state == ns3::TcpSocket::FIN_WAIT_1 || m_state == ns3::TcpSocket::FIN_WAIT_2;
  if (waiting && !rst && (h.flags & ns3::TcpHeader::FIN)) {
    // ns-3 3.37 (ProcessWait) mishandles the peer's FIN while ours is out:
    //  - a FIN riding on data is put at the segment's first byte: the data is acknowledged,
    //    the FIN never (RFC 793 §3.5: it occupies the sequence number after the last data
    //    byte), and the peer repeats its FIN until it gives up;
    //  - a FIN out of order, once the gap is filled, takes the socket to CLOSE_WAIT as if
    //    we had never sent ours, and a second FIN goes out.
    // So ns-3 gets the data, and the FIN on its own once it is the next sequence number.
    ns3::TcpHeader full;
    packet->RemoveHeader(full);
    pendingFin_ = full;
    pendingFin_.SetFlags(ns3::TcpHeader::FIN);
    pendingFin_.SetSequenceNumber(full.GetSequenceNumber() + ns3::SequenceNumber32(packet->GetSize()));
    hasPendingFin_ = true;
    full.SetFlags(full.GetFlags() & ~ns3::TcpHeader::FIN);
    packet->AddHeader(full);
    // In order, the data and the FIN are one segment, acknowledged once (data + FIN + 1),
    // not once for the data and again for the FIN.
    holdAck_ = full.GetSequenceNumber() == m_tcb->m_rxBuffer->NextRxSequence();
    if (carriesData || (full.GetFlags() & ns3::TcpHeader::ACK))
      ns3::TcpSocketBase::DoForwardUp(packet, from, to);
    holdAck_ = false;
  } else {
    ns3::TcpSocketBase::DoForwardUp(packet, from, to);
  }
  // The peer's FIN, held until every byte before it has arrived.
  if (hasPendingFin_ && (m_state == ns3::TcpSocket::FIN_WAIT_1 || m_state == ns3::TcpSocket::FIN_WAIT_2) &&
      m_tcb->m_rxBuffer->NextRxSequence() == pendingFin_.GetSequenceNumber()) {
    hasPendingFin_ = false;
    ns3::Ptr<ns3::Packet> finOnly = ns3::Create<ns3::Packet>();
    finOnly->AddHeader(pendingFin_);
    ackHeld_ = false; // the FIN's ACK covers it
    ns3::TcpSocketBase::DoForwardUp(finOnly, from, to);
  }
  if (ackHeld_ && m_endPoint) {
    ackHeld_ = false;
    SendEmptyPacket(ns3::TcpHeader::ACK);
  }
  ackHeld_ = false;
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

uint32_t TcpSocket::SendDataPacket(ns3::SequenceNumber32 seq, uint32_t maxSize, bool withAck) {
  // Every data segment carries an ACK of RCV.NXT: that is Last.ACK.sent too (RFC 7323
  // §4.3); ns-3 updates it only for pure ACKs.
  if (withAck && m_highTxAck < m_tcb->m_rxBuffer->NextRxSequence())
    m_highTxAck = m_tcb->m_rxBuffer->NextRxSequence();
  return ns3::TcpSocketBase::SendDataPacket(seq, maxSize, withAck);
}

void TcpSocket::SendEmptyPacket(uint8_t flags) {
  if (flags == ns3::TcpHeader::ACK) {
    if (holdAck_) {
      ackHeld_ = true; // sent after the segment's FIN, or alone if it has none (forwardUp)
      return;
    }
    // The same pure ACK twice at one instant (ns-3 acknowledges a FIN with data once in
    // ReceivedData and again in DoPeerClose): a real stack sends it once.
    ns3::Time now = ns3::Simulator::Now();
    ns3::SequenceNumber32 ackNo = m_tcb->m_rxBuffer->NextRxSequence();
    std::uint16_t window = AdvertisedWindowSize();
    if (lastAckValid_ && lastAckAt_ == now && lastAckNo_ == ackNo && lastAckWindow_ == window)
      return;
    lastAckValid_ = true;
    lastAckAt_ = now;
    lastAckNo_ = ackNo;
    lastAckWindow_ = window;
  }
  bool fin = (flags & ns3::TcpHeader::FIN) && !(flags & (ns3::TcpHeader::SYN | ns3::TcpHeader::RST));
  bool syn = (flags & ns3::TcpHeader::SYN) != 0;
  ns3::Time rto = m_rto.Get();
  bool retxRunning = m_retxEvent.IsRunning();
  ns3::SequenceNumber32 next = m_tcb->m_nextTxSequence;
  ns3::SequenceNumber32 tail = m_txBuffer->TailSequence();
  ns3::SequenceNumber32 seq = next;
  // The FIN occupies the sequence number after the last byte written (RFC 793 §3.5), even
  // when a retransmission timeout has moved SND.NXT back.
  if (fin && m_tcb->m_highTxMark >= tail)
    seq = tail;
  if (seq != next)
    m_tcb->m_nextTxSequence = seq;
  ns3::TcpSocketBase::SendEmptyPacket(flags);
  if (seq != next)
    m_tcb->m_nextTxSequence = next;
  // ns-3 recomputes the RTO from the estimator at every empty segment, which undoes the
  // backoff; RFC 6298 §5.5-5.7 keep it until a new RTT sample.
  if (!syn && (dataTimeouts_ > 0 || finRetries_ > 0))
    m_rto = rto;
  if (!fin || (!m_endPoint && !m_endPoint6))
    return;
  // Our FIN is retransmitted by our own timer, with backoff and a limit. ns-3 repeats it
  // from its retransmission event every RTO without either (and LAST_ACK has a third timer).
  if (!retxRunning && m_retxEvent.IsRunning())
    m_retxEvent.Cancel();
  m_lastAckEvent.Cancel();
  if (finRetries_ == 0 && !finRetx_.IsRunning())
    finFirstSent_ = ns3::Simulator::Now();
  finRetx_.Cancel();
  ns3::Time delay = m_rto.Get();
  ns3::Time cap = profile_ ? ns3::NanoSeconds(profile_->maxRto.count()) : ns3::Seconds(60);
  for (std::uint32_t i = 0; i < finRetries_ && delay < cap; ++i)
    delay = delay + delay;
  finRetx_ = ns3::Simulator::Schedule(ns3::Min(delay, cap), &TcpSocket::finTimeout, this);
}

bool TcpSocket::finOutstanding() const {
  return m_state == ns3::TcpSocket::FIN_WAIT_1 || m_state == ns3::TcpSocket::CLOSING ||
         m_state == ns3::TcpSocket::LAST_ACK;
}

void TcpSocket::finTimeout() {
  if ((!m_endPoint && !m_endPoint6) || !finOutstanding())
    return;
  if (m_txBuffer->Size() > 0) {
    // Data is still unacknowledged: the data RTO retransmits it, the FIN on its last
    // segment. Look again later (the FIN alone may still be lost after that).
    finRetx_ = ns3::Simulator::Schedule(m_rto.Get(), &TcpSocket::finTimeout, this);
    return;
  }
  ++finRetries_;
  if (retriesExhausted(finRetries_, finFirstSent_)) {
    giveUp();
    return;
  }
  SendEmptyPacket(ns3::TcpHeader::FIN);
}

bool TcpSocket::retriesExhausted(std::uint32_t timeouts, ns3::Time since) const {
  if (!profile_)
    return timeouts > m_dataRetries;
  std::uint32_t retries = orphan_ ? profile_->orphanRetries : profile_->dataRetries;
  if (profile_->giveUp == TcpProfile::GiveUp::Count && profile_->userTimeout.count() == 0)
    return timeouts > retries;
  // Linux's retransmits_timed_out(): a time budget from the first unacknowledged send.
  net::Duration budget = profile_->userTimeout.count() > 0
                             ? profile_->userTimeout
                             : TcpProfile::linuxTimeout(retries, std::chrono::milliseconds(200), profile_->maxRto);
  return ns3::Simulator::Now() - since >= ns3::NanoSeconds(budget.count());
}

void TcpSocket::ReTxTimeout() {
  if (m_state == ns3::TcpSocket::CLOSED || m_state == ns3::TcpSocket::TIME_WAIT ||
      m_state == ns3::TcpSocket::SYN_SENT || m_state == ns3::TcpSocket::SYN_RCVD || m_state == ns3::TcpSocket::LISTEN) {
    ns3::TcpSocketBase::ReTxTimeout(); // the handshake: ns-3's SYN retries (ConnCount)
    return;
  }
  if (m_txBuffer->Size() == 0) {
    if (finOutstanding())
      finTimeout();
    return; // nothing is unacknowledged
  }
  if (retransStamp_.IsZero())
    retransStamp_ = ns3::Simulator::Now() - m_rto.Get(); // when the timer was armed
  ++dataTimeouts_;
  if (retriesExhausted(dataTimeouts_, retransStamp_)) {
    giveUp();
    return;
  }
  ns3::Time expired = m_rto.Get();
  m_dataRetrCount = m_dataRetries; // the limit is ours (above)
  ns3::TcpSocketBase::ReTxTimeout();
  // RFC 6298 §5.5: double the RTO, up to the profile's maximum (ns-3 caps it at 60 s,
  // Linux at TCP_RTO_MAX, 120 s).
  ns3::Time cap = profile_ ? ns3::NanoSeconds(profile_->maxRto.count()) : ns3::Seconds(60);
  ns3::Time next = ns3::Min(expired + expired, cap);
  if (profile_ && profile_->userTimeout.count() > 0) {
    // Linux (tcp_clamp_rto_to_user_timeout): the timer never runs past the user timeout.
    ns3::Time left = retransStamp_ + ns3::NanoSeconds(profile_->userTimeout.count()) - ns3::Simulator::Now();
    if (left.IsStrictlyPositive())
      next = ns3::Min(next, left);
  }
  if (next != m_rto.Get()) {
    m_rto = next;
    if (m_retxEvent.IsRunning()) {
      m_retxEvent.Cancel();
      m_retxEvent = ns3::Simulator::Schedule(m_rto.Get(), &TcpSocket::ReTxTimeout, this);
    }
  }
}

void TcpSocket::giveUp() {
  // As a kernel drops a connection whose retransmissions went unanswered: ETIMEDOUT for
  // the application, nothing on the wire.
  ns3::Ptr<TcpSocket> keep(this);
  closeNow();
  NotifyErrorClose();
}

void TcpSocket::closeNow() {
  finRetx_.Cancel();
  CancelAllTimers();
  m_state = ns3::TcpSocket::CLOSED;
  if (m_endPoint || m_endPoint6)
    DeallocateEndPoint();
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
  closeNow();
  leaveDemux();
}

} // namespace sim
