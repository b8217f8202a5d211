#include "model/spi_ethernet_nic.h"

#include <algorithm>

namespace model {

SpiEthernetNicModel::SpiEthernetNicModel(const sc_core::sc_module_name& name, const SpiEthernetNic& params)
    : NicModel(name), p_(params) {
  SC_METHOD(busMethod);
  sensitive << bus_.wake;
  dont_initialize();
  SC_METHOD(wireMethod);
  sensitive << wire_.wake;
  dont_initialize();
}

void SpiEthernetNicModel::noteBuffer() { peak(c_.peakBufferBytes, bufferUsed_); }

void SpiEthernetNicModel::startTx() { bus_.kick(); }

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
  countReceived(f);
  bufferUsed_ += need;
  rxBytes_ += need;
  rxFrames_.push({f, nowNs() + p_.irqLatencyNs});
  noteRxHeld(rxFrames_.size(), rxBytes_);
  noteBuffer();
  bus_.kick();
}

void SpiEthernetNicModel::busMethod() {
  std::uint64_t now = nowNs();
  Stage::Poll bus = bus_.poll(now);
  if (bus == Stage::Poll::Running)
    return;
  if (bus == Stage::Poll::Ended) {
    if (busReading_) {
      Received r = rxFrames_.pop();
      std::uint64_t held = std::uint64_t{p_.rxStatusBytes} + r.frame.bytes;
      bufferUsed_ -= held;
      rxBytes_ -= held;
      delivered(r.frame);
    } else {
      txFrames_.push(std::move(writing_));
      writing_ = Frame();
      wire_.kick();
    }
  }
  // The driver serves the interrupt (a received frame) before its own transmit queue.
  if (!rxFrames_.empty() && rxFrames_.front().readableAt <= now) {
    busReading_ = true;
    bus_.runUntil(now, now + spiNs(1 + std::uint64_t{p_.rxStatusBytes} + rxFrames_.front().frame.bytes));
  } else if (!txQueue().empty() && bufferUsed_ + p_.txStatusBytes + txQueue().front().bytes <= p_.bufferBytes) {
    writing_ = takeTx();
    bufferUsed_ += std::uint64_t{p_.txStatusBytes} + writing_.bytes;
    noteBuffer();
    busReading_ = false;
    bus_.runUntil(now, now + spiNs(2 + std::uint64_t{writing_.bytes}));
  } else if (!rxFrames_.empty()) {
    wakeAt(bus_.wake, rxFrames_.front().readableAt);
  }
}

void SpiEthernetNicModel::wireMethod() {
  std::uint64_t now = nowNs();
  Stage::Poll wire = wire_.poll(now);
  if (wire == Stage::Poll::Running)
    return;
  if (wire == Stage::Poll::Ended) {
    bufferUsed_ -= std::uint64_t{p_.txStatusBytes} + onWireBytes_;
    if (!txQueue().empty())
      bus_.kick(); // room for a frame waiting to be written
  }
  if (txFrames_.empty())
    return;
  Frame f = txFrames_.pop();
  std::uint64_t bytes = std::max(f.bytes, p_.minFrameBytes) + std::uint64_t{p_.wireOverheadBytes};
  onWireBytes_ = f.bytes;
  wire_.runUntil(now, transmit(f, now, bitTimeNs(bytes * 8, p_.wireRate)));
}

} // namespace model
