// Binning: round bin widths, exact counts per group, event and bin, the busiest groups kept.
#include <gtest/gtest.h>

#include <sstream>

#include "visualize/timeline.h"

namespace {

using visualize::Ev;

TEST(BinWidth, IsTheSmallestRoundWidthThatFits) {
  EXPECT_EQ(visualize::niceBinWidth(60'000'000'000, 240), 500'000'000); // 121 bins of 500 ms
  EXPECT_EQ(visualize::niceBinWidth(20'000'000'000, 240), 100'000'000); // 201 bins of 100 ms
  EXPECT_EQ(visualize::niceBinWidth(0, 240), 1);
  EXPECT_EQ(visualize::niceBinWidth(239, 240), 1);
  EXPECT_EQ(visualize::niceBinWidth(240, 240), 2);
  EXPECT_EQ(visualize::niceBinWidth(1000, 1), 2000);
}

visualize::Trace trace(const std::string& text) {
  std::istringstream in(text);
  return visualize::parseTrace(in, "t.jsonl");
}

std::string line(std::int64_t t, const std::string& node, const std::string& ev) {
  return "{\"t\":" + std::to_string(t) + ",\"node\":\"" + node + "\",\"obj\":1,\"kind\":\"socket\",\"ev\":\"" + ev +
         "\"" + (ev == "data" ? ",\"bytes\":1" : "") + "}\n";
}

TEST(Timeline, CountsEachEventOfEachGroupInItsBin) {
  // Nodes: s1, s2 (group 0 "sensor"), gw (group 1 "gateway"). End 2,399 ns, 10 bins at most: 1 bin = 500 ns.
  visualize::Trace t = trace(line(0, "s1", "data") + line(499, "s2", "data") + line(500, "gw", "data") +
                             line(1'000, "s1", "close") + line(2'399, "gw", "close") +
                             R"({"t":2000,"node":"s1","ev":"nic","device":0,"cause":"rx-overflow"})"
                             "\n");
  std::vector<std::int32_t> groupOf = {0, 0, 1};
  visualize::Timeline tl = visualize::binTrace(t, groupOf, {"sensor", "gateway"}, 2'399, 10, 24);
  EXPECT_EQ(tl.binNs, 500);
  EXPECT_EQ(tl.bins, 5u);
  EXPECT_EQ(tl.groups, (std::vector<std::string>{"sensor", "gateway"}));
  EXPECT_EQ(tl.groupNodes, (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(tl.counts[0 * visualize::kNetEvents + static_cast<std::size_t>(Ev::data)],
            (std::vector<std::uint32_t>{2, 0, 0, 0, 0}));
  EXPECT_EQ(tl.at(0, Ev::close, 2), 1u);
  EXPECT_EQ(tl.at(1, Ev::data, 1), 1u);
  EXPECT_EQ(tl.at(1, Ev::close, 4), 1u);
  EXPECT_EQ(tl.nicCauses, (std::vector<std::string>{"rx-overflow"}));
  EXPECT_EQ(tl.nicDrops[0], (std::vector<std::uint32_t>{0, 0, 0, 0, 1}));
}

TEST(Timeline, MergesTheQuietestGroupsPastTheCap) {
  visualize::Trace t = trace(line(0, "a", "data") + line(0, "b", "data") + line(1, "b", "data") + line(0, "c", "data") +
                             line(1, "c", "data") + line(2, "c", "data"));
  visualize::Timeline tl = visualize::binTrace(t, {0, 1, 2}, {"ga", "gb", "gc"}, 10, 240, 2);
  EXPECT_EQ(tl.groups, (std::vector<std::string>{"gc", "other groups (2)"}));
  EXPECT_EQ(tl.merged, 2u);
  EXPECT_EQ(tl.groupNodes, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(tl.at(0, Ev::data, 0), 1u);
  EXPECT_EQ(tl.at(0, Ev::data, 2), 1u);
  EXPECT_EQ(tl.at(1, Ev::data, 0), 2u);
  EXPECT_EQ(tl.at(1, Ev::data, 1), 1u);
}

} // namespace
