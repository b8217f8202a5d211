// The main of test binaries that build a world: libsystemc.so (linked through sim/) has a
// main() of its own, which can win by link order; GoogleTest's must run. (sim/nics.cc gives
// SystemC the sc_main it needs.)
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
