// What this machine's kernel offers the kernel world, found by trying each thing in a
// namespace of the probe's own (never the host's): the kernel backend refuses to start
// without the essentials and says which are missing.
#pragma once

#include <string>

namespace sim::kernel {

struct Probe {
  bool netAdmin = false; // CAP_NET_ADMIN and CAP_SYS_ADMIN (namespaces, bind mounts)
  bool netns = false;    // a new network namespace
  bool veth = false;
  bool bridge = false;
  bool tbf = false;   // token bucket filter: bandwidth and queue limit
  bool netem = false; // sch_netem (not needed; the delay line would use it where present)
  bool nftables = false;
  bool nfqueue = false; // nfnetlink_queue and an NFQUEUE rule: verdicts in user space (the delay line)
  std::string detail;   // why the first essential failed

  // netAdmin, netns, veth, tbf and nftables: without them no kernel world is built.
  bool usable() const { return netAdmin && netns && veth && tbf && nftables; }
  // "missing: bridge, netem" (empty: nothing).
  std::string missing() const;
};

Probe probe();

// The one line a user without the capabilities gets.
std::string capabilityHint();

} // namespace sim::kernel
