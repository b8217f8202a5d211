// The main of sim::testing: GoogleTest's. libsystemc.so, which every program with a
// simulated world links, defines a main() of its own (it calls sc_main). Which main a program
// gets from libraries depends on the order the linker meets them: gtest_main's, in a static
// archive, is not taken at all when libsystemc.so comes first. An object file of the program
// itself always wins, so sim::testing is an object library and this file one of its
// objects (as tests/scenario/main.cc is a source of each test program of the project).
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
