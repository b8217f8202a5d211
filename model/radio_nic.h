// The 802.15.4-style radio with link-layer fragmentation (model::RadioNic in model/nic.h
// documents its timing). Internal to model/.
#pragma once

#include <vector>

#include "model/nic_model.h"

namespace model {

// How a packet of `bytes` (link header included) is cut into air frames.
struct Fragmentation {
  std::uint32_t count = 1;                         // frames
  std::uint32_t firstPayload = 0, nextPayload = 0; // payload bytes per fragment (all but the last)
  std::uint32_t psdu(std::uint32_t index, std::uint32_t bytes, const RadioNic& p) const;
};
Fragmentation fragmentation(std::uint32_t bytes, const RadioNic& p);

class RadioNicModel final : public NicModel {
public:
  SC_HAS_PROCESS(RadioNicModel);
  RadioNicModel(const sc_core::sc_module_name& name, const RadioNic& params);

  void receive(const Frame& f) override;
  void setRate(std::uint64_t bitsPerSecond) override { p_.airRate = bitsPerSecond; }
  std::uint32_t mtu() const override { return p_.mtu; }

private:
  TxQueueLimits txLimits() const override { return {p_.txQueuePackets, anyBytes, cause::txQueueFull}; }
  bool tooBig(std::uint32_t bytes) const override { return fragmentation(bytes, p_).count > 0xffff; }
  void startTx() override;
  struct Partial { // a packet being reassembled, per sender
    std::uint32_t src = 0, seq = 0;
    std::uint32_t next = 0; // fragment expected next
    bool failed = false;
    std::uint32_t bytes = 0;
  };
  struct LastRx { // the last data frame received from a sender (duplicate detection)
    std::uint32_t src = 0, seq = 0, index = 0;
  };
  // The transmit side: one frame at a time through CSMA-CA, the air, the ACK wait and the IFS.
  enum class Tx : std::uint8_t { Idle, Backoff, Cca, Sending, AckWait, Ifs };
  void txMethod();
  void hostMethod();
  void receiveAck(const Frame& f);
  void receiveData(const Frame& f);
  void complete(const Frame& f);
  bool takeFrame();                    // the next frame (of the current packet or the queue's head) into air_
  void startAccess(std::uint64_t now); // air_ to the air: through CSMA-CA, else after the turnaround
  void startCsma();                    // NB = 0, BE = macMinBE, first backoff
  void backoff();                      // a random backoff, then CCA
  void startFrame(std::uint64_t start);
  void frameDone(); // success: the IFS, then the next frame
  void giveUp(const char* cause);
  std::uint64_t airNs(std::uint32_t psdu) const;
  std::uint64_t draw(std::uint32_t n); // uniform in [0, n)

  RadioNic p_;
  sc_core::sc_event txEvent_;
  Frame sending_; // the packet whose fragments are on the air
  Fragmentation cut_;
  std::uint32_t nextFragment_ = 0;
  Tx state_ = Tx::Idle;
  std::uint64_t until_ = 0; // end of the current state's wait
  Frame air_;               // the frame being sent
  std::uint32_t nb_ = 0, be_ = 0, retries_ = 0;
  bool acked_ = false;
  std::uint64_t ownStart_ = 0, ownEnd_ = 0; // the last data frame on the air
  std::uint64_t ackBusyUntil_ = 0;          // end of the last ACK this radio sends
  std::uint64_t rng_ = 0;
  bool seeded_ = false;
  std::vector<Partial> partial_;
  std::vector<LastRx> lastRx_;
  Fifo<Frame> rxQueue_; // reassembled, for the host
  std::uint64_t rxQueueBytes_ = 0;
  Stage host_; // the host takes the queue's head
};

} // namespace model
