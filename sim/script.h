// IoT.js scripts on simulated nodes, for a program's own tests (net/js/README.md):
//
//   sim::World world;
//   world.link(world.node("sensor"), world.node("cloud"));
//   auto server = sim::runScript(world.node("cloud"), "collector.js");
//   auto client = sim::runScript(world.node("sensor"), "sensor.js", {"cloud", "7100"});
//   world.run(60s);
//   EXPECT_EQ(client->finish(), 0); // process 'exit': the script's own asserts
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "net/js/js.h"
#include "sim/world.h"

namespace sim {

// Starts `path` on the node as `iotjs path args...` would on the device: process.argv is
// [iotjs, path, args...], process.env holds NODE_NAME, Date counts simulated time from
// 2026-01-01T00:00:00Z and Math.random() draws from `seed` mixed with the node's name (every
// node its own, the same every run). `options` may set the output, compat and more (its
// args, env, epoch and seed are set here). Keep the script while the world runs; finish()
// gives its exit code.
std::unique_ptr<net::js::Script> runScript(Node& node, const std::string& path, std::vector<std::string> args = {},
                                           net::js::ScriptOptions options = {}, std::uint64_t seed = 1);

} // namespace sim
