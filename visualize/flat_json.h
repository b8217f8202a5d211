// One JSON object per line, read without building a tree: the trace's lines are flat objects of
// scalars, and a 10,000-device trace has millions of them. Nested values are skipped, not refused,
// so fields added later do not break old reports.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace visualize {

struct FlatValue {
  enum class Type { String, Integer, Number, Bool, Null, Nested };
  Type type = Type::Null;
  std::string text;         // String: the decoded text; otherwise the value as written
  std::int64_t integer = 0; // Integer
  double number = 0;        // Integer and Number
};

// A syntax error at a 1-based column of the line.
class FlatJsonError : public std::runtime_error {
public:
  FlatJsonError(std::size_t column, const std::string& what) : std::runtime_error(what), column_(column) {}
  std::size_t column() const { return column_; }

private:
  std::size_t column_;
};

class FlatObject {
public:
  // Replaces the fields with those of `line`, a JSON object. Throws FlatJsonError.
  void parse(std::string_view line);
  // The value of `key`, or null when absent.
  const FlatValue* find(std::string_view key) const;
  std::size_t size() const { return used_; }

private:
  struct Field {
    std::string key;
    FlatValue value;
  };
  Field& next();
  std::vector<Field> fields_; // reused from line to line: no allocation per line once warm
  std::size_t used_ = 0;
};

// "0.5", "abc" and "{...}" as a short quote of the value for error messages.
std::string describe(const FlatValue& v);

} // namespace visualize
