// The SystemC model of a spec.
#include "model/bridge.h"
#include "model/generic_nic.h"
#include "model/nic_model.h"
#include "model/radio_nic.h"
#include "model/spi_ethernet_nic.h"

namespace model {

NicModel* makeModel(const NicSpec& spec) {
  validate(spec);
  Bridge& bridge = Bridge::get();
  std::string name = bridge.nextModuleName();
  NicModel* m = nullptr;
  if (auto* g = std::get_if<GenericNic>(&spec))
    m = new GenericNicModel(name.c_str(), *g);
  else if (auto* s = std::get_if<SpiEthernetNic>(&spec))
    m = new SpiEthernetNicModel(name.c_str(), *s);
  else
    m = new RadioNicModel(name.c_str(), std::get<RadioNic>(spec));
  m->setId(bridge.adopt(m));
  return m;
}

} // namespace model
