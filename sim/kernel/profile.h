// A scenario's TCP profile (sim/tcp_profile.h) on Linux: what a namespace's sysctls take,
// and what Linux fixes at compile time. Per-socket keys (user timeout, SYN retries,
// congestion control, keepalive interval and probes) are the OS backend's TcpOptions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/tcp_profile.h"

namespace sim::kernel {

// (path under /proc/sys, value) for each namespace: routing between the node's interfaces
// (forwarding on, no reverse-path filter, no redirects, no IPv6 on veths unless
// ipv6Sysctls follow) and the profile.
// Not the congestion control: outside the host's namespace Linux takes only those of the
// host's tcp_allowed_congestion_control; each socket sets its own (TCP_CONGESTION).
std::vector<std::pair<std::string, std::string>> profileSysctls(const sim::TcpProfile& p);
// What a namespace of an IPv6 world sets after profileSysctls: IPv6 on its interfaces, no
// duplicate address detection (the addresses are unique by construction; a tentative
// address is unusable for a second), forwarding as IPv4's (every node relays, as on
// sim::World), no router advertisements or redirects taken.
std::vector<std::pair<std::string, std::string>> ipv6Sysctls();
// The keys of `p` that Linux cannot take, each with the value it keeps ("initialRto: Linux
// fixes it at 1 s (TCP_TIMEOUT_INIT)"); empty when `p` asks nothing of them.
std::vector<std::string> profileLimits(const sim::TcpProfile& p);

} // namespace sim::kernel
