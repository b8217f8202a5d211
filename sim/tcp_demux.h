// ns-3's TCP with a demultiplexer that does not scan: TcpL4Protocol looks every segment's
// endpoint up in a list of all the node's endpoints (Ipv4EndPointDemux::Lookup), which on a
// gateway with thousands of connections is most of the simulation's time, and allocates and
// releases endpoints by scanning it. Connections accepted by a listener are kept out of that
// list (and out of the protocol's socket list): they are entered in a hash by their
// four-tuple, and a segment that hits an entry whose socket still owns a matching endpoint
// goes straight to it (exactly the endpoint Lookup would have found, had it been listed);
// everything else takes the base class's path, where only listeners and connecting sockets
// are listed.
// Installed with InternetStackHelper::SetTcp("sim::TcpL4Protocol").
#pragma once

#include <ns3/tcp-l4-protocol.h>

#include <cstdint>

#include "sim/flat_map.h"

namespace sim {

class TcpSocket;

// A connection's four-tuple, as seen from its own node.
struct DemuxKey {
  std::uint32_t local = 0, peer = 0;
  std::uint16_t localPort = 0, peerPort = 0;
  bool operator==(const DemuxKey& o) const {
    return local == o.local && peer == o.peer && localPort == o.localPort && peerPort == o.peerPort;
  }
};

class TcpL4Protocol : public ns3::TcpL4Protocol {
public:
  static ns3::TypeId GetTypeId();

  // The connection of `socket`, whose endpoint is set up, to look up by its four-tuple.
  void enter(TcpSocket* socket, const DemuxKey& key);
  void leave(TcpSocket* socket, const DemuxKey& key);

  // Answers a segment that belongs to no connection with RST, as for a port nobody listens on
  // (`from` and `to` are the segment's socket addresses).
  void refuse(const ns3::TcpHeader& segment, const ns3::Address& from, const ns3::Address& to);

  using ns3::TcpL4Protocol::Receive;
  ns3::IpL4Protocol::RxStatus Receive(ns3::Ptr<ns3::Packet> packet, const ns3::Ipv4Header& header,
                                      ns3::Ptr<ns3::Ipv4Interface> interface) override;

protected:
  void DoDispose() override;

private:
  struct KeyHash {
    std::uint64_t operator()(const DemuxKey& k) const {
      std::uint64_t h = (std::uint64_t{k.peer} << 32 | std::uint64_t{k.peerPort} << 16 | k.localPort) ^
                        (std::uint64_t{k.local} * 0x9e3779b97f4a7c15ull);
      return h ^ (h >> 29);
    }
  };
  void release(const DemuxKey& key);
  FlatMap<DemuxKey, ns3::Ptr<TcpSocket>, KeyHash> connections_;
};

} // namespace sim
