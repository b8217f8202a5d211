// The scenario the runner's and netbed compare's tests start from.
#pragma once

#include <string>

namespace scenario_tests {

// Two echo clients, three messages each, 100 ms apart from 1 s, against one server over 5 ms
// links.
inline const std::string kEcho = R"(name: echo
duration: 30s
nodes:
  server:
    apps: [{app: echo-server}]
  client:
    count: 2
    apps: [{app: echo-client, host: server, count: 3, interval: 100ms, start: 1s}]
network:
  star: {hub: server, leaves: client, bandwidth: 10Mbps, delay: 5ms}
)";

} // namespace scenario_tests
