// The TCP profile as sysctls of a network namespace (Linux 6.x: tcp_rto_min_us since 6.11,
// tcp_rto_max_ms since 6.15; older kernels keep 200 ms and 120 s, and the world says so).
#include "sim/kernel/profile.h"

#include <algorithm>

namespace sim::kernel {

namespace {

std::string whole(net::Duration d, std::int64_t unit) {
  return std::to_string(std::max<std::int64_t>(1, (d.count() + unit - 1) / unit));
}

} // namespace

std::vector<std::pair<std::string, std::string>> profileSysctls(const sim::TcpProfile& p) {
  return {
      {"net/ipv4/ip_forward", "1"},
      {"net/ipv4/conf/all/rp_filter", "0"},
      {"net/ipv4/conf/default/rp_filter", "0"},
      {"net/ipv4/conf/all/send_redirects", "0"},
      {"net/ipv4/conf/default/send_redirects", "0"},
      {"net/ipv4/conf/all/accept_redirects", "0"},
      {"net/ipv4/conf/default/accept_redirects", "0"},
      {"net/ipv6/conf/default/disable_ipv6", "1"},
      {"net/ipv4/tcp_retries2", std::to_string(p.dataRetries)},
      {"net/ipv4/tcp_syn_retries", std::to_string(std::max<std::uint32_t>(1, p.synRetries))},
      // The profile's SYN timeouts double from the first (1, 2, 4 ... s: scenarios/README.md,
      // "TCP profiles"); Linux 6.5+ keeps the first tcp_syn_linear_timeouts (4) at 1 s and
      // adds as many retransmissions. Older kernels have no such key and double already.
      {"net/ipv4/tcp_syn_linear_timeouts", "0"},
      {"net/ipv4/tcp_orphan_retries", std::to_string(p.orphanRetries)},
      {"net/ipv4/tcp_sack", p.sack ? "1" : "0"},
      {"net/ipv4/tcp_timestamps", p.timestamps ? "1" : "0"},
      {"net/ipv4/tcp_fin_timeout", whole(p.finWait2, 1'000'000'000)},
      {"net/ipv4/tcp_keepalive_intvl", whole(p.keepAliveInterval, 1'000'000'000)},
      {"net/ipv4/tcp_keepalive_probes", std::to_string(p.keepAliveProbes)},
      {"net/ipv4/tcp_rto_min_us", whole(p.minRto, 1'000)},
      {"net/ipv4/tcp_rto_max_ms", whole(p.maxRto, 1'000'000)},
  };
}

std::vector<std::pair<std::string, std::string>> ipv6Sysctls() {
  return {
      {"net/ipv6/conf/all/disable_ipv6", "0"},     {"net/ipv6/conf/default/disable_ipv6", "0"},
      {"net/ipv6/conf/all/accept_dad", "0"},       {"net/ipv6/conf/default/accept_dad", "0"},
      {"net/ipv6/conf/all/dad_transmits", "0"},    {"net/ipv6/conf/default/dad_transmits", "0"},
      {"net/ipv6/conf/all/accept_ra", "0"},        {"net/ipv6/conf/default/accept_ra", "0"},
      {"net/ipv6/conf/all/accept_redirects", "0"}, {"net/ipv6/conf/default/accept_redirects", "0"},
      {"net/ipv6/conf/all/forwarding", "1"},
  };
}

std::vector<std::string> profileLimits(const sim::TcpProfile& p) {
  using namespace std::chrono_literals;
  std::vector<std::string> out;
  const auto defaults = sim::TcpProfile::forLinux();
  if (p.initialRto != defaults.initialRto)
    out.push_back("initialRto: Linux fixes it at 1 s (TCP_TIMEOUT_INIT)");
  if (p.delayedAck != defaults.delayedAck)
    out.push_back("delayedAck: Linux's delayed ACK adapts between 40 ms and 200 ms (TCP_DELACK_MIN/MAX)");
  if (p.delayedAckCount != defaults.delayedAckCount)
    out.push_back("delayedAckCount: Linux acknowledges at least every second full segment");
  if (p.timeWait != defaults.timeWait)
    out.push_back("timeWait: Linux fixes TIME_WAIT at 60 s (TCP_TIMEWAIT_LEN)");
  if (p.giveUp != defaults.giveUp)
    out.push_back("giveUp: Linux gives up by time (tcp_retries2 timeouts' worth), not by count");
  return out;
}

} // namespace sim::kernel
