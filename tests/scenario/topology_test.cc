// The scenario file and the C++ API (sim/topology.h) build the same network from the same
// words: a star, a chain and a tree written both ways give the same nodes (names and ids, in
// order), the same addresses (every interface's), the same routes (every node's next hop
// toward every other node) and, over lossy links with jitter, the same run (trace hash), so
// their random streams agree too.
#include <gtest/gtest.h>

#include <ns3/ipv4-routing-protocol.h>
#include <ns3/ipv4.h>
#include <ns3/node.h>
#include <ns3/packet.h>

#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/loader.h"
#include "sim/scenario/runner.h"
#include "sim/topology.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// What a network is, one fact a line: each node (in the order made) with its id and every
// interface's address, then each node's next hop (gateway address and interface) toward
// every other node's address.
std::string describe(sim::World& world) {
  std::string out;
  const std::uint32_t firstId = world.nodes().front()->id();
  for (const auto& n : world.nodes()) {
    out += n->name() + " id " + std::to_string(n->id() - firstId) + " address " + n->address() + " interfaces";
    auto ipv4 = n->ns3Node()->GetObject<ns3::Ipv4>();
    for (std::uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i) {
      std::ostringstream a;
      ipv4->GetAddress(i, 0).GetLocal().Print(a);
      out += " " + a.str();
    }
    out += "\n";
  }
  for (const auto& from : world.nodes()) {
    auto routing = from->ns3Node()->GetObject<ns3::Ipv4>()->GetRoutingProtocol();
    for (const auto& to : world.nodes()) {
      if (to == from)
        continue;
      ns3::Ipv4Header header;
      header.SetDestination(ns3::Ipv4Address(to->address().c_str()));
      ns3::Socket::SocketErrno err{};
      auto route = routing->RouteOutput(ns3::Create<ns3::Packet>(), header, nullptr, err);
      std::ostringstream via;
      if (route)
        route->GetGateway().Print(via);
      else
        via << "no route";
      out += from->name() + " -> " + to->name() + " via " + via.str() + " interface " +
             (route ? std::to_string(route->GetOutputDevice()->GetIfIndex()) : std::string("-")) + "\n";
    }
  }
  return out;
}

// Every node but the first sends 64 bytes to an echo server on the first and reads them back:
// the trace hash of that run, whose losses and jitter draw from the network's random streams.
std::string exercise(sim::World& world) {
  sim::Node& server = *world.nodes().front();
  std::size_t clients = world.nodes().size() - 1, closed = 0;
  auto srv = server.net().createServer([](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [raw = s.get()](const net::Buffer& b) { raw->write(b); });
  });
  srv->listen(7);
  for (std::size_t i = 1; i < world.nodes().size(); ++i) {
    auto c = world.nodes()[i]->net().connect(7, server.name());
    auto got = std::make_shared<std::size_t>(0);
    c->on(net::ev::connect, [c] { c->write(std::string(64, 'x')); });
    c->on(net::ev::data, [c, got](const net::Buffer& b) {
      if ((*got += b.size()) == 64)
        c->end();
    });
    c->on(net::ev::close, [&closed, clients, srv](bool) {
      if (++closed == clients)
        srv->close();
    });
  }
  EXPECT_TRUE(world.run(600s));
  EXPECT_EQ(closed, clients);
  return world.trace().hash();
}

struct Built {
  std::string network, run;
};

Built fromFile(const std::string& yaml) {
  sim::scenario::Scenario s = sim::scenario::parseScenario(yaml, "topology.yaml");
  sim::World world(s.seed, s.run);
  sim::scenario::buildNetwork(world, s);
  Built b{describe(world), ""};
  b.run = exercise(world);
  return b;
}

Built fromApi(const std::function<void(sim::World&)>& build) {
  sim::World world(1, 1);
  build(world);
  Built b{describe(world), ""};
  b.run = exercise(world);
  return b;
}

void expectSame(const Built& file, const Built& api) {
  EXPECT_EQ(file.network, api.network);
  EXPECT_EQ(file.run, api.run);
}

const sim::LinkSpec kLossy{1'000'000, 2ms, 0.05, 100, 1ms};

TEST(Topology, StarFromTheFileEqualsSimStar) {
  Built file = fromFile(R"(
nodes:
  gateway:
  sensor: {count: 5}
network:
  star: {hub: gateway, leaves: sensor, bandwidth: 1Mbps, delay: 2ms, loss: 5%, jitter: 1ms}
)");
  Built api = fromApi([](sim::World& w) { sim::star(w, w.node("gateway"), "sensor", 5, kLossy); });
  expectSame(file, api);
  EXPECT_NE(file.network.find("sensor-5 id 5 address 10.0.0.18"), std::string::npos) << file.network;
}

TEST(Topology, ChainFromTheFileEqualsSimChain) {
  Built file = fromFile(R"(
nodes:
  head:
  hop: {count: 4}
network:
  chain: {nodes: [head, hop], bandwidth: 1Mbps, delay: 2ms, loss: 5%, jitter: 1ms}
)");
  Built api = fromApi([](sim::World& w) { sim::chain(w, w.node("head"), "hop", 4, kLossy); });
  expectSame(file, api);
  EXPECT_NE(file.network.find("hop-4 -> head via 10.0.0.13 interface 1"), std::string::npos) << file.network;
}

const sim::LinkSpec kUplink{10'000'000, 5ms, 0, 100, 1ms};

// A tree in a scenario file: cloud, `gateways` nodes of the group `gatewayGroup`, `leaves`
// sensors; uplinks kUplink, access links kLossy.
std::string treeFile(const std::string& gatewayGroup, int gateways, int leaves) {
  return "nodes:\n  cloud:\n  " + gatewayGroup + ": {count: " + std::to_string(gateways) +
         "}\n  sensor: {count: " + std::to_string(leaves) +
         "}\nnetwork:\n  tree:\n    root: cloud\n    gateways: " + gatewayGroup +
         "\n    leaves: sensor\n    uplink: {bandwidth: 10Mbps, delay: 5ms, jitter: 1ms}\n"
         "    access: {bandwidth: 1Mbps, delay: 2ms, loss: 5%, jitter: 1ms}\n";
}

// Six leaves under three gateways, two each: the form with a number per gateway (gw-1 ...).
TEST(Topology, TreeFromTheFileEqualsSimTree) {
  Built file = fromFile(treeFile("gw", 3, 6));
  Built api = fromApi([](sim::World& w) { sim::tree(w, w.node("cloud"), 3, 2, "sensor", kUplink, kLossy); });
  expectSame(file, api);
  // The uplinks first, then the leaves in order, two under each gateway.
  EXPECT_NE(file.network.find("gw-3 id 3 address 10.0.0.10 interfaces 10.0.0.10 10.0.0.29 10.0.0.33\n"),
            std::string::npos)
      << file.network;
}

// Seven leaves under three gateways named edge-N: blocks of 3, 2 and 2 (leaf i under gateway
// i * 3 / 7).
TEST(Topology, UnevenTreeWithOtherGatewayNamesFromTheFileEqualsSimTree) {
  Built file = fromFile(treeFile("edge", 3, 7));
  Built api = fromApi([](sim::World& w) { sim::tree(w, w.node("cloud"), "edge", 3, "sensor", 7, kUplink, kLossy); });
  expectSame(file, api);
  for (const char* route : {"sensor-3 -> cloud via 10.0.0.21 ", "sensor-4 -> cloud via 10.0.0.25 ",
                            "sensor-6 -> cloud via 10.0.0.33 ", "sensor-7 -> cloud via 10.0.0.37 "})
    EXPECT_NE(file.network.find(route), std::string::npos) << route << "\n" << file.network;
}

TEST(Topology, TreeRejectsLeavesWithoutGateways) {
  sim::World world;
  EXPECT_THROW(sim::tree(world, world.node("cloud"), "gw", 0, "sensor", 3), std::invalid_argument);
  EXPECT_TRUE(sim::tree(world, world.node("cloud"), 0, 5, "sensor").empty());
}

} // namespace
