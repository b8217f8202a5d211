// netbed cleanup: what kernel-backend runs left when they could not clean up (SIGKILL).
#include <cstdio>

#include "sim/cli/commands.h"
#include "sim/kernel/probe.h"
#include "sim/kernel/run_claim.h"

namespace sim::cli {

int cleanup() {
  if (!kernel::probe().netAdmin) {
    std::fprintf(stderr, "netbed cleanup: %s\n", kernel::capabilityHint().c_str());
    return kUsage;
  }
  kernel::Cleanup c = kernel::cleanupDeadRuns();
  for (const auto& ns : c.namespaces)
    std::printf("removed %s\n", ns.c_str());
  std::printf("%zu dead run%s, %zu namespace%s removed\n", c.runs.size(), c.runs.size() == 1 ? "" : "s",
              c.namespaces.size(), c.namespaces.size() == 1 ? "" : "s");
  return kOk;
}

} // namespace sim::cli
