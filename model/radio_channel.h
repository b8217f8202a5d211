// The radio medium (a radio segment) of 802.15.4 NICs (model::RadioNic, model/nic.h).
// - Every member hears every frame of the members it can hear, `delay` after it is sent (a
//   frame sent during [start, end) is on the air at the hearer during [start, end) + delay).
//   Who hears whom: all hear all unless setHears / setReach say otherwise (per ordered pair of
//   members, by their index in the order they were added); a hidden terminal: A and C both
//   reach B, not each other. No propagation model beyond that: no distances, no fading, no
//   capture (a weaker frame never survives a stronger one).
// - Collisions: a frame is lost at a receiver when any other frame the receiver hears overlaps
//   it there, or when the receiver itself transmits during it (half duplex); every one of the
//   overlapping frames is lost at that receiver. Each hearer counts it (NicStats::collisions),
//   whatever the frame's destination.
// - CCA: a member's channel is busy during [from, to) when a frame it hears is on the air at
//   it during any part of that time. Frames are registered on the medium when their sender
//   decides to send (after its CCA, turnaroundNs before their first bit), so the answer never
//   depends on the order of same-time events.
// - A frame that is not lost goes to the receiver's device (MAC filter, error model, model).
// - Two members only (model::connect of two radios): the same medium with point-to-point
//   framing (PPP header, no ARP).
#pragma once

#include <vector>

#include "model/nic_channel.h"

namespace model {

class RadioChannel : public NicChannel {
public:
  static ns3::TypeId GetTypeId();
  RadioChannel();
  // Adds a member (radios only) and attaches it.
  void add(ns3::Ptr<NicDevice> device);
  // Whether member `to` hears member `from` (indices in the order added; std::out_of_range).
  void setHears(std::size_t from, std::size_t to, bool hears);
  bool hears(std::size_t from, std::size_t to) const;
  // Both directions at once.
  void setReach(std::size_t a, std::size_t b, bool reach) {
    setHears(a, b, reach);
    setHears(b, a, reach);
  }

  void transmit(NicDevice* from, const Frame& f, std::uint64_t endNs) override;
  std::uint64_t reserve(NicDevice* from, std::uint64_t earliestNs, std::uint64_t durationNs) override;
  bool busy(NicDevice* who, std::uint64_t fromNs, std::uint64_t toNs) override;
  std::uint64_t delayNs() const override { return static_cast<std::uint64_t>(delay_.GetTimeStep()); }

protected:
  void DoDispose() override;

private:
  struct Air { // a frame on the medium
    std::size_t from;
    std::uint64_t start, end, delay; // at its sender; at a hearer + delay
  };
  std::size_t indexOf(NicDevice* d) const;
  void arrive(std::size_t to, Air a, Frame f);
  void prune(std::uint64_t now);

  std::vector<Air> air_;
  std::vector<std::vector<char>> hears_; // [from][to]
  std::uint64_t longest_ = 0;            // longest frame or sensing window seen
};

} // namespace model
