// A typed reader of one YAML document: every value it reads names its place (file:line:column,
// or the --set that gave it) and its dotted key, and a value that is not what was expected is
// a ScenarioError saying what was expected and what was found. Internal to the loader.
//   quickstart.yaml:12:56: network.links.0.delay: expected a duration >= 0 such as 5ms, ..., found '-5ms'
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/scenario_error.h"

namespace sim::scenario {

// "a, b, c"
std::string join(const std::vector<std::string>& words);
// a followed by b
std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b);

class YamlReader {
public:
  // `origins` maps each dotted key set by --set to the override that set it (applyOverrides).
  YamlReader(std::string file, std::map<std::string, std::string> origins)
      : file_(std::move(file)), origins_(std::move(origins)) {}

  const std::string& file() const { return file_; }

  // Where the value at `path` came from: the --set that set it (or a key below it), else
  // the node's place in the file.
  Location at(const YAML::Node& n, const std::string& path) const;
  [[noreturn]] void fail(const YAML::Node& n, const std::string& path, const std::string& expected,
                         const std::string& what) const;
  // A value as an error message quotes it: whole up to 60 characters, else its start and
  // its length (a 5 MB line stays a readable message); "a mapping", "nothing", ...
  static std::string found(const YAML::Node& n);
  static std::string child(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  // Every key of `map` plain, once and in `allowed`; an unknown key comes with the nearest.
  void checkKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed) const;

  // --- scalars ----------------------------------------------------------------------------
  std::string text(const YAML::Node& n, const std::string& path) const;
  std::int64_t integer(const YAML::Node& n, const std::string& path, double min, double max) const;
  std::int64_t duration(const YAML::Node& n, const std::string& path, std::int64_t min = 0) const; // ns
  std::int64_t bandwidth(const YAML::Node& n, const std::string& path) const;                      // bit/s, > 0
  double probability(const YAML::Node& n, const std::string& path) const;
  // A plain number, or a duration (ns) or a size (bytes); `unitHint` completes "a number".
  double number(const YAML::Node& n, const std::string& path, const std::string& unitHint) const;
  // A name or a list of names, as written.
  std::vector<std::string> names(const YAML::Node& n, const std::string& path) const;

  // A section that may be one mapping or a list of them: fn(mapping, its path) for each.
  template <class Fn> void each(const YAML::Node& n, const std::string& path, const char* what, Fn fn) const {
    if (n.IsMap()) {
      fn(n, path);
      return;
    }
    eachOfList(n, path, std::string("a list of ") + what, std::string("a mapping: ") + what, fn);
  }

  // A list of mappings: fn(mapping, its path) for each; `list` and `item` are what the message
  // expects where the section or one of its items is something else.
  template <class Fn>
  void eachOfList(const YAML::Node& n, const std::string& path, const std::string& list, const std::string& item,
                  Fn fn) const {
    if (!n.IsSequence())
      fail(n, path, list, found(n));
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string p = child(path, std::to_string(i));
      if (!n[i].IsMap())
        fail(n[i], p, item, found(n[i]));
      fn(n[i], p);
    }
  }

private:
  std::string file_;
  std::map<std::string, std::string> origins_;
};

} // namespace sim::scenario
