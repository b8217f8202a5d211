// The main of test binaries that build a world: libsystemc.so (linked through sim/) has a
// main() of its own and needs an sc_main (shared/notes/build.md); GoogleTest's must run.
#include <gtest/gtest.h>

extern "C" __attribute__((weak)) int sc_main(int, char**) { return 0; }

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
