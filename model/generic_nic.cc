#include "model/generic_nic.h"

#include <algorithm>
#include <limits>

namespace model {

GenericNicModel::GenericNicModel(const sc_core::sc_module_name& name, const GenericNic& params)
    : NicModel(name), p_(params) {
  SC_METHOD(txMethod);
  sensitive << tx_.wake;
  dont_initialize();
  SC_METHOD(rxMethod);
  sensitive << rx_.wake;
  dont_initialize();
}

void GenericNicModel::startTx() { tx_.kick(); }

void GenericNicModel::txMethod() {
  std::uint64_t now = nowNs();
  if (tx_.poll(now) == Stage::Poll::Running || txQueue().empty())
    return;
  Frame f = takeTx();
  std::uint64_t wire = bitTimeNs((std::uint64_t{f.bytes} + p_.wireOverheadBytes) * 8, p_.lineRate);
  tx_.runUntil(now, transmit(f, now + dmaNs(f.bytes), wire));
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
  countReceived(f);
  rxRing_.push(f);
  rxRingBytes_ += f.bytes;
  noteRxHeld(rxRing_.size(), rxRingBytes_);
  rx_.kick();
}

void GenericNicModel::rxMethod() {
  std::uint64_t now = nowNs();
  for (;;) {
    if (rx_.busy) {
      if (now < rx_.endNs)
        break;
      rx_.busy = false;
      Frame f = rxRing_.pop();
      rxRingBytes_ -= f.bytes;
      toHost_.push({std::move(f), now + p_.irqLatencyNs});
    }
    if (rxRing_.empty())
      break;
    rx_.busy = true;
    rx_.endNs = now + dmaNs(rxRing_.front().bytes);
  }
  while (!toHost_.empty() && toHost_.front().atNs <= now)
    delivered(toHost_.pop().frame);
  std::uint64_t next = std::numeric_limits<std::uint64_t>::max();
  if (rx_.busy)
    next = rx_.endNs;
  if (!toHost_.empty())
    next = std::min(next, toHost_.front().atNs);
  if (next != std::numeric_limits<std::uint64_t>::max())
    wakeAt(rx_.wake, next);
}

} // namespace model
