// The one error type of scenario files and overrides: where, which key, what was expected,
// what was found.
//   quickstart.yaml:12:14: nodes.sensor.count: expected an integer >= 1, found '-3'
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace sim::scenario {

class ScenarioError : public std::runtime_error {
public:
  ScenarioError(Location where, std::string key, std::string problem);
  const Location& where() const { return where_; }
  const std::string& key() const { return key_; }
  const std::string& problem() const { return problem_; }

private:
  Location where_;
  std::string key_, problem_;
};

// `value` as an error message quotes it: whole when short, else its first `max` bytes (never
// half a UTF-8 character) and its length, so that a 5 MB value cannot bury the message.
//   'abc'   'xxxx...' (5000000 characters)
std::string quote(const std::string& value, std::size_t max = 60);

// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

} // namespace sim::scenario
