// netbed_report_trace_bench TRACE [REPEATS]: how long reading a trace.jsonl takes, with simdjson (the
// reader's way) and with the hand-written scanner alone; the best and the median of REPEATS (default 10).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "visualize/trace_reader.h"

namespace {

void measure(const char* name, const std::string& path, int repeats, visualize::TraceParser with) {
  std::vector<double> s;
  std::size_t events = 0;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    visualize::Trace t = visualize::readTrace(path, with);
    s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    events = t.events.size() + t.console.size();
  }
  std::sort(s.begin(), s.end());
  std::printf("%-9s %zu lines: best %.4f s, median %.4f s of %d\n", name, events, s.front(), s[s.size() / 2], repeats);
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: netbed_report_trace_bench TRACE [REPEATS]\n");
    return 2;
  }
  int repeats = argc == 3 ? std::max(1, std::stoi(argv[2])) : 10;
  std::ifstream in(argv[1], std::ios::binary | std::ios::ate);
  std::printf("%s: %.1f MB\n", argv[1], static_cast<double>(in.tellg()) / 1e6);
  measure("simdjson", argv[1], repeats, visualize::TraceParser::simdjson);
  measure("scanner", argv[1], repeats, visualize::TraceParser::scanner);
  return 0;
}
