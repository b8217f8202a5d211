#include "model/radio_nic.h"

#include <algorithm>

namespace nic {

Fragmentation fragmentation(std::uint32_t bytes, const RadioNic& p) {
  Fragmentation f;
  if (bytes + p.macOverheadBytes <= p.maxFrameBytes)
    return f;
  // Fragment offsets count 8-byte units (RFC 4944): every payload but the last is a multiple of 8.
  f.firstPayload = (p.maxFrameBytes - p.macOverheadBytes - p.firstFragHeaderBytes) / 8 * 8;
  f.nextPayload = (p.maxFrameBytes - p.macOverheadBytes - p.nextFragHeaderBytes) / 8 * 8;
  f.count = 1 + (bytes - f.firstPayload + f.nextPayload - 1) / f.nextPayload;
  return f;
}

std::uint32_t Fragmentation::psdu(std::uint32_t index, std::uint32_t bytes, const RadioNic& p) const {
  if (count == 1)
    return p.macOverheadBytes + bytes;
  if (index == 0)
    return p.macOverheadBytes + p.firstFragHeaderBytes + firstPayload;
  std::uint32_t sent = firstPayload + (index - 1) * nextPayload;
  return p.macOverheadBytes + p.nextFragHeaderBytes + std::min(nextPayload, bytes - sent);
}

RadioNicModel::RadioNicModel(const sc_core::sc_module_name& name, const RadioNic& params) : NicModel(name), p_(params) {
  SC_METHOD(txMethod);
  sensitive << txEvent_;
  dont_initialize();
  SC_METHOD(hostMethod);
  sensitive << hostEvent_;
  dont_initialize();
}

bool RadioNicModel::txFull(std::uint32_t) const { return txQueue_.size() >= p_.txQueuePackets; }

bool RadioNicModel::send(const Frame& f) {
  if (fragmentation(f.bytes, p_).count > 0xffff) {
    drop(cause::tooBig, f.bytes);
    return false;
  }
  if (txFull(f.bytes)) {
    drop(cause::txQueueFull, f.bytes);
    return false;
  }
  ++c_.txPackets;
  txQueue_.push(f);
  txQueueBytes_ += f.bytes;
  peak(c_.peakTxFrames, txQueue_.size());
  peak(c_.peakTxBytes, txQueueBytes_);
  if (!txBusy_)
    txEvent_.notify(sc_core::SC_ZERO_TIME);
  return true;
}

void RadioNicModel::txMethod() {
  std::uint64_t now = nowNs();
  if (txBusy_) {
    if (now < txEnd_) {
      wakeAt(txEvent_, txEnd_);
      return;
    }
    txBusy_ = false;
  }
  if (nextFragment_ == cut_.count || !sending_.packet) {
    if (txQueue_.empty())
      return;
    sending_ = txQueue_.pop();
    txQueueBytes_ -= sending_.bytes;
    cut_ = fragmentation(sending_.bytes, p_);
    nextFragment_ = 0;
    txRoom();
  }
  Frame air = sending_;
  air.index = static_cast<std::uint16_t>(nextFragment_);
  air.count = static_cast<std::uint16_t>(cut_.count);
  air.bytes = cut_.psdu(nextFragment_, sending_.bytes, p_);
  std::uint64_t onAir = bitTimeNs((std::uint64_t{p_.phyOverheadBytes} + air.bytes) * 8, p_.airRate);
  std::uint64_t start = reserveMedium(now + p_.turnaroundNs, onAir);
  txBusy_ = true;
  txEnd_ = start + onAir;
  transmitted(air, txEnd_);
  if (++nextFragment_ == cut_.count)
    sending_ = Frame();
  wakeAt(txEvent_, txEnd_);
}

void RadioNicModel::receive(const Frame& f) {
  ++c_.rxFrames;
  c_.rxBytes += f.bytes;
  auto it = std::find_if(partial_.begin(), partial_.end(), [&](const Partial& p) { return p.src == f.src; });
  if (it != partial_.end() && it->seq != f.seq) {
    // The sender has moved on: what is left of its previous packet will never come.
    if (!it->failed)
      drop(cause::reassemblyFailed, it->bytes);
    partial_.erase(it);
    it = partial_.end();
  }
  if (it == partial_.end()) {
    partial_.push_back({f.src, f.seq, 0, false, f.packet->GetSize()});
    it = partial_.end() - 1;
  }
  bool last = f.index + 1 == f.count;
  if (!it->failed && f.index != it->next) {
    it->failed = true; // a fragment before this one was lost
    drop(cause::reassemblyFailed, it->bytes);
  }
  if (it->failed) {
    if (last)
      partial_.erase(it);
    return;
  }
  ++it->next;
  if (last) {
    partial_.erase(it);
    complete(f);
  }
}

void RadioNicModel::complete(const Frame& f) {
  Frame whole = f;
  whole.bytes = f.packet->GetSize();
  whole.index = 0;
  whole.count = 1;
  if (p_.hostRxNs == 0) {
    delivered(whole);
    return;
  }
  if (rxQueue_.size() >= p_.rxQueuePackets) {
    drop(cause::rxQueueFull, whole.bytes);
    return;
  }
  rxQueue_.push(whole);
  rxQueueBytes_ += whole.bytes;
  peak(c_.peakRxFrames, rxQueue_.size());
  peak(c_.peakRxBytes, rxQueueBytes_);
  if (!hostBusy_)
    hostEvent_.notify(sc_core::SC_ZERO_TIME);
}

void RadioNicModel::hostMethod() {
  std::uint64_t now = nowNs();
  if (hostBusy_) {
    if (now < hostEnd_) {
      wakeAt(hostEvent_, hostEnd_);
      return;
    }
    hostBusy_ = false;
    Frame f = rxQueue_.pop();
    rxQueueBytes_ -= f.bytes;
    delivered(f);
  }
  if (rxQueue_.empty())
    return;
  hostBusy_ = true;
  hostEnd_ = now + p_.hostRxNs;
  wakeAt(hostEvent_, hostEnd_);
}

} // namespace nic
