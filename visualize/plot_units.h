// Numbers for people: axis ticks and values with units, shared by the SVG plots.
#pragma once

#include <string>
#include <vector>

namespace visualize {

// About `count` round tick values (1, 2 or 5 x 10^k apart) covering [lo, hi].
std::vector<double> niceTicks(double lo, double hi, std::size_t count);

// A metric's display unit from its name: "...Ns" -> a time unit picked for `magnitude` (the largest
// absolute value), with the factor that converts the raw value to it.
struct DisplayUnit {
  std::string label; // "ms", "" when the name says nothing
  double divisor = 1;
};
DisplayUnit unitFor(const std::string& name, double magnitude);

// Up to 4 significant digits, no trailing zeros, SI suffix k/M/G for large values: 1250 -> "1.25k".
std::string formatNumber(double v);

} // namespace visualize
