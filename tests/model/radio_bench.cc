// Not a test: N saturated senders to one receiver, on netbed's radio segment (SystemC radios,
// model/radio_channel.h) and on ns-3 3.37's lr-wpan (LrWpanNetDevice, LrWpanCsmaCa, a spectrum
// channel with every node within 1 m), with the same MAC parameters (macMinBE 3, macMaxBE 5,
// macMaxCSMABackoffs 4, macMaxFrameRetries 3, ACKs). Prints delivered MAC payload throughput,
// collisions and retries side by side.
//   radio_bench [seconds=10] [payload=50]
// Payload: MAC payload bytes per frame (netbed: the Ethernet header's 14 bytes are part of it).
// Collisions: netbed counts frames lost to an overlap at the receiver; lr-wpan counts the
// receiver PHY's dropped receptions (PhyRxDrop: a frame arriving while busy, or failing its SINR).
#include <ns3/constant-position-mobility-model.h>
#include <ns3/core-module.h>
#include <ns3/lr-wpan-module.h>
#include <ns3/network-module.h>

#include <cstdio>
#include <cstdlib>
#include <functional>

#include "model/install.h"
#include "tests/model/harness.h"

namespace {

struct Result {
  double kbps = 0;
  std::uint64_t delivered = 0, collisions = 0, retries = 0, drops = 0;
};

Result netbed(int n, double seconds, std::uint32_t payload) {
  nictest::freshNs3();
  std::vector<ns3::Ptr<ns3::Node>> nodes;
  std::vector<model::NicSpec> specs;
  for (int i = 0; i <= n; ++i) {
    nodes.push_back(ns3::CreateObject<ns3::Node>());
    specs.push_back(model::RadioNic{});
  }
  auto devices = model::share(nodes, specs, ns3::NanoSeconds(0));
  auto sink = devices[0];
  Result r;
  sink->SetReceiveCallback(ns3::NetDevice::ReceiveCallback(
      [&r](ns3::Ptr<ns3::NetDevice>, ns3::Ptr<const ns3::Packet>, uint16_t, const ns3::Address&) {
        ++r.delivered;
        return true;
      }));
  std::function<void()> feed = [&] {
    for (int i = 1; i <= n; ++i)
      while (devices[static_cast<std::size_t>(i)]->Send(ns3::Create<ns3::Packet>(payload - 14), sink->GetAddress(),
                                                        0x0800)) {
      }
    ns3::Simulator::Schedule(ns3::MicroSeconds(500), feed);
  };
  ns3::Simulator::Schedule(ns3::MilliSeconds(1), feed);
  ns3::Simulator::Stop(ns3::Seconds(seconds));
  ns3::Simulator::Run();
  r.collisions = sink->stats().collisions;
  for (int i = 1; i <= n; ++i) {
    auto st = devices[static_cast<std::size_t>(i)]->stats();
    r.retries += st.retries;
    r.drops += st.drops["channel_access_failure"] + st.drops["no_ack"];
  }
  r.kbps = static_cast<double>(r.delivered) * payload * 8 / seconds / 1000;
  nictest::freshNs3();
  return r;
}

Result lrwpan(int n, double seconds, std::uint32_t payload) {
  nictest::freshNs3();
  ns3::NodeContainer nodes;
  nodes.Create(static_cast<std::uint32_t>(n + 1));
  ns3::LrWpanHelper helper;
  ns3::NetDeviceContainer devices = helper.Install(nodes);
  helper.AssociateToPan(devices, 0);
  helper.AssignStreams(devices, 100);
  Result r;
  std::vector<ns3::Ptr<ns3::LrWpanNetDevice>> d;
  for (std::uint32_t i = 0; i < devices.GetN(); ++i) {
    auto dev = ns3::DynamicCast<ns3::LrWpanNetDevice>(devices.Get(i));
    auto mob = ns3::CreateObject<ns3::ConstantPositionMobilityModel>();
    double a = 6.283185307 * i / devices.GetN();
    mob->SetPosition(ns3::Vector(0.5 * std::cos(a), 0.5 * std::sin(a), 0));
    dev->GetPhy()->SetMobility(mob);
    dev->GetMac()->SetMacMaxFrameRetries(3);
    d.push_back(dev);
  }
  auto sinkAddr = d[0]->GetMac()->GetShortAddress();
  d[0]->GetMac()->SetMcpsDataIndicationCallback(
      ns3::Callback<void, ns3::McpsDataIndicationParams, ns3::Ptr<ns3::Packet>>(
          ([&r](ns3::McpsDataIndicationParams, ns3::Ptr<ns3::Packet>) { ++r.delivered; })));
  d[0]->GetPhy()->TraceConnectWithoutContext("PhyRxDrop", ns3::Callback<void, ns3::Ptr<const ns3::Packet>>(
                                                              ([&r](ns3::Ptr<const ns3::Packet>) { ++r.collisions; })));
  auto send = [&, sinkAddr](std::size_t i) {
    ns3::McpsDataRequestParams p;
    p.m_srcAddrMode = ns3::SHORT_ADDR;
    p.m_dstAddrMode = ns3::SHORT_ADDR;
    p.m_dstPanId = 0;
    p.m_dstAddr = sinkAddr;
    p.m_txOptions = ns3::TX_OPTION_ACK;
    d[i]->GetMac()->McpsDataRequest(p, ns3::Create<ns3::Packet>(payload));
  };
  for (std::size_t i = 1; i < d.size(); ++i) {
    d[i]->GetMac()->SetMcpsDataConfirmCallback(
        ns3::Callback<void, ns3::McpsDataConfirmParams>(([&, i](ns3::McpsDataConfirmParams c) {
          if (c.m_status != ns3::IEEE_802_15_4_SUCCESS)
            ++r.drops;
          send(i); // saturated: the next frame as soon as the last one is done
        })));
    d[i]->GetMac()->TraceConnectWithoutContext(
        "MacSentPkt", ns3::Callback<void, ns3::Ptr<const ns3::Packet>, uint8_t, uint8_t>(
                          ([&r](ns3::Ptr<const ns3::Packet>, uint8_t retries, uint8_t) { r.retries += retries; })));
    for (int k = 0; k < 2; ++k)
      ns3::Simulator::Schedule(ns3::MilliSeconds(1), [&send, i] { send(i); });
  }
  ns3::Simulator::Stop(ns3::Seconds(seconds));
  ns3::Simulator::Run();
  r.kbps = static_cast<double>(r.delivered) * payload * 8 / seconds / 1000;
  nictest::freshNs3();
  return r;
}

} // namespace

// libsystemc.so needs an sc_main; this program's main() runs instead.
extern "C" int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 10;
  auto payload = static_cast<std::uint32_t>(argc > 2 ? std::atoi(argv[2]) : 50);
  std::printf("%.0f s simulated, %u-byte MAC payload, one receiver\n", seconds, payload);
  std::printf("%3s | %10s %8s %8s %6s | %10s %8s %8s %6s\n", "N", "netbed", "collis.", "retries", "drops", "lr-wpan",
              "rxDrops", "retries", "fails");
  for (int n : {1, 2, 5, 10, 20}) {
    Result a = netbed(n, seconds, payload);
    Result b = lrwpan(n, seconds, payload);
    std::printf("%3d | %7.1f kb %8llu %8llu %6llu | %7.1f kb %8llu %8llu %6llu\n", n, a.kbps,
                static_cast<unsigned long long>(a.collisions), static_cast<unsigned long long>(a.retries),
                static_cast<unsigned long long>(a.drops), b.kbps, static_cast<unsigned long long>(b.collisions),
                static_cast<unsigned long long>(b.retries), static_cast<unsigned long long>(b.drops));
  }
  return 0;
}
