#include <cmath>
#include <stdexcept>

#include "sim/apps/app.h"
#include "sim/apps/units.h"

namespace sim::apps {

const char* typeName(ParamType type) {
  switch (type) {
  case ParamType::Integer: return "integer";
  case ParamType::Number: return "number";
  case ParamType::Duration: return "duration";
  case ParamType::Bytes: return "size";
  case ParamType::String: return "string";
  case ParamType::Host: return "host";
  case ParamType::Boolean: return "boolean";
  case ParamType::File: return "file";
  case ParamType::List: return "list";
  }
  return "?";
}

namespace {

std::string bound(double v, ParamType type) {
  if (type == ParamType::Duration)
    return units::formatDuration(static_cast<std::int64_t>(v));
  if (type == ParamType::Number)
    return std::to_string(v).substr(0, std::to_string(v).find_last_not_of('0') + 1);
  return std::to_string(static_cast<std::int64_t>(v));
}

std::string range(const ParamSpec& s) {
  bool hasMax = s.max < 9e18;
  if (hasMax)
    return " within [" + bound(s.min, s.type) + ", " + bound(s.max, s.type) + "]";
  return " >= " + bound(s.min, s.type);
}

} // namespace

bool parseParam(const ParamSpec& spec, const std::string& text, ParamValue& out, std::string& expected) {
  out = ParamValue{};
  out.text = text;
  bool ok = false;
  double v = 0;
  switch (spec.type) {
  case ParamType::Integer:
    expected = "an integer" + range(spec);
    ok = units::parseInteger(text, out.integer);
    v = static_cast<double>(out.integer);
    break;
  case ParamType::Number:
    expected = "a number" + range(spec);
    ok = units::parseNumber(text, out.number);
    v = out.number;
    break;
  case ParamType::Duration:
    expected = "a duration" + range(spec) + " such as 5ms";
    ok = units::parseDuration(text, out.integer);
    v = static_cast<double>(out.integer);
    break;
  case ParamType::Bytes:
    expected = "a size" + range(spec) + " such as 64B or 16KiB";
    ok = units::parseBytes(text, out.integer);
    v = static_cast<double>(out.integer);
    break;
  case ParamType::Boolean:
    expected = "true or false";
    out.boolean = text == "true";
    return text == "true" || text == "false";
  case ParamType::Host: expected = "a node name or an IPv4 address"; return !text.empty();
  case ParamType::File: expected = "a file's path (relative to the scenario file)"; return !text.empty();
  case ParamType::List:
    expected = "a list of strings";
    if (!text.empty())
      out.list.push_back(text);
    return true;
  case ParamType::String:
    if (spec.choices.empty()) {
      expected = "a string";
      return true;
    }
    expected = "one of";
    for (const auto& c : spec.choices)
      expected += (&c == &spec.choices.front() ? " " : ", ") + c;
    for (const auto& c : spec.choices)
      if (c == text)
        return true;
    return false;
  }
  return ok && v >= spec.min && v <= spec.max;
}

const ParamValue& Params::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end())
    throw std::logic_error("sim::apps::Params: no parameter '" + name + "' (not declared by the application?)");
  return it->second;
}

} // namespace sim::apps
