// The OS backend: `net` on real TCP sockets through libuv.
//
//   net::os::Loop loop;
//   auto net = loop.context();      // a net::Context on this machine's network
//   ... net->createServer(...), net->connect(...)
//   loop.run();                     // until no handle is active
//
// Keepalive: after the initial delay (0: the system's TCP_KEEPIDLE), 10 probes 1 s apart,
// as Node and libuv >= 1.48 do; a peer that answers none ends the socket with ETIMEDOUT.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "net/net.h"

struct uv_loop_s;
struct uv_async_s;

namespace net::os {

// What of a TCP profile Linux lets one socket set (setsockopt); the rest (minimum RTO,
// retries, delayed ACK, initial window, SACK, timestamps) is the host's.
struct TcpOptions {
  Duration userTimeout{0};                              // TCP_USER_TIMEOUT; 0: none
  int synRetries = -1;                                  // TCP_SYNCNT; -1: the host's tcp_syn_retries
  std::string congestion;                               // TCP_CONGESTION ("cubic", "reno", "bbr"); empty: the host's
  Duration keepAliveInterval = std::chrono::seconds(1); // TCP_KEEPINTVL (whole seconds)
  int keepAliveProbes = 10;                             // TCP_KEEPCNT
};

class Loop {
public:
  Loop();
  ~Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // A new net context on this loop; several contexts may share a loop.
  std::unique_ptr<Context> context();
  // The options of every socket created from now on, on every context of this loop. A
  // congestion control the host does not offer is left at the host's.
  void setTcpOptions(const TcpOptions& options) { *options_ = options; }
  // Runs until no handle is active.
  void run();
  // Runs until no handle is active or `limit` of wall time passed; false on the limit.
  bool runFor(Duration limit);
  // Makes run() return after the current iteration.
  void stop();
  // The same from any other thread (a watchdog's).
  void stopFromAnotherThread();
  uv_loop_s* uv() { return loop_.get(); }

private:
  std::unique_ptr<uv_loop_s> loop_;
  std::unique_ptr<uv_async_s> wake_; // stopFromAnotherThread's; unreferenced: keeps nothing running
  std::shared_ptr<TcpOptions> options_ = std::make_shared<TcpOptions>();
};

} // namespace net::os
