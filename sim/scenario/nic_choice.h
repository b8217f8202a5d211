// Every node's NIC goes through applyNic: the one place where SystemC NIC models will be
// attached to the simulated world.
#pragma once

#include "sim/scenario/scenario.h"
#include "sim/world.h"

namespace sim::scenario {

// Gives `node` the NIC the scenario chose. Called once per node right after the node is made,
// before any link or segment (World::setNic applies to the links made afterwards), and before
// the simulation starts. "ns3" keeps ns-3's own devices. `nic.params` are the model's
// parameters as the file wrote them (model/nic.h field names: spiClockHz: 8000000). Throws
// ScenarioError for a model or parameter the models do not accept; nothing has run then.
void applyNic(sim::World& world, sim::Node& node, const NicChoice& nic);
// The same checks without a world (netbed validate, and run before anything is built).
void checkNic(const NicChoice& nic);

} // namespace sim::scenario
