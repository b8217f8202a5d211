// A node of the kernel world as a net::Backend: the OS backend (libuv) with every socket
// created inside the node's network namespace, so the node's own kernel stack carries it;
// libuv then drives it like any other. All nodes share one loop in one thread. Names resolve
// as on the simulated backend: a node's name to its first address, "localhost" to the
// loopback, literals as they are, anything else ENOTFOUND (a node has no DNS). With `ipv6`
// (the world's Topology::ipv6) as sim::World with IPv6 has them: a name gives its IPv4
// address, then its IPv6 image ("fd00::a00:1"), "localhost" also "::1", and a listener on
// every address takes both families (a socket each, as the simulated backend's).
// Without it, names and "localhost" have no IPv6 address, as there.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "net/backend.h"
#include "net/os.h"

namespace sim::kernel {

// `ns` gives the node's namespace at the time a socket is made (a reboot replaces it).
// Every node's clock starts at `epoch`.
std::unique_ptr<net::Backend> makeHost(net::os::Loop& loop, std::function<int()> ns,
                                       std::shared_ptr<const std::map<std::string, std::string>> names,
                                       std::chrono::steady_clock::time_point epoch, bool ipv6 = false);

} // namespace sim::kernel
