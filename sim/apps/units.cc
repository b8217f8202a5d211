#include "sim/apps/units.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace sim::apps::units {

namespace {

// Splits "12.5ms" into 12.5 and "ms". False when there is no number in front.
bool split(std::string_view text, double& number, std::string_view& unit) {
  std::string s(text);
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0])))
    return false;
  char* end = nullptr;
  number = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(number))
    return false;
  unit = text.substr(static_cast<std::size_t>(end - s.c_str()));
  return true;
}

bool scaled(double number, double factor, std::int64_t& out) {
  double v = std::round(number * factor);
  if (!(std::fabs(v) < 9.2e18))
    return false;
  out = static_cast<std::int64_t>(v);
  return true;
}

struct Unit {
  std::string_view name;
  double factor;
};

// A number and one of `units` (its name, exactly), scaled to an integer; `whole`: the scaled
// value must have no fraction (a byte count).
template <std::size_t N>
bool parseWithUnit(std::string_view text, const Unit (&units)[N], std::int64_t& out, bool whole) {
  double n;
  std::string_view unit;
  if (!split(text, n, unit))
    return false;
  for (const auto& u : units)
    if (unit == u.name)
      return scaled(n, u.factor, out) && (!whole || std::floor(n * u.factor) == n * u.factor);
  return false;
}

} // namespace

bool parseDuration(std::string_view text, std::int64_t& ns) {
  static constexpr Unit units[] = {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"min", 60e9}, {"h", 3600e9}};
  double n;
  std::string_view unit;
  if (split(text, n, unit) && unit.empty())
    return n == 0 && scaled(0, 1, ns); // a bare number is ambiguous, except zero
  return parseWithUnit(text, units, ns, false);
}

bool parseBandwidth(std::string_view text, std::int64_t& bps) {
  static constexpr Unit units[] = {{"", 1}, {"bps", 1}, {"kbps", 1e3}, {"Mbps", 1e6}, {"Gbps", 1e9}};
  return parseWithUnit(text, units, bps, false);
}

bool parseBytes(std::string_view text, std::int64_t& bytes) {
  static constexpr Unit units[] = {{"", 1},     {"B", 1},           {"kB", 1e3}, {"KiB", 1024.0},
                                   {"MB", 1e6}, {"MiB", 1048576.0}, {"GB", 1e9}, {"GiB", 1073741824.0}};
  return parseWithUnit(text, units, bytes, true);
}

bool parseNumber(std::string_view text, double& value) {
  std::string_view unit;
  if (!split(text, value, unit))
    return false;
  if (unit == "%") {
    value /= 100;
    return true;
  }
  return unit.empty();
}

bool parseInteger(std::string_view text, std::int64_t& value) {
  if (text.empty())
    return false;
  std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i == text.size())
    return false;
  std::int64_t v = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c < '0' || c > '9')
      return false;
    if (v > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10)
      return false;
    v = v * 10 + (c - '0');
  }
  value = text[0] == '-' ? -v : v;
  return true;
}

std::string formatDuration(std::int64_t ns) {
  static const struct {
    const char* name;
    std::int64_t factor;
  } table[] = {{"h", 3'600'000'000'000}, {"min", 60'000'000'000}, {"s", 1'000'000'000},
               {"ms", 1'000'000},        {"us", 1'000},           {"ns", 1}};
  if (ns == 0)
    return "0s";
  for (const auto& u : table)
    if (ns % u.factor == 0)
      return std::to_string(ns / u.factor) + u.name;
  return std::to_string(ns) + "ns";
}

} // namespace sim::apps::units
