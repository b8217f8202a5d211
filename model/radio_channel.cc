#include "model/radio_channel.h"

#include "model/type_id.h"

#include <ns3/node.h>
#include <ns3/simulator.h>

#include <algorithm>
#include <stdexcept>

namespace model {

NS_OBJECT_ENSURE_REGISTERED(RadioChannel);

namespace {

bool overlap(std::uint64_t aStart, std::uint64_t aEnd, std::uint64_t bStart, std::uint64_t bEnd) {
  return aStart < bEnd && bStart < aEnd;
}

std::uint64_t nowNs() { return static_cast<std::uint64_t>(ns3::Simulator::Now().GetTimeStep()); }

} // namespace

ns3::TypeId RadioChannel::GetTypeId() { return typeIdOf<RadioChannel, NicChannel>("model::RadioChannel", "Netbed"); }

RadioChannel::RadioChannel() = default;

void RadioChannel::add(ns3::Ptr<NicDevice> device) {
  if (!std::holds_alternative<RadioNic>(device->spec()))
    throw std::invalid_argument("model::RadioChannel: radio NICs only");
  NicChannel::add(device);
  for (auto& row : hears_)
    row.push_back(1);
  hears_.emplace_back(devices_.size(), 1);
}

void RadioChannel::setHears(std::size_t from, std::size_t to, bool h) { hears_.at(from).at(to) = h ? 1 : 0; }

bool RadioChannel::hears(std::size_t from, std::size_t to) const { return hears_.at(from).at(to) != 0; }

std::size_t RadioChannel::indexOf(NicDevice* d) const {
  for (std::size_t i = 0; i < devices_.size(); ++i)
    if (ns3::PeekPointer(devices_[i]) == d)
      return i;
  throw std::logic_error("model::RadioChannel: not a member");
}

void RadioChannel::prune(std::uint64_t now) {
  // A frame can matter to a frame or sensing window ending now only if it ended at most
  // longest_ before now at some hearer.
  air_.erase(std::remove_if(air_.begin(), air_.end(), [&](const Air& a) { return a.end + a.delay + longest_ < now; }),
             air_.end());
}

std::uint64_t RadioChannel::reserve(NicDevice* from, std::uint64_t earliestNs, std::uint64_t durationNs) {
  std::uint64_t now = nowNs();
  if (air_.size() >= 64)
    prune(now);
  longest_ = std::max(longest_, durationNs);
  air_.push_back(
      {indexOf(from), earliestNs, earliestNs + durationNs, static_cast<std::uint64_t>(delay_.GetTimeStep())});
  return earliestNs; // no arbiter: the frame goes when its sender says
}

bool RadioChannel::busy(NicDevice* who, std::uint64_t fromNs, std::uint64_t toNs) {
  std::size_t i = indexOf(who);
  longest_ = std::max(longest_, toNs - fromNs);
  for (const Air& a : air_)
    if (a.from != i && hears_[a.from][i] && overlap(a.start + a.delay, a.end + a.delay, fromNs, toNs))
      return true;
  return false;
}

void RadioChannel::transmit(NicDevice* from, const Frame& f, std::uint64_t endNs) {
  std::size_t i = indexOf(from);
  auto it = std::find_if(air_.rbegin(), air_.rend(), [&](const Air& a) { return a.from == i && a.end == endNs; });
  if (it == air_.rend())
    throw std::logic_error("model::RadioChannel: a frame sent without reserving the medium");
  Air a = *it;
  std::uint64_t now = nowNs();
  ns3::Time in = ns3::TimeStep(static_cast<int64_t>(a.end + a.delay - now));
  bool last = f.index + 1 == f.count; // only a packet's last fragment carries it to the host
  for (std::size_t to = 0; to < devices_.size(); ++to) {
    if (to == i || !hears_[i][to])
      continue;
    Frame copy = f;
    if (last && f.packet)
      copy.packet = f.packet->Copy();
    ns3::Simulator::ScheduleWithContext(devices_[to]->GetNode()->GetId(), in, &RadioChannel::arrive, this, to, a, copy);
  }
}

void RadioChannel::arrive(std::size_t to, Air a, Frame f) {
  std::uint64_t from = a.start + a.delay, until = a.end + a.delay;
  bool lost = false;
  for (const Air& b : air_) {
    if (b.from == a.from && b.start == a.start)
      continue; // this frame
    if (b.from == to)
      lost = overlap(b.start, b.end, from, until); // this member was sending
    else if (hears_[b.from][to])
      lost = overlap(b.start + b.delay, b.end + b.delay, from, until);
    if (lost)
      break;
  }
  if (lost)
    devices_[to]->collidedOnMedium(f);
  else
    devices_[to]->receiveFromMedium(f);
}

void RadioChannel::DoDispose() {
  air_.clear();
  NicChannel::DoDispose();
}

} // namespace model
