// The generic DMA NIC (model::GenericNic in model/nic.h documents its timing). Internal to model/.
#pragma once

#include "model/nic_model.h"

namespace model {

class GenericNicModel final : public NicModel {
public:
  SC_HAS_PROCESS(GenericNicModel);
  GenericNicModel(const sc_core::sc_module_name& name, const GenericNic& params);

  void receive(const Frame& f) override;
  void setRate(std::uint64_t bitsPerSecond) override { p_.lineRate = bitsPerSecond; }

private:
  TxQueueLimits txLimits() const override { return {p_.txFifoFrames, p_.txFifoBytes, cause::txFifoFull}; }
  bool tooBig(std::uint32_t bytes) const override { return bytes > p_.txFifoBytes; }
  void startTx() override;
  struct ToHost {
    Frame frame;
    std::uint64_t atNs = 0;
  };
  void txMethod();
  void rxMethod();
  std::uint64_t dmaNs(std::uint32_t bytes) const { return p_.dmaSetupNs + byteTimeNs(bytes, p_.dmaPsPerByte); }

  GenericNic p_;
  Stage tx_; // until the last bit of the frame being sent
  Stage rx_; // while the ring's head is being copied to the host
  Fifo<Frame> rxRing_;
  std::uint64_t rxRingBytes_ = 0;
  Fifo<ToHost> toHost_; // copied, waiting for the interrupt
};

} // namespace model
