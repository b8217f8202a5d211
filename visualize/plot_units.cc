#include "visualize/plot_units.h"

#include <cmath>
#include <cstdio>

namespace visualize {

std::vector<double> niceTicks(double lo, double hi, std::size_t count) {
  if (!(hi > lo)) {
    double pad = lo == 0 ? 1 : std::fabs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  double raw = (hi - lo) / static_cast<double>(count < 2 ? 1 : count - 1);
  double scale = std::pow(10, std::floor(std::log10(raw)));
  double step = scale;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * scale >= raw) {
      step = m * scale;
      break;
    }
  std::vector<double> ticks;
  for (double v = std::floor(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
  if (ticks.front() > lo + step * 1e-9)
    ticks.insert(ticks.begin(), ticks.front() - step);
  if (ticks.back() < hi - step * 1e-9)
    ticks.push_back(ticks.back() + step);
  return ticks;
}

DisplayUnit unitFor(const std::string& name, double magnitude) {
  bool ns = name.size() > 2 && name.compare(name.size() - 2, 2, "Ns") == 0;
  if (!ns)
    return {};
  if (magnitude >= 1e9)
    return {"s", 1e9};
  if (magnitude >= 1e6)
    return {"ms", 1e6};
  if (magnitude >= 1e3)
    return {"\xC2\xB5s", 1e3};
  return {"ns", 1};
}

std::string formatNumber(double v) {
  if (std::isnan(v))
    return "-";
  const char* suffix = "";
  double a = std::fabs(v);
  if (a >= 1e9) {
    v /= 1e9;
    suffix = "G";
  } else if (a >= 1e6) {
    v /= 1e6;
    suffix = "M";
  } else if (a >= 1e4) {
    v /= 1e3;
    suffix = "k";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  std::string s = buf;
  return s + suffix;
}

} // namespace visualize
