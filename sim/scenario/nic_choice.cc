#include "sim/scenario/nic_choice.h"

#include <stdexcept>

#include "model/nic.h"
#include "sim/scenario/scenario_error.h"

namespace sim::scenario {

namespace {

// A SystemC model (model/nic.h): "generic", "spi-ethernet" or "radio", parameters by field name.
model::NicSpec spec(const NicChoice& choice) {
  try {
    return model::makeSpec(choice.model, choice.params);
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(choice.where, choice.key, std::string("expected a NIC the models accept, found: ") + e.what());
  }
}

} // namespace

void checkNic(const NicChoice& choice) {
  if (choice.model != "ns3")
    spec(choice);
}

void applyNic(sim::World& world, sim::Node& node, const NicChoice& choice) {
  if (choice.model != "ns3")
    world.setNic(node, spec(choice));
}

} // namespace sim::scenario
