#include "sim/tcp_profile.h"

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
  p.linuxRto = false;
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

} // namespace sim
