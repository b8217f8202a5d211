// netbed_report_synth DIR [DEVICES]: writes a synthetic run of DEVICES (default 10,000) devices.
#include <iostream>
#include <string>

#include "tests/visualize/synth_run.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: netbed_report_synth DIR [DEVICES]\n";
    return 2;
  }
  synth::Stats s = synth::writeRun(argv[1], argc == 3 ? std::stoi(argv[2]) : 10'000);
  std::cout << s.lines << " trace lines, " << s.connections << " connections, " << s.metricRows << " metric rows\n";
  return 0;
}
