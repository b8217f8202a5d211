// Parameters and statistics of the SystemC NIC models: the contract between a scenario and
// model/. Free of ns-3 and SystemC so that scenario code can hold and validate specs.
//
// Time is integer nanoseconds everywhere; rates are bit/s. A duration for `bits` at `rate`
// is round(bits * 1e9 / rate) ns, as ns-3's DataRate computes it.
//
//   model::GenericNic g;            // a DMA NIC with a TX FIFO and an RX ring
//   g.irqLatencyNs = 0;
//   model::NicSpec spec = g;        // or model::SpiEthernetNic{}, model::RadioNic{}
//   model::validate(spec);          // std::invalid_argument naming the offending parameter
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace model {

// A NIC on a host bus with DMA: frames wait in a TX FIFO until the transmit engine takes them
// (one at a time: DMA from host memory, then serialisation at line rate); received frames
// wait in an RX ring until the receive DMA has copied them to the host, which sees them one
// interrupt latency later.
//   departure (last bit on the wire) = take + dmaSetupNs + bytes * dmaPsPerByte / 1000
//                                       + (bytes + wireOverheadBytes) * 8 / lineRate
//   host receive = start of RX DMA + dmaSetupNs + bytes * dmaPsPerByte / 1000 + irqLatencyNs
// A frame leaves the TX FIFO when the engine takes it, and the RX ring when its DMA ends.
// Each DMA duration is rounded up to a whole nanosecond. Transmit-completion interrupts are not
// modelled: FIFO room is known to the host at once. With every latency at zero the NIC
// times frames exactly as ns-3's PointToPointNetDevice with a queue of txFifoFrames packets.
struct GenericNic {
  std::uint64_t lineRate = 100'000'000; // bit/s
  std::uint32_t wireOverheadBytes = 0;  // serialised with each frame (preamble, FCS, gap)
  std::uint32_t txFifoFrames = 100;     // capacity of the TX FIFO in frames...
  std::uint32_t txFifoBytes = 150'000;  // ...and in bytes
  std::uint32_t rxRingFrames = 64;      // capacity of the RX ring in frames...
  std::uint32_t rxRingBytes = 96'000;   // ...and in bytes
  std::uint64_t dmaSetupNs = 500;       // per frame and direction
  std::uint64_t dmaPsPerByte = 1'000;   // picoseconds per byte (1000: 1 GB/s)
  std::uint64_t irqLatencyNs = 2'000;   // from the end of RX DMA to the host's handler
};

// An ENC28J60-class SPI Ethernet controller: a 10 Mbit/s MAC with one packet buffer shared
// by TX and RX, and an MCU that moves every frame over SPI. One SPI transfer at a time; a
// pending receive (readable one interrupt latency after its arrival) goes before a pending
// transmit. Transfer of a frame of `bytes`:
//   read  = spiFrameOverheadNs + (1 + rxStatusBytes + bytes) * 8 / spiClockHz
//   write = spiFrameOverheadNs + (2 + bytes) * 8 / spiClockHz     (opcode + control byte)
//   wire  = (max(bytes, minFrameBytes) + wireOverheadBytes) * 8 / wireRate
// A received frame holds rxStatusBytes + bytes of the buffer from its arrival (last bit) until
// its read ends, and is dropped ("buffer_full") when they are not free. A frame to send waits
// in the driver's queue (hostQueueFrames) until the bus is free and the buffer has
// txStatusBytes + bytes free; it holds them until its last bit is on the wire.
struct SpiEthernetNic {
  std::uint64_t wireRate = 10'000'000;      // bit/s
  std::uint32_t bufferBytes = 8'192;        // the controller's packet buffer, TX and RX
  std::uint32_t rxStatusBytes = 6;          // receive status vector stored before each frame
  std::uint32_t txStatusBytes = 8;          // control byte + transmit status vector per frame
  std::uint32_t minFrameBytes = 60;         // shorter frames are padded on the wire
  std::uint32_t wireOverheadBytes = 24;     // preamble and SFD 8, FCS 4, inter-frame gap 12
  std::uint64_t spiClockHz = 8'000'000;     // SCK; one bit per clock
  std::uint64_t spiFrameOverheadNs = 8'000; // driver's register accesses around each frame
  std::uint64_t irqLatencyNs = 5'000;       // INT asserted until the driver starts reading
  std::uint32_t hostQueueFrames = 4;        // frames the driver holds waiting for the bus
};

// An IEEE 802.15.4 radio (2.4 GHz O-QPSK PHY: 250 kbit/s, 16 us symbols) with the standard's
// unslotted CSMA-CA, acknowledgements and retransmissions (IEEE 802.15.4-2006 §7.5.1.4, §7.5.6.4).
// Packets from the host wait in a small queue; the head packet leaves it when its first frame is
// taken. A packet that does not fit one frame (bytes + macOverheadBytes > maxFrameBytes) is sent
// as fragments, 6LoWPAN-style: the first carries firstFragHeaderBytes, the others
// nextFragHeaderBytes, and every fragment but the last a payload of the largest multiple of 8
// that fits:
//   psdu (MPDU) = macOverheadBytes + [fragment header] + payload <= maxFrameBytes
//   frame       = (phyOverheadBytes + psdu) * 8 / airRate            (on the air)
// Each frame, with csmaCa (the default), goes through unslotted CSMA-CA:
//   NB = 0, BE = macMinBE
//   repeat: wait a random backoff of [0, 2^BE - 1] * unitBackoffNs (drawn from the run's seed,
//           or fixed by fixedBackoff), then sense the channel for ccaNs (CCA);
//           busy: NB += 1, BE = min(BE + 1, macMaxBE); NB > macMaxCsmaBackoffs: the packet is
//           dropped ("channel_access_failure"), the next one starts;
//           idle: turnaroundNs (RX to TX), then the frame.
// Without csmaCa a frame starts turnaroundNs after it is taken (the model before issue 15).
// A unicast frame requests an acknowledgement when macAck is set (broadcast and multicast never
// do): its receiver sends an ACK (ackBytes MPDU, no CSMA-CA) turnaroundNs after the frame's last
// bit arrived; the sender waits ackWaitNs + 2 * the medium's delay from its frame's last bit for
// the ACK's last bit (an ACK arriving later is too late). (The standard's wait has no delay term:
// 54 symbols leave room for 160 us of round trip; a link's delay in netbed may stand for more
// than a radio hop, so the wait grows by it.) No ACK: another CSMA-CA round (NB and BE start again) for a
// retransmission, up to macMaxFrameRetries of them; then the packet is dropped ("no_ack") and
// the next one starts. A received frame identical (sender, packet, fragment) to the one received
// from that sender before is a duplicate (its ACK was lost): acknowledged again, not delivered.
// After a frame is done (its ACK received, or its last bit sent when no ACK is due) the radio
// waits an IFS before the next frame's CSMA-CA: sifsNs when its MPDU is at most
// maxSifsFrameBytes, else lifsNs.
//   one frame, no contention, ACK:  backoff + ccaNs + turnaroundNs + frame + delay
//                                   + turnaroundNs + ack + delay, then the IFS
// The radio is half duplex: a frame arriving while it transmits is lost at it. On the radio
// medium (model/radio_channel.h) two frames overlapping in time at a receiver are both lost
// there ("collisions"); CCA senses the frames the sensing radio can hear.
// The receiver reassembles in order; a missing fragment loses the packet
// ("reassembly_failed", counted when the sender's next packet or an out-of-order fragment
// shows the gap). A complete packet is delivered at the arrival of its last frame, unless
// rxQueuePackets packets already wait for the host ("rx_queue_full"; the host takes one
// every hostRxNs).
struct RadioNic {
  std::uint64_t airRate = 250'000;        // bit/s
  std::uint32_t maxFrameBytes = 127;      // aMaxPHYPacketSize
  std::uint32_t macOverheadBytes = 11;    // MAC header (short addresses, PAN id compressed) + FCS
  std::uint32_t phyOverheadBytes = 6;     // preamble 4, SFD 1, PHY header 1
  std::uint32_t firstFragHeaderBytes = 4; // RFC 4944 FRAG1
  std::uint32_t nextFragHeaderBytes = 5;  // RFC 4944 FRAGN
  std::uint64_t turnaroundNs = 192'000;   // aTurnaroundTime (12 symbols): after CCA, before an ACK
  std::uint32_t txQueuePackets = 4;       // packets waiting for the air
  std::uint32_t rxQueuePackets = 4;       // reassembled packets waiting for the host
  std::uint64_t hostRxNs = 0;             // host time per received packet (0: immediate)
  std::uint32_t mtu = 1'280;              // largest packet the host may hand over (IPv6 minimum)
  // MAC (IEEE 802.15.4-2006, 2.4 GHz values)
  std::uint32_t csmaCa = 1;              // 1: unslotted CSMA-CA before each frame; 0: none
  std::uint32_t macMinBE = 3;            // backoff exponent at the start (0 ..  macMaxBE)
  std::uint32_t macMaxBE = 5;            // largest backoff exponent (3 .. 8)
  std::uint32_t macMaxCsmaBackoffs = 4;  // busy CCAs before channel access failure (0 .. 5)
  std::uint64_t unitBackoffNs = 320'000; // aUnitBackoffPeriod (20 symbols)
  std::uint64_t ccaNs = 128'000;         // CCA detection time (8 symbols)
  std::uint32_t fixedBackoff = 0;        // 0: random draws; n > 0: every backoff is n - 1 periods (tests)
  std::uint32_t macAck = 1;              // 1: unicast frames request an ACK; 0: none
  std::uint32_t ackBytes = 5;            // ACK MPDU: frame control 2, sequence number 1, FCS 2
  std::uint64_t ackWaitNs = 864'000;     // macAckWaitDuration (54 symbols)
  std::uint32_t macMaxFrameRetries = 3;  // retransmissions of an unacknowledged frame (0 .. 7)
  std::uint64_t sifsNs = 192'000;        // macMinSIFSPeriod (12 symbols)
  std::uint64_t lifsNs = 640'000;        // macMinLIFSPeriod (40 symbols)
  std::uint32_t maxSifsFrameBytes = 18;  // aMaxSIFSFrameSize: larger MPDUs are followed by a LIFS
};

using NicSpec = std::variant<GenericNic, SpiEthernetNic, RadioNic>;

// "generic", "spi-ethernet", "radio".
const char* kindName(const NicSpec& spec);
// Throws std::invalid_argument naming the parameter and what was expected.
void validate(const NicSpec& spec);
// A validated spec of kind "generic", "spi-ethernet" or "radio" from its defaults and `params`,
// whose keys are the field names above ("lineRate", "txFifoFrames", ...) and whose values are
// unsigned decimal integers in the field's unit. Throws std::invalid_argument naming the
// offending kind, key or value and what was expected.
NicSpec makeSpec(const std::string& kind, const std::map<std::string, std::string>& params);
// The parameter names of a kind, in declaration order (empty for an unknown kind).
std::vector<std::string> parameterNames(const std::string& kind);

// Drop causes (the keys of NicStats::drops and the hook's cause).
namespace cause {
inline constexpr const char* txFifoFull = "tx_fifo_full";                     // generic: TX FIFO full
inline constexpr const char* rxRingFull = "rx_ring_full";                     // generic: RX ring full
inline constexpr const char* txQueueFull = "tx_queue_full";                   // spi, radio: host's queue full
inline constexpr const char* bufferFull = "buffer_full";                      // spi: packet buffer full on receive
inline constexpr const char* rxQueueFull = "rx_queue_full";                   // radio: host not taking packets
inline constexpr const char* reassemblyFailed = "reassembly_failed";          // radio: a fragment was lost
inline constexpr const char* tooBig = "too_big";                              // frame larger than any buffer
inline constexpr const char* linkLoss = "link_loss";                          // receive error model (loss, link down)
inline constexpr const char* channelAccessFailure = "channel_access_failure"; // radio: CSMA-CA gave up
inline constexpr const char* noAck = "no_ack";                                // radio: no ACK after every retry
} // namespace cause

struct NicStats {
  std::uint64_t txPackets = 0, rxPackets = 0;      // handed over by / delivered to the host
  std::uint64_t txFrames = 0, rxFrames = 0;        // put on / taken off the medium (radio: air frames)
  std::uint64_t txBytes = 0, rxBytes = 0;          // bytes of those frames
  std::map<std::string, std::uint64_t> drops;      // frames (radio: packets) dropped, by cause
  std::uint32_t peakTxFrames = 0, peakTxBytes = 0; // waiting to be sent (FIFO, driver queue)
  std::uint32_t peakRxFrames = 0, peakRxBytes = 0; // received, not yet with the host
  std::uint32_t peakBufferBytes = 0;               // spi: TX and RX together in the packet buffer
  // radio MAC (zero for the other models)
  std::uint64_t ccaBusy = 0;     // CCAs that found the channel busy
  std::uint64_t collisions = 0;  // frames (ACKs included) heard but lost to an overlapping frame or own TX
  std::uint64_t retries = 0;     // retransmissions after an ACK timeout
  std::uint64_t ackTimeouts = 0; // ACK waits that ended without the ACK
  std::uint64_t acksSent = 0, acksReceived = 0;
  std::uint64_t duplicates = 0; // frames received again (their ACK was lost), not delivered

  std::uint64_t dropped() const {
    std::uint64_t n = 0;
    for (const auto& d : drops)
      n += d.second;
    return n;
  }
};

// Called on every drop, in ns-3 context at the simulated time of the drop: (time in ns, one of
// the causes above, bytes of the frame or packet).
using DropHook = std::function<void(std::uint64_t timeNs, const std::string& cause, std::uint32_t bytes)>;

} // namespace model
