// The TCP a simulated world runs: a named profile (`linux`, the default, or `ns3`) and
// overrides. Every constant and the timings they give (when a silent peer is detected) are
// in scenarios/README.md, "TCP profiles": a tester computes expected times from that table.
#pragma once

#include <cstdint>
#include <string>

#include "net/net.h"

namespace sim {

struct TcpProfile {
  // How a connection with unacknowledged data gives up.
  enum class GiveUp {
    // ns-3: after `dataRetries` retransmission timeouts (TcpSocketBase::ReTxTimeout).
    Count,
    // Linux (tcp_write_timeout, retransmits_timed_out): when the time since the first
    // unacknowledged transmission reaches the time `dataRetries` backed-off timeouts
    // starting at 200 ms (TCP_RTO_MIN) would take, each capped at TCP_RTO_MAX (120 s):
    // 924.6 s for 15 retries. A user timeout replaces that budget.
    Time,
  };

  std::string name = "linux";
  net::Duration minRto = std::chrono::milliseconds(200);
  net::Duration maxRto = std::chrono::seconds(120);
  net::Duration initialRto = std::chrono::seconds(1); // also the first SYN timeout
  std::uint32_t dataRetries = 15;                     // tcp_retries2
  std::uint32_t orphanRetries = 8;                    // tcp_orphan_retries (0 means 8)
  std::uint32_t synRetries = 6;                       // tcp_syn_retries: SYNs after the first
  GiveUp giveUp = GiveUp::Time;
  // The RTO from the RTT samples: Linux's (tcp_rtt_estimator: SRTT + rttvar, rttvar at least
  // minRto; sim/linux_rtt.h) or RFC 6298's (max(minRto, SRTT + 4 x RTTVAR), ns-3's).
  bool linuxRto = true;
  net::Duration delayedAck = std::chrono::milliseconds(40);
  std::uint32_t delayedAckCount = 2; // an ACK at least every second full segment
  std::uint32_t initialCwnd = 10;    // segments
  bool sack = true;
  bool timestamps = true;
  net::Duration userTimeout{0};                              // TCP_USER_TIMEOUT; 0: off
  std::string congestion = "cubic";                          // newreno, cubic, linux-reno, bbr
  net::Duration timeWait = std::chrono::seconds(60);         // TCP_TIMEWAIT_LEN
  net::Duration finWait2 = std::chrono::seconds(60);         // tcp_fin_timeout (orphans only)
  net::Duration keepAliveInterval = std::chrono::seconds(1); // as the OS backend sets it
  std::uint32_t keepAliveProbes = 10;

  // Linux's defaults (see above).
  static TcpProfile forLinux();
  // ns-3 3.37's own defaults: MinRto 1 s, ConnTimeout 3 s, 6 data retries by count, the
  // RTO capped at 60 s, delayed ACK 200 ms, TIME_WAIT 240 s, Cubic with PRR.
  static TcpProfile forNs3();
  // By name; throws std::invalid_argument for any other name.
  static TcpProfile named(const std::string& name);
  // Throws std::invalid_argument naming the offending field.
  void validate() const;

  // The time Linux's retransmits_timed_out allows `retries` timeouts starting from `base`.
  static net::Duration linuxTimeout(std::uint32_t retries, net::Duration base, net::Duration maxRto);
};

// Installs `p` as the defaults of every TCP socket created from now on (ns-3 attributes).
void applyTcpDefaults(const TcpProfile& p);

} // namespace sim
