#include "model/radio_nic.h"

#include <ns3/rng-seed-manager.h>

#include <algorithm>

namespace model {

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
  sensitive << host_.wake;
  dont_initialize();
}

void RadioNicModel::startTx() {
  if (state_ == Tx::Idle)
    txEvent_.notify(sc_core::SC_ZERO_TIME);
}

std::uint64_t RadioNicModel::airNs(std::uint32_t psdu) const {
  return bitTimeNs((std::uint64_t{p_.phyOverheadBytes} + psdu) * 8, p_.airRate);
}

std::uint64_t RadioNicModel::draw(std::uint32_t n) {
  if (!seeded_) {
    // One generator per radio, from the run's seed and run number and the radio's number in
    // this simulation (the order NICs are made): the same draws every run.
    rng_ = (std::uint64_t{ns3::RngSeedManager::GetSeed()} << 32) ^ ns3::RngSeedManager::GetRun() ^
           (std::uint64_t{id_} * 0x9e3779b97f4a7c15ull);
    seeded_ = true;
  }
  // splitmix64
  std::uint64_t z = (rng_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return (z >> 11) % n; // n is a power of two: unbiased
}

bool RadioNicModel::takeFrame() {
  if (nextFragment_ == cut_.count || !sending_.packet) {
    if (txQueue().empty())
      return false;
    sending_ = takeTx();
    cut_ = fragmentation(sending_.bytes, p_);
    nextFragment_ = 0;
  }
  air_ = sending_;
  air_.index = static_cast<std::uint16_t>(nextFragment_);
  air_.count = static_cast<std::uint16_t>(cut_.count);
  air_.bytes = cut_.psdu(nextFragment_, sending_.bytes, p_);
  air_.ack = false;
  air_.ackRequest = sending_.ackRequest && p_.macAck != 0; // the host's flag: unicast
  retries_ = 0;
  return true;
}

void RadioNicModel::startAccess(std::uint64_t now) {
  if (p_.csmaCa)
    startCsma();
  else
    startFrame(now + p_.turnaroundNs);
}

void RadioNicModel::startCsma() {
  nb_ = 0;
  be_ = p_.macMinBE;
  backoff();
}

void RadioNicModel::backoff() {
  std::uint32_t slots = 1u << be_;
  std::uint64_t periods = p_.fixedBackoff ? std::min<std::uint64_t>(p_.fixedBackoff - 1, slots - 1) : draw(slots);
  state_ = Tx::Backoff;
  until_ = nowNs() + periods * p_.unitBackoffNs;
}

void RadioNicModel::startFrame(std::uint64_t start) {
  std::uint64_t onAir = airNs(air_.bytes);
  ownEnd_ = transmit(air_, start, onAir);
  ownStart_ = ownEnd_ - onAir;
  state_ = Tx::Sending;
  until_ = ownEnd_;
}

void RadioNicModel::frameDone() {
  std::uint32_t mpdu = air_.bytes;
  if (++nextFragment_ == cut_.count)
    sending_ = Frame();
  state_ = Tx::Ifs;
  until_ = nowNs() + (mpdu <= p_.maxSifsFrameBytes ? p_.sifsNs : p_.lifsNs);
}

void RadioNicModel::giveUp(const char* why) {
  drop(why, sending_.bytes); // the packet: what is left of it is not sent
  sending_ = Frame();
  nextFragment_ = cut_.count;
  state_ = Tx::Idle;
}

void RadioNicModel::txMethod() {
  for (;;) {
    std::uint64_t now = nowNs();
    switch (state_) {
    case Tx::Idle:
      if (!takeFrame())
        return;
      startAccess(now);
      continue;
    case Tx::Backoff:
      if (now < until_)
        break;
      state_ = Tx::Cca;
      until_ = now + p_.ccaNs;
      continue;
    case Tx::Cca: {
      if (now < until_)
        break;
      std::uint64_t from = now - p_.ccaNs;
      // Busy: a frame this radio hears, or its own ACK (the transceiver is taken).
      if (!channelBusy(from, now) && ackBusyUntil_ <= from) {
        startFrame(now + p_.turnaroundNs);
        continue;
      }
      ++c_.ccaBusy;
      if (++nb_ > p_.macMaxCsmaBackoffs) {
        giveUp(cause::channelAccessFailure);
        continue;
      }
      be_ = std::min(be_ + 1, p_.macMaxBE);
      backoff();
      continue;
    }
    case Tx::Sending:
      if (now < until_)
        break;
      if (air_.ackRequest) {
        state_ = Tx::AckWait;
        acked_ = false;
        until_ = now + p_.ackWaitNs + 2 * propagationNs(); // the standard's wait at zero delay
        continue;
      }
      frameDone();
      continue;
    case Tx::AckWait:
      if (acked_) {
        frameDone();
        continue;
      }
      if (now < until_)
        break;
      ++c_.ackTimeouts;
      if (retries_ >= p_.macMaxFrameRetries) {
        giveUp(cause::noAck);
        continue;
      }
      ++retries_;
      ++c_.retries;
      startAccess(now);
      continue;
    case Tx::Ifs:
      if (now < until_)
        break;
      state_ = Tx::Idle;
      continue;
    }
    wakeAt(txEvent_, until_);
    return;
  }
}

void RadioNicModel::receive(const Frame& f) {
  if (f.ack)
    receiveAck(f);
  else
    receiveData(f);
}

void RadioNicModel::receiveAck(const Frame& f) {
  ++c_.acksReceived;
  if (state_ == Tx::AckWait && !acked_ && f.seq == air_.seq && f.index == air_.index && nowNs() < until_) {
    acked_ = true;
    txEvent_.notify(sc_core::SC_ZERO_TIME);
  }
}

void RadioNicModel::receiveData(const Frame& f) {
  countReceived(f);
  auto prev = std::find_if(lastRx_.begin(), lastRx_.end(), [&](const LastRx& l) { return l.src == f.src; });
  bool duplicate = prev != lastRx_.end() && prev->seq == f.seq && prev->index == f.index;
  if (prev == lastRx_.end())
    lastRx_.push_back({f.src, f.seq, f.index});
  else
    *prev = {f.src, f.seq, f.index};
  if (f.ackRequest) {
    // The ACK, turnaroundNs after the frame's last bit, without CSMA-CA; not while this radio's
    // own frame is on the air (the transceiver is taken).
    std::uint64_t start = nowNs() + p_.turnaroundNs, onAir = airNs(p_.ackBytes);
    if (!(ownEnd_ > start && ownStart_ < start + onAir)) {
      Frame ack;
      ack.ack = true;
      ack.dst = f.src;
      ack.seq = f.seq;
      ack.index = f.index;
      ack.count = f.count;
      ack.bytes = p_.ackBytes;
      ++c_.acksSent;
      ackBusyUntil_ = putOnMedium(ack, start, onAir);
    }
  }
  if (duplicate) {
    ++c_.duplicates;
    return;
  }
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
  noteRxHeld(rxQueue_.size(), rxQueueBytes_);
  host_.kick();
}

void RadioNicModel::hostMethod() {
  std::uint64_t now = nowNs();
  Stage::Poll host = host_.poll(now);
  if (host == Stage::Poll::Running)
    return;
  if (host == Stage::Poll::Ended) {
    Frame f = rxQueue_.pop();
    rxQueueBytes_ -= f.bytes;
    delivered(f);
  }
  if (!rxQueue_.empty())
    host_.runUntil(now, now + p_.hostRxNs);
}

} // namespace model
