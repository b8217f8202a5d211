// netbed check-pcap's checker: crafted pcap files (written with ns-3's PcapFile, as ns-3 writes
// them) with a clean connection and one violation of each rule, and a real simulated run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ns3/ethernet-header.h>
#include <ns3/ipv4-header.h>
#include <ns3/packet.h>
#include <ns3/pcap-file.h>
#include <ns3/ppp-header.h>
#include <ns3/tcp-header.h>
#include <ns3/tcp-option-sack.h>
#include <ns3/tcp-option-ts.h>

#include "sim/check/checks.h"
#include "sim/world.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace sim::check;

constexpr std::uint8_t F = kFin, S = kSyn, R = kRst, P = kPsh, A = kAck;
constexpr std::uint32_t kClientIsn = 1000, kServerIsn = 5000;

// A connection between client 10.0.0.2:49153 and server 10.0.0.1:80 over a 1 ms link, each
// segment written to its sender's file when sent and to its receiver's when it arrives.
class Crafted {
public:
  struct Seg {
    bool fromClient;
    std::int64_t us; // sent at
    std::uint8_t flags;
    std::uint32_t seq, ack, len; // relative to the ISNs
    std::uint32_t tsval, tsecr;
    bool lost;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sack; // relative
  };

  explicit Crafted(const std::string& name) : dir_(::testing::TempDir() + "check-" + name) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  const std::string& dir() const { return dir_; }

  // A segment sent at `us` microseconds by the client (c) or the server (s); its TSval is the
  // time in ms unless given.
  Crafted& c(std::int64_t us, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, std::uint32_t len,
             std::uint32_t tsecr, bool lost = false, std::int64_t tsval = -1) {
    return segment(true, us, flags, seq, ack, len, tsecr, lost, tsval);
  }
  Crafted& s(std::int64_t us, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, std::uint32_t len,
             std::uint32_t tsecr, bool lost = false, std::int64_t tsval = -1) {
    return segment(false, us, flags, seq, ack, len, tsecr, lost, tsval);
  }
  Crafted& segment(bool fromClient, std::int64_t us, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack,
                   std::uint32_t len, std::uint32_t tsecr, bool lost, std::int64_t tsval) {
    auto ts = tsval < 0 ? static_cast<std::uint32_t>(us / 1000) : static_cast<std::uint32_t>(tsval);
    return add({fromClient, us, flags, seq, ack, len, ts, tsecr, lost, {}});
  }
  Crafted& add(Seg seg) {
    segs_.push_back(std::move(seg));
    return *this;
  }
  // The handshake: SYN at 0, SYN-ACK at 1 ms, ACK at 2 ms.
  Crafted& handshake() { return c(0, S, 0, 0, 0, 0).s(1000, S | A, 0, 1, 0, 0).c(2000, A, 1, 1, 0, 1); }
  // The handshake, then the client sends 100 bytes and half-closes.
  Crafted& clientRequest() { return handshake().c(2100, P | A, 1, 1, 100, 1).c(2200, F | A, 101, 1, 0, 1); }
  // Data both ways and both FINs, every rule kept: the client sends 100 bytes and half-closes,
  // the server answers 300 bytes and closes.
  Crafted& clean() {
    return clientRequest()
        .s(3250, A, 1, 102, 0, 2)
        .s(3300, P | A, 1, 102, 300, 2)
        .s(3400, F | A, 301, 102, 0, 2)
        .c(4450, A, 102, 302, 0, 3);
  }

  // Writes both files; the capture, for run().
  const Crafted& write(std::uint32_t linkType = kLinkPpp) const {
    struct Rec {
      std::int64_t us;
      std::size_t order;
      ns3::Ptr<ns3::Packet> p;
    };
    std::vector<Rec> client, server;
    for (std::size_t i = 0; i < segs_.size(); ++i) {
      const Seg& g = segs_[i];
      auto p = frame(g, linkType, i);
      (g.fromClient ? client : server).push_back({g.us, i, p});
      if (!g.lost)
        (g.fromClient ? server : client).push_back({g.us + 1000, i, p});
    }
    writeFile(dir_ + "/client-0.pcap", linkType, client);
    writeFile(dir_ + "/server-0.pcap", linkType, server);
    return *this;
  }

private:
  template <class Recs> static void writeFile(const std::string& path, std::uint32_t linkType, Recs recs) {
    std::stable_sort(recs.begin(), recs.end(), [](const auto& a, const auto& b) { return a.us < b.us; });
    ns3::PcapFile f;
    f.Open(path, std::ios::out);
    f.Init(linkType);
    for (const auto& r : recs)
      f.Write(static_cast<std::uint32_t>(r.us / 1'000'000), static_cast<std::uint32_t>(r.us % 1'000'000), r.p);
    f.Close();
  }

  static ns3::Ptr<ns3::Packet> frame(const Seg& g, std::uint32_t linkType, std::size_t index) {
    auto p = ns3::Create<ns3::Packet>(g.len);
    ns3::TcpHeader tcp;
    tcp.SetSourcePort(g.fromClient ? 49153 : 80);
    tcp.SetDestinationPort(g.fromClient ? 80 : 49153);
    tcp.SetSequenceNumber(ns3::SequenceNumber32(g.seq + (g.fromClient ? kClientIsn : kServerIsn)));
    tcp.SetAckNumber(ns3::SequenceNumber32((g.flags & A) ? g.ack + (g.fromClient ? kServerIsn : kClientIsn) : 0));
    tcp.SetFlags(g.flags);
    tcp.SetWindowSize(65535);
    auto ts = ns3::CreateObject<ns3::TcpOptionTS>();
    ts->SetTimestamp(g.tsval);
    ts->SetEcho(g.tsecr);
    tcp.AppendOption(ts);
    if (!g.sack.empty()) {
      auto sack = ns3::CreateObject<ns3::TcpOptionSack>();
      for (auto [l, r] : g.sack)
        sack->AddSackBlock({ns3::SequenceNumber32(l + kServerIsn), ns3::SequenceNumber32(r + kServerIsn)});
      tcp.AppendOption(sack);
    }
    p->AddHeader(tcp);
    ns3::Ipv4Header ip;
    ip.SetSource(ns3::Ipv4Address(g.fromClient ? "10.0.0.2" : "10.0.0.1"));
    ip.SetDestination(ns3::Ipv4Address(g.fromClient ? "10.0.0.1" : "10.0.0.2"));
    ip.SetProtocol(6);
    ip.SetTtl(64);
    ip.SetIdentification(static_cast<std::uint16_t>(index));
    ip.SetPayloadSize(p->GetSize());
    p->AddHeader(ip);
    if (linkType == kLinkPpp) {
      ns3::PppHeader ppp;
      ppp.SetProtocol(0x0021);
      p->AddHeader(ppp);
    } else {
      if (p->GetSize() < 46)
        p->AddPaddingAtEnd(46 - p->GetSize()); // as CsmaNetDevice pads short frames
      ns3::EthernetHeader eth(false);
      eth.SetSource(ns3::Mac48Address(g.fromClient ? "00:00:00:00:00:02" : "00:00:00:00:00:01"));
      eth.SetDestination(ns3::Mac48Address(g.fromClient ? "00:00:00:00:00:01" : "00:00:00:00:00:02"));
      eth.SetLengthType(0x0800);
      p->AddHeader(eth);
    }
    return p;
  }

  std::string dir_;
  std::vector<Seg> segs_;
};

Report run(const Crafted& c, const Options& o = {}) { return check(readPcapDir(c.dir()), o); }

std::vector<Rule> rules(const Report& r) {
  std::vector<Rule> v;
  for (const auto& x : r.violations)
    v.push_back(x.rule);
  return v;
}

std::string all(const Report& r) {
  std::string t;
  for (const auto& v : r.violations)
    t += describe(r, v) + "\n";
  return t;
}

// The described violations contain `text`.
::testing::AssertionResult mentions(const Report& r, const std::string& text) {
  std::string described = all(r);
  if (described.find(text) != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no '" << text << "' in:\n" << described;
}

bool has(const Report& r, Rule rule) {
  auto v = rules(r);
  return std::find(v.begin(), v.end(), rule) != v.end();
}

TEST(CheckPcap, CleanConnectionPasses) {
  Crafted c("clean");
  Report r = run(c.clean().write());
  EXPECT_TRUE(r.passed()) << all(r);
  ASSERT_EQ(r.connections.size(), 1u);
  const Connection& k = r.connections[0];
  EXPECT_EQ(k.side[0].endpoint.text(), "10.0.0.2:49153");
  EXPECT_EQ(k.side[0].node, "client");
  EXPECT_EQ(k.side[1].node, "server");
  EXPECT_TRUE(k.handshake);
  EXPECT_EQ(r.total[0].segments, 5u);
  EXPECT_EQ(r.total[1].segments, 4u);
  EXPECT_EQ(r.total[0].fins, 1u);
  EXPECT_EQ(r.total[1].fins, 1u);
  EXPECT_EQ(r.total[0].pureFinRetransmissions + r.total[1].pureFinRetransmissions, 0u);
  EXPECT_EQ(r.capture.segments.size(), 18u); // each segment in both files
}

TEST(CheckPcap, EthernetFramesWithPaddingPass) {
  Crafted c("ethernet");
  Report r = run(c.clean().write(kLinkEthernet));
  EXPECT_TRUE(r.passed()) << all(r);
  EXPECT_EQ(r.capture.files[0].linkType, kLinkEthernet);
  EXPECT_EQ(r.total[0].segments, 5u);
  EXPECT_EQ(r.capture.segments.front().len, 0u); // the SYN: padding is not payload
}

TEST(CheckPcap, FinRetransmittedAfterItsAckIsCaught) {
  Crafted c("fin-after-ack");
  // The client's ACK 302 arrived at 5.45 ms; the FIN again at 7 ms (TSval 7: certainly built
  // after that ACK; within a tick of it, it could have been in flight).
  c.clean().s(7000, F | A, 301, 102, 0, 4);
  c.c(8000, A, 102, 302, 0, 7);
  Report r = run(c.write());
  ASSERT_TRUE(has(r, Rule::FinOnce)) << all(r);
  EXPECT_EQ(r.total[1].pureFinRetransmissions, 1u);
  const Violation& v = r.violations.front();
  EXPECT_EQ(v.rule, Rule::FinOnce);
  std::string text = describe(r, v);
  EXPECT_NE(text.find("rule 1 fin-once: server-0.pcap #"), std::string::npos) << text;
  EXPECT_NE(text.find("10.0.0.1:80 > 10.0.0.2:49153 [FA] seq 301 ack 102 len 0 TSval 7 TSecr 4"), std::string::npos)
      << text;
  EXPECT_NE(text.find("after the peer's ACK"), std::string::npos) << text;
}

TEST(CheckPcap, FinThatMovesIsCaught) {
  Crafted c("fin-moved");
  c.handshake()
      .c(2100, P | A, 1, 1, 100, 1)
      .c(2200, F | A, 101, 1, 0, 1, /*lost=*/true)
      .c(3000, F | A, 101, 1, 20, 1) // the FIN now after 20 more bytes
      .s(4100, F | A, 1, 122, 0, 3)
      .c(5200, A, 122, 2, 0, 4);
  Report r = run(c.write());
  ASSERT_TRUE(has(r, Rule::FinOnce)) << all(r);
  EXPECT_TRUE(mentions(r, "cannot move"));
}

// The defect ns-3 3.37 has in FIN_WAIT_2: data+FIN acknowledged without the FIN.
TEST(CheckPcap, FinAcknowledgedWithoutPlusOneIsCaught) {
  Crafted c("fin-ack");
  c.clientRequest()
      .s(3250, A, 1, 102, 0, 2)
      .s(3400, F | P | A, 1, 102, 300, 2)
      .c(6600, A, 102, 301, 0, 3) // two ticks after the FIN arrived: acknowledges the data only
      .c(6650, A, 102, 302, 0, 3);
  Report r = run(c.write());
  ASSERT_EQ(rules(r), std::vector<Rule>{Rule::FinAckPlusOne}) << all(r);
  EXPECT_TRUE(mentions(r, "[A] seq 102 ack 301 len 0"));
  EXPECT_TRUE(mentions(r, "FIN seq + 1 = 302"));
}

TEST(CheckPcap, AnAckInFlightWhenTheFinArrivesIsNotFlagged) {
  Crafted c("fin-ack-in-flight");
  c.clientRequest()
      .s(3300, A, 1, 101, 0, 2, false, /*tsval=*/2) // built at 2 ms, queued: captured after the FIN
      .s(3250, A, 1, 102, 0, 2)
      .s(3400, F | A, 1, 102, 0, 2)
      .c(4450, A, 102, 2, 0, 3);
  Report r = run(c.write());
  EXPECT_FALSE(has(r, Rule::FinAckPlusOne)) << all(r);
}

TEST(CheckPcap, DataAfterCloseIsCaught) {
  Crafted c("after-close");
  c.clean().c(8000, P | A, 102, 302, 10, 3);
  Report r = run(c.write());
  ASSERT_TRUE(has(r, Rule::QuietAfterClose)) << all(r);
  EXPECT_TRUE(mentions(r, "data sent after both FINs were acknowledged"));
}

TEST(CheckPcap, AckAnsweringARetransmittedFinAfterCloseIsFine) {
  Crafted c("after-close-answer");
  c.clean().s(4000, F | A, 301, 102, 0, 2, false, 2).c(5000, A, 102, 302, 0, 2, false, 5);
  Report r = run(c.write());
  EXPECT_FALSE(has(r, Rule::QuietAfterClose)) << all(r);
}

TEST(CheckPcap, WrongTsEcrIsCaught) {
  Crafted c("tsecr");
  c.clientRequest()
      .s(3250, A, 1, 102, 0, 99) // no segment ever had TSval 99
      .s(3400, F | A, 1, 102, 0, 2)
      .c(4450, A, 102, 2, 0, 3);
  Report r = run(c.write());
  ASSERT_EQ(rules(r), std::vector<Rule>{Rule::TsEcr}) << all(r);
  EXPECT_TRUE(mentions(r, "TSecr 99, but TS.Recent was 2"));
}

// RFC 7323 4.3's case: delayed ACK, the echo is of the first of two segments.
TEST(CheckPcap, TsEcrOfTheSegmentAtLastAckSent) {
  Crafted c("tsecr-delayed");
  c.handshake()
      .c(10000, P | A, 1, 1, 100, 1)   // TSval 10
      .c(20000, P | A, 101, 1, 100, 1) // TSval 20: seq 101 > Last.ACK.sent 1
      .s(30000, A, 1, 201, 0, 11)      // echoes 11: wrong, TS.Recent is 10
      .s(40000, A, 1, 201, 0, 10);
  Report r = run(c.write());
  ASSERT_EQ(rules(r), std::vector<Rule>{Rule::TsEcr}) << all(r);
  EXPECT_TRUE(mentions(r, "TSecr 11"));
}

// Data from the client lost once and retransmitted after `after` microseconds.
Crafted retransmission(const std::string& name, std::int64_t after) {
  Crafted c(name);
  c.handshake().c(2100, P | A, 1, 1, 100, 1, /*lost=*/true).c(2100 + after, P | A, 1, 1, 100, 1);
  std::int64_t back = 2100 + after + 1000;
  c.s(back, A, 1, 101, 0, static_cast<std::uint32_t>((2100 + after) / 1000));
  return c;
}

TEST(CheckPcap, RetransmissionTimeoutWithinBoundsPasses) {
  Crafted c = retransmission("rto-ok", 250'000);
  Report r = run(c.write());
  EXPECT_TRUE(r.passed()) << all(r);
}

// A retransmission after `after` microseconds breaks the RTO bounds alone, as `text` says, and
// passes with the options `allowing` it.
void expectRtoOutOfBounds(const std::string& name, std::int64_t after, const std::string& text,
                          const Options& allowing) {
  Crafted c = retransmission(name, after);
  Report r = run(c.write());
  ASSERT_EQ(rules(r), std::vector<Rule>{Rule::RtoBounds}) << all(r);
  EXPECT_TRUE(mentions(r, text));
  EXPECT_TRUE(run(c, allowing).passed());
}

TEST(CheckPcap, RetransmissionTimeoutBelowTheMinimumIsCaught) {
  Options ns3;
  ns3.minRtoNs = 40'000'000;
  expectRtoOutOfBounds("rto-short", 50'000, "shorter than the minimum RTO 200.000 ms", ns3);
}

TEST(CheckPcap, RetransmissionTimeoutFarBeyondTheRtoIsCaught) {
  Options lax;
  lax.rtoSlack = 30;
  expectRtoOutOfBounds("rto-long", 5'000'000, "more than 3.00 x the RTO", lax);
}

TEST(CheckPcap, FastRetransmitAfterThreeDuplicateAcksIsNotATimeout) {
  Crafted c("fast");
  c.handshake()
      .c(2100, P | A, 1, 1, 100, 1, /*lost=*/true)
      .c(2200, P | A, 101, 1, 100, 1)
      .c(2300, P | A, 201, 1, 100, 1)
      .c(2400, P | A, 301, 1, 100, 1)
      .s(3200, A, 1, 1, 0, 2)
      .s(3300, A, 1, 1, 0, 2)
      .s(3400, A, 1, 1, 0, 2)
      .c(4400, P | A, 1, 1, 100, 3) // 2.3 ms after the original: fast
      .s(5400, A, 1, 401, 0, 4);
  Report r = run(c.write());
  EXPECT_TRUE(r.passed()) << all(r);
}

TEST(CheckPcap, AckBeyondAHoleIsCaught) {
  Crafted c("hole");
  c.handshake().c(2100, P | A, 1, 1, 100, 1, /*lost=*/true).c(2200, P | A, 101, 1, 100, 1).s(3300, A, 1, 201, 0, 2);
  Report r = run(c.write());
  ASSERT_TRUE(has(r, Rule::Stream)) << all(r);
  EXPECT_TRUE(mentions(r, "only up to 1 had arrived in order"));
}

TEST(CheckPcap, AckOfBytesNeverSentAndAckGoingBackAreCaught) {
  Crafted c("stream");
  c.handshake().c(2100, P | A, 1, 1, 100, 1).s(3200, A, 1, 101, 0, 2).s(3300, A, 1, 51, 0, 2).s(3400, A, 1, 500, 0, 2);
  Report r = run(c.write());
  auto found = rules(r);
  EXPECT_EQ(std::count(found.begin(), found.end(), Rule::Stream), 2) << all(r);
  EXPECT_TRUE(mentions(r, "ACK went back to 51 from 101"));
  EXPECT_TRUE(mentions(r, "beyond all the peer had sent"));
}

TEST(CheckPcap, BadInputIsAnErrorNamingTheFile) {
  std::string dir = ::testing::TempDir() + "check-bad";
  fs::remove_all(dir);
  fs::create_directories(dir);
  EXPECT_THROW(readPcapDir(dir), PcapError); // no pcap
  {
    ns3::PcapFile f;
    f.Open(dir + "/radio-0.pcap", std::ios::out);
    f.Init(105); // 802.11: not a link type netbed writes
    f.Close();
  }
  try {
    readPcapDir(dir);
    ADD_FAILURE() << "no error";
  } catch (const PcapError& e) {
    EXPECT_NE(std::string(e.what()).find("radio-0.pcap: unknown link type 105"), std::string::npos) << e.what();
  }
  fs::remove(dir + "/radio-0.pcap");
  std::ofstream(dir + "/junk-0.pcap") << "not a pcap file";
  try {
    readPcapDir(dir);
    ADD_FAILURE() << "no error";
  } catch (const PcapError& e) {
    EXPECT_NE(std::string(e.what()).find("junk-0.pcap: cannot read"), std::string::npos) << e.what();
  }
}

// A real simulated run: an EOF-delimited request and a 20 KB reply on a loss-free link,
// captured by World::pcap, must keep every rule.
TEST(CheckPcap, SimulatedRequestResponsePasses) {
  std::string dir = ::testing::TempDir() + "check-world";
  fs::remove_all(dir);
  fs::create_directories(dir);
  int replies = 0;
  {
    sim::World world(1);
    auto& server = world.node("server");
    auto& client = world.node("client");
    world.link(server, client, {10'000'000, 2ms, 0});
    world.pcap(dir + "/netbed");
    const std::string reply(20'000, 'r');
    auto srv = server.net().createServer({/*allowHalfOpen=*/true}, [&](std::shared_ptr<net::Socket> s) {
      s->on(net::ev::data, [](const net::Buffer&) {}); // read the request (a stream flows when read)
      s->on(net::ev::end, [s, &reply] { s->end(reply); });
    });
    srv->listen(80);
    auto c = client.net().connect({80, "server", 0, /*allowHalfOpen=*/true});
    auto got = std::make_shared<std::size_t>(0);
    c->on(net::ev::connect, [c] { c->end("GET /"); });
    c->on(net::ev::data, [got](const net::Buffer& b) { *got += b.size(); });
    c->on(net::ev::end, [&, got] { replies += *got == reply.size() ? 1 : 0; });
    c->on(net::ev::close, [srv](bool) { srv->close(); });
    EXPECT_TRUE(world.run(60s));
  } // the world is gone: the files are complete
  EXPECT_EQ(replies, 1);
  Report r = check(readPcapDir(dir));
  EXPECT_TRUE(r.passed()) << all(r);
  ASSERT_EQ(r.connections.size(), 1u);
  EXPECT_TRUE(r.connections[0].handshake);
  EXPECT_EQ(r.connections[0].side[0].node, "netbed-1"); // node ids: server 0, client 1
  EXPECT_EQ(r.total[0].fins, 1u);
  EXPECT_EQ(r.total[1].fins, 1u);
  EXPECT_EQ(r.total[0].rsts + r.total[1].rsts, 0u);
  EXPECT_GT(r.total[1].segments, 14u); // 20 KB in segments of at most 1448 bytes
}

} // namespace
