// Datagrams through the kernel world's links, timed on the monotonic clock: the delay line's
// tests (delay_test.cc) and its benchmark (tests/perf/kernel_bench.cc) measure with these.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <string>
#include <system_error>
#include <vector>

#include "sim/kernel/kernel_world.h"
#include "sim/kernel/netns.h"

namespace kerneltest {

using sim::kernel::Fd;
using sim::kernel::InNamespace;

constexpr std::int64_t kMs = 1'000'000;

inline double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100 * static_cast<double>(v.size())))];
}

inline std::int64_t monotonicNs() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// A UDP socket made in namespace `ns`, bound to `address`:`port` (port 0: any).
inline Fd udp(int ns, const std::string& address, std::uint16_t port) {
  InNamespace in(ns);
  Fd fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  int size = 8 << 20;
  setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0)
    throw std::system_error(errno, std::generic_category(), "bind " + address);
  return fd;
}

struct Datagram {
  std::uint32_t seq;
  std::int64_t sentNs;
};

// `count` datagrams from node `from` to node `to_`, `gapNs` apart (0: as fast as they go); what
// `to_` receives until `quietNs` passes without one, in arrival order, with the time each took.
struct Received {
  std::vector<std::uint32_t> seq;
  std::vector<double> oneWayMs;
  double seconds = 0; // from the first sent to the last received
};

inline Received blast(sim::kernel::World& w, std::size_t count, std::int64_t gapNs, std::int64_t quietNs,
                      std::size_t from = 0, std::size_t to_ = 1) {
  Fd rx = udp(w.ns(to_), w.address(to_), 9000);
  Fd tx = udp(w.ns(from), w.address(from), 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(9000);
  inet_pton(AF_INET, w.address(to_).c_str(), &to.sin_addr);
  Received r;
  std::int64_t first = monotonicNs(), lastRx = first;
  std::size_t sent = 0;
  auto receive = [&](int timeoutMs) { // until nothing came for timeoutMs
    pollfd p{rx.get(), POLLIN, 0};
    while (poll(&p, 1, timeoutMs) > 0) {
      Datagram d{};
      while (recv(rx.get(), &d, sizeof d, MSG_DONTWAIT) == static_cast<ssize_t>(sizeof d)) {
        lastRx = monotonicNs();
        r.seq.push_back(d.seq);
        r.oneWayMs.push_back(static_cast<double>(lastRx - d.sentNs) / 1e6);
      }
    }
  };
  while (sent < count) {
    Datagram d{static_cast<std::uint32_t>(sent), monotonicNs()};
    if (sendto(tx.get(), &d, sizeof d, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) == sizeof d)
      ++sent;
    else
      usleep(100); // the sender's queue is full: let the token bucket drain it
    if (gapNs > 0) {
      std::int64_t until = first + static_cast<std::int64_t>(sent) * gapNs;
      while (monotonicNs() < until)
        receive(0);
    } else if (sent % 64 == 0) {
      receive(0);
    }
  }
  receive(static_cast<int>(quietNs / kMs));
  r.seconds = static_cast<double>(lastRx - first) / 1e9;
  return r;
}

} // namespace kerneltest
