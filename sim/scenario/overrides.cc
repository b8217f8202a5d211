#include "sim/scenario/overrides.h"

#include "sim/apps/units.h"
#include "sim/scenario/scenario_error.h"

namespace sim::scenario {

namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  while (true) {
    auto dot = path.find('.', start);
    out.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos)
      return out;
    start = dot + 1;
  }
}

} // namespace

std::map<std::string, std::string> applyOverrides(YAML::Node& root, const std::vector<std::string>& sets) {
  std::map<std::string, std::string> origins;
  for (const auto& set : sets) {
    Location where;
    where.set = set;
    auto eq = set.find('=');
    if (eq == std::string::npos || eq == 0)
      throw ScenarioError(where, "", "expected key=value (such as nodes.sensor.count=100), found no '='");
    std::string path = set.substr(0, eq), value = set.substr(eq + 1);
    auto keys = split(path);
    for (const auto& k : keys)
      if (k.empty())
        throw ScenarioError(where, path, "expected a dotted path such as network.links.0.loss, found an empty key");
    if (root.IsNull() || !root.IsDefined())
      root = YAML::Node(YAML::NodeType::Map);
    YAML::Node cur;
    cur.reset(root);
    std::string walked;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const std::string& k = keys[i];
      bool last = i + 1 == keys.size();
      walked += (walked.empty() ? "" : ".") + k;
      if (cur.IsSequence()) {
        std::int64_t index = -1;
        if (!apps::units::parseInteger(k, index) || index < 0 || static_cast<std::size_t>(index) >= cur.size())
          throw ScenarioError(where, walked,
                              "expected an index within [0, " + std::to_string(cur.size()) + ") into a list of " +
                                  std::to_string(cur.size()) + ", found " + quote(k));
        auto idx = static_cast<std::size_t>(index);
        if (last) {
          if (cur[idx].IsMap() || cur[idx].IsSequence())
            throw ScenarioError(where, walked,
                                "expected a scalar to replace, found a " +
                                    std::string(cur[idx].IsMap() ? "mapping" : "sequence"));
          cur[idx] = value;
        } else {
          YAML::Node next = cur[idx];
          cur.reset(next);
        }
        continue;
      }
      if (cur.IsScalar())
        throw ScenarioError(where, walked,
                            "expected a mapping or a list to descend into, found the scalar " + quote(cur.Scalar()));
      if (cur.IsNull())
        cur = YAML::Node(YAML::NodeType::Map); // an empty section (nodes.gateway:) takes keys
      if (last) {
        YAML::Node target = cur[k];
        if (target.IsDefined() && (target.IsMap() || target.IsSequence()))
          throw ScenarioError(where, walked,
                              "expected a scalar to replace, found a " +
                                  std::string(target.IsMap() ? "mapping" : "sequence"));
        cur[k] = value;
      } else {
        if (!cur[k].IsDefined() || cur[k].IsNull())
          cur[k] = YAML::Node(YAML::NodeType::Map);
        YAML::Node next = cur[k];
        cur.reset(next);
      }
    }
    origins[path] = set;
  }
  return origins;
}

} // namespace sim::scenario
