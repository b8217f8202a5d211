// What crosses between a NIC model, its ns-3 device and the medium. Internal to model/.
#pragma once

#include <ns3/packet.h>
#include <ns3/ptr.h>

#include <cstdint>

namespace model {

// A frame as the models see it. For a radio fragment, `packet` is the whole link frame the host
// handed over and (index, count) say which part of it this is.
struct Frame {
  ns3::Ptr<ns3::Packet> packet; // link-layer frame, device header included
  std::uint32_t bytes = 0;      // bytes on the medium (radio: this frame's PSDU)
  std::uint32_t seq = 0;        // sender's packet number (radio reassembly)
  std::uint32_t src = 0;        // sending model's number (radio reassembly)
  std::uint16_t index = 0;      // fragment number
  std::uint16_t count = 1;      // fragments of the packet
  // radio MAC
  bool ack = false;        // an ACK frame (no packet): acknowledges (seq, index) of model `dst`
  bool ackRequest = false; // data: the sender waits for an ACK (unicast, macAck)
  std::uint32_t dst = 0;   // ACK: the acknowledged sender's model number
};

// The ns-3 side of one NIC, as its model calls it. Calls other than reserveMedium arrive
// through the bridge, after the SystemC processes of the current instant have run.
class NicPort {
public:
  // The frame's last bit leaves the NIC at endNs (now or later).
  virtual void transmitted(const Frame& f, std::uint64_t endNs) = 0;
  // The host receives a frame (radio: a reassembled packet, index 0 of 1).
  virtual void delivered(const Frame& f) = 0;
  // The transmit side has freed room: the host may hand over more.
  virtual void txRoom() = 0;
  virtual void dropped(const char* cause, std::uint32_t bytes) = 0;
  // Called by a model at the time it wants to start sending `durationNs` on the medium at
  // earliestNs or later; returns the start it got (a shared medium serves one frame at a time).
  virtual std::uint64_t reserveMedium(std::uint64_t earliestNs, std::uint64_t durationNs) = 0;
  // Radio: whether a frame this NIC can hear is on the air during [fromNs, toNs) (CCA), as
  // known at the current time. Called by the model, synchronously.
  virtual bool channelBusy(std::uint64_t fromNs, std::uint64_t toNs) = 0;
  // The medium's propagation delay now (radio: the ACK wait is extended by its round trip).
  virtual std::uint64_t propagationNs() = 0;

protected:
  ~NicPort() = default;
};

} // namespace model
