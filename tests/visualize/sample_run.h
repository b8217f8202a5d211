// A realistic run directory for the report's tests, made by the simulator: a gateway that crashes
// and reboots under eight sensors, a refused connection, a half-open one to the cloud, a lossy and
// a flapping link. Writes trace.jsonl, summary.json, metrics.csv, topology.json and pcap files as
// the runner would (scenarios/OUTPUTS.md).
#pragma once

#include <string>

namespace sample {

void writeRun(const std::string& dir);

} // namespace sample
