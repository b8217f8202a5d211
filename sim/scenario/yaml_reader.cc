// The typed YAML reader of the scenario loader: places, key checks and scalars with units.
#include "sim/scenario/yaml_reader.h"

#include <algorithm>
#include <set>

#include "sim/apps/units.h"

namespace sim::scenario {

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words)
    out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Location YamlReader::at(const YAML::Node& n, const std::string& path) const {
  Location l;
  l.file = file_;
  for (std::string p = path;; p = p.substr(0, p.find_last_of('.'))) {
    auto it = origins_.find(p);
    if (it != origins_.end() && (p == path || path.compare(0, p.size() + 1, p + ".") == 0)) {
      l.set = it->second;
      return l;
    }
    if (p.find('.') == std::string::npos)
      break;
  }
  if (n.IsDefined() && n.Mark().line >= 0) {
    l.line = n.Mark().line + 1;
    l.column = n.Mark().column + 1;
    return l;
  }
  // Made by overrides of its keys (nodes.x.nic.model=...): name the first of them.
  auto child = origins_.lower_bound(path + ".");
  if (!path.empty() && child != origins_.end() && child->first.compare(0, path.size() + 1, path + ".") == 0)
    l.set = child->second;
  return l;
}

void YamlReader::fail(const YAML::Node& n, const std::string& path, const std::string& expected,
                      const std::string& what) const {
  throw ScenarioError(at(n, path), path, "expected " + expected + ", found " + what);
}

std::string YamlReader::found(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull())
    return "nothing";
  if (n.IsMap())
    return "a mapping";
  if (n.IsSequence())
    return "a sequence";
  return quote(n.Scalar());
}

void YamlReader::checkKeys(const YAML::Node& map, const std::string& path,
                           const std::vector<std::string>& allowed) const {
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar())
      fail(it->first, path, "a plain key", found(it->first));
    const std::string key = it->first.Scalar();
    if (!seen.insert(key).second)
      throw ScenarioError(at(it->first, child(path, key)), child(path, key), "duplicate key '" + key + "'");
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
      continue;
    std::string hint = nearest(key, allowed);
    throw ScenarioError(at(it->first, child(path, key)), child(path, key),
                        "unknown key '" + key + "'" + (hint.empty() ? "" : ", did you mean '" + hint + "'?") +
                            " (expected one of: " + join(allowed) + ")");
  }
}

std::string YamlReader::text(const YAML::Node& n, const std::string& path) const {
  if (!n.IsScalar())
    fail(n, path, "a string", found(n));
  return n.Scalar();
}

std::int64_t YamlReader::integer(const YAML::Node& n, const std::string& path, double min, double max) const {
  std::int64_t v = 0;
  std::string expected = "an integer >= " + std::to_string(static_cast<std::int64_t>(min));
  if (max < 9e18)
    expected = "an integer within [" + std::to_string(static_cast<std::int64_t>(min)) + ", " +
               std::to_string(static_cast<std::int64_t>(max)) + "]";
  if (!n.IsScalar() || !apps::units::parseInteger(n.Scalar(), v) || static_cast<double>(v) < min ||
      static_cast<double>(v) > max)
    fail(n, path, expected, found(n));
  return v;
}

std::int64_t YamlReader::duration(const YAML::Node& n, const std::string& path, std::int64_t min) const {
  std::int64_t v = 0;
  if (!n.IsScalar() || !apps::units::parseDuration(n.Scalar(), v) || v < min)
    fail(n, path, std::string("a duration ") + (min > 0 ? "> 0" : ">= 0") + " such as 5ms, 1.5s or 2min", found(n));
  return v;
}

std::int64_t YamlReader::bandwidth(const YAML::Node& n, const std::string& path) const {
  std::int64_t bps = 0;
  if (!n.IsScalar() || !apps::units::parseBandwidth(n.Scalar(), bps) || bps <= 0)
    fail(n, path, "a bandwidth > 0 such as 250kbps, 10Mbps or 1Gbps", found(n));
  return bps;
}

double YamlReader::probability(const YAML::Node& n, const std::string& path) const {
  double v = 0;
  if (!n.IsScalar() || !apps::units::parseNumber(n.Scalar(), v) || v < 0 || v > 1)
    fail(n, path, "a probability within [0, 1] (such as 0.05 or 5%)", found(n));
  return v;
}

double YamlReader::number(const YAML::Node& n, const std::string& path, const std::string& unitHint) const {
  double v = 0;
  std::int64_t i = 0;
  if (n.IsScalar()) {
    if (apps::units::parseNumber(n.Scalar(), v))
      return v;
    if (apps::units::parseDuration(n.Scalar(), i) || apps::units::parseBytes(n.Scalar(), i))
      return static_cast<double>(i);
  }
  fail(n, path, "a number" + unitHint, found(n));
}

std::vector<std::string> YamlReader::names(const YAML::Node& n, const std::string& path) const {
  std::vector<std::string> out;
  if (n.IsScalar())
    return {n.Scalar()};
  if (!n.IsSequence())
    fail(n, path, "a node name or a list of node names", found(n));
  for (std::size_t i = 0; i < n.size(); ++i)
    out.push_back(text(n[i], child(path, std::to_string(i))));
  return out;
}

} // namespace sim::scenario
