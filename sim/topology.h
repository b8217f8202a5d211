// The shapes IoT studies use, star, chain and tree, built from World::node and World::link.
//   auto sensors = sim::star(world, world.node("gateway"), "sensor", 500, {250'000, 5ms});
//
// One builder, sim::shape below, lays them out for this C++ API and for a scenario file's
// network (star, chain, tree: sim/scenario/loader_network.cc), so the same words give the
// same network either way: the same node names and ids, addresses, routes and random streams
// (tests/scenario/topology_test.cc). The rules:
// - the nodes a shape makes are named prefix-1 ... prefix-N, as a scenario's group of N
//   nodes is; all of them are made first, in that order, and then the links (a scenario
//   makes every node before its first link). Node ids count in the order nodes are made, each
//   link takes the next /30 of 10.0.0.0/8 (its first end gets .1), and each node and link
//   numbers its random streams (loss, jitter, ARP) in the order it is made;
// - star: hub - leaf, for each leaf in order;
// - chain: each node linked to the next, from the first;
// - tree: every uplink root - gateway first, in gateway order, then every access link
//   gateway - leaf in leaf order; of L leaves under G gateways, leaf i (from 0) hangs under
//   gateway i * G / L: even, contiguous blocks (L / G each when G divides L).
// So a scenario file `nodes: {cloud: ..., gw: {count: 10}, sensor: {count: 1000}}` with
// `tree: {root: cloud, gateways: gw, leaves: sensor}` is
// `sim::tree(world, world.node("cloud"), "gw", 10, "sensor", 1000)`, its nodes listed in
// that order (the root before the gateways before the leaves).
//
// Changed with issue 11: the C++ API used to link each node as soon as it made it and tree
// linked each gateway's leaves right after its uplink, with the gateways always named gw-N.
// Same topology, but the random streams of star's and chain's nodes and links (what a lossy
// or jittered link draws) and tree's node ids, addresses and streams differ from before; the
// scenario file's networks did not change.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/world.h"

namespace sim {

// `count` nodes named prefix-1 ... prefix-count, each linked to `hub`.
std::vector<Node*> star(World& world, Node& hub, const std::string& prefix, int count, const LinkSpec& spec = {});

// A chain from `first`: prefix-1 linked to first, prefix-2 to prefix-1, ...
std::vector<Node*> chain(World& world, Node& first, const std::string& prefix, int count, const LinkSpec& spec = {});

// A tree under `root`: `gateways` gateways gatewayPrefix-1 ... linked to root by `uplink`,
// and `leaves` leaves prefix-1 ... spread over them (sim::shape::tree) and linked by
// `access`. Returns the leaves. Throws std::invalid_argument for leaves without gateways.
std::vector<Node*> tree(World& world, Node& root, const std::string& gatewayPrefix, int gateways,
                        const std::string& prefix, int leaves, const LinkSpec& uplink = {},
                        const LinkSpec& access = {});

// The same with `perGateway` leaves under each of `gateways` gateways named gw-1 ...:
// tree(world, root, "gw", gateways, prefix, gateways * perGateway, uplink, access).
std::vector<Node*> tree(World& world, Node& root, int gateways, int perGateway, const std::string& prefix,
                        const LinkSpec& uplink = {}, const LinkSpec& access = {});

// The layout of the shapes, over any handle of a node (a Node*, a scenario's node name):
// which links, between whom, in which order. link(a, b) makes one link, a its first end.
// Without ns-3: the scenario loader uses it with names.
namespace shape {

// The i-th node (from 1) of a group or of a shape's new nodes: "sensor-17".
inline std::string numbered(const std::string& prefix, int i) { return prefix + "-" + std::to_string(i); }

template <class N, class LinkFn> void star(const N& hub, const std::vector<N>& leaves, LinkFn&& link) {
  for (const N& leaf : leaves)
    link(hub, leaf);
}

template <class N, class LinkFn> void chain(const std::vector<N>& nodes, LinkFn&& link) {
  for (std::size_t i = 1; i < nodes.size(); ++i)
    link(nodes[i - 1], nodes[i]);
}

// link(a, b, uplink): uplink is true for root - gateway, false for gateway - leaf. `gateways`
// may be empty only when `leaves` is.
template <class N, class LinkFn>
void tree(const N& root, const std::vector<N>& gateways, const std::vector<N>& leaves, LinkFn&& link) {
  for (const N& g : gateways)
    link(root, g, true);
  for (std::size_t i = 0; i < leaves.size(); ++i)
    link(gateways[i * gateways.size() / leaves.size()], leaves[i], false);
}

} // namespace shape

} // namespace sim
