#include "sim/check/pcap_reader.h"

#include <arpa/inet.h>

#include <algorithm>
#include <filesystem>
#include <ns3/ethernet-header.h>
#include <ns3/ipv4-header.h>
#include <ns3/ipv6-header.h>
#include <ns3/llc-snap-header.h>
#include <ns3/packet.h>
#include <ns3/pcap-file.h>
#include <ns3/ppp-header.h>
#include <ns3/tcp-header.h>
#include <ns3/tcp-option-sack.h>
#include <ns3/tcp-option-ts.h>

namespace sim::check {

namespace {

constexpr std::uint16_t kEtherIpv4 = 0x0800, kEtherIpv6 = 0x86DD;
constexpr std::uint8_t kProtoTcp = 6;

// The node of a file: "sensor-1-0.pcap" -> "sensor-1", "netbed-3-1.pcap" -> "netbed-3".
std::string nodeOf(const std::string& name) {
  std::string base = name.size() > 5 ? name.substr(0, name.size() - 5) : name;
  auto dash = base.rfind('-');
  if (dash == std::string::npos || dash + 1 == base.size() ||
      !std::all_of(base.begin() + static_cast<std::ptrdiff_t>(dash) + 1, base.end(),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return base;
  return base.substr(0, dash);
}

// The network-layer protocol of a frame, its link header removed; 0 when neither IP.
std::uint16_t removeLinkHeader(std::uint32_t linkType, ns3::Ptr<ns3::Packet> p) {
  if (linkType == kLinkPpp) {
    ns3::PppHeader ppp;
    if (p->GetSize() < 2)
      return 0;
    p->RemoveHeader(ppp);
    switch (ppp.GetProtocol()) {
    case 0x0021: return kEtherIpv4;
    case 0x0057: return kEtherIpv6;
    default: return 0;
    }
  }
  ns3::EthernetHeader eth(false);
  if (p->GetSize() < 14)
    return 0;
  p->RemoveHeader(eth);
  std::uint16_t type = eth.GetLengthType();
  if (type <= 1500) { // 802.3 length: LLC/SNAP follows (CsmaNetDevice in LLC mode)
    ns3::LlcSnapHeader llc;
    if (p->GetSize() < 8)
      return 0;
    p->RemoveHeader(llc);
    type = llc.GetType();
  }
  return type;
}

void ipv4Bytes(ns3::Ipv4Address a, Address& into) {
  std::uint32_t v = a.Get();
  into.v6 = false;
  into.bytes = {};
  for (int i = 0; i < 4; ++i)
    into.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

void ipv6Bytes(ns3::Ipv6Address a, Address& into) {
  into.v6 = true;
  a.GetBytes(into.bytes.data());
}

// Decodes one frame; false when it is not a complete TCP segment over IPv4 or IPv6.
bool decode(std::uint32_t linkType, const std::uint8_t* data, std::uint32_t size, Segment& s) {
  auto p = ns3::Create<ns3::Packet>(data, size);
  std::uint16_t proto = removeLinkHeader(linkType, p);
  std::uint32_t tcpBytes = 0; // TCP header and payload, from the IP length
  if (proto == kEtherIpv4) {
    ns3::Ipv4Header ip;
    if (p->GetSize() < 20)
      return false;
    p->RemoveHeader(ip);
    if (ip.GetProtocol() != kProtoTcp || ip.GetFragmentOffset() != 0 || !ip.IsLastFragment())
      return false;
    ipv4Bytes(ip.GetSource(), s.src.address);
    ipv4Bytes(ip.GetDestination(), s.dst.address);
    s.ipId = ip.GetIdentification();
    tcpBytes = ip.GetPayloadSize();
  } else if (proto == kEtherIpv6) {
    ns3::Ipv6Header ip;
    if (p->GetSize() < 40)
      return false;
    p->RemoveHeader(ip);
    if (ip.GetNextHeader() != kProtoTcp) // netbed's IPv6 carries no extension headers
      return false;
    ipv6Bytes(ip.GetSource(), s.src.address);
    ipv6Bytes(ip.GetDestination(), s.dst.address);
    tcpBytes = ip.GetPayloadLength();
  } else {
    return false;
  }
  if (tcpBytes < 20 || p->GetSize() < tcpBytes)
    return false;
  p->RemoveAtEnd(p->GetSize() - tcpBytes); // Ethernet padding and trailer
  ns3::TcpHeader tcp;
  p->RemoveHeader(tcp);
  std::uint32_t headerBytes = tcp.GetLength() * 4u;
  if (headerBytes < 20 || headerBytes > tcpBytes)
    return false;
  s.src.port = tcp.GetSourcePort();
  s.dst.port = tcp.GetDestinationPort();
  s.seq = tcp.GetSequenceNumber().GetValue();
  s.ack = tcp.GetAckNumber().GetValue();
  s.flags = tcp.GetFlags();
  s.window = tcp.GetWindowSize();
  s.len = tcpBytes - headerBytes;
  if (auto ts = tcp.GetOption(ns3::TcpOption::TS)) {
    auto t = ns3::DynamicCast<const ns3::TcpOptionTS>(ts);
    s.hasTs = true;
    s.tsval = t->GetTimestamp();
    s.tsecr = t->GetEcho();
  }
  if (auto sack = tcp.GetOption(ns3::TcpOption::SACK))
    for (const auto& b : ns3::DynamicCast<const ns3::TcpOptionSack>(sack)->GetSackList())
      s.sack.emplace_back(b.first.GetValue(), b.second.GetValue());
  return true;
}

} // namespace

std::string Address::text() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return buf;
}

std::string Endpoint::text() const {
  return (address.v6 ? "[" + address.text() + "]" : address.text()) + ":" + std::to_string(port);
}

std::string flagText(std::uint8_t flags) {
  std::string t;
  for (auto [bit, c] : {std::pair{kSyn, 'S'}, {kFin, 'F'}, {kRst, 'R'}, {kPsh, 'P'}, {kAck, 'A'}})
    if (flags & bit)
      t += c;
  return t.empty() ? "." : t;
}

void readPcapFile(const std::string& path, Capture& into) {
  CaptureFile f;
  f.path = path;
  f.name = std::filesystem::path(path).filename().string();
  f.node = nodeOf(f.name);
  ns3::PcapFile file;
  file.Open(path, std::ios::in);
  if (file.Fail())
    throw PcapError(path + ": cannot read: not a pcap file, or unreadable");
  f.linkType = file.GetDataLinkType();
  if (f.linkType != kLinkPpp && f.linkType != kLinkEthernet)
    throw PcapError(path + ": unknown link type " + std::to_string(f.linkType) +
                    " (netbed writes PPP, 9, and Ethernet, 1)");
  bool nano = file.IsNanoSecMode();
  std::vector<std::uint8_t> buf(std::max<std::uint32_t>(file.GetSnapLen(), 65535));
  std::size_t index = into.files.size();
  for (;;) {
    std::uint32_t sec = 0, frac = 0, incl = 0, orig = 0, read = 0;
    file.Read(buf.data(), static_cast<std::uint32_t>(buf.size()), sec, frac, incl, orig, read);
    if (file.Eof())
      break;
    if (file.Fail())
      throw PcapError(path + ": cannot read record " + std::to_string(f.records + 1));
    ++f.records;
    Segment s;
    s.file = index;
    s.number = f.records;
    s.timeNs = static_cast<std::int64_t>(sec) * 1'000'000'000 + static_cast<std::int64_t>(frac) * (nano ? 1 : 1000);
    if (read == orig && decode(f.linkType, buf.data(), read, s))
      into.segments.push_back(std::move(s));
  }
  into.files.push_back(std::move(f));
}

Capture readPcapDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw PcapError(dir + ": not a directory");
  auto list = [&](const fs::path& d) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(d, ec))
      if (e.path().extension() == ".pcap")
        found.push_back(e.path());
    std::sort(found.begin(), found.end());
    return found;
  };
  std::vector<fs::path> files = list(dir);
  if (files.empty() && fs::is_directory(fs::path(dir) / "pcap", ec))
    files = list(fs::path(dir) / "pcap");
  if (files.empty())
    throw PcapError(dir + ": no .pcap file (netbed run --pcap writes them to OUT/pcap/)");
  Capture c;
  for (const auto& f : files)
    readPcapFile(f.string(), c);
  return c;
}

} // namespace sim::check
