// netbed check-pcap: TCP invariants on the pcap files of a run (sim/check/README.md).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "sim/check/checks.h"
#include "sim/cli/commands.h"

namespace sim::cli {

namespace {

nlohmann::json counts(const sim::check::SideCounts& n) {
  return {{"segments", n.segments},
          {"fins", n.fins},
          {"pureFinRetransmissions", n.pureFinRetransmissions},
          {"rsts", n.rsts}};
}

} // namespace

int checkPcap(const CheckPcapArgs& a) {
  const std::string& dir = a.dir;
  sim::check::Options o;
  if (a.profile == "ns3") {
    o.minRtoNs = 1'000'000'000;
    o.initialRtoNs = 3'000'000'000;
    o.maxRtoNs = 60'000'000'000;
  }
  if (a.minRtoNs > 0)
    o.minRtoNs = a.minRtoNs;
  if (a.rtoSlack > 0)
    o.rtoSlack = a.rtoSlack;
  sim::check::Report r;
  try {
    r = sim::check::check(sim::check::readPcapDir(dir), o);
  } catch (const sim::check::PcapError& e) {
    std::fprintf(stderr, "netbed check-pcap: %s\n", e.what());
    return kUsage;
  }
  if (a.json) {
    nlohmann::json files = nlohmann::json::array(), conns = nlohmann::json::array(), bad = nlohmann::json::array();
    for (const auto& f : r.capture.files)
      files.push_back({{"file", f.name},
                       {"node", f.node},
                       {"linkType", f.linkType == sim::check::kLinkPpp ? "ppp" : "ethernet"},
                       {"records", f.records}});
    for (std::size_t i = 0; i < r.connections.size(); ++i) {
      const auto& c = r.connections[i];
      conns.push_back({{"client", c.side[0].endpoint.text()},
                       {"server", c.side[1].endpoint.text()},
                       {"clientNode", c.side[0].node},
                       {"serverNode", c.side[1].node},
                       {"handshake", c.handshake},
                       {"clientSide", counts(r.summaries[i].side[0])},
                       {"serverSide", counts(r.summaries[i].side[1])}});
    }
    for (const auto& v : r.violations) {
      const auto& s = r.capture.segments[v.segment];
      const auto& c = r.connections[v.connection];
      nlohmann::json seg = {{"from", s.src.text()},
                            {"to", s.dst.text()},
                            {"flags", sim::check::flagText(s.flags)},
                            {"seq", c.side[c.senderOf(s)].rel(s.seq)},
                            {"len", s.len}};
      if (s.flags & sim::check::kAck)
        seg["ack"] = c.side[1 - c.senderOf(s)].rel(s.ack);
      if (s.hasTs) {
        seg["tsval"] = s.tsval;
        seg["tsecr"] = s.tsecr;
      }
      bad.push_back({{"rule", static_cast<int>(v.rule)},
                     {"name", sim::check::ruleName(v.rule)},
                     {"file", r.capture.files[s.file].name},
                     {"packet", s.number},
                     {"timeNs", s.timeNs},
                     {"connection", c.tuple()},
                     {"segment", seg},
                     {"message", v.message}});
    }
    nlohmann::json out = {{"dir", dir},
                          {"files", files},
                          {"tcpSegments", r.capture.segments.size()},
                          {"summary",
                           {{"connections", r.connections.size()},
                            {"clientSide", counts(r.total[0])},
                            {"serverSide", counts(r.total[1])}}},
                          {"connections", conns},
                          {"violations", bad},
                          {"passed", r.passed()}};
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("pcap      %s: %zu files, %zu TCP segments, %zu connections\n", dir.c_str(), r.capture.files.size(),
                r.capture.segments.size(), r.connections.size());
    for (int x = 0; x < 2; ++x) {
      const auto& n = r.total[x];
      std::printf("%-9s %llu segments, %llu FINs, %llu pure-FIN retransmissions, %llu RSTs\n",
                  x ? "servers" : "clients", static_cast<unsigned long long>(n.segments),
                  static_cast<unsigned long long>(n.fins), static_cast<unsigned long long>(n.pureFinRetransmissions),
                  static_cast<unsigned long long>(n.rsts));
    }
    std::size_t current = SIZE_MAX;
    for (const auto& v : r.violations) {
      if (v.connection != current) {
        current = v.connection;
        std::printf("connection %s (%s, %s)\n", r.connections[current].tuple().c_str(),
                    r.connections[current].side[0].node.c_str(), r.connections[current].side[1].node.c_str());
      }
      std::printf("  FAIL  %s\n", sim::check::describe(r, v).c_str());
    }
    std::printf("%s: %zu violations of 6 rules on %zu connections\n", r.passed() ? "passed" : "FAILED",
                r.violations.size(), r.connections.size());
  }
  return r.passed() ? kOk : kFailed;
}

} // namespace sim::cli
