// A synthetic run of many devices for the report's scale test, written without the simulator (a
// 10,000-device trace in a second): devices of three groups behind 10 gateways send telemetry for
// 60 s; one gateway crashes and reboots, 1% of devices are refused, SPI NICs drop frames. The
// trace carries "local" and "socket", so connections pair exactly.
#pragma once

#include <string>

namespace synth {

struct Stats {
  std::size_t lines = 0, connections = 0, metricRows = 0;
};

Stats writeRun(const std::string& dir, int devices);

} // namespace synth
