// The browser tests' main: they link the simulator, hence SystemC, whose library has a main() of
// its own and needs an sc_main (shared/notes/build.md). A weak sc_main yields to one the simulator
// may define.
#include <gtest/gtest.h>

extern "C" __attribute__((weak)) int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
