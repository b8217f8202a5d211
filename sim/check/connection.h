// TCP connections reconstructed from the pcap files of a run. One connection is a 4-tuple and
// its SYN: a SYN with a new initial sequence number on the same 4-tuple starts another.
//
// A pcap file per device means that one segment appears in several files: at its sender's
// device, at every router on the way, at its receiver's device. Each side of a connection is
// seen from the files of the node that owns its address (the node whose file captures that
// address's segments first, i.e. as they leave): that node's view holds the segments the side
// sent, at their send times, and the segments it received, at their arrival times.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/check/pcap_reader.h"

namespace sim::check {

struct Side {
  Endpoint endpoint;
  std::string node;              // the node whose files give this side's view
  std::vector<std::size_t> view; // indices in Capture::segments, in time order (both ways)
  bool haveIsn = false;          // a SYN of this side was captured
  std::uint32_t isn = 0;         // its initial sequence number (else: the lowest seq seen)
  // A sequence number of this side's space, relative to its ISN (the SYN is 0, data from 1).
  std::int64_t rel(std::uint32_t seq) const { return static_cast<std::int32_t>(seq - isn); }
};

struct Connection {
  // side[0] is the client (the SYN's sender; without a SYN the lower endpoint), side[1] the server.
  Side side[2];
  bool handshake = false; // the client's SYN was captured
  // 0 or 1: the side that sent segment `s` (one of this connection's).
  int senderOf(const Segment& s) const { return s.src == side[0].endpoint ? 0 : 1; }
  std::string tuple() const { return side[0].endpoint.text() + " > " + side[1].endpoint.text(); }
};

std::vector<Connection> reconstruct(const Capture& capture);

// True when view position `later` of a side is certainly after `earlier` at that side's
// device: a later capture time, or the same file's later record at the same time.
bool after(const Segment& later, const Segment& earlier);

} // namespace sim::check
