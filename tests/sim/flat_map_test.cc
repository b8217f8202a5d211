// sim::FlatMap against std::unordered_map: the same answers for every key, present or not,
// through its growth from empty to tens of thousands of keys.
#include <gtest/gtest.h>

#include "sim/flat_map.h"

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

namespace {

TEST(FlatMap, FindsWhatWasPutAndNothingElse) {
  sim::FlatMap<std::uint32_t, std::uint32_t> m;
  EXPECT_EQ(m.find(0), nullptr);
  m[0] = 10;
  m[0x0a000001] = 20;
  m[0xffffffff] = 30;
  ASSERT_NE(m.find(0), nullptr);
  EXPECT_EQ(*m.find(0), 10u);
  EXPECT_EQ(*m.find(0x0a000001), 20u);
  EXPECT_EQ(*m.find(0xffffffff), 30u);
  EXPECT_EQ(m.find(1), nullptr);
  EXPECT_EQ(m.size(), 3u);
  m[0x0a000001] = 21; // an existing key keeps its slot
  EXPECT_EQ(*m.find(0x0a000001), 21u);
  EXPECT_EQ(m.size(), 3u);
  m.clear();
  EXPECT_EQ(m.find(0), nullptr);
  EXPECT_EQ(m.size(), 0u);
}

TEST(FlatMap, AnswersAsUnorderedMapThroughGrowth) {
  sim::FlatMap<std::uint64_t, std::uint32_t> flat;
  std::unordered_map<std::uint64_t, std::uint32_t> reference;
  std::mt19937_64 rng(1);
  for (std::uint32_t i = 0; i < 40000; ++i) {
    // Dense runs (node pairs, consecutive addresses) and scattered keys, as the routes use.
    std::uint64_t key = i % 2 ? (static_cast<std::uint64_t>(i % 977) << 32) | (i / 977) : rng();
    flat[key] = i;
    reference[key] = i;
    std::uint64_t probe = i % 3 ? key : rng();
    auto it = reference.find(probe);
    const std::uint32_t* got = flat.find(probe);
    ASSERT_EQ(got != nullptr, it != reference.end()) << "key " << probe;
    if (got) {
      ASSERT_EQ(*got, it->second);
    }
  }
  EXPECT_EQ(flat.size(), reference.size());
  for (const auto& [key, value] : reference)
    ASSERT_EQ(*flat.find(key), value);
}

TEST(FlatMap, ErasesAsUnorderedMapThroughRandomInsertionsAndRemovals) {
  sim::FlatMap<std::uint32_t, std::uint32_t> flat;
  std::unordered_map<std::uint32_t, std::uint32_t> reference;
  std::mt19937 rng(7);
  for (std::uint32_t i = 0; i < 60000; ++i) {
    std::uint32_t key = rng() % 3000; // few keys: long runs of collisions, many removals
    switch (rng() % 3) {
    case 0:
      flat[key] = i;
      reference[key] = i;
      break;
    case 1: ASSERT_EQ(flat.erase(key), reference.erase(key) == 1) << "key " << key; break;
    default: {
      const std::uint32_t* got = flat.find(key);
      auto it = reference.find(key);
      ASSERT_EQ(got != nullptr, it != reference.end()) << "key " << key;
      if (got) {
        ASSERT_EQ(*got, it->second);
      }
    }
    }
    ASSERT_EQ(flat.size(), reference.size());
  }
  for (std::uint32_t key = 0; key < 3000; ++key)
    ASSERT_EQ(flat.contains(key), reference.count(key) == 1) << "key " << key;
}

TEST(FlatMap, KeepsValuesThatOwnMemory) {
  sim::FlatMap<std::uint32_t, std::vector<int>> m;
  for (std::uint32_t k = 0; k < 1000; ++k)
    m[k].assign(k % 7, static_cast<int>(k));
  for (std::uint32_t k = 0; k < 1000; ++k)
    EXPECT_EQ(*m.find(k), std::vector<int>(k % 7, static_cast<int>(k)));
}

} // namespace
