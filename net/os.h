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

#include <memory>

#include "net/net.h"

struct uv_loop_s;

namespace net::os {

class Loop {
public:
  Loop();
  ~Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // A new net context on this loop; several contexts may share a loop.
  std::unique_ptr<Context> context();
  // Runs until no handle is active.
  void run();
  // Runs until no handle is active or `limit` of wall time passed; false on the limit.
  bool runFor(Duration limit);
  // Makes run() return after the current iteration.
  void stop();
  uv_loop_s* uv() { return loop_.get(); }

private:
  std::unique_ptr<uv_loop_s> loop_;
};

} // namespace net::os
