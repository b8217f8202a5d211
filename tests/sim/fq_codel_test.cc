// sim::FqCoDel decides as ns-3's FqCoDelQueueDisc: the same arrivals (five flows, one of them
// fat, some ECN-capable) through both, dequeued at the same rate, give the same packets
// dequeued, dropped (CoDel's target drops and the overload's fat-flow drops) and ECN-marked,
// at the same times and in the same order.
#include <gtest/gtest.h>

#include <ns3/core-module.h>
#include <ns3/fq-codel-queue-disc.h>
#include <ns3/internet-module.h>
#include <ns3/traffic-control-module.h>

#include <map>
#include <string>
#include <vector>

#include "sim/fq_codel.h"

namespace {

struct Arrival {
  std::int64_t atNs;
  std::uint16_t port;
  std::uint32_t bytes;
  bool ect;
};

// What a queue disc did, as lines "t uid-index event [reason]".
class Recorder {
public:
  explicit Recorder(ns3::Ptr<ns3::QueueDisc> qd) : qd_(qd) {
    qd->TraceConnectWithoutContext("DropBeforeEnqueue", ns3::MakeCallback(&Recorder::dropBefore, this));
    qd->TraceConnectWithoutContext("DropAfterDequeue", ns3::MakeCallback(&Recorder::dropAfter, this));
    qd->TraceConnectWithoutContext("Mark", ns3::MakeCallback(&Recorder::mark, this));
  }
  void arrive(const Arrival& a, std::size_t index) {
    ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>(a.bytes);
    ns3::TcpHeader tcp;
    tcp.SetSourcePort(a.port);
    tcp.SetDestinationPort(5000);
    p->AddHeader(tcp);
    index_[p->GetUid()] = index;
    ns3::Ipv4Header ip;
    ip.SetSource(ns3::Ipv4Address("10.0.0.1"));
    ip.SetDestination(ns3::Ipv4Address("10.0.0.2"));
    ip.SetProtocol(6);
    ip.SetPayloadSize(p->GetSize());
    ip.SetEcn(a.ect ? ns3::Ipv4Header::ECN_ECT0 : ns3::Ipv4Header::ECN_NotECT);
    qd_->Enqueue(ns3::Create<ns3::Ipv4QueueDiscItem>(p, ns3::Mac48Address("00:00:00:00:00:01"), 0x0800, ip));
  }
  void dequeue() {
    if (auto item = qd_->Dequeue())
      add(item, "sent");
  }
  std::vector<std::string> lines;

private:
  void add(ns3::Ptr<const ns3::QueueDiscItem> item, const std::string& what) {
    lines.push_back(std::to_string(ns3::Simulator::Now().GetNanoSeconds()) + " " +
                    std::to_string(index_.at(item->GetPacket()->GetUid())) + " " + what);
  }
  void dropBefore(ns3::Ptr<const ns3::QueueDiscItem> item, const char* why) { add(item, std::string("drop ") + why); }
  void dropAfter(ns3::Ptr<const ns3::QueueDiscItem> item, const char* why) { add(item, std::string("drop ") + why); }
  void mark(ns3::Ptr<const ns3::QueueDiscItem> item, const char* why) { add(item, std::string("mark ") + why); }

  ns3::Ptr<ns3::QueueDisc> qd_;
  std::map<std::uint64_t, std::size_t> index_;
};

// Runs the arrivals through a queue disc of `type`, dequeuing one packet every `everyNs`.
std::vector<std::string> play(const std::string& type, const std::vector<Arrival>& arrivals, std::int64_t everyNs,
                              std::int64_t untilNs) {
  ns3::ObjectFactory f;
  f.SetTypeId(type);
  f.Set("MaxSize", ns3::QueueSizeValue(ns3::QueueSize("120p"))); // small: the overload drop happens
  ns3::Ptr<ns3::QueueDisc> qd = f.Create<ns3::QueueDisc>();
  if (auto ns3Fq = ns3::DynamicCast<ns3::FqCoDelQueueDisc>(qd))
    ns3Fq->SetQuantum(1500);
  else
    ns3::DynamicCast<sim::FqCoDel>(qd)->SetQuantum(1500);
  qd->Initialize();
  Recorder r(qd);
  for (std::size_t i = 0; i < arrivals.size(); ++i)
    ns3::Simulator::Schedule(ns3::NanoSeconds(arrivals[i].atNs), [&r, &arrivals, i] { r.arrive(arrivals[i], i); });
  for (std::int64_t t = everyNs; t < untilNs; t += everyNs)
    ns3::Simulator::Schedule(ns3::NanoSeconds(t), [&r] { r.dequeue(); });
  ns3::Simulator::Run();
  ns3::Simulator::Destroy();
  return r.lines;
}

TEST(FqCoDel, DecidesAsNs3) {
  // Flow 1 sends a 1,400 B packet every 400 us (3.5 MB/s), four thin flows one every 10 ms;
  // the queue drains 1,500 B per ms: flow 1 builds a queue, CoDel drops (or marks) from it.
  std::vector<Arrival> arrivals;
  ns3::RngSeedManager::SetSeed(7);
  ns3::Ptr<ns3::UniformRandomVariable> u = ns3::CreateObject<ns3::UniformRandomVariable>();
  for (std::int64_t t = 0; t < 3'000'000'000; t += 400'000)
    arrivals.push_back({t, 1001, 1400, t > 1'500'000'000});
  for (std::uint16_t flow = 2; flow <= 5; ++flow)
    for (std::int64_t t = 0; t < 3'000'000'000; t += 10'000'000)
      arrivals.push_back({t + u->GetInteger(0, 999'999), static_cast<std::uint16_t>(1000 + flow),
                          static_cast<std::uint32_t>(u->GetInteger(60, 1400)), flow == 5});
  // A burst from a sixth flow overflows the queue disc: the fat flow loses half its backlog.
  for (int i = 0; i < 150; ++i)
    arrivals.push_back({2'000'000'000, 1006, 200, false});
  auto theirs = play("ns3::FqCoDelQueueDisc", arrivals, 1'000'000, 3'500'000'000);
  auto ours = play("sim::FqCoDel", arrivals, 1'000'000, 3'500'000'000);
  EXPECT_EQ(ours, theirs);
  for (std::size_t i = 0; i < std::min(ours.size(), theirs.size()); ++i)
    if (ours[i] != theirs[i]) {
      ADD_FAILURE() << "first difference at line " << i << ": " << ours[i] << " instead of " << theirs[i];
      break;
    }
  auto count = [&](const std::string& what) {
    return std::count_if(theirs.begin(), theirs.end(),
                         [&](const std::string& l) { return l.find(what) != std::string::npos; });
  };
  // The arrivals exercise every decision.
  EXPECT_GT(count("drop (Dropped by child queue disc) Target exceeded drop"), 10);
  EXPECT_GT(count("mark (Marked by child queue disc) Target exceeded mark"), 10);
  EXPECT_GT(count("drop (Dropped by child queue disc) Overlimit drop"), 10); // a flow's own limit
  EXPECT_GT(count("drop Overlimit drop"), 10);                               // the fat flow's
  EXPECT_GT(count("sent"), 2000);
}

} // namespace

// sim::flowHash gives Ipv4QueueDiscItem::Hash's value: TCP segments with and without options,
// UDP datagrams, later fragments (no ports), other protocols, several perturbations.
TEST(FqCoDel, FlowHashIsNs3sHash) {
  const std::uint32_t perturbations[] = {0, 1, 0x9e3779b9u, 0xffffffffu};
  int compared = 0;
  for (std::uint8_t protocol : {std::uint8_t{6}, std::uint8_t{17}, std::uint8_t{1}}) {
    for (std::uint16_t fragment : {std::uint16_t{0}, std::uint16_t{1480}}) {
      for (std::uint32_t i = 0; i < 64; ++i) {
        ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>(i * 23 % 1400);
        const auto sport = static_cast<std::uint16_t>(1024 + i * 977);
        const auto dport = static_cast<std::uint16_t>(i % 3 == 0 ? 7 : 40000 + i);
        if (protocol == 6) {
          ns3::TcpHeader tcp;
          tcp.SetSourcePort(sport);
          tcp.SetDestinationPort(dport);
          if (i % 2)
            tcp.AppendOption(ns3::CreateObject<ns3::TcpOptionTS>());
          if (i % 5 == 0)
            tcp.AppendOption(ns3::CreateObject<ns3::TcpOptionSackPermitted>());
          p->AddHeader(tcp);
        } else if (protocol == 17) {
          ns3::UdpHeader udp;
          udp.SetSourcePort(sport);
          udp.SetDestinationPort(dport);
          p->AddHeader(udp);
        }
        ns3::Ipv4Header ip;
        ip.SetSource(ns3::Ipv4Address(0x0a000001u + i * 4));
        ip.SetDestination(ns3::Ipv4Address(0x0a000002u + i * 8));
        ip.SetProtocol(protocol);
        ip.SetFragmentOffset(fragment);
        ip.SetPayloadSize(p->GetSize());
        auto item = ns3::Create<ns3::Ipv4QueueDiscItem>(p, ns3::Mac48Address("00:00:00:00:00:01"), 0x0800, ip);
        for (std::uint32_t perturbation : perturbations) {
          EXPECT_EQ(sim::flowHash(*item, perturbation), item->Hash(perturbation))
              << "protocol " << static_cast<int>(protocol) << " fragment " << fragment << " packet " << i;
          ++compared;
        }
      }
    }
  }
  EXPECT_EQ(compared, 3 * 2 * 64 * 4);
}
