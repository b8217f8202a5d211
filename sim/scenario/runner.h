// Runs a scenario on the simulated network (ns-3) or on real sockets (loopback), evaluates
// its expectations and writes the outputs of scenarios/OUTPUTS.md into a directory.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/observed.h"
#include "sim/scenario/scenario.h"

namespace sim::scenario {

// Sim: ns-3; Os: loopback sockets; Kernel: a Linux network namespace per node (sim/kernel/).
enum class BackendKind { Sim, Os, Kernel };

struct RunOptions {
  BackendKind backend = BackendKind::Sim;
  std::string outDir;    // empty: nothing written
  bool pcap = false;     // sim: a pcap file per device under outDir/pcap/
  bool netanim = false;  // sim: an ns-3 NetAnim file, outDir/netanim.xml
  bool progress = false; // a progress line on stderr (the caller checks that it is a terminal)
  // Limits: a run that reaches one ends there as if its duration were over, its outputs
  // written up to that point and RunResult::stopped saying why. 0: no limit.
  double maxWallSeconds = 0;        // wall time, building the network included (checked every 20 ms)
  std::uint64_t maxOutputBytes = 0; // trace.jsonl + metrics.csv + pcap files (pcap: checked per 1% of the run)
  bool stopOnSignals = false;       // SIGINT and SIGTERM end the run the same way (a second one kills)
  // Notes for the user ("faults are not modelled on the OS backend"); default: stderr.
  std::function<void(const std::string&)> note;
  // Kernel backend: told the prefix of the run's namespace names ("netbed-ID-"; empty when they
  // are unnamed) once they exist, before any application starts.
  std::function<void(const std::string& namespacePrefix)> onKernelNamespaces;
};

// A SystemC NIC's counters at the end of the run (summary.json "nics").
struct NicSummary {
  std::string node;
  std::uint32_t device; // counted from 0 without the loopback, as the pcap files
  std::string model;
  std::uint64_t txFrames, rxFrames, txBytes, rxBytes;
  std::map<std::string, std::uint64_t> drops; // by cause
  std::uint32_t peakBytes;                    // spi-ethernet: its packet buffer; else the fuller of its queues
  std::map<std::string, std::uint64_t> mac;   // radio: the 802.15.4 MAC's counters (model/nic.h NicStats)
};

struct RunResult {
  std::string backend;          // "sim", "os", "kernel"
  std::int64_t simulatedNs = 0; // OS backend: wall time of the run
  double wallSeconds = 0;
  std::uint64_t events = 0; // simulator events (OS backend: net events)
  std::uint64_t traceLines = 0;
  std::string traceHash;
  bool passed = true;
  std::string stopped; // empty: the run ended by itself; else why it was stopped early
  std::vector<ExpectationResult> expectations;
  Observed observed;
  std::vector<std::string> pcapFiles; // relative to outDir
  std::string netanimFile;            // relative to outDir; empty: none
  std::vector<NicSummary> nics;
};

// Throws std::runtime_error when the run cannot be set up (a NIC model not available, an
// unwritable directory, the kernel backend without root); nothing has run then.
RunResult runScenario(const Scenario& scenario, const RunOptions& options);

// summary.json, metrics.csv is written during the run, topology.json: see scenarios/OUTPUTS.md.
void writeSummary(const Scenario& s, const RunOptions& options, const RunResult& r, const std::string& path);
void writeTopology(const Scenario& s, const std::string& path);

// The scenario's network in `world`, as runScenario builds it: every node in the file's order
// (each with its group's NIC), then every link, then every segment. The nodes, in that order.
std::vector<sim::Node*> buildNetwork(sim::World& world, const Scenario& s);

} // namespace sim::scenario
