// net::detail::Fifo, the queue behind a socket's writes and read buffer and a context's ticks.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <vector>

#include "net/fifo.h"

namespace {

using net::detail::Fifo;

TEST(Fifo, FirstInFirstOutAcrossCompaction) {
  Fifo<int> q;
  EXPECT_TRUE(q.empty());
  int next = 0, expected = 0;
  // Two pushes per pop, then drain: the front passes half the vector many times.
  for (int round = 0; round < 1000; ++round) {
    q.push_back(next++);
    q.emplace_back(next++);
    ASSERT_EQ(q.front(), expected);
    q.pop_front();
    ++expected;
  }
  EXPECT_EQ(q.size(), 1000u);
  std::vector<int> rest(q.begin(), q.end());
  ASSERT_EQ(rest.size(), 1000u);
  for (std::size_t i = 0; i < rest.size(); ++i)
    EXPECT_EQ(rest[i], 1000 + static_cast<int>(i));
  while (!q.empty()) {
    EXPECT_EQ(q.front(), expected++);
    q.pop_front();
  }
  EXPECT_EQ(expected, 2000);
  EXPECT_EQ(q.size(), 0u);
}

TEST(Fifo, PopDestroysTheElement) {
  auto held = std::make_shared<int>(1);
  Fifo<std::shared_ptr<int>> q;
  q.push_back(held);
  q.push_back(held);
  EXPECT_EQ(held.use_count(), 3);
  q.pop_front();
  EXPECT_EQ(held.use_count(), 2);
  q.clear();
  EXPECT_EQ(held.use_count(), 1);
}

TEST(Fifo, MovedFromIsEmpty) {
  Fifo<int> a;
  for (int i = 0; i < 5; ++i)
    a.push_back(i);
  a.pop_front();
  Fifo<int> b = std::move(a);
  EXPECT_TRUE(a.empty()); // NOLINT(bugprone-use-after-move): the queue promises it
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(b.front(), 1);
  a = std::move(b);
  EXPECT_TRUE(b.empty()); // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(a.front(), 1);
}

// A popped element's destructor may use the queue (a callback whose captures, released,
// queue more work): it runs once the queue is consistent.
TEST(Fifo, DestructorOfThePoppedElementMayPush) {
  Fifo<std::function<void()>> q;
  struct PushOnDestroy {
    Fifo<std::function<void()>>* q;
    ~PushOnDestroy() {
      if (q)
        q->push_back([] {});
    }
  };
  auto guard = std::make_shared<PushOnDestroy>();
  guard->q = &q;
  q.push_back([guard] {});
  guard.reset();
  q.pop_front(); // the only copy of the lambda, and of the guard, goes here
  EXPECT_EQ(q.size(), 1u);
}

} // namespace
