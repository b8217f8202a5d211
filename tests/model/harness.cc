#include "tests/model/harness.h"

#include <ns3/config.h>
#include <ns3/inet-socket-address.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-generator.h>
#include <ns3/ipv4-address-helper.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/mac48-address.h>
#include <ns3/point-to-point-channel.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <ns3/socket.h>
#include <ns3/tcp-socket-factory.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

#include <tuple>

namespace nictest {

void freshNs3() {
  ns3::Simulator::Destroy();
  ns3::Config::Reset();
  ns3::RngSeedManager::SetSeed(1);
  ns3::RngSeedManager::SetRun(1);
  ns3::Ipv4AddressGenerator::Reset();
  ns3::Mac48Address::ResetAllocationIndex();
  ns3::Config::SetDefault("ns3::TcpSocket::SegmentSize", ns3::UintegerValue(1448));
}

void addPair(Net& net, const Link& link) {
  ns3::InternetStackHelper stack;
  std::uint32_t first = static_cast<std::uint32_t>(net.nodes.size());
  for (int i = 0; i < 2; ++i) {
    auto n = ns3::CreateObject<ns3::Node>();
    stack.Install(n);
    net.nodes.push_back(n);
  }
  auto a = net.nodes[first], b = net.nodes[first + 1];
  ns3::NetDeviceContainer devices;
  if (link.a && link.b) {
    auto [da, db] = model::connect(a, *link.a, b, *link.b, link.delay, link.rate);
    devices.Add(da);
    devices.Add(db);
    net.nics.push_back(da);
    net.nics.push_back(db);
  } else if (link.b) {
    auto da = model::makeP2pDevice(a, link.rate, link.queuePackets);
    auto db = model::connectMixed(da, b, *link.b, link.delay, link.rate);
    devices.Add(da);
    devices.Add(db);
    net.nics.push_back(db);
  } else {
    auto channel = ns3::CreateObject<ns3::PointToPointChannel>();
    channel->SetAttribute("Delay", ns3::TimeValue(link.delay));
    for (auto n : {a, b}) {
      auto d = model::makeP2pDevice(n, link.rate, link.queuePackets);
      d->Attach(channel);
      devices.Add(d);
    }
  }
  std::uint32_t base = (10u << 24) + 4u * (first / 2);
  ns3::Ipv4AddressHelper addresses(ns3::Ipv4Address(base), ns3::Ipv4Mask("255.255.255.252"));
  auto ifs = addresses.Assign(devices);
  net.addresses.push_back(ifs.GetAddress(0));
  net.addresses.push_back(ifs.GetAddress(1));
  for (auto n : {a, b}) {
    if (!net.record)
      break;
    std::uint32_t id = n->GetId();
    auto* rx = &net.received;
    n->GetObject<ns3::Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx", ns3::Callback<void, ns3::Ptr<const ns3::Packet>, ns3::Ptr<ns3::Ipv4>, uint32_t>(
                  [rx, id](ns3::Ptr<const ns3::Packet> p, ns3::Ptr<ns3::Ipv4>, uint32_t) {
                    rx->push_back({id, ns3::Simulator::Now().GetTimeStep(), p->GetSize()});
                  }));
  }
}

void udpAt(Net& net, std::size_t from, std::size_t to, ns3::Time at, std::uint32_t bytes) {
  auto src = net.nodes.at(from);
  auto dst = net.addresses.at(to);
  ns3::Simulator::ScheduleWithContext(src->GetId(), at, [src, dst, bytes] {
    auto s = ns3::Socket::CreateSocket(src, ns3::UdpSocketFactory::GetTypeId());
    s->Bind();
    s->SendTo(ns3::Create<ns3::Packet>(bytes), 0, ns3::InetSocketAddress(dst, 9));
    s->Close();
  });
}

std::shared_ptr<TcpResult> tcpBulk(Net& net, std::size_t from, std::size_t to, ns3::Time at, std::uint64_t bytes,
                                   std::uint16_t port) {
  auto result = std::make_shared<TcpResult>();
  auto server = ns3::Socket::CreateSocket(net.nodes.at(to), ns3::TcpSocketFactory::GetTypeId());
  server->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), port));
  server->Listen();
  auto onData = [result](ns3::Ptr<ns3::Socket> s) {
    while (auto p = s->Recv()) {
      if (p->GetSize() == 0)
        break;
      result->received += p->GetSize();
    }
  };
  server->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                            ns3::Callback<void, ns3::Ptr<ns3::Socket>, const ns3::Address&>(
                                [onData](ns3::Ptr<ns3::Socket> s, const ns3::Address&) {
                                  s->SetRecvCallback(ns3::Callback<void, ns3::Ptr<ns3::Socket>>(onData));
                                }));
  auto src = net.nodes.at(from);
  auto dst = net.addresses.at(to);
  ns3::Simulator::ScheduleWithContext(src->GetId(), at, [src, dst, port, bytes, result, server] {
    auto s = ns3::Socket::CreateSocket(src, ns3::TcpSocketFactory::GetTypeId());
    s->Bind();
    auto fill = [result, bytes](ns3::Ptr<ns3::Socket> sock, uint32_t) {
      if (result->closed)
        return;
      while (result->sent < bytes) {
        uint32_t room = sock->GetTxAvailable();
        if (room == 0)
          return;
        auto n = static_cast<uint32_t>(std::min<std::uint64_t>({room, bytes - result->sent, 4096}));
        int r = sock->Send(ns3::Create<ns3::Packet>(n));
        if (r <= 0)
          return;
        result->sent += static_cast<std::uint64_t>(r);
      }
      result->closed = true;
      sock->Close();
    };
    s->SetSendCallback(ns3::Callback<void, ns3::Ptr<ns3::Socket>, uint32_t>(fill));
    s->SetConnectCallback(
        ns3::Callback<void, ns3::Ptr<ns3::Socket>>([fill](ns3::Ptr<ns3::Socket> sock) { fill(sock, 0); }),
        ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    s->Connect(ns3::InetSocketAddress(dst, port));
  });
  return result;
}

model::GenericNic zeroLatency(std::uint32_t fifoFrames) {
  model::GenericNic g;
  g.wireOverheadBytes = 0;
  g.txFifoFrames = fifoFrames;
  g.txFifoBytes = 1u << 30;
  g.rxRingFrames = 1u << 20;
  g.rxRingBytes = 1u << 30;
  g.dmaSetupNs = 0;
  g.dmaPsPerByte = 0;
  g.irqLatencyNs = 0;
  return g;
}

std::shared_ptr<RawPair> rawPair(const model::NicSpec& a, const model::NicSpec& b, ns3::Time delay,
                                 std::uint64_t rate) {
  auto pair = std::make_shared<RawPair>();
  pair->a = ns3::CreateObject<ns3::Node>();
  pair->b = ns3::CreateObject<ns3::Node>();
  std::tie(pair->da, pair->db) = model::connect(pair->a, a, pair->b, b, delay, rate);
  RawPair* p = pair.get();
  pair->db->SetReceiveCallback(ns3::NetDevice::ReceiveCallback(
      [p](ns3::Ptr<ns3::NetDevice>, ns3::Ptr<const ns3::Packet> packet, uint16_t, const ns3::Address&) {
        p->hostRx.push_back({ns3::Simulator::Now().GetTimeStep(), packet->GetSize()});
        return true;
      }));
  pair->db->TraceConnectWithoutContext("MediumRx",
                                       ns3::Callback<void, ns3::Ptr<const ns3::Packet>, std::uint32_t>(
                                           [p](ns3::Ptr<const ns3::Packet>, std::uint32_t bytes) {
                                             p->mediumRx.push_back({ns3::Simulator::Now().GetTimeStep(), bytes});
                                           }));
  auto hook = [p](std::uint64_t ns, const std::string& cause, std::uint32_t bytes) {
    p->drops.push_back({static_cast<std::int64_t>(ns), cause, bytes});
  };
  pair->da->setDropHook(hook);
  pair->db->setDropHook(hook);
  return pair;
}

void sendAt(const std::shared_ptr<RawPair>& pair, ns3::Time at, std::uint32_t payload) {
  RawPair* p = pair.get();
  ns3::Simulator::ScheduleWithContext(p->a->GetId(), at, [p, payload] {
    p->accepted.push_back(p->da->Send(ns3::Create<ns3::Packet>(payload), p->db->GetAddress(), 0x0800));
  });
}

std::ostream& operator<<(std::ostream& o, const Rx& r) {
  return o << "{node " << r.node << ", " << r.ns << " ns, " << r.bytes << " B}";
}

std::ostream& operator<<(std::ostream& o, const Seen& s) { return o << "{" << s.ns << " ns, " << s.bytes << " B}"; }

std::uint64_t hash(const std::vector<Rx>& rx) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xff;
      h *= 1099511628211ull;
    }
  };
  for (const auto& r : rx) {
    mix(r.node);
    mix(static_cast<std::uint64_t>(r.ns));
    mix(r.bytes);
  }
  return h;
}

} // namespace nictest
