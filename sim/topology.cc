#include "sim/topology.h"

#include <stdexcept>

namespace sim {

namespace {

void checkCount(int count, const char* what) {
  if (count < 0)
    throw std::invalid_argument(std::string("sim::") + what + ": count must be >= 0, got " + std::to_string(count));
}

} // namespace

std::vector<Node*> star(World& world, Node& hub, const std::string& prefix, int count, const LinkSpec& spec) {
  checkCount(count, "star");
  std::vector<Node*> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 1; i <= count; ++i) {
    Node& n = world.node(prefix + "-" + std::to_string(i));
    world.link(hub, n, spec);
    out.push_back(&n);
  }
  return out;
}

std::vector<Node*> chain(World& world, Node& first, const std::string& prefix, int count, const LinkSpec& spec) {
  checkCount(count, "chain");
  std::vector<Node*> out;
  Node* prev = &first;
  for (int i = 1; i <= count; ++i) {
    Node& n = world.node(prefix + "-" + std::to_string(i));
    world.link(*prev, n, spec);
    out.push_back(&n);
    prev = &n;
  }
  return out;
}

std::vector<Node*> tree(World& world, Node& root, int gateways, int perGateway, const std::string& prefix,
                        const LinkSpec& uplink, const LinkSpec& access) {
  checkCount(gateways, "tree");
  checkCount(perGateway, "tree");
  std::vector<Node*> leaves;
  int next = 1;
  for (int g = 1; g <= gateways; ++g) {
    Node& gw = world.node("gw-" + std::to_string(g));
    world.link(root, gw, uplink);
    for (int i = 0; i < perGateway; ++i) {
      Node& n = world.node(prefix + "-" + std::to_string(next++));
      world.link(gw, n, access);
      leaves.push_back(&n);
    }
  }
  return leaves;
}

} // namespace sim
