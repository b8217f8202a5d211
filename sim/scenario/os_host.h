// A node of a scenario on real sockets: the OS backend under the node's own loopback address.
// Node names resolve to their nodes' addresses, a server listening on "every address" binds
// the node's address (so two nodes may listen on one port), and every node's clock starts
// with the run. Internal to the runner.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "net/backend.h"
#include "net/os.h"

namespace sim::scenario {

// 127.0.0.2, 127.0.0.3, ... for node 0, 1, ...
std::string loopbackAddress(std::size_t index);

std::unique_ptr<net::Backend> makeOsHost(net::os::Loop& loop, std::string address,
                                         std::shared_ptr<const std::map<std::string, std::string>> names,
                                         std::chrono::steady_clock::time_point epoch);

} // namespace sim::scenario
