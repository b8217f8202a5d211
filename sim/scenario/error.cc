#include "sim/scenario/error.h"

#include <algorithm>
#include <cctype>

namespace netbed {

namespace {

std::string compose(const Location& where, const std::string& key, const std::string& problem) {
  std::string out = where.str();
  if (!key.empty())
    out += (out.empty() ? "" : ": ") + key;
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
  if (!set.empty())
    return "--set " + set;
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

} // namespace netbed
