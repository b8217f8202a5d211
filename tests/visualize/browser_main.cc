// The browser tests' main: they link the simulator, hence SystemC, whose library has a main() of
// its own, which can win by link order; GoogleTest's must run. (sim/nics.cc gives SystemC its sc_main.)
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
