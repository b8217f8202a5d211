// libFuzzer target for the scenario loader: any input gives a Scenario or a ScenarioError,
// never a crash, a hang or another exception. Lines "#set KEY=VALUE" (YAML comments) add
// --set overrides, so overrides are fuzzed too. Build and run: tests/scenario/fuzz.sh SECONDS.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> sets;
  for (std::size_t at = text.find("#set "); at != std::string::npos; at = text.find("#set ", at + 1)) {
    auto end = text.find('\n', at);
    sets.push_back(text.substr(at + 5, end == std::string::npos ? std::string::npos : end - at - 5));
  }
  try {
    sim::scenario::parseScenario(text, "fuzz.yaml", sets);
  } catch (const sim::scenario::ScenarioError&) {
  }
  return 0;
}
