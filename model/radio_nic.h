// The 802.15.4-style radio with link-layer fragmentation (nic::RadioNic in model/nic.h
// documents its timing). Internal to model/.
#pragma once

#include <vector>

#include "model/nic_model.h"

namespace nic {

// How a packet of `bytes` (link header included) is cut into air frames.
struct Fragmentation {
  std::uint32_t count = 1;                         // frames
  std::uint32_t firstPayload = 0, nextPayload = 0; // payload bytes per fragment (all but the last)
  std::uint32_t psdu(std::uint32_t index, std::uint32_t bytes, const RadioNic& p) const;
};
Fragmentation fragmentation(std::uint32_t bytes, const RadioNic& p);

class RadioNicModel final : public NicModel {
public:
  SC_HAS_PROCESS(RadioNicModel);
  RadioNicModel(const sc_core::sc_module_name& name, const RadioNic& params);

  bool send(const Frame& f) override;
  void receive(const Frame& f) override;
  bool txFull(std::uint32_t bytes) const override;
  void setRate(std::uint64_t bitsPerSecond) override { p_.airRate = bitsPerSecond; }
  std::uint32_t mtu() const override { return p_.mtu; }

private:
  struct Partial { // a packet being reassembled, per sender
    std::uint32_t src = 0, seq = 0;
    std::uint32_t next = 0; // fragment expected next
    bool failed = false;
    std::uint32_t bytes = 0;
  };
  void txMethod();
  void hostMethod();
  void complete(const Frame& f);

  RadioNic p_;
  sc_core::sc_event txEvent_, hostEvent_;
  Fifo<Frame> txQueue_;
  std::uint64_t txQueueBytes_ = 0;
  Frame sending_; // the packet whose fragments are on the air
  Fragmentation cut_;
  std::uint32_t nextFragment_ = 0;
  bool txBusy_ = false;
  std::uint64_t txEnd_ = 0;
  std::vector<Partial> partial_;
  Fifo<Frame> rxQueue_; // reassembled, for the host
  std::uint64_t rxQueueBytes_ = 0;
  bool hostBusy_ = false;
  std::uint64_t hostEnd_ = 0;
};

} // namespace nic
