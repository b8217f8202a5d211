// The other files of a run's directory (scenarios/OUTPUTS.md): summary.json, topology.json and
// metrics.csv. Each is optional; when present it must be well formed.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace visualize {

// DIR/name: a file of a run's or a sweep's directory.
std::string fileIn(const std::string& dir, const std::string& name);

// The parsed file, or nothing when it does not exist. Throws InputError "file:line:column: ..." on
// a syntax error.
std::optional<nlohmann::json> readJsonFile(const std::string& path);

struct Topology {
  struct Node {
    std::string name, group, nic;
  };
  struct Link {
    std::string a, b, kind;
    double bandwidth = 0; // bit/s
    std::int64_t delayNs = 0;
    double loss = 0;
  };
  struct Segment {
    std::string name;
    std::vector<std::string> members;
    double bandwidth = 0;
    std::int64_t delayNs = 0;
    double loss = 0;
  };
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Segment> segments;
};

// Throws InputError naming the file and the offending key ("topology.json: nodes[3].name: ...").
Topology parseTopology(const nlohmann::json& j, const std::string& file);

// Checks the keys of summary.json the report reads; throws InputError naming the key.
void checkSummary(const nlohmann::json& j, const std::string& file);

// metrics.csv as columns; node, app and metric names interned in order of first appearance.
struct Metrics {
  std::vector<std::string> nodes, apps, names;
  std::vector<std::int64_t> t;
  std::vector<std::int32_t> node, app, metric;
  std::vector<double> value;
  std::size_t size() const { return t.size(); }
};

// Header "tNs,node,app,metric,value" (columns in any order). Throws InputError "file:line: ...".
Metrics parseMetrics(std::istream& in, const std::string& file);
std::optional<Metrics> readMetrics(const std::string& path);

} // namespace visualize
