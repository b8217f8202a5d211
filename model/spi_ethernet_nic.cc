#include "model/spi_ethernet_nic.h"

#include <algorithm>

namespace model {

SpiEthernetNicModel::SpiEthernetNicModel(const sc_core::sc_module_name& name, const SpiEthernetNic& params)
    : NicModel(name), p_(params) {
  SC_METHOD(busMethod);
  sensitive << busEvent_;
  dont_initialize();
  SC_METHOD(wireMethod);
  sensitive << wireEvent_;
  dont_initialize();
}

void SpiEthernetNicModel::noteBuffer() { peak(c_.peakBufferBytes, bufferUsed_); }

void SpiEthernetNicModel::startTx() {
  if (!busBusy_)
    busEvent_.notify(sc_core::SC_ZERO_TIME);
}

void SpiEthernetNicModel::receive(const Frame& f) {
  std::uint64_t need = std::uint64_t{p_.rxStatusBytes} + f.bytes;
  if (need > p_.bufferBytes) {
    drop(cause::tooBig, f.bytes);
    return;
  }
  if (bufferUsed_ + need > p_.bufferBytes) {
    drop(cause::bufferFull, f.bytes);
    return;
  }
  ++c_.rxFrames;
  c_.rxBytes += f.bytes;
  bufferUsed_ += need;
  rxBytes_ += need;
  rxFrames_.push({f, nowNs() + p_.irqLatencyNs});
  peak(c_.peakRxFrames, rxFrames_.size());
  peak(c_.peakRxBytes, rxBytes_);
  noteBuffer();
  if (!busBusy_)
    busEvent_.notify(sc_core::SC_ZERO_TIME);
}

void SpiEthernetNicModel::busMethod() {
  std::uint64_t now = nowNs();
  if (busBusy_) {
    if (now < busEnd_) {
      wakeAt(busEvent_, busEnd_);
      return;
    }
    busBusy_ = false;
    if (busReading_) {
      Received r = rxFrames_.pop();
      std::uint64_t held = std::uint64_t{p_.rxStatusBytes} + r.frame.bytes;
      bufferUsed_ -= held;
      rxBytes_ -= held;
      delivered(r.frame);
    } else {
      txFrames_.push(std::move(writing_));
      writing_ = Frame();
      if (!wireBusy_)
        wireEvent_.notify(sc_core::SC_ZERO_TIME);
    }
  }
  // The driver serves the interrupt (a received frame) before its own transmit queue.
  if (!rxFrames_.empty() && rxFrames_.front().readableAt <= now) {
    busBusy_ = true;
    busReading_ = true;
    busEnd_ = now + spiNs(1 + std::uint64_t{p_.rxStatusBytes} + rxFrames_.front().frame.bytes);
  } else if (!txQueue().empty() && bufferUsed_ + p_.txStatusBytes + txQueue().front().bytes <= p_.bufferBytes) {
    writing_ = takeTx();
    bufferUsed_ += std::uint64_t{p_.txStatusBytes} + writing_.bytes;
    noteBuffer();
    busBusy_ = true;
    busReading_ = false;
    busEnd_ = now + spiNs(2 + std::uint64_t{writing_.bytes});
  }
  if (busBusy_)
    wakeAt(busEvent_, busEnd_);
  else if (!rxFrames_.empty())
    wakeAt(busEvent_, rxFrames_.front().readableAt);
}

void SpiEthernetNicModel::wireMethod() {
  std::uint64_t now = nowNs();
  if (wireBusy_) {
    if (now < wireEnd_) {
      wakeAt(wireEvent_, wireEnd_);
      return;
    }
    wireBusy_ = false;
    bufferUsed_ -= std::uint64_t{p_.txStatusBytes} + onWireBytes_;
    if (!busBusy_ && !txQueue().empty())
      busEvent_.notify(sc_core::SC_ZERO_TIME); // room for a frame waiting to be written
  }
  if (txFrames_.empty())
    return;
  Frame f = txFrames_.pop();
  std::uint64_t bytes = std::max(f.bytes, p_.minFrameBytes) + std::uint64_t{p_.wireOverheadBytes};
  std::uint64_t wire = bitTimeNs(bytes * 8, p_.wireRate);
  wireBusy_ = true;
  wireEnd_ = transmit(f, now, wire);
  onWireBytes_ = f.bytes;
  wakeAt(wireEvent_, wireEnd_);
}

} // namespace model
