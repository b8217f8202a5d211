// A node of the kernel world as a net::Backend: the OS backend (libuv) with every socket
// created inside the node's network namespace, so the node's own kernel stack carries it;
// libuv then drives it like any other. All nodes share one loop in one thread. Names resolve
// as on the simulated backend: a node's name to its first address, "localhost" to the
// loopback, literals as they are, anything else ENOTFOUND (a node has no DNS).
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
                                       std::chrono::steady_clock::time_point epoch);

} // namespace sim::kernel
