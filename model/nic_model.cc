#include "model/nic_model.h"

#include <cstring>

#include "model/bridge.h"

namespace model {

std::uint64_t bitTimeNs(std::uint64_t bits, std::uint64_t rate) { return (bits * 1'000'000'000ull + rate / 2) / rate; }

std::uint64_t byteTimeNs(std::uint64_t bytes, std::uint64_t psPerByte) { return (bytes * psPerByte + 999) / 1000; }

NicStats NicModel::stats() const {
  NicStats s;
  s.txPackets = c_.txPackets;
  s.rxPackets = c_.rxPackets;
  s.txFrames = c_.txFrames;
  s.rxFrames = c_.rxFrames;
  s.txBytes = c_.txBytes;
  s.rxBytes = c_.rxBytes;
  for (const auto& d : drops_)
    s.drops[d.first] += d.second;
  s.peakTxFrames = c_.peakTxFrames;
  s.peakTxBytes = c_.peakTxBytes;
  s.peakRxFrames = c_.peakRxFrames;
  s.peakRxBytes = c_.peakRxBytes;
  s.peakBufferBytes = c_.peakBufferBytes;
  s.ccaBusy = c_.ccaBusy;
  s.collisions = c_.collisions;
  s.retries = c_.retries;
  s.ackTimeouts = c_.ackTimeouts;
  s.acksSent = c_.acksSent;
  s.acksReceived = c_.acksReceived;
  s.duplicates = c_.duplicates;
  return s;
}

void NicModel::countDrop(const char* cause) {
  auto it = drops_.begin();
  while (it != drops_.end() && std::strcmp(it->first, cause) != 0)
    ++it;
  if (it == drops_.end())
    drops_.emplace_back(cause, 1);
  else
    ++it->second;
}

void NicModel::drop(const char* cause, std::uint32_t bytes) {
  countDrop(cause);
  if (port_)
    Bridge::get().postDropped(port_, cause, bytes);
}

bool NicModel::send(const Frame& f) {
  if (tooBig(f.bytes)) {
    drop(cause::tooBig, f.bytes);
    return false;
  }
  if (txFull(f.bytes)) {
    drop(txLimits().fullCause, f.bytes);
    return false;
  }
  ++c_.txPackets;
  txQueue_.push(f);
  txQueueBytes_ += f.bytes;
  peak(c_.peakTxFrames, txQueue_.size());
  peak(c_.peakTxBytes, txQueueBytes_);
  startTx();
  return true;
}

Frame NicModel::takeTx() {
  Frame f = txQueue_.pop();
  txQueueBytes_ -= f.bytes;
  if (port_)
    Bridge::get().postTxRoom(port_);
  return f;
}

std::uint64_t NicModel::transmit(const Frame& f, std::uint64_t earliestNs, std::uint64_t durationNs) {
  ++c_.txFrames;
  c_.txBytes += f.bytes;
  return putOnMedium(f, earliestNs, durationNs);
}

std::uint64_t NicModel::putOnMedium(const Frame& f, std::uint64_t earliestNs, std::uint64_t durationNs) {
  if (!port_)
    return earliestNs + durationNs;
  std::uint64_t endNs = port_->reserveMedium(earliestNs, durationNs) + durationNs;
  Frame out = f;
  out.src = id_;
  Bridge::get().postTransmitted(port_, out, endNs);
  return endNs;
}

void NicModel::delivered(const Frame& f) {
  ++c_.rxPackets;
  if (port_)
    Bridge::get().postDelivered(port_, f);
}

} // namespace model
