// The base of the SystemC NIC models: the host and medium inputs a device calls (through the
// bridge), statistics, and the outputs the models post to the bridge. Internal to model/.
//
// Models use SC_METHOD processes only (no thread stacks), each woken by one sc_event and
// written to recompute its next wake-up from its state, so that a delta notification from an
// input may override a pending timed one.
#pragma once

#include <systemc>

#include <array>
#include <cstdint>
#include <vector>

#include "model/frame.h"
#include "model/nic.h"

namespace nic {

// round(bits * 1e9 / rate) ns, as ns-3's DataRate::CalculateBytesTxTime.
std::uint64_t bitTimeNs(std::uint64_t bits, std::uint64_t rate);
// ceil(bytes * psPerByte / 1000) ns.
std::uint64_t byteTimeNs(std::uint64_t bytes, std::uint64_t psPerByte);

class NicModel : public sc_core::sc_module {
public:
  explicit NicModel(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {}

  void setPort(NicPort* port) { port_ = port; }
  // A number unique among the models of the process's current SystemC context.
  void setId(std::uint32_t id) { id_ = id; }
  std::uint32_t id() const { return id_; }
  // The host hands over a frame. False: dropped (counted, and reported through the port).
  virtual bool send(const Frame& f) = 0;
  // A frame's last bit arrives from the medium.
  virtual void receive(const Frame& f) = 0;
  // Whether the transmit side cannot take a frame of `bytes` now (flow control).
  virtual bool txFull(std::uint32_t bytes) const = 0;
  // Sets the medium's bit rate (a link's bandwidth overrides the spec's rate).
  virtual void setRate(std::uint64_t bitsPerSecond) = 0;
  // Largest packet the host may hand over, link header excluded (0: the device's default).
  virtual std::uint32_t mtu() const { return 0; }

  NicStats stats() const;
  // Counts a drop the device saw (link loss); the device reports it itself.
  void countDrop(const char* cause);
  // Counts a frame the medium says was lost here to an overlapping frame.
  void countCollision() { ++c_.collisions; }

protected:
  std::uint64_t nowNs() const { return sc_core::sc_time_stamp().value(); }
  static sc_core::sc_time ns(std::uint64_t v) { return sc_core::sc_time::from_value(v); }
  // Notifies `e` at absolute time atNs (>= now).
  void wakeAt(sc_core::sc_event& e, std::uint64_t atNs) { e.notify(ns(atNs - nowNs())); }
  // Counts a drop and reports it to the device.
  void drop(const char* cause, std::uint32_t bytes);
  void transmitted(const Frame& f, std::uint64_t endNs);
  // Puts a frame on the medium without counting it (radio ACKs).
  void onMedium(const Frame& f, std::uint64_t endNs);
  void delivered(const Frame& f);
  void txRoom();
  std::uint64_t reserveMedium(std::uint64_t earliestNs, std::uint64_t durationNs) {
    return port_ ? port_->reserveMedium(earliestNs, durationNs) : earliestNs;
  }
  std::uint64_t propagationNs() { return port_ ? port_->propagationNs() : 0; }
  bool channelBusy(std::uint64_t fromNs, std::uint64_t toNs) {
    return port_ ? port_->channelBusy(fromNs, toNs) : false;
  }
  static void peak(std::uint32_t& p, std::uint64_t v) {
    if (v > p)
      p = static_cast<std::uint32_t>(v);
  }

  struct Counters {
    std::uint64_t txPackets = 0, rxPackets = 0, txFrames = 0, rxFrames = 0, txBytes = 0, rxBytes = 0;
    std::uint32_t peakTxFrames = 0, peakTxBytes = 0, peakRxFrames = 0, peakRxBytes = 0, peakBufferBytes = 0;
    std::uint64_t ccaBusy = 0, collisions = 0, retries = 0, ackTimeouts = 0, acksSent = 0, acksReceived = 0,
                  duplicates = 0;
  } c_;
  std::uint32_t id_ = 0;

private:
  NicPort* port_ = nullptr;
  // Drops by cause, in the order of first occurrence (a few per NIC at most).
  std::vector<std::pair<const char*, std::uint64_t>> drops_;
};

// A FIFO that allocates nothing until used (std::deque allocates on construction).
template <class T> class Fifo {
public:
  bool empty() const { return n_ == 0; }
  std::size_t size() const { return n_; }
  T& front() { return buf_[head_]; }
  const T& front() const { return buf_[head_]; }
  void push(T v) {
    if (n_ == buf_.size())
      grow();
    buf_[(head_ + n_) % buf_.size()] = std::move(v);
    ++n_;
  }
  T pop() {
    T v = std::move(buf_[head_]);
    buf_[head_] = T();
    head_ = (head_ + 1) % buf_.size();
    --n_;
    return v;
  }

private:
  void grow() {
    std::vector<T> b(buf_.empty() ? 4 : buf_.size() * 2);
    for (std::size_t i = 0; i < n_; ++i)
      b[i] = std::move(buf_[(head_ + i) % buf_.size()]);
    buf_.swap(b);
    head_ = 0;
  }
  std::vector<T> buf_;
  std::size_t head_ = 0, n_ = 0;
};

// The model a spec describes, owned by the bridge (its SystemC context). Throws
// std::logic_error once the kernel has started, std::invalid_argument on a bad spec.
NicModel* makeModel(const NicSpec& spec);

} // namespace nic
