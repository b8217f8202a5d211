// netbed-report DIR: writes DIR/report.html for a run or a sweep (visualize/report.h).
#include <cstring>
#include <exception>
#include <iostream>

#include "visualize/report.h"

int main(int argc, char** argv) {
  if (argc != 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cerr << "usage: netbed-report DIR\n"
                 "  DIR holds a run (trace.jsonl; summary.json, metrics.csv, topology.json when present)\n"
                 "  or a sweep (results.csv). Writes DIR/report.html, and DIR/plots/*.svg for a sweep.\n";
    return argc == 2 ? 0 : 2;
  }
  try {
    visualize::Written w = visualize::writeReport(argv[1]);
    for (const std::string& note : w.notes)
      std::cerr << "note: " << note << '\n';
    std::cout << w.html << '\n';
    for (const std::string& plot : w.plots)
      std::cout << plot << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "netbed-report: " << e.what() << '\n';
    return 1;
  }
}
