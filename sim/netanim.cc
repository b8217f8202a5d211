// World::netanim: an ns-3 NetAnim file of the run. A library of its own (netbed_netanim),
// as ns-3's NetAnim module brings 19 others with it.
#include <ns3/animation-interface.h>
#include <ns3/node.h>

#include <cmath>
#include <stdexcept>

#include "sim/links.h"
#include "sim/world.h"

namespace sim {

void World::netanim(const std::string& path) {
  if (path.empty() || animation_)
    throw std::invalid_argument("sim::World::netanim: one non-empty path, once");
  // Each node's neighbours, in link order: a node with one is drawn beside it.
  std::vector<std::vector<const Node*>> neighbours(nodes_.size());
  auto index = [this](const Node* n) { return static_cast<std::size_t>(n->id_ - nodes_.front()->id_); };
  for (const auto& l : links_->all) {
    neighbours[index(l.a)].push_back(l.b);
    neighbours[index(l.b)].push_back(l.a);
  }
  for (const auto& seg : links_->segments)
    for (const Node* m : seg.members)
      for (const Node* other : seg.members)
        if (other != m && neighbours[index(m)].size() < 2)
          neighbours[index(m)].push_back(other);
  std::vector<std::size_t> hubs;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (neighbours[i].size() != 1)
      hubs.push_back(i);
  const double pi = 3.14159265358979323846;
  const double ring = 40.0 + 8.0 * static_cast<double>(hubs.size());
  std::vector<double> x(nodes_.size()), y(nodes_.size());
  for (std::size_t k = 0; k < hubs.size(); ++k) {
    double angle = 2 * pi * static_cast<double>(k) / static_cast<double>(hubs.size());
    x[hubs[k]] = hubs.size() == 1 ? 0 : ring * std::cos(angle);
    y[hubs[k]] = hubs.size() == 1 ? 0 : ring * std::sin(angle);
  }
  std::vector<int> leaves(nodes_.size(), 0), placed(nodes_.size(), 0);
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (neighbours[i].size() == 1)
      ++leaves[index(neighbours[i][0])];
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (neighbours[i].size() != 1)
      continue;
    std::size_t hub = index(neighbours[i][0]);
    double angle = 2 * pi * placed[hub]++ / leaves[hub];
    double radius = 10.0 + 0.2 * leaves[hub];
    x[i] = x[hub] + radius * std::cos(angle);
    y[i] = y[hub] + radius * std::sin(angle);
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    ns3::AnimationInterface::SetConstantPosition(nodes_[i]->node_, x[i], y[i]);
  auto animation = std::make_shared<ns3::AnimationInterface>(path);
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    animation->UpdateNodeDescription(nodes_[i]->node_, nodes_[i]->name_);
  animation_ = animation;
}

} // namespace sim
