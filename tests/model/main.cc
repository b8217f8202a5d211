// GoogleTest's main for a binary that links SystemC, whose library defines main() and needs an
// sc_main; were SystemC's main to run instead, the binary would list no test.
#include <gtest/gtest.h>

extern "C" int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
