// Self-tests of the harness (util.h, checks.h): the checks the suite relies on do catch
// what they are meant to catch. Backend-independent.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

// The checker itself: it catches a flipped byte, a repeated chunk and a missing one.
TEST(PatternCheck, DetectsCorruption) {
  PatternCheck ok(1), flipped(1), repeated(1), missing(1);
  net::Buffer a = pattern(0, 4096, 1), b = pattern(4096, 4096, 1);
  ok.feed(a);
  ok.feed(b);
  EXPECT_EQ(ok.mismatches, 0u);
  net::Buffer bad = b;
  bad[100] ^= 1;
  flipped.feed(a);
  flipped.feed(bad);
  EXPECT_EQ(flipped.mismatches, 1u);
  EXPECT_EQ(flipped.firstMismatch, 4196u);
  repeated.feed(a);
  repeated.feed(a);
  EXPECT_GT(repeated.mismatches, 4000u);
  missing.feed(b);
  EXPECT_GT(missing.mismatches, 4000u);
  EXPECT_NE(pattern(0, 64, 1), pattern(0, 64, 2));
}

// The invariants flag events after 'close', repeated once-only events and 'data' after 'end'.
TEST(Invariants, FlagViolations) {
  Invariants inv;
  auto ev = [&](std::uint64_t obj, std::string_view name, std::size_t bytes = 0) {
    inv.onEvent(net::EventRecord{net::Time{0}, "socket", obj, name, bytes, nullptr, nullptr});
  };
  ev(1, "connect");
  ev(1, "data", 10);
  ev(1, "end");
  ev(1, "close");
  EXPECT_TRUE(inv.violations().empty());
  ev(2, "end");
  ev(2, "data", 5); // after 'end'
  ev(2, "end");     // twice
  ev(2, "close");
  ev(2, "timeout"); // after 'close'
  ev(3, "data", 0); // empty
  ev(3, "error");   // without an error
  EXPECT_EQ(inv.violations().size(), 5u);
  EXPECT_EQ(inv.events(), 11u);
}

// The log records calls that re-enter.
TEST(Log, FlagsReentry) {
  Log log;
  log.add("outside");
  log.call([&] { log.add("inside"); });
  EXPECT_EQ(log.reentered(), (std::vector<std::string>{"inside"}));
  EXPECT_TRUE(log.before("outside", "inside"));
  EXPECT_EQ(log.lastIndex("inside"), 1);
  EXPECT_EQ(log.index("absent"), -1);
}

} // namespace
} // namespace conformance
