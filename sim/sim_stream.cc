// A TCP connection on an ns-3 socket: the primitives of net/backend.h, nothing more.
#include "sim/sim_stream.h"

#include <ns3/boolean.h>
#include <ns3/inet-socket-address.h>
#include <ns3/inet6-socket-address.h>
#include <ns3/ipv4-address.h>
#include <ns3/ipv6-l3-protocol.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/tcp-socket.h>
#include <ns3/uinteger.h>

#include <arpa/inet.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace sim {

using net::Errc;

net::Address toAddress(const ns3::Address& a) {
  if (ns3::Inet6SocketAddress::IsMatchingType(a)) {
    auto inet = ns3::Inet6SocketAddress::ConvertFrom(a);
    std::uint8_t b[16];
    inet.GetIpv6().GetBytes(b);
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, b, text, sizeof text);
    return net::Address{text, 6, inet.GetPort()};
  }
  if (!ns3::InetSocketAddress::IsMatchingType(a))
    return {};
  auto inet = ns3::InetSocketAddress::ConvertFrom(a);
  std::ostringstream ip;
  inet.GetIpv4().Print(ip);
  return net::Address{ip.str(), 4, inet.GetPort()};
}

bool toNs3(const std::string& address, std::uint16_t port, ns3::Address& out) {
  in_addr v4{};
  std::uint8_t v6[16];
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    out = ns3::InetSocketAddress(ns3::Ipv4Address(ntohl(v4.s_addr)), port);
    return true;
  }
  if (inet_pton(AF_INET6, address.c_str(), v6) == 1) {
    out = ns3::Inet6SocketAddress(ns3::Ipv6Address(v6), port);
    return true;
  }
  return false;
}

Lingerer::~Lingerer() {
  for (auto& [id, socket] : held_) {
    socket->onClosed(nullptr);
    socket->kill();
  }
}

// The kernel keeps a closed socket until its connection is over (linux: tcp_close): its
// data and FIN are retransmitted with the orphan limits, FIN_WAIT_2 ends by
// tcp_fin_timeout, TIME_WAIT by its own timer. Nothing is cut short here: an orphan with
// unacknowledged data still delivers it.
void Lingerer::hold(ns3::Ptr<TcpSocket> socket) {
  if (socket->state() == ns3::TcpSocket::CLOSED || !socket->attached())
    return;
  std::uint64_t id = next_++;
  held_[id] = socket;
  socket->onClosed([this, id] { release(id); });
  socket->orphan();
}

void Lingerer::release(std::uint64_t id) {
  auto it = held_.find(id);
  if (it == held_.end())
    return;
  ns3::Ptr<TcpSocket> s = it->second;
  held_.erase(it);
  s->onClosed(nullptr);
}

SimStream::SimStream(ns3::Ptr<TcpSocket> socket, bool established, Lingerer& lingerer)
    : socket_(std::move(socket)), lingerer_(lingerer), established_(established) {
  attach();
  if (established_)
    remote_ = remoteAddress();
}

SimStream::~SimStream() {
  *alive_ = false;
  if (!socket_)
    return;
  detach();
  // Bytes written before the close are the kernel's already on a real socket (libuv writes
  // at once): hand ns-3 what it has room for, as a send buffer would have taken it.
  flush();
  // Like close(2): a FIN after what was written, or an RST when received data is unread
  // (ns-3's Close() decides the latter itself).
  socket_->Close();
  lingerer_.hold(socket_);
}

void SimStream::attach() {
  socket_->SetConnectCallback(ns3::MakeCallback(&SimStream::onConnected, this),
                              ns3::MakeCallback(&SimStream::onConnectFailed, this));
  socket_->SetRecvCallback(ns3::MakeCallback(&SimStream::onReadable, this));
  socket_->SetSendCallback(ns3::MakeCallback(&SimStream::onSpace, this));
  socket_->SetCloseCallbacks(ns3::MakeCallback(&SimStream::onPeerClose, this),
                             ns3::MakeCallback(&SimStream::onErrorClose, this));
  socket_->onSilentReset([this] {
    fail({Errc::ConnectionReset, "read ECONNRESET " + remote_.address + ":" + std::to_string(remote_.port)});
  });
}

void SimStream::detach() {
  socket_->SetConnectCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                              ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  socket_->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  socket_->SetSendCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>, uint32_t>());
  socket_->SetCloseCallbacks(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                             ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  socket_->onSilentReset(nullptr);
  keepAliveEvent_.Cancel();
}

net::Error SimStream::socketError(const char* op) const {
  switch (socket_->GetErrno()) {
  case ns3::Socket::ERROR_NOROUTETOHOST: return {Errc::HostUnreachable, std::string(op) + " EHOSTUNREACH"};
  case ns3::Socket::ERROR_ADDRINUSE: return {Errc::AddressInUse, std::string(op) + " EADDRINUSE"};
  case ns3::Socket::ERROR_ADDRNOTAVAIL: return {Errc::AddressNotAvailable, std::string(op) + " EADDRNOTAVAIL"};
  case ns3::Socket::ERROR_INVAL: return {Errc::InvalidArgument, std::string(op) + " EINVAL"};
  case ns3::Socket::ERROR_SHUTDOWN: return {Errc::BrokenPipe, std::string(op) + " EPIPE"};
  default: return {Errc::Io, std::string(op) + " failed (ns-3 errno " + std::to_string(socket_->GetErrno()) + ")"};
  }
}

// --- connect -----------------------------------------------------------------------------

void SimStream::connect(const net::Address& remote) {
  remote_ = remote;
  ns3::Address to;
  int r = toNs3(remote.address, static_cast<std::uint16_t>(remote.port), to) ? 0 : -1;
  // A world without IPv6 has no IPv6 stack on its nodes: as Linux with IPv6 disabled, there is
  // no source address to connect from.
  const bool noIpv6 =
      r == 0 && ns3::Inet6SocketAddress::IsMatchingType(to) && !socket_->GetNode()->GetObject<ns3::Ipv6L3Protocol>();
  if (r == 0 && !noIpv6)
    r = ns3::Inet6SocketAddress::IsMatchingType(to) ? socket_->Bind6() : socket_->Bind();
  if (r == 0 && !noIpv6)
    r = socket_->Connect(to);
  if (r != 0 || noIpv6) {
    const std::string where = remote.address + ":" + std::to_string(remote.port);
    net::Error e = noIpv6 ? net::Error{Errc::AddressNotAvailable, "connect EADDRNOTAVAIL " + where}
                          : socketError(("connect " + where).c_str());
    ns3::Simulator::ScheduleNow([alive = alive_, this, e] {
      if (*alive && sink_)
        sink_->onConnect(e);
    });
  }
}

void SimStream::onConnected(ns3::Ptr<ns3::Socket>) {
  established_ = true;
  if (sink_)
    sink_->onConnect(std::nullopt);
}

void SimStream::onConnectFailed(ns3::Ptr<ns3::Socket>) {
  failed_ = true;
  std::string where = remote_.address + ":" + std::to_string(remote_.port);
  net::Error e;
  // ns-3 reports a refused SYN (RST) and exhausted SYN retries through the same callback;
  // the RST comes back within a round trip, the give-up only after ConnCount timeouts.
  if (socket_->GetErrno() == ns3::Socket::ERROR_NOROUTETOHOST)
    e = {Errc::HostUnreachable, "connect EHOSTUNREACH " + where};
  else if (socket_->refused())
    e = {Errc::ConnectionRefused, "connect ECONNREFUSED " + where};
  else
    e = {Errc::TimedOut, "connect ETIMEDOUT " + where};
  if (sink_)
    sink_->onConnect(e);
}

// --- read side ---------------------------------------------------------------------------

void SimStream::readStart() {
  reading_ = true;
  scheduleDrain();
}

void SimStream::readStop() { reading_ = false; }

void SimStream::scheduleDrain() { scheduleOnce(drainScheduled_, &SimStream::drain); }

void SimStream::onReadable(ns3::Ptr<ns3::Socket>) {
  if (reading_)
    drain();
}

// Hands what ns-3 has received to the sink while reading is on; the FIN last.
void SimStream::drain() {
  std::shared_ptr<bool> alive = alive_;
  std::vector<std::uint8_t> bytes;
  while (reading_ && sink_ && socket_->GetRxAvailable() > 0) {
    ns3::Ptr<ns3::Packet> p = socket_->Recv();
    if (!p || p->GetSize() == 0)
      break;
    bytes.resize(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    sink_->onData(bytes.data(), bytes.size());
    if (!*alive)
      return;
  }
  if (reading_ && sink_ && finReceived_ && !eofReported_ && socket_->GetRxAvailable() == 0) {
    eofReported_ = true;
    sink_->onEof();
  }
}

void SimStream::onPeerClose(ns3::Ptr<ns3::Socket>) {
  if (socket_->resetSeen()) {
    // ns-3 reports an RST through the normal-close callback.
    fail({Errc::ConnectionReset, "read ECONNRESET " + remote_.address + ":" + std::to_string(remote_.port)});
    return;
  }
  finReceived_ = true;
  if (reading_)
    drain();
}

void SimStream::onErrorClose(ns3::Ptr<ns3::Socket>) {
  if (!established_) {
    onConnectFailed(socket_);
    return;
  }
  std::string where = remote_.address + ":" + std::to_string(remote_.port);
  fail(socket_->resetSeen() ? net::Error{Errc::ConnectionReset, "read ECONNRESET " + where}
                            : net::Error{Errc::TimedOut, "read ETIMEDOUT " + where});
}

void SimStream::fail(const net::Error& e) {
  if (failed_)
    return;
  failed_ = true;
  keepAliveEvent_.Cancel();
  if (sink_)
    sink_->onError(e);
}

// --- write side --------------------------------------------------------------------------

void SimStream::write(net::Buffer data) {
  tx_.push_back(Chunk{std::move(data), 0});
  schedulePump();
}

void SimStream::shutdown() {
  shutdownWanted_ = true;
  schedulePump();
}

// Always from an event of its own: ns-3 misbehaves when ShutdownSend() runs inside a
// receive callback (the peer may take a delayed ACK for the ACK of its own lost FIN).
void SimStream::schedulePump() { scheduleOnce(pumpScheduled_, &SimStream::pump); }

void SimStream::scheduleOnce(bool& scheduled, void (SimStream::*step)()) {
  if (scheduled)
    return;
  scheduled = true;
  ns3::Simulator::ScheduleNow([alive = alive_, this, &scheduled, step] {
    if (!*alive)
      return;
    scheduled = false;
    (this->*step)();
  });
}

void SimStream::onSpace(ns3::Ptr<ns3::Socket>, uint32_t) {
  if (!tx_.empty() || (shutdownWanted_ && !shutdownDone_))
    pump();
}

// Moves written bytes into ns-3's send buffer as space allows; a write completes when its
// last byte is in (backend rule 4). Then the FIN, if asked for.
void SimStream::pump() {
  if (!established_ || failed_)
    return;
  std::shared_ptr<bool> alive = alive_;
  while (!tx_.empty()) {
    Chunk& c = tx_.front();
    std::size_t left = c.data.size() - c.sent;
    std::size_t room = socket_->GetTxAvailable();
    if (left > 0 && room == 0)
      return; // onSpace resumes
    std::size_t n = std::min(left, room);
    if (n > 0) {
      int r = socket_->Send(c.data.data() + c.sent, static_cast<uint32_t>(n), 0);
      if (r < 0) {
        net::Error e = socketError("write");
        tx_.clear();
        if (sink_)
          sink_->onWritten(e);
        return;
      }
      c.sent += static_cast<std::size_t>(r);
    }
    if (c.sent == c.data.size()) {
      tx_.pop_front();
      if (sink_)
        sink_->onWritten(std::nullopt);
      if (!*alive)
        return;
    }
  }
  if (shutdownWanted_ && !shutdownDone_) {
    shutdownDone_ = true;
    socket_->ShutdownSend();
    if (sink_)
      sink_->onShutdown(std::nullopt);
  }
}

std::size_t SimStream::flush() {
  std::size_t complete = 0;
  if (socket_ && established_ && !failed_) {
    for (Chunk& c : tx_) {
      std::size_t n = std::min(c.data.size() - c.sent, static_cast<std::size_t>(socket_->GetTxAvailable()));
      if (n > 0 && socket_->Send(c.data.data() + c.sent, static_cast<uint32_t>(n), 0) < 0)
        break;
      c.sent += n;
      if (c.sent < c.data.size())
        break;
      ++complete;
    }
  }
  tx_.clear();
  return complete;
}

void SimStream::abort() {
  *alive_ = false;
  alive_ = std::make_shared<bool>(false);
  sink_ = nullptr;
  if (!socket_)
    return;
  detach();
  socket_->reset();
  socket_ = nullptr;
}

// --- options -----------------------------------------------------------------------------

// Probes as the OS backend's kernel does: after the idle delay (whole seconds, 7200 s when
// zero), the profile's probes (10, 1 s apart, as the OS backend sets TCP_KEEPCNT and
// TCP_KEEPINTVL); the peer answering any of them restarts the idle period.
void SimStream::setKeepAlive(bool enable, net::Duration initialDelay) {
  keepAlive_ = enable;
  std::int64_t secs = (initialDelay.count() + 999'999'999) / 1'000'000'000;
  keepAliveDelay_ = std::chrono::seconds(secs > 0 ? secs : 7200);
  keepAliveEvent_.Cancel();
  probesSent_ = 0;
  if (enable)
    keepAliveEvent_ =
        ns3::Simulator::Schedule(ns3::NanoSeconds(keepAliveDelay_.count()), &SimStream::keepAliveCheck, this);
}

void SimStream::keepAliveCheck() {
  if (!keepAlive_ || failed_ || !socket_)
    return;
  ns3::Time idleSince = socket_->lastHeard();
  ns3::Time delay = ns3::NanoSeconds(keepAliveDelay_.count());
  ns3::Time now = ns3::Simulator::Now();
  if (probesSent_ == 0 && now < idleSince + delay) {
    keepAliveEvent_ = ns3::Simulator::Schedule(idleSince + delay - now, &SimStream::keepAliveCheck, this);
    return;
  }
  const TcpProfile& profile = socket_->profile();
  ns3::Time interval = ns3::NanoSeconds(profile.keepAliveInterval.count());
  if (probesSent_ > 0 && idleSince > now - interval) {
    probesSent_ = 0; // answered
    keepAliveEvent_ = ns3::Simulator::Schedule(delay, &SimStream::keepAliveCheck, this);
    return;
  }
  if (probesSent_ == profile.keepAliveProbes) {
    std::string where = remote_.address + ":" + std::to_string(remote_.port);
    socket_->kill();
    fail({Errc::TimedOut, "read ETIMEDOUT " + where + " (keepalive)"});
    return;
  }
  ++probesSent_;
  socket_->sendKeepAlive();
  keepAliveEvent_ = ns3::Simulator::Schedule(interval, &SimStream::keepAliveCheck, this);
}

void SimStream::setNoDelay(bool noDelay) { socket_->SetAttribute("TcpNoDelay", ns3::BooleanValue(noDelay)); }

net::Address SimStream::localAddress() const {
  ns3::Address a;
  if (!socket_ || socket_->GetSockName(a) != 0)
    return {};
  return toAddress(a);
}

net::Address SimStream::remoteAddress() const {
  ns3::Address a;
  if (!socket_ || socket_->GetPeerName(a) != 0)
    return remote_;
  return toAddress(a);
}

} // namespace sim
