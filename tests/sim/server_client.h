// Two nodes, "server" and "client", on one link, with a TCP profile: the network of the crash
// and lossy-request tests.
#pragma once

#include "sim/world.h"

namespace simtests {

struct ServerClient {
  // The profile is set before the nodes exist, then the link is made.
  ServerClient(const sim::TcpProfile& profile, const sim::LinkSpec& link)
      : server(withTcp(profile).node("server")), client(world.node("client")) {
    world.link(server, client, link);
  }
  ServerClient(const ServerClient&) = delete;
  ServerClient& operator=(const ServerClient&) = delete;

  sim::World world;
  sim::Node& server;
  sim::Node& client;

private:
  sim::World& withTcp(const sim::TcpProfile& profile) {
    world.tcp(profile);
    return world;
  }
};

} // namespace simtests
