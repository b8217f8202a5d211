#include "sim/scenario/scenario_error.h"

#include <algorithm>
#include <cctype>

namespace sim::scenario {

std::string quote(const std::string& value, std::size_t max) {
  if (value.size() <= max)
    return "'" + value + "'";
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
    --cut; // value[cut] continues a character: cut before that character
  return "'" + value.substr(0, cut) + "...' (" + std::to_string(value.size()) + " characters)";
}

namespace {

std::string compose(const Location& where, const std::string& key, const std::string& problem) {
  std::string out = where.str();
  if (!key.empty())
    out += (out.empty() ? "" : ": ") + (key.size() > 120 ? quote(key, 120) : key);
  return out + (out.empty() ? "" : ": ") + problem;
}

// Levenshtein distance, case-insensitive.
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

} // namespace

std::string Location::str() const {
  if (!set.empty()) {
    auto eq = set.find('=');
    std::string key = set.substr(0, eq);
    if (key.size() > 80)
      return "--set " + quote(key, 80) + (eq == std::string::npos ? "" : "=...");
    return "--set " + key +
           (eq == std::string::npos
                ? ""
                : "=" + (set.size() - eq - 1 > 80 ? quote(set.substr(eq + 1), 80) : set.substr(eq + 1)));
  }
  if (line == 0)
    return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

ScenarioError::ScenarioError(Location where, std::string key, std::string problem)
    : std::runtime_error(compose(where, key, problem)), where_(std::move(where)), key_(std::move(key)),
      problem_(std::move(problem)) {}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::size_t d = distance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

} // namespace sim::scenario
