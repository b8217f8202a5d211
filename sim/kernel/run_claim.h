// Every run of the kernel world has an id (6 hex digits) carried by everything it makes:
// namespaces netbed-ID-NODE (and netbed-ID~segments for the bridges), interfaces nbIDi0...,
// nftables tables netbed_ID. While the run is alive it holds an flock on
// /run/netbed/ID.lock; a run that died without cleaning up (SIGKILL, a second SIGINT) left
// the lock free, and `netbed cleanup` removes what carries its id. Only names of that form
// are ever touched: nothing of the host's.
#pragma once

#include <string>
#include <vector>

#include "sim/kernel/netns.h"

namespace sim::kernel {

class RunClaim {
public:
  // A fresh id, locked. Without a writable /run the claim has no lock (named() is false):
  // the run then makes its namespaces without names, and they end with the process.
  RunClaim();
  ~RunClaim();
  RunClaim(const RunClaim&) = delete;
  RunClaim& operator=(const RunClaim&) = delete;
  const std::string& id() const { return id_; }
  bool named() const { return static_cast<bool>(lock_); }

private:
  std::string id_;
  Fd lock_;
};

// "netbed-"; a run's namespaces are netbed-ID-NODE and netbed-ID~segments.
constexpr const char* kNamespacePrefix = "netbed-";

struct Cleanup {
  std::vector<std::string> runs;       // the ids of dead runs
  std::vector<std::string> namespaces; // the namespaces removed
};

// Removes the namespaces (and with them their interfaces, qdiscs and rules) of every run whose
// lock is free, and their lock files. A live run is left alone.
Cleanup cleanupDeadRuns();

} // namespace sim::kernel
