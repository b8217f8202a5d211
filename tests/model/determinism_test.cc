// Identical results over repeated runs, each in a fresh SystemC context of the same process,
// with SystemC NICs on 1,000 nodes (500 pairs, every model kind).
#include <gtest/gtest.h>
#include <ns3/simulator.h>

#include "model/bridge.h"
#include "tests/model/harness.h"

namespace nictest {
namespace {

struct Outcome {
  std::uint64_t hash = 0;
  std::size_t packets = 0;
  std::uint64_t delivered = 0, drops = 0, events = 0;
};

Outcome run() {
  freshNs3();
  Net net;
  for (int i = 0; i < 500; ++i) {
    Link link;
    link.rate = 0;
    link.delay = ns3::MicroSeconds(100 + i);
    model::NicSpec spec = model::GenericNic{};
    if (i % 3 == 1)
      spec = model::SpiEthernetNic{};
    if (i % 3 == 2)
      spec = model::RadioNic{};
    link.a = spec;
    link.b = spec;
    if (i % 3 == 0) { // a receiver slower than the wire, for drops in the outcome
      model::GenericNic fast, slow;
      fast.lineRate = slow.lineRate = 10'000'000;
      slow.rxRingFrames = 3;
      slow.dmaPsPerByte = 1'500'000;
      link.a = fast;
      link.b = slow;
    }
    addPair(net, link);
  }
  std::vector<std::shared_ptr<TcpResult>> flows;
  for (std::size_t i = 0; i < 500; ++i)
    flows.push_back(tcpBulk(net, 2 * i, 2 * i + 1, ns3::MicroSeconds(1000 + 7 * i), i % 3 == 2 ? 3'000 : 30'000));
  ns3::Simulator::Stop(ns3::Seconds(100));
  ns3::Simulator::Run();
  Outcome o;
  o.hash = hash(net.received);
  o.packets = net.received.size();
  for (auto& f : flows)
    o.delivered += f->received;
  for (auto& d : net.nics)
    o.drops += d->stats().dropped();

  o.events = ns3::Simulator::GetEventCount();
  freshNs3();
  return o;
}

TEST(Determinism, ThousandNodesTwiceInOneProcess) {
  Outcome one = run();
  Outcome two = run();
  EXPECT_EQ(one.delivered, 167u * 30'000 + 167u * 30'000 + 166u * 3'000);
  EXPECT_GT(one.drops, 0u);
  EXPECT_GT(one.packets, 10'000u);
  EXPECT_EQ(one.hash, two.hash);
  EXPECT_EQ(one.packets, two.packets);
  EXPECT_EQ(one.delivered, two.delivered);
  EXPECT_EQ(one.drops, two.drops);
  EXPECT_EQ(one.events, two.events);
}

} // namespace
} // namespace nictest
