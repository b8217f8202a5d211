// A shared medium of SystemC NICs: every member hears every frame, one frame at a time.
#include <gtest/gtest.h>
#include <ns3/inet-socket-address.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-helper.h>
#include <ns3/simulator.h>
#include <ns3/socket.h>
#include <ns3/udp-socket-factory.h>

#include "tests/model/harness.h"

namespace nictest {
namespace {

struct SharedMedium : ::testing::Test {
  void SetUp() override { freshNs3(); }
  void TearDown() override { freshNs3(); }
};

// Zero-latency NICs at 10 Mbit/s; frames of 100 + 14 (Ethernet) bytes: 91200 ns on the medium.
constexpr std::int64_t t0 = 1'000'000, wire = 91'200, delay = 2'000;

TEST_F(SharedMedium, FramesTakeTurnsAndEveryMemberHearsThem) {
  std::vector<ns3::Ptr<ns3::Node>> nodes;
  for (int i = 0; i < 3; ++i)
    nodes.push_back(ns3::CreateObject<ns3::Node>());
  auto g = zeroLatency();
  auto devices = model::share(nodes, {g, g, g}, ns3::NanoSeconds(delay), 10'000'000);
  std::vector<std::vector<Seen>> heard(3);
  for (int i = 0; i < 3; ++i) {
    auto* h = &heard[static_cast<std::size_t>(i)];
    devices[static_cast<std::size_t>(i)]->SetReceiveCallback(ns3::NetDevice::ReceiveCallback(
        [h](ns3::Ptr<ns3::NetDevice>, ns3::Ptr<const ns3::Packet> p, uint16_t, const ns3::Address&) {
          h->push_back({ns3::Simulator::Now().GetTimeStep(), p->GetSize()});
          return true;
        }));
  }
  // At the same instant: 0 and 1 send to 2, then 2 broadcasts.
  ns3::Simulator::Schedule(ns3::NanoSeconds(t0), [&] {
    devices[0]->Send(ns3::Create<ns3::Packet>(100), devices[2]->GetAddress(), 0x0800);
    devices[1]->Send(ns3::Create<ns3::Packet>(100), devices[2]->GetAddress(), 0x0800);
    devices[2]->Send(ns3::Create<ns3::Packet>(100), devices[2]->GetBroadcast(), 0x0800);
  });
  ns3::Simulator::Run();
  // One frame at a time, in the order the NICs asked for the medium.
  EXPECT_EQ(heard[2], (std::vector<Seen>{{t0 + wire + delay, 100}, {t0 + 2 * wire + delay, 100}}));
  EXPECT_EQ(heard[0], (std::vector<Seen>{{t0 + 3 * wire + delay, 100}})); // the broadcast only
  EXPECT_EQ(heard[1], (std::vector<Seen>{{t0 + 3 * wire + delay, 100}}));
  EXPECT_FALSE(devices[0]->IsPointToPoint());
  EXPECT_TRUE(devices[0]->NeedsArp());
}

TEST_F(SharedMedium, UdpWithArpBetweenMembers) {
  std::vector<ns3::Ptr<ns3::Node>> nodes;
  ns3::InternetStackHelper stack;
  for (int i = 0; i < 4; ++i) {
    nodes.push_back(ns3::CreateObject<ns3::Node>());
    stack.Install(nodes.back());
  }
  std::vector<model::NicSpec> specs = {model::GenericNic{}, model::SpiEthernetNic{}, model::GenericNic{},
                                       model::SpiEthernetNic{}};
  auto devices = model::share(nodes, specs, ns3::MicroSeconds(1), 10'000'000);
  ns3::NetDeviceContainer container;
  for (auto& d : devices)
    container.Add(d);
  ns3::Ipv4AddressHelper addresses("192.168.1.0", "255.255.255.0");
  auto ifs = addresses.Assign(container);
  std::uint64_t got = 0;
  auto sink = ns3::Socket::CreateSocket(nodes[3], ns3::UdpSocketFactory::GetTypeId());
  sink->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9));
  sink->SetRecvCallback(ns3::Callback<void, ns3::Ptr<ns3::Socket>>([&got](ns3::Ptr<ns3::Socket> s) {
    while (auto p = s->Recv())
      got += p->GetSize();
  }));
  for (int i = 0; i < 3; ++i) {
    auto src = nodes[static_cast<std::size_t>(i)];
    auto dst = ifs.GetAddress(3);
    ns3::Simulator::Schedule(ns3::MilliSeconds(10), [src, dst] {
      auto s = ns3::Socket::CreateSocket(src, ns3::UdpSocketFactory::GetTypeId());
      s->Bind();
      for (int k = 0; k < 3; ++k)
        s->SendTo(ns3::Create<ns3::Packet>(500), 0, ns3::InetSocketAddress(dst, 9));
    });
  }
  ns3::Simulator::Stop(ns3::Seconds(2));
  ns3::Simulator::Run();
  EXPECT_EQ(got, 9u * 500);
  EXPECT_EQ(devices[3]->stats().rxPackets, 9u + 3u); // and three ARP requests
}

} // namespace
} // namespace nictest
