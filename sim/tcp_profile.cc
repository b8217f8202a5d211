#include "sim/tcp_profile.h"

#include <ns3/boolean.h>
#include <ns3/config.h>
#include <ns3/double.h>
#include <ns3/nstime.h>
#include <ns3/type-id.h>
#include <ns3/uinteger.h>

#include <stdexcept>

namespace sim {

using namespace std::chrono_literals;

TcpProfile TcpProfile::forLinux() { return TcpProfile{}; }

TcpProfile TcpProfile::forNs3() {
  TcpProfile p;
  p.name = "ns3";
  p.minRto = 1s;
  p.maxRto = 60s;
  p.initialRto = 3s; // ConnTimeout; data RTO before a sample: RttEstimator's 1 s
  p.dataRetries = 6;
  p.orphanRetries = 6;
  p.synRetries = 5; // ConnCount 6 counts the first SYN
  p.giveUp = GiveUp::Count;
  p.delayedAck = 200ms;
  p.timeWait = 240s; // 2 * MaxSegLifetime
  return p;
}

TcpProfile TcpProfile::named(const std::string& name) {
  if (name == "linux")
    return forLinux();
  if (name == "ns3")
    return forNs3();
  throw std::invalid_argument("tcp profile: expected linux or ns3, found '" + name + "'");
}

void TcpProfile::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("tcp profile: " + what); };
  if (minRto <= 0ns)
    fail("minRto: expected a positive duration");
  if (maxRto < minRto)
    fail("maxRto: expected at least minRto");
  if (initialRto <= 0ns)
    fail("initialRto: expected a positive duration");
  if (dataRetries == 0 || dataRetries > 255)
    fail("dataRetries: expected 1 to 255");
  if (synRetries > 127)
    fail("synRetries: expected 0 to 127");
  if (delayedAck < 0ns)
    fail("delayedAck: expected a duration >= 0");
  if (initialCwnd == 0 || initialCwnd > 1000)
    fail("initialCwnd: expected 1 to 1000 segments");
  if (userTimeout < 0ns)
    fail("userTimeout: expected a duration >= 0");
  if (congestion != "newreno" && congestion != "cubic" && congestion != "linux-reno" && congestion != "bbr")
    fail("congestion: expected newreno, cubic, linux-reno or bbr, found '" + congestion + "'");
  if (keepAliveInterval <= 0ns || keepAliveProbes == 0)
    fail("keepalive: expected a positive interval and probe count");
}

net::Duration TcpProfile::linuxTimeout(std::uint32_t retries, net::Duration base, net::Duration maxRto) {
  // tcp_model_timeout(): doubling from `base` until the cap, then linear at the cap.
  net::Duration total{0}, rto = base;
  for (std::uint32_t i = 0; i <= retries; ++i) {
    total += rto;
    rto = std::min(rto * 2, maxRto);
  }
  return total;
}

namespace {
std::string congestionTypeId(const std::string& name) {
  if (name == "newreno")
    return "ns3::TcpNewReno";
  if (name == "linux-reno")
    return "ns3::TcpLinuxReno";
  if (name == "bbr")
    return "ns3::TcpBbr";
  return "ns3::TcpCubic";
}
} // namespace

void applyTcpDefaults(const TcpProfile& p) {
  p.validate();
  using ns3::Config::SetDefault;
  SetDefault("ns3::TcpSocketBase::MinRto", ns3::TimeValue(ns3::NanoSeconds(p.minRto.count())));
  SetDefault("ns3::TcpSocketBase::Sack", ns3::BooleanValue(p.sack));
  SetDefault("ns3::TcpSocketBase::Timestamp", ns3::BooleanValue(p.timestamps));
  SetDefault("ns3::TcpSocketBase::MaxSegLifetime",
             ns3::DoubleValue(ns3::NanoSeconds(p.timeWait.count()).GetSeconds() / 2));
  SetDefault("ns3::TcpSocket::ConnTimeout", ns3::TimeValue(ns3::NanoSeconds(p.initialRto.count())));
  SetDefault("ns3::TcpSocket::ConnCount", ns3::UintegerValue(p.synRetries + 1));
  SetDefault("ns3::TcpSocket::DataRetries", ns3::UintegerValue(p.dataRetries));
  SetDefault("ns3::TcpSocket::DelAckTimeout", ns3::TimeValue(ns3::NanoSeconds(p.delayedAck.count())));
  SetDefault("ns3::TcpSocket::DelAckCount", ns3::UintegerValue(p.delayedAck.count() == 0 ? 1 : p.delayedAckCount));
  SetDefault("ns3::TcpSocket::InitialCwnd", ns3::UintegerValue(p.initialCwnd));
  SetDefault("ns3::TcpL4Protocol::SocketType",
             ns3::TypeIdValue(ns3::TypeId::LookupByName(congestionTypeId(p.congestion))));
  SetDefault("ns3::TcpL4Protocol::RecoveryType", ns3::TypeIdValue(ns3::TypeId::LookupByName("ns3::TcpPrrRecovery")));
}

} // namespace sim
