// ns-3's TcpSocketBase with what netbed needs and ns-3 3.37 lacks, through its protected
// interface only (the library is Debian's, unmodified):
//  - a refused connection: ns-3 ignores an RST in SYN_SENT and retries for 189 s;
//  - resets told apart from FINs (ns-3 reports both through the normal-close callback);
//  - a window update when the application reads after the window closed (ns-3 waits for
//    the sender's persist timer, 6 s and more);
//  - the FIN after ShutdownSend() when every byte is sent but not yet acked (none is sent);
//  - keepalive probes (ns-3 has none) and a silent kill (a crashed host sends nothing);
//  - an RST from a listener for segments of unknown connections (ns-3 drops them);
//  - the FIN handling and timestamps a real stack has (see tcp_socket.cc, each with its RFC)
//    and the retransmission limits of a TcpProfile.
#pragma once

#include <ns3/tcp-header.h>
#include <ns3/tcp-socket-base.h>

#include "sim/tcp_demux.h"
#include "sim/tcp_profile.h"

#include <functional>
#include <vector>

namespace ns3 {
class Node;
}

namespace sim {

class TcpSocket;
struct SegmentView;

// Every TCP socket of one node, accepted ones included, so that a crash can silence them all.
class SocketRegistry {
public:
  void add(ns3::Ptr<TcpSocket> socket);
  // Kills every socket (nothing is sent) and forgets them.
  void killAll();

private:
  std::vector<ns3::Ptr<TcpSocket>> sockets_;
};

class TcpSocket : public ns3::TcpSocketBase {
public:
  static ns3::TypeId GetTypeId();
  TcpSocket() = default;
  TcpSocket(const TcpSocket& other) : ns3::TcpSocketBase(other), profile_(other.profile_) {}
  ~TcpSocket() override;

  // A socket of this class on `node`, as TcpL4Protocol::CreateSocket would make one; it and
  // every socket it accepts are entered in `registry`.
  static ns3::Ptr<TcpSocket> create(ns3::Node* node, SocketRegistry& registry, const TcpProfile& profile);

  const TcpProfile& profile() const { return *profile_; }
  bool refused() const { return refused_; }
  bool resetSeen() const { return resetSeen_; }
  // Simulated time of the last segment received.
  ns3::Time lastHeard() const { return lastHeard_; }
  // Called when an RST closed the connection without any ns-3 callback (CLOSE_WAIT, LAST_ACK).
  void onSilentReset(std::function<void()> fn) { silentReset_ = std::move(fn); }
  // Called (from an event of its own) when the connection reaches CLOSED.
  void onClosed(std::function<void()> fn) { closed_ = std::move(fn); }

  // A keepalive probe: one old byte (SND.UNA - 1), which the peer must acknowledge.
  void sendKeepAlive();
  // Forgets the connection without sending anything, as a crashed host does.
  void kill();
  // The application has closed the socket: Linux's limits for orphans apply from now on
  // (tcp_orphan_retries, and tcp_fin_timeout in FIN_WAIT_2).
  void orphan();
  // Resets the connection: an RST to the peer.
  void reset() {
    if (m_endPoint || m_endPoint6)
      SendRST();
  }
  bool established() const;
  bool attached() const { return m_endPoint || m_endPoint6; }
  ns3::Ipv4EndPoint* endPoint() const { return m_endPoint; }
  ns3::TcpSocket::TcpStates_t state() const { return m_state; }

  using ns3::Socket::Recv;
  using ns3::Socket::Send;
  using ns3::TcpSocketBase::Send;
  ns3::Ptr<ns3::Packet> Recv(uint32_t maxSize, uint32_t flags) override;
  int ShutdownSend() override;

protected:
  ns3::Ptr<ns3::TcpSocketBase> Fork() override;
  void CompleteFork(ns3::Ptr<ns3::Packet> p, const ns3::TcpHeader& h, const ns3::Address& from,
                    const ns3::Address& to) override;
  void DoForwardUp(ns3::Ptr<ns3::Packet> packet, const ns3::Address& from, const ns3::Address& to) override;
  uint32_t SendDataPacket(ns3::SequenceNumber32 seq, uint32_t maxSize, bool withAck) override;
  void SendEmptyPacket(uint8_t flags) override;
  void ReTxTimeout() override;

private:
  void watchState();
  void forwardUp(ns3::Ptr<ns3::Packet> packet, const ns3::Address& from, const ns3::Address& to, const SegmentView& h,
                 bool finStripped);
  void finTimeout();
  bool finOutstanding() const;
  bool retriesExhausted(std::uint32_t timeouts, ns3::Time since) const;
  void giveUp();
  // CLOSED at once, every timer stopped and the end point freed; nothing on the wire.
  void closeNow();
  void stateChanged(ns3::TcpSocket::TcpStates_t from, ns3::TcpSocket::TcpStates_t to);
  void leaveDemux();

  bool refused_ = false;
  std::function<void()> closed_;
  SocketRegistry* registry_ = nullptr;
  const TcpProfile* profile_ = nullptr; // the world's; outlives every socket
  bool orphan_ = false;
  // Our FIN's own retransmission timer (ns-3 repeats it forever, without backoff).
  ns3::EventId finRetx_;
  std::uint32_t finRetries_ = 0;
  ns3::Time finFirstSent_;
  // Data retransmissions: the RTO that expired last, and when the head was first sent
  // (Linux's retrans_stamp); zero while nothing is being retransmitted.
  ns3::Time retransStamp_;
  std::uint32_t dataTimeouts_ = 0;
  ns3::EventId finWait2Timer_;
  // The peer's FIN while ours is out, until it is in order (see forwardUp).
  ns3::TcpHeader pendingFin_;
  bool hasPendingFin_ = false;
  // A pure ACK held while a segment's data is processed ahead of its FIN.
  bool holdAck_ = false, ackHeld_ = false;
  // The last pure ACK sent, so that the same one is not sent twice at one instant.
  bool lastAckValid_ = false;
  ns3::Time lastAckAt_;
  ns3::SequenceNumber32 lastAckNo_;
  std::uint16_t lastAckWindow_ = 0;
  bool resetSeen_ = false;
  ns3::Time lastHeard_;
  std::function<void()> silentReset_;
  // While entered in the node's demultiplexer (accepted connections).
  ns3::Ptr<TcpL4Protocol> demux_;
  DemuxKey demuxKey_;
  // An accepted connection's endpoint, which this socket owns (see CompleteFork).
  ns3::Ipv4EndPoint* ownEndPoint_ = nullptr;
};

} // namespace sim
