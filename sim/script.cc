#include "sim/script.h"

namespace sim {

std::unique_ptr<net::js::Script> runScript(Node& node, const std::string& path, std::vector<std::string> args,
                                           net::js::ScriptOptions options, std::uint64_t seed) {
  options.args = std::move(args);
  options.env = {{"NODE_NAME", node.name()}, {"NETBED_BACKEND", "sim"}};
  options.epochMs = 1767225600000.0; // 2026-01-01T00:00:00Z, as the js scenario app
  std::uint64_t h = 0xcbf29ce484222325ull ^ seed;
  for (unsigned char c : node.name()) // FNV-1a: a stable stream per node name
    h = (h ^ c) * 0x100000001b3ull;
  options.randomSeed = h;
  auto script = std::make_unique<net::js::Script>(node.net(), std::move(options));
  script->start(path);
  return script;
}

} // namespace sim
