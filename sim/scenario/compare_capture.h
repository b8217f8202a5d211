// netbed compare's pcap files of a kernel-backend run, which writes none itself: a packet socket
// (AF_PACKET, every interface) in each node's network namespace, opened as soon as the run has made
// its namespaces and again in the fresh namespace a reboot makes; one file per node,
// DIR/pcap/NODE-0.pcap (Ethernet, microseconds), read by sim::check like the simulator's.
// A packet is captured where it leaves its sender's device and where it reaches the receiver's,
// before the receiver's delay line holds or drops it: the counts of what each side sent hold,
// arrival times in the receiver's view do not.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace sim::scenario {

class KernelCapture {
public:
  // `nodes`: the scenario's node names; files go to outDir/pcap/.
  KernelCapture(std::vector<std::string> nodes, std::string outDir);
  ~KernelCapture();
  KernelCapture(const KernelCapture&) = delete;
  KernelCapture& operator=(const KernelCapture&) = delete;

  // Starts capturing in the namespaces prefix + NODE (RunOptions::onKernelNamespaces). False
  // when there is nothing to capture (the namespaces are unnamed, or it could not enter
  // them; `why` says so).
  bool start(const std::string& prefix, std::string& why);
  // Stops, flushes and closes the files; the pcap files written (relative to outDir, sorted).
  std::vector<std::string> finish();

private:
  struct State;
  std::unique_ptr<State> s_;
};

} // namespace sim::scenario
