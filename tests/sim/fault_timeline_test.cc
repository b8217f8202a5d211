// The fault timeline: a repeated fault's occurrences at their exact times, each undone after
// its `for`, and what it tells the runner (happened, crashed, rebooted).
#include <gtest/gtest.h>

#include "sim/fault_timeline.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// Two nodes one link apart, and a timeline whose hooks write what they are told, with the time.
class FaultTimeline : public ::testing::Test {
protected:
  FaultTimeline() { world.link(a, b, {1'000'000, 1ms}); }
  void add(const std::string& what) { lines.push_back(std::to_string(world.now().count() / 1'000'000) + "ms " + what); }

  sim::World world;
  sim::Node& a = world.node("a");
  sim::Node& b = world.node("b");
  std::vector<std::string> lines; // "10ms crash b"
  sim::FaultTimeline faults{world,
                            {[this](const char* kind, const std::vector<std::string>& nodes) {
                               std::string s = kind;
                               for (const auto& n : nodes)
                                 s += " " + n;
                               add(s);
                             },
                             [this](sim::Node& n) { add("crashed " + n.name()); },
                             [this](sim::Node& n) { add("rebooted " + n.name()); }}};
};

TEST_F(FaultTimeline, RepeatedCrashEachUndoneAfterItsFor) {
  sim::FaultSpec crash;
  crash.kind = sim::FaultKind::Crash;
  crash.atNs = 10'000'000;
  crash.everyNs = 100'000'000;
  crash.untilNs = 250'000'000;
  crash.forNs = 20'000'000;
  crash.nodes = {"b"};
  EXPECT_EQ(faults.schedule(crash, 1'000'000'000), 230'000'000); // the last undo
  world.run(1s);
  EXPECT_EQ(lines,
            (std::vector<std::string>{"10ms crashed b", "10ms crash b", "30ms rebooted b", "30ms reboot b",
                                      "110ms crashed b", "110ms crash b", "130ms rebooted b", "130ms reboot b",
                                      "210ms crashed b", "210ms crash b", "230ms rebooted b", "230ms reboot b"}));
}

// A link fault names both ends; an undo after `for` reports what it gives back.
TEST_F(FaultTimeline, LinkDownForAWhile) {
  sim::FaultSpec down;
  down.kind = sim::FaultKind::LinkDown;
  down.atNs = 5'000'000;
  down.forNs = 7'000'000;
  down.links = {{"a", "b"}};
  faults.schedule(down, 1'000'000'000);
  world.at(net::Time(6ms), [&] { add(world.linkIsUp(a, b) ? "up" : "down"); });
  world.run(1s);
  EXPECT_EQ(lines, (std::vector<std::string>{"5ms linkDown a b", "6ms down", "12ms linkUp a b"}));
  EXPECT_TRUE(world.linkIsUp(a, b));
}

} // namespace
