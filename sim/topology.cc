// sim/topology.h's C++ API: the shapes' new nodes made, then their links as sim::shape lays them out.
#include "sim/topology.h"

#include <limits>
#include <stdexcept>

namespace sim {

namespace {

void checkCount(int count, const char* what) {
  if (count < 0)
    throw std::invalid_argument(std::string("sim::") + what + ": count must be >= 0, got " + std::to_string(count));
}

// prefix-1 ... prefix-count, made in that order.
std::vector<Node*> numberedNodes(World& world, const std::string& prefix, int count) {
  std::vector<Node*> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 1; i <= count; ++i)
    out.push_back(&world.node(shape::numbered(prefix, i)));
  return out;
}

} // namespace

std::vector<Node*> star(World& world, Node& hub, const std::string& prefix, int count, const LinkSpec& spec) {
  checkCount(count, "star");
  std::vector<Node*> leaves = numberedNodes(world, prefix, count);
  shape::star(&hub, leaves, [&](Node* a, Node* b) { world.link(*a, *b, spec); });
  return leaves;
}

std::vector<Node*> chain(World& world, Node& first, const std::string& prefix, int count, const LinkSpec& spec) {
  checkCount(count, "chain");
  std::vector<Node*> nodes = numberedNodes(world, prefix, count);
  nodes.insert(nodes.begin(), &first);
  shape::chain(nodes, [&](Node* a, Node* b) { world.link(*a, *b, spec); });
  nodes.erase(nodes.begin());
  return nodes;
}

std::vector<Node*> tree(World& world, Node& root, const std::string& gatewayPrefix, int gateways,
                        const std::string& prefix, int leaves, const LinkSpec& uplink, const LinkSpec& access) {
  checkCount(gateways, "tree");
  checkCount(leaves, "tree");
  if (gateways == 0 && leaves > 0)
    throw std::invalid_argument("sim::tree: " + std::to_string(leaves) + " leaves and no gateway");
  std::vector<Node*> gws = numberedNodes(world, gatewayPrefix, gateways);
  std::vector<Node*> out = numberedNodes(world, prefix, leaves);
  shape::tree(&root, gws, out, [&](Node* a, Node* b, bool up) { world.link(*a, *b, up ? uplink : access); });
  return out;
}

std::vector<Node*> tree(World& world, Node& root, int gateways, int perGateway, const std::string& prefix,
                        const LinkSpec& uplink, const LinkSpec& access) {
  checkCount(gateways, "tree");
  checkCount(perGateway, "tree");
  if (perGateway > 0 && gateways > std::numeric_limits<int>::max() / perGateway)
    throw std::invalid_argument("sim::tree: " + std::to_string(gateways) + " x " + std::to_string(perGateway) +
                                " leaves: too many");
  return tree(world, root, "gw", gateways, prefix, gateways * perGateway, uplink, access);
}

} // namespace sim
