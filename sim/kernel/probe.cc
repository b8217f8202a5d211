// Each feature tried once, in a throwaway namespace.
#include "sim/kernel/probe.h"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include "sim/kernel/netlink.h"
#include "sim/kernel/netns.h"
#include "sim/kernel/nft.h"

namespace sim::kernel {

namespace {

bool hasCapabilities() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  if (syscall(SYS_capget, &header, data) != 0)
    return false;
  auto has = [&](int cap) { return (data[cap / 32].effective >> (cap % 32)) & 1u; };
  return has(CAP_NET_ADMIN) && has(CAP_SYS_ADMIN);
}

} // namespace

std::string Probe::missing() const {
  std::string m;
  auto add = [&](bool ok, const char* what) {
    if (!ok)
      m += (m.empty() ? "" : ", ") + std::string(what);
  };
  add(netAdmin, "CAP_NET_ADMIN/CAP_SYS_ADMIN");
  add(netns, "network namespaces");
  add(veth, "veth");
  add(bridge, "bridge");
  add(tbf, "tbf");
  add(nftables, "nftables");
  add(nfqueue, "nfnetlink_queue");
  add(netem, "netem");
  return m.empty() ? m : "missing: " + m;
}

std::string capabilityHint() {
  return "the kernel backend needs CAP_NET_ADMIN and CAP_SYS_ADMIN (network namespaces, veth, qdiscs, "
         "nftables): run it as root (sudo netbed run --backend kernel ...)";
}

Probe probe() {
  Probe p;
  p.netAdmin = hasCapabilities();
  if (!p.netAdmin) {
    p.detail = capabilityHint();
    return p;
  }
  try {
    Fd ns = newNamespace();
    p.netns = true;
    Netlink nl(ns.get());
    try {
      nl.veth("probe0", 0x020000000001ull, "probe1", ns.get(), 0x020000000002ull);
      p.veth = true;
    } catch (const std::exception& e) {
      p.detail = e.what();
    }
    try {
      nl.bridge("probebr");
      p.bridge = true;
    } catch (const std::exception&) {
    }
    if (p.veth) {
      p.tbf = nl.qdiscKind(nl.index("probe0"), "tbf");
      p.netem = nl.qdiscKind(nl.index("probe1"), "netem");
    }
    p.nftables = tryNft(ns.get(), "add table inet netbed_probe\ndelete table inet netbed_probe", &p.detail);
    {
      InNamespace in(ns.get());
      p.nfqueue = std::ifstream("/proc/thread-self/net/netfilter/nfnetlink_queue").good();
    }
    if (p.nfqueue && p.nftables) // the delay line's rule: nft_compat and xt_NFQUEUE (nft.h)
      try {
        nftQueue(ns.get(), "netbed_probe", "delay", "probe0", 0);
      } catch (const std::exception&) {
        p.nfqueue = false;
      }
  } catch (const std::exception& e) {
    p.detail = e.what();
  }
  return p;
}

} // namespace sim::kernel
