// The base of the SystemC NIC models: the host and medium inputs a device calls (through the
// bridge), statistics, and the outputs the models post to the bridge. It holds the steps every
// model shares: the host's transmit queue and send() (drop causes, flow control, counters),
// taking a frame from that queue, putting a frame on the medium; a model adds its engines and
// the hooks of send(). Internal to model/.
//
// Models use SC_METHOD processes only (no thread stacks), each woken by one sc_event and
// written to recompute its next wake-up from its state, so that a delta notification from an
// input may override a pending timed one.
#pragma once

#include <systemc>

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/frame.h"
#include "model/nic.h"

namespace model {

// round(bits * 1e9 / rate) ns, as ns-3's DataRate::CalculateBytesTxTime.
std::uint64_t bitTimeNs(std::uint64_t bits, std::uint64_t rate);
// ceil(bytes * psPerByte / 1000) ns.
std::uint64_t byteTimeNs(std::uint64_t bytes, std::uint64_t psPerByte);

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

// A part of a model that does one job at a time (a DMA engine, a bus, a wire, the copy to the
// host): busy until endNs, its SC_METHOD woken by `wake`.
struct Stage {
  enum class Poll : std::uint8_t { Running, Ended, Idle };

  // Wakes the process now (a delta notification) to take new work, unless a job is under way.
  void kick() {
    if (!busy)
      wake.notify(sc_core::SC_ZERO_TIME);
  }
  // In the process at `now`: Running while the job under way has not ended (the process is
  // woken again at its end), Ended once it has (the stage is free again), Idle when there was
  // none.
  Poll poll(std::uint64_t now) {
    if (!busy)
      return Poll::Idle;
    if (now < endNs) {
      wake.notify(sc_core::sc_time::from_value(endNs - now));
      return Poll::Running;
    }
    busy = false;
    return Poll::Ended;
  }
  // Starts a job at `now` that ends at `end`; the process is woken then.
  void runUntil(std::uint64_t now, std::uint64_t end) {
    busy = true;
    endNs = end;
    wake.notify(sc_core::sc_time::from_value(end - now));
  }

  sc_core::sc_event wake;
  bool busy = false;
  std::uint64_t endNs = 0;
};

class NicModel : public sc_core::sc_module {
public:
  explicit NicModel(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {}

  void setPort(NicPort* port) { port_ = port; }
  // A number unique among the models of the process's current SystemC context.
  void setId(std::uint32_t id) { id_ = id; }
  std::uint32_t id() const { return id_; }
  // The host hands over a frame: queued for the transmit side, or dropped (false; counted and
  // reported through the port) as too_big when the model can never take it (tooBig), as the
  // queue's fullCause when the queue cannot take it now (txFull).
  bool send(const Frame& f);
  // A frame's last bit arrives from the medium.
  virtual void receive(const Frame& f) = 0;
  // Whether the transmit queue cannot take a frame of `bytes` now (flow control).
  bool txFull(std::uint32_t bytes) const {
    TxQueueLimits limits = txLimits();
    return txQueue_.size() >= limits.frames || txQueueBytes_ + bytes > limits.bytes;
  }
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
  // The host's transmit queue, where send() puts frames until the model's transmit side takes
  // them (generic: the TX FIFO; spi-ethernet: the driver's queue; radio: the TX queue): at most
  // `frames` frames of `bytes` bytes in all; a frame that does not fit is dropped as `fullCause`.
  struct TxQueueLimits {
    std::uint32_t frames;
    std::uint64_t bytes;
    const char* fullCause;
  };
  static constexpr std::uint64_t anyBytes = std::numeric_limits<std::uint64_t>::max(); // no byte limit

  std::uint64_t nowNs() const { return sc_core::sc_time_stamp().value(); }
  static sc_core::sc_time ns(std::uint64_t v) { return sc_core::sc_time::from_value(v); }
  // Notifies `e` at absolute time atNs (>= now).
  void wakeAt(sc_core::sc_event& e, std::uint64_t atNs) { e.notify(ns(atNs - nowNs())); }
  // Counts a drop and reports it to the device.
  void drop(const char* cause, std::uint32_t bytes);
  // The frames send() queued, oldest first.
  const Fifo<Frame>& txQueue() const { return txQueue_; }
  // Takes the transmit queue's head (not empty) for the transmit side and tells the host that
  // the queue has room (as ns-3's devices: before the frame goes out).
  Frame takeTx();
  // Puts a frame on the medium for durationNs from earliestNs, or from later when a shared
  // medium is taken then; counted as transmitted. Returns the time of its last bit.
  std::uint64_t transmit(const Frame& f, std::uint64_t earliestNs, std::uint64_t durationNs);
  // The same without counting it (radio ACKs).
  std::uint64_t putOnMedium(const Frame& f, std::uint64_t earliestNs, std::uint64_t durationNs);
  void delivered(const Frame& f);
  // A frame taken from the medium into the model's receive side (counted as received).
  void countReceived(const Frame& f) {
    ++c_.rxFrames;
    c_.rxBytes += f.bytes;
  }
  // The receive side now holds `frames` frames of `bytes` in all (for the peaks).
  void noteRxHeld(std::uint64_t frames, std::uint64_t bytes) {
    peak(c_.peakRxFrames, frames);
    peak(c_.peakRxBytes, bytes);
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
  // The model's parts of send(): its transmit queue's limits, whether it can never take a
  // frame of `bytes` (too_big), and the start of its transmit side, if idle, for the frame
  // just queued.
  virtual TxQueueLimits txLimits() const = 0;
  virtual bool tooBig(std::uint32_t bytes) const = 0;
  virtual void startTx() = 0;

  NicPort* port_ = nullptr;
  Fifo<Frame> txQueue_;
  std::uint64_t txQueueBytes_ = 0;
  // Drops by cause, in the order of first occurrence (a few per NIC at most).
  std::vector<std::pair<const char*, std::uint64_t>> drops_;
};

// The model a spec describes, owned by the bridge (its SystemC context). Throws
// std::logic_error once the kernel has started, std::invalid_argument on a bad spec.
NicModel* makeModel(const NicSpec& spec);

} // namespace model
