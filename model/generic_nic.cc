#include "model/generic_nic.h"

#include <algorithm>
#include <limits>

namespace model {

GenericNicModel::GenericNicModel(const sc_core::sc_module_name& name, const GenericNic& params)
    : NicModel(name), p_(params) {
  SC_METHOD(txMethod);
  sensitive << txEvent_;
  dont_initialize();
  SC_METHOD(rxMethod);
  sensitive << rxEvent_;
  dont_initialize();
}

void GenericNicModel::startTx() {
  if (!txBusy_)
    txEvent_.notify(sc_core::SC_ZERO_TIME);
}

void GenericNicModel::txMethod() {
  std::uint64_t now = nowNs();
  if (txBusy_) {
    if (now < txEnd_) {
      wakeAt(txEvent_, txEnd_);
      return;
    }
    txBusy_ = false;
  }
  if (txQueue().empty())
    return;
  Frame f = takeTx();
  std::uint64_t wire = bitTimeNs((std::uint64_t{f.bytes} + p_.wireOverheadBytes) * 8, p_.lineRate);
  txBusy_ = true;
  txEnd_ = transmit(f, now + dmaNs(f.bytes), wire);
  wakeAt(txEvent_, txEnd_);
}

void GenericNicModel::receive(const Frame& f) {
  if (f.bytes > p_.rxRingBytes) {
    drop(cause::tooBig, f.bytes);
    return;
  }
  if (rxRing_.size() >= p_.rxRingFrames || rxRingBytes_ + f.bytes > p_.rxRingBytes) {
    drop(cause::rxRingFull, f.bytes);
    return;
  }
  ++c_.rxFrames;
  c_.rxBytes += f.bytes;
  rxRing_.push(f);
  rxRingBytes_ += f.bytes;
  peak(c_.peakRxFrames, rxRing_.size());
  peak(c_.peakRxBytes, rxRingBytes_);
  if (!rxBusy_)
    rxEvent_.notify(sc_core::SC_ZERO_TIME);
}

void GenericNicModel::rxMethod() {
  std::uint64_t now = nowNs();
  for (;;) {
    if (rxBusy_) {
      if (now < rxDmaEnd_)
        break;
      rxBusy_ = false;
      Frame f = rxRing_.pop();
      rxRingBytes_ -= f.bytes;
      toHost_.push({std::move(f), now + p_.irqLatencyNs});
    }
    if (rxRing_.empty())
      break;
    rxBusy_ = true;
    rxDmaEnd_ = now + dmaNs(rxRing_.front().bytes);
  }
  while (!toHost_.empty() && toHost_.front().atNs <= now)
    delivered(toHost_.pop().frame);
  std::uint64_t next = std::numeric_limits<std::uint64_t>::max();
  if (rxBusy_)
    next = rxDmaEnd_;
  if (!toHost_.empty())
    next = std::min(next, toHost_.front().atNs);
  if (next != std::numeric_limits<std::uint64_t>::max())
    wakeAt(rxEvent_, next);
}

} // namespace model
