// The SPI Ethernet controller (model::SpiEthernetNic in model/nic.h documents its timing).
// Internal to model/.
#pragma once

#include "model/nic_model.h"

namespace model {

class SpiEthernetNicModel final : public NicModel {
public:
  SC_HAS_PROCESS(SpiEthernetNicModel);
  SpiEthernetNicModel(const sc_core::sc_module_name& name, const SpiEthernetNic& params);

  void receive(const Frame& f) override;
  void setRate(std::uint64_t bitsPerSecond) override { p_.wireRate = bitsPerSecond; }

private:
  TxQueueLimits txLimits() const override { return {p_.hostQueueFrames, anyBytes, cause::txQueueFull}; }
  bool tooBig(std::uint32_t bytes) const override { return std::uint64_t{bytes} + p_.txStatusBytes > p_.bufferBytes; }
  void startTx() override; // the transmit queue is the driver's: frames wait there for the bus
  struct Received {
    Frame frame;
    std::uint64_t readableAt = 0; // arrival + interrupt latency
  };
  void busMethod();  // the SPI bus: one frame read or write at a time
  void wireMethod(); // the MAC's transmitter
  std::uint64_t spiNs(std::uint64_t bytes) const { return p_.spiFrameOverheadNs + bitTimeNs(bytes * 8, p_.spiClockHz); }
  void noteBuffer();

  SpiEthernetNic p_;
  Stage bus_;                 // a frame read or written
  Stage wire_;                // a frame on the wire
  Fifo<Received> rxFrames_;   // in the buffer, not yet read (the head may be being read)
  std::uint64_t rxBytes_ = 0; // buffer bytes they hold
  Fifo<Frame> txFrames_;      // written, waiting for the wire
  std::uint64_t bufferUsed_ = 0;
  bool busReading_ = false;
  Frame writing_;
  std::uint32_t onWireBytes_ = 0;
};

} // namespace model
