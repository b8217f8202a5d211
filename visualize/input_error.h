// Bad input: the message names the file, the line when there is one, the key and what was expected.
#pragma once

#include <stdexcept>
#include <string>

namespace visualize {

class InputError : public std::runtime_error {
public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
  // "trace.jsonl:12: key "t": expected ..."
  InputError(const std::string& file, std::size_t line, const std::string& what)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + what) {}
};

} // namespace visualize
