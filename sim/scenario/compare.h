// netbed compare: one scenario's runs on two backends, row by row (scenarios/README.md, "Comparing
// backends"). Builds the rows from two runs' results (and their pcap counts) without running
// anything, formats them as the command's table, and as compare.json (scenarios/OUTPUTS.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/runner.h"

namespace sim::scenario {

// TCP segments of a run's pcap files, both sides of every connection, each counted once from its
// sender's node (sim::check: the counts of `netbed check-pcap`).
struct TcpCounts {
  std::uint64_t connections = 0, segments = 0, dataSegments = 0, syns = 0, fins = 0, rsts = 0, retransmissions = 0;
};

// The counts of the pcap files under `dir` (a run's output folder); nothing when the run wrote
// none (`pcapFiles` empty: the backend writes none, or --pcap was not asked). Throws
// check::PcapError (a std::runtime_error) for an unreadable file.
std::optional<TcpCounts> readTcpCounts(const std::string& dir, const std::vector<std::string>& pcapFiles);

// One run as the comparison sees it.
struct CompareSide {
  std::string backend; // "sim", "os", "kernel"
  RunResult result;
  std::optional<TcpCounts> tcp;
};

// What a row holds, which says how its values, difference and ratio are written.
enum class RowUnit {
  Verdict,  // an expectation: held or not; the difference says whether both agree
  Count,    // a number: integral ones as integers, others with 3 decimals
  Latency,  // nanoseconds, written in ms with 3 decimals
  Time,     // nanoseconds since the start of the run, written in s with 6 decimals
  Fraction, // expectations held, "3/5"
};

struct CompareRow {
  std::string section; // "run", "expect", "metric", "latency", "error", "tcp", in this order
  std::string name;
  RowUnit unit = RowUnit::Count;
  std::optional<double> value[2]; // a missing value is nothing, never 0
  std::string text[2];            // as printed; "-" when missing
  std::string detail[2];          // expectations: what each run measured
  std::string diff;               // b - a ("+1.250 ms"), "same"/"differs" for expectations, "-" when a side is missing
  std::string ratio;              // b / a with 3 decimals; "-" when a side is missing or a is 0
};

// Every row, in a defined order: run (time, expectations held), each expectation in the file's
// order, each application's metrics (applications by name: instances, messages, bytes, then its
// counters by name), its latency percentiles (samples, p50, p90, p99, max; applications with
// samples on either side), each node's first error of each code (nodes in the scenario's order,
// codes by name), the TCP segment counts. `a` and `b` are the two runs of `s`.
std::vector<CompareRow> compareRows(const Scenario& s, const CompareSide& a, const CompareSide& b);

// The rows as the command prints them: a header line naming the backends, then per section a
// title and one aligned line per row (an expectation's two details on lines of their own).
std::string formatCompare(const std::vector<CompareRow>& rows, const std::string& a, const std::string& b);

// compare.json (scenarios/OUTPUTS.md): the scenario, the two runs (their directories relative to
// the compare directory) and the rows.
nlohmann::json compareJson(const Scenario& s, const CompareSide& a, const CompareSide& b,
                           const std::vector<std::string>& dirs, const std::vector<CompareRow>& rows);

} // namespace sim::scenario
