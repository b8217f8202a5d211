#include "sim/tcp_demux.h"

#include "model/type_id.h"

#include <ns3/inet-socket-address.h>
#include <ns3/inet6-socket-address.h>
#include <ns3/ipv4-end-point.h>
#include <ns3/ipv4-header.h>
#include <ns3/ipv4-interface.h>
#include <ns3/node.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/tcp-header.h>

#include "sim/tcp_socket.h"

namespace sim {

NS_OBJECT_ENSURE_REGISTERED(TcpL4Protocol);

ns3::TypeId TcpL4Protocol::GetTypeId() {
  return model::typeIdOf<TcpL4Protocol, ns3::TcpL4Protocol>("sim::TcpL4Protocol", "Internet");
}

void TcpL4Protocol::enter(TcpSocket* socket, const DemuxKey& key) { connections_[key] = socket; }

void TcpL4Protocol::leave(TcpSocket* socket, const DemuxKey& key) {
  const ns3::Ptr<TcpSocket>* entry = connections_.find(key);
  // An entry whose socket let its endpoint go without reaching CLOSED (retransmissions given
  // up) goes too, whoever asks.
  if (entry && (*entry == socket || !(*entry)->endPoint()))
    release(key);
}

void TcpL4Protocol::release(const DemuxKey& key) {
  // The socket may be running the code that closed it, and this entry may hold its last
  // reference: let it go after the current event.
  ns3::Simulator::ScheduleNow([keep = *connections_.find(key)] {});
  connections_.erase(key);
}

ns3::IpL4Protocol::RxStatus TcpL4Protocol::Receive(ns3::Ptr<ns3::Packet> packet, const ns3::Ipv4Header& header,
                                                   ns3::Ptr<ns3::Ipv4Interface> interface) {
  if (connections_.empty())
    return ns3::TcpL4Protocol::Receive(packet, header, interface);
  // The ports are the first four bytes of the segment.
  std::uint8_t ports[4] = {};
  packet->CopyData(ports, sizeof ports);
  const DemuxKey key{header.GetDestination().Get(), header.GetSource().Get(),
                     static_cast<std::uint16_t>(ports[2] << 8 | ports[3]),
                     static_cast<std::uint16_t>(ports[0] << 8 | ports[1])};
  const ns3::Ptr<TcpSocket>* entry = connections_.find(key);
  if (entry && !(*entry)->endPoint()) {
    // Its endpoint was let go without the socket reaching CLOSED (retransmissions given up).
    release(key);
    entry = nullptr;
  }
  // Used only while the socket still owns an endpoint with this four-tuple that accepts
  // segments: then it is the one Ipv4EndPointDemux::Lookup returns.
  ns3::Ipv4EndPoint* e = entry ? (*entry)->endPoint() : nullptr;
  if (!e || e->GetLocalAddress().Get() != key.local || e->GetPeerAddress().Get() != key.peer ||
      e->GetLocalPort() != key.localPort || e->GetPeerPort() != key.peerPort || !e->IsRxEnabled())
    return ns3::TcpL4Protocol::Receive(packet, header, interface);
  ns3::Ptr<TcpSocket> socket = *entry; // ForwardUp may close it and erase the entry
  if (ns3::Node::ChecksumEnabled()) {
    ns3::TcpHeader tcp;
    ns3::IpL4Protocol::RxStatus status = PacketReceived(packet, tcp, header.GetSource(), header.GetDestination());
    if (status != ns3::IpL4Protocol::RX_OK)
      return status;
  }
  // Without checksums PacketReceived only parses the header (options made as objects) that
  // the socket parses again: the port is all this needs of it.
  socket->endPoint()->ForwardUp(packet, header, key.peerPort, interface);
  return ns3::IpL4Protocol::RX_OK;
}

void TcpL4Protocol::refuse(const ns3::TcpHeader& segment, const ns3::Address& from, const ns3::Address& to) {
  auto ip = [](const ns3::Address& a) -> ns3::Address {
    if (ns3::InetSocketAddress::IsMatchingType(a))
      return ns3::InetSocketAddress::ConvertFrom(a).GetIpv4();
    return ns3::Inet6SocketAddress::ConvertFrom(a).GetIpv6();
  };
  NoEndPointsFound(segment, ip(from), ip(to));
}

void TcpL4Protocol::DoDispose() {
  connections_.clear();
  ns3::TcpL4Protocol::DoDispose();
}

} // namespace sim
