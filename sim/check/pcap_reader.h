// Reading the pcap files of a netbed run into TCP segments. Records are read with ns-3's own
// ns3::PcapFile and decoded by deserialising ns-3's headers (PppHeader, EthernetHeader,
// Ipv4Header, Ipv6Header, TcpHeader with TcpOptionTS and TcpOptionSack) from an ns3::Packet:
// the writer's own code reads its files back, nothing is parsed by hand.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sim::check {

// Bad input: no pcap file, an unreadable file, an unknown link type. The message names the file.
class PcapError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The link types netbed writes: point-to-point devices (ns-3's and SystemC NICs on links) PPP,
// CSMA segments and SystemC NICs on segments Ethernet.
constexpr std::uint32_t kLinkEthernet = 1; // DLT_EN10MB
constexpr std::uint32_t kLinkPpp = 9;      // DLT_PPP

struct Address {
  std::array<std::uint8_t, 16> bytes{}; // IPv4 in the first four
  bool v6 = false;
  std::string text() const;
  bool operator<(const Address& o) const { return v6 != o.v6 ? v6 < o.v6 : bytes < o.bytes; }
  bool operator==(const Address& o) const { return v6 == o.v6 && bytes == o.bytes; }
  bool operator!=(const Address& o) const { return !(*this == o); }
};

struct Endpoint {
  Address address;
  std::uint16_t port = 0;
  std::string text() const; // "10.0.0.1:80", "[fd00::a00:1]:80"
  bool operator<(const Endpoint& o) const { return address == o.address ? port < o.port : address < o.address; }
  bool operator==(const Endpoint& o) const { return address == o.address && port == o.port; }
  bool operator!=(const Endpoint& o) const { return !(*this == o); }
};

// TCP flag bits as in the header.
constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;

// One TCP segment as one file recorded it.
struct Segment {
  std::size_t file = 0;     // index in Capture::files
  std::uint64_t number = 0; // the record's number in its file, from 1 (as Wireshark counts)
  std::int64_t timeNs = 0;  // capture time
  Endpoint src, dst;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t flags = 0;
  std::uint32_t len = 0; // payload bytes (from the IP length: Ethernet padding excluded)
  std::uint16_t window = 0;
  bool hasTs = false;
  std::uint32_t tsval = 0, tsecr = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sack; // SACK blocks [left, right)
  std::uint32_t ipId = 0;                                    // IPv4 identification (0 for IPv6)
  // Sequence space the segment occupies: SYN and FIN count one each.
  std::uint32_t space() const { return len + ((flags & kSyn) ? 1 : 0) + ((flags & kFin) ? 1 : 0); }
};

struct CaptureFile {
  std::string path;
  std::string name; // file name without folder
  std::string node; // the node the file belongs to: its name without "-<device>.pcap"
  std::uint32_t linkType = 0;
  std::uint64_t records = 0; // every record, TCP or not
};

struct Capture {
  std::vector<CaptureFile> files;
  std::vector<Segment> segments; // file by file, in each file's record order
};

// Reads one file into `into` (its segments with file index into.files.size()). Throws
// PcapError for an unreadable file or a link type other than PPP and Ethernet.
void readPcapFile(const std::string& path, Capture& into);
// Every *.pcap file of `dir`, in name order; `dir` may also be a run's output folder with
// a pcap/ folder. Throws PcapError when there is none.
Capture readPcapDir(const std::string& dir);

// "FA" style flags, Wireshark's letters: S F R P A (a dot when none).
std::string flagText(std::uint8_t flags);

} // namespace sim::check
