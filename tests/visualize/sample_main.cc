// netbed_report_sample DIR: writes the sample run (sample_run.h) into DIR, for trying the report by hand.
#include <iostream>

#include "tests/visualize/sample_run.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: netbed_report_sample DIR\n";
    return 2;
  }
  sample::writeRun(argv[1]);
  return 0;
}
