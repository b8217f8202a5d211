// TcpProfile as ns-3 attributes: the defaults every TCP socket is created with.
#include "sim/tcp_profile.h"

#include "sim/linux_rtt.h"

#include <ns3/boolean.h>
#include <ns3/config.h>
#include <ns3/double.h>
#include <ns3/nstime.h>
#include <ns3/rtt-estimator.h>
#include <ns3/type-id.h>
#include <ns3/uinteger.h>

namespace sim {

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
  // Set for either profile: the defaults are the process's, and worlds of both profiles may follow one another.
  SetDefault("ns3::TcpL4Protocol::RttEstimatorType",
             ns3::TypeIdValue(p.linuxRto ? LinuxRttEstimator::GetTypeId() : ns3::RttMeanDeviation::GetTypeId()));
  SetDefault("sim::LinuxRttEstimator::MinRto", ns3::TimeValue(ns3::NanoSeconds(p.minRto.count())));
  SetDefault("ns3::TcpL4Protocol::RecoveryType", ns3::TypeIdValue(ns3::TypeId::LookupByName("ns3::TcpPrrRecovery")));
}

} // namespace sim
