// Names and validation of NIC specs (model/nic.h).
#include <stdexcept>
#include <string>

#include "model/nic.h"

namespace model {

namespace {

[[noreturn]] void bad(const char* kind, const char* key, const char* expected) {
  throw std::invalid_argument(std::string("nic spec (") + kind + "): " + key + ": " + expected + " expected");
}

void check(const GenericNic& p) {
  const char* k = "generic";
  if (p.lineRate == 0)
    bad(k, "lineRate", "a rate > 0 bit/s");
  if (p.txFifoFrames == 0 || p.txFifoBytes == 0)
    bad(k, "txFifoFrames/txFifoBytes", "capacities > 0");
  if (p.rxRingFrames == 0 || p.rxRingBytes == 0)
    bad(k, "rxRingFrames/rxRingBytes", "capacities > 0");
}

void check(const SpiEthernetNic& p) {
  const char* k = "spi-ethernet";
  if (p.wireRate == 0)
    bad(k, "wireRate", "a rate > 0 bit/s");
  if (p.spiClockHz == 0)
    bad(k, "spiClockHz", "a clock > 0 Hz");
  if (p.bufferBytes < 64 + p.rxStatusBytes || p.bufferBytes < 64 + p.txStatusBytes)
    bad(k, "bufferBytes", "room for at least one minimum frame and its status bytes");
  if (p.hostQueueFrames == 0)
    bad(k, "hostQueueFrames", "a queue of at least one frame");
}

void check(const RadioNic& p) {
  const char* k = "radio";
  if (p.airRate == 0)
    bad(k, "airRate", "a rate > 0 bit/s");
  std::uint32_t header = p.macOverheadBytes + std::max(p.firstFragHeaderBytes, p.nextFragHeaderBytes);
  if (p.maxFrameBytes < header + 8)
    bad(k, "maxFrameBytes", "room for the MAC overhead, a fragment header and 8 bytes of payload");
  if (p.txQueuePackets == 0 || p.rxQueuePackets == 0)
    bad(k, "txQueuePackets/rxQueuePackets", "queues of at least one packet");
  if (p.mtu < 68 || p.mtu > 65535)
    bad(k, "mtu", "68 to 65535 bytes");
  if (p.csmaCa > 1)
    bad(k, "csmaCa", "0 or 1");
  if (p.macAck > 1)
    bad(k, "macAck", "0 or 1");
  if (p.macMaxBE < 3 || p.macMaxBE > 8)
    bad(k, "macMaxBE", "3 to 8");
  if (p.macMinBE > p.macMaxBE)
    bad(k, "macMinBE", "0 to macMaxBE");
  if (p.macMaxCsmaBackoffs > 5)
    bad(k, "macMaxCsmaBackoffs", "0 to 5");
  if (p.macMaxFrameRetries > 7)
    bad(k, "macMaxFrameRetries", "0 to 7");
  if (p.unitBackoffNs == 0)
    bad(k, "unitBackoffNs", "a period > 0 ns");
  if (p.ccaNs == 0)
    bad(k, "ccaNs", "a detection time > 0 ns");
  if (p.ackBytes == 0 || p.ackBytes > p.maxFrameBytes)
    bad(k, "ackBytes", "1 to maxFrameBytes");
  if (p.macAck && p.ackWaitNs <= p.turnaroundNs)
    bad(k, "ackWaitNs", "a wait longer than turnaroundNs");
}

} // namespace

const char* kindName(const NicSpec& spec) {
  switch (spec.index()) {
  case 0: return "generic";
  case 1: return "spi-ethernet";
  default: return "radio";
  }
}

void validate(const NicSpec& spec) {
  std::visit([](const auto& p) { check(p); }, spec);
}

} // namespace model
