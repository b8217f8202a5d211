// The simulated backend: net's transport primitives on ns-3 TCP sockets of one node.
// Internal to sim/ (applications see only net::Context).
#pragma once

#include <memory>
#include <string>

#include "net/backend.h"

namespace ns3 {
class Node;
}

namespace sim {

class World;

// Keepalive: after the initial delay (0: 7200 s, the Linux default), 10 probes 1 s apart,
// as the OS backend configures its kernel sockets.
std::unique_ptr<net::Backend> makeBackend(World& world, ns3::Node* node);

// A crash: every TCP socket of the backend's node forgets its connection without sending
// anything (the node's net::Context is reset separately).
void crash(net::Backend& backend);

} // namespace sim
