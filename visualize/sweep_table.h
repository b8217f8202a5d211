// A sweep's results.csv (scenarios/OUTPUTS.md): one row per run, the swept parameters first,
// then "seed", "repeat", "passed" and every number of the run's summary. Each metric is aggregated
// per value of each parameter, one series per combination of the other parameters.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace visualize {

struct SweepTable {
  std::string file;
  std::vector<std::string> params;                   // the columns before "seed"
  std::vector<std::string> metrics;                  // numeric columns after them ("passed" as 0/1)
  std::vector<std::string> skipped;                  // columns that are not numbers
  std::vector<std::vector<std::string>> paramValues; // [row][param]
  std::vector<std::vector<double>> values;           // [row][metric]; NaN for an empty cell
  std::size_t rows() const { return values.size(); }
};

// Throws InputError "file:line: ..." (no "seed" column, a row with the wrong number of fields).
SweepTable parseSweep(std::istream& in, const std::string& file);
SweepTable readSweep(const std::string& path);

// True when every run has the same value (a plot of it says nothing).
bool isConstant(const SweepTable& t, std::size_t metric);

struct SweepPoint {
  std::string x;                                 // the parameter's value as written
  double xNumber = 0;                            // and as a number, when numericX
  std::size_t n = 0;                             // runs with a value
  double mean = 0, stddev = 0, min = 0, max = 0; // stddev: sample (n - 1), 0 for one run
};
struct SweepSeries {
  std::string label;              // "loss=0.1, clients=10", or the metric's name when there is one parameter
  std::vector<SweepPoint> points; // by x
};
struct SweepPlot {
  std::string metric, param;
  bool numericX = true;
  std::vector<SweepSeries> series;
};

SweepPlot aggregate(const SweepTable& t, std::size_t metric, std::size_t param);

} // namespace visualize
