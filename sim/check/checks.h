// The packet-level TCP invariants netbed check-pcap verifies, one function per invariant,
// each side of each connection separately (sim/check/README.md states them with their RFCs).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/check/connection.h"
#include "sim/check/pcap_reader.h"

namespace sim::check {

struct Options {
  std::int64_t minRtoNs = 200'000'000;       // RFC 6298 (2.4) lower bound; Linux's 200 ms, ns-3's 1 s
  std::int64_t initialRtoNs = 1'000'000'000; // the RTO before any RTT sample (RFC 6298 2.1)
  std::int64_t maxRtoNs = 120'000'000'000;   // the backed-off RTO's cap (RFC 6298 2.5)
  double rtoSlack = 3;                       // a timeout may take this many times the RTO
};

enum class Rule {
  FinOnce = 1,         // 1: a FIN is sent once, retransmitted only while unacknowledged, never moved
  FinAckPlusOne = 2,   // 2: an in-order FIN is acknowledged with its seq + 1
  QuietAfterClose = 3, // 3: after both FINs are acknowledged only ACKs (answers) and RSTs
  TsEcr = 4,           // 4: TSecr echoes TS.Recent (RFC 7323 4.3)
  RtoBounds = 5,       // 5: timeouts within RFC 6298 of the measured RTT
  Stream = 6,          // 6: ACKs never go back, never beyond what was sent or received in order
};
const char* ruleName(Rule r); // "fin-once", ...

struct Violation {
  Rule rule;
  std::size_t connection; // index in the connections
  std::size_t segment;    // index in Capture::segments: the offending segment as its sender's node saw it
  std::string message;    // what is wrong, with the evidence (times, packet numbers)
};

using Violations = std::vector<Violation>;

// One function per invariant; each appends what it finds for connection `c` (index `ci`).
void checkFinOnce(const Capture& cap, const Connection& c, std::size_t ci, Violations& out);
void checkFinAckPlusOne(const Capture& cap, const Connection& c, std::size_t ci, Violations& out);
void checkQuietAfterClose(const Capture& cap, const Connection& c, std::size_t ci, Violations& out);
void checkTsEcr(const Capture& cap, const Connection& c, std::size_t ci, Violations& out);
void checkRtoBounds(const Capture& cap, const Connection& c, std::size_t ci, const Options& o, Violations& out);
void checkStream(const Capture& cap, const Connection& c, std::size_t ci, Violations& out);

// Counts for one side of a connection, from its own view.
struct SideCounts {
  std::uint64_t segments = 0;               // segments sent
  std::uint64_t fins = 0;                   // segments with FIN sent (retransmissions included)
  std::uint64_t pureFinRetransmissions = 0; // FIN-only segments repeating an already sent FIN
  std::uint64_t rsts = 0;                   // segments with RST sent
  std::uint64_t syns = 0;                   // segments with SYN sent (SYN-ACKs and retransmissions included)
  std::uint64_t dataSegments = 0;           // segments carrying payload (retransmissions included)
  std::uint64_t retransmissions = 0;        // segments (not RST) repeating sequence space already sent: data, SYN, FIN
  SideCounts& operator+=(const SideCounts& o);
};

struct ConnectionSummary {
  SideCounts side[2]; // client, server
};

struct Report {
  Capture capture;
  std::vector<Connection> connections;
  std::vector<ConnectionSummary> summaries; // per connection
  SideCounts total[2];                      // clients, servers
  Violations violations;                    // in connection order, then rule order
  bool passed() const { return violations.empty(); }
};

// Reconstructs the connections of `capture` and runs every check.
Report check(Capture capture, const Options& options = {});

// "client-1-0.pcap #12 t=1.234567 s 10.0.0.2:49153 > 10.0.0.1:80 [FA] seq 21 ack 20001 len 0
// TSval 120 TSecr 118": the file, packet number and time of the offending segment, the
// connection and the segment (seq and ack relative to the ISNs, as Wireshark shows them).
std::string describe(const Report& r, const Violation& v);
// Its segment alone: "[FA] seq 21 ack 20001 len 0 TSval 120 TSecr 118".
std::string describeSegment(const Connection& c, const Segment& s);

} // namespace sim::check
