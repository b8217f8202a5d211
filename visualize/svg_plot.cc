#include "visualize/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "visualize/plot_units.h"

namespace visualize {

namespace {

constexpr double kWidth = 680, kHeight = 420;
constexpr double kLeft = 76, kRight = 190, kTop = 48, kBottom = 58;
constexpr const char* kFont = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0')
    s.pop_back();
  if (s.back() == '.')
    s.pop_back();
  return s == "-0" ? "0" : s;
}

} // namespace

const char* seriesColour(std::size_t i) {
  static const char* palette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
                                  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  return palette[i % 10];
}

std::string xmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string renderSweepSvg(const SweepPlot& plot) {
  // Value range over mean +- stddev of every point; the unit from the largest magnitude.
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  double xlo = lo, xhi = -lo;
  std::size_t maxN = 0, minN = std::numeric_limits<std::size_t>::max();
  std::vector<std::string> categories;
  for (const SweepSeries& s : plot.series)
    for (const SweepPoint& p : s.points) {
      if (!plot.numericX && std::find(categories.begin(), categories.end(), p.x) == categories.end())
        categories.push_back(p.x);
      if (p.n == 0)
        continue;
      lo = std::min(lo, p.mean - p.stddev);
      hi = std::max(hi, p.mean + p.stddev);
      xlo = std::min(xlo, p.xNumber);
      xhi = std::max(xhi, p.xNumber);
      maxN = std::max(maxN, p.n);
      minN = std::min(minN, p.n);
    }
  if (!std::isfinite(lo)) {
    lo = 0;
    hi = 1;
    xlo = 0;
    xhi = 1;
    minN = 0;
  }
  DisplayUnit unit = unitFor(plot.metric, std::max(std::fabs(lo), std::fabs(hi)));
  lo /= unit.divisor;
  hi /= unit.divisor;
  if (lo > 0 && lo < hi * 0.5)
    lo = 0; // counts and rates read best from zero
  std::vector<double> yTicks = niceTicks(lo, hi, 6);
  double y0 = yTicks.front(), y1 = yTicks.back();
  bool logX = plot.numericX && xlo > 0 && xhi / xlo >= 100;
  auto xPos = [&](const SweepPoint& p) {
    double w = kWidth - kLeft - kRight;
    if (!plot.numericX) {
      auto i = static_cast<double>(std::find(categories.begin(), categories.end(), p.x) - categories.begin());
      return kLeft + w * (i + 0.5) / static_cast<double>(categories.size());
    }
    if (xhi == xlo)
      return kLeft + w / 2;
    double f = logX ? (std::log10(p.xNumber) - std::log10(xlo)) / (std::log10(xhi) - std::log10(xlo))
                    : (p.xNumber - xlo) / (xhi - xlo);
    return kLeft + w * (0.04 + 0.92 * f);
  };
  auto yPos = [&](double raw) {
    double v = raw / unit.divisor;
    return kHeight - kBottom - (kHeight - kTop - kBottom) * (v - y0) / (y1 - y0);
  };

  std::string o;
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sweep-plot\" width=\"" + fmt(kWidth) + "\" height=\"" +
       fmt(kHeight) + "\" viewBox=\"0 0 " + fmt(kWidth) + " " + fmt(kHeight) + "\" font-family=\"" + kFont +
       "\" font-size=\"12\" fill=\"#1f2933\">\n";
  o += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  o += "<text x=\"" + fmt(kLeft) + "\" y=\"22\" font-size=\"15\" font-weight=\"600\">" +
       xmlEscape(plot.metric + " vs " + plot.param) + "</text>\n";
  std::string runs = minN == maxN ? std::to_string(maxN) : std::to_string(minN) + "-" + std::to_string(maxN);
  o += "<text x=\"" + fmt(kLeft) +
       "\" y=\"38\" font-size=\"11\" fill=\"#52606d\">mean \xC2\xB1 1 standard deviation over " + runs + " run" +
       (maxN == 1 ? "" : "s") + " per point</text>\n";
  // Grid and y axis.
  o += "<g class=\"y-axis\" font-size=\"11\" text-anchor=\"end\">\n";
  for (double v : yTicks) {
    double y = kHeight - kBottom - (kHeight - kTop - kBottom) * (v - y0) / (y1 - y0);
    o += "<line x1=\"" + fmt(kLeft) + "\" x2=\"" + fmt(kWidth - kRight) + "\" y1=\"" + fmt(y) + "\" y2=\"" + fmt(y) +
         "\" stroke=\"#e4e7eb\"/>";
    o += "<text x=\"" + fmt(kLeft - 8) + "\" y=\"" + fmt(y + 4) + "\">" + xmlEscape(formatNumber(v)) + "</text>\n";
  }
  o += "</g>\n";
  std::string yLabel = plot.metric + (unit.label.empty() ? "" : " (" + unit.label + ")");
  double midY = (kTop + kHeight - kBottom) / 2;
  o += "<text transform=\"translate(18 " + fmt(midY) + ") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">" +
       xmlEscape(yLabel) + "</text>\n";
  // X axis.
  o += "<g class=\"x-axis\" font-size=\"11\" text-anchor=\"middle\">\n";
  o += "<line x1=\"" + fmt(kLeft) + "\" x2=\"" + fmt(kWidth - kRight) + "\" y1=\"" + fmt(kHeight - kBottom) +
       "\" y2=\"" + fmt(kHeight - kBottom) + "\" stroke=\"#7b8794\"/>\n";
  std::vector<SweepPoint> xTicks;
  if (!plot.numericX) {
    for (const std::string& c : categories) {
      SweepPoint p;
      p.x = c;
      xTicks.push_back(p);
    }
  } else {
    std::vector<double> seen;
    for (const SweepSeries& s : plot.series)
      for (const SweepPoint& p : s.points)
        if (std::find(seen.begin(), seen.end(), p.xNumber) == seen.end()) {
          seen.push_back(p.xNumber);
          xTicks.push_back(p);
        }
  }
  for (const SweepPoint& p : xTicks) {
    double x = xPos(p);
    o += "<line x1=\"" + fmt(x) + "\" x2=\"" + fmt(x) + "\" y1=\"" + fmt(kHeight - kBottom) + "\" y2=\"" +
         fmt(kHeight - kBottom + 5) + "\" stroke=\"#7b8794\"/>";
    o += "<text x=\"" + fmt(x) + "\" y=\"" + fmt(kHeight - kBottom + 18) + "\">" + xmlEscape(p.x) + "</text>\n";
  }
  o += "</g>\n";
  o += "<text x=\"" + fmt((kLeft + kWidth - kRight) / 2) + "\" y=\"" + fmt(kHeight - 14) +
       "\" text-anchor=\"middle\" font-size=\"12\">" + xmlEscape(plot.param + (logX ? " (log scale)" : "")) +
       "</text>\n";
  // Series: line through the means, error bars, points with exact values as tooltips.
  for (std::size_t s = 0; s < plot.series.size(); ++s) {
    const SweepSeries& series = plot.series[s];
    const char* colour = seriesColour(s);
    o += "<g class=\"series\" stroke=\"" + std::string(colour) + "\" fill=\"" + colour + "\">\n";
    std::string line, bars;
    for (const SweepPoint& p : series.points) {
      if (p.n == 0)
        continue;
      double x = xPos(p), y = yPos(p.mean);
      line += (line.empty() ? "M" : " L") + fmt(x) + " " + fmt(y);
      if (p.stddev > 0) {
        double ya = yPos(p.mean - p.stddev), yb = yPos(p.mean + p.stddev);
        bars += "M" + fmt(x) + " " + fmt(ya) + " V" + fmt(yb) + " M" + fmt(x - 4) + " " + fmt(ya) + " H" + fmt(x + 4) +
                " M" + fmt(x - 4) + " " + fmt(yb) + " H" + fmt(x + 4) + " ";
      }
    }
    if (!line.empty())
      o += "<path class=\"mean\" d=\"" + line + "\" fill=\"none\" stroke-width=\"2\"/>\n";
    if (!bars.empty())
      o += "<path class=\"error-bars\" d=\"" + bars + "\" fill=\"none\" stroke-width=\"1.2\"/>\n";
    for (const SweepPoint& p : series.points) {
      if (p.n == 0)
        continue;
      char tip[256];
      std::snprintf(tip, sizeof tip, "%s=%s: mean %.6g, sd %.6g, min %.6g, max %.6g, n %zu", plot.param.c_str(),
                    p.x.c_str(), p.mean, p.stddev, p.min, p.max, p.n);
      o += "<circle cx=\"" + fmt(xPos(p)) + "\" cy=\"" + fmt(yPos(p.mean)) + "\" r=\"3.5\"><title>" +
           xmlEscape(series.label + ": " + tip) + "</title></circle>\n";
    }
    o += "</g>\n";
  }
  // Legend.
  o += "<g class=\"legend\" font-size=\"11\">\n";
  for (std::size_t s = 0; s < plot.series.size() && s < 16; ++s) {
    double y = kTop + 8 + 18 * static_cast<double>(s);
    double x = kWidth - kRight + 16;
    std::string label = plot.series[s].label;
    if (label.size() > 26)
      label = label.substr(0, 25) + "\xE2\x80\xA6";
    o += "<line x1=\"" + fmt(x) + "\" x2=\"" + fmt(x + 18) + "\" y1=\"" + fmt(y) + "\" y2=\"" + fmt(y) +
         "\" stroke=\"" + seriesColour(s) + "\" stroke-width=\"2\"/>";
    o += "<text x=\"" + fmt(x + 24) + "\" y=\"" + fmt(y + 4) + "\">" + xmlEscape(label) + "</text>\n";
  }
  if (plot.series.size() > 16)
    o += "<text x=\"" + fmt(kWidth - kRight + 16) + "\" y=\"" + fmt(kTop + 8 + 18 * 16) + "\">+" +
         std::to_string(plot.series.size() - 16) + " more</text>\n";
  o += "</g>\n</svg>\n";
  return o;
}

} // namespace visualize
