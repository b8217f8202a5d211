// The shapes IoT studies use, built from World::node and World::link.
//   auto sensors = sim::star(world, world.node("gateway"), "sensor", 500, {250'000, 5ms});
#pragma once

#include <string>
#include <vector>

#include "sim/world.h"

namespace sim {

// `count` nodes named prefix-1 ... prefix-count, each linked to `hub`.
std::vector<Node*> star(World& world, Node& hub, const std::string& prefix, int count, const LinkSpec& spec = {});

// A chain from `first`: prefix-1 linked to first, prefix-2 to prefix-1, ...
std::vector<Node*> chain(World& world, Node& first, const std::string& prefix, int count, const LinkSpec& spec = {});

// A tree of gateways under `root`: `gateways` nodes gw-1 ... linked to root by `uplink`,
// each with `perGateway` leaves prefix-1 ... (numbered across the whole tree) linked by
// `access`. Returns the leaves.
std::vector<Node*> tree(World& world, Node& root, int gateways, int perGateway, const std::string& prefix,
                        const LinkSpec& uplink = {}, const LinkSpec& access = {});

} // namespace sim
