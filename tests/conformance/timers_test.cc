// The context's timers (setTimeout, setInterval, setImmediate and their clearing) on its
// own clock: never early, in deadline order, never run inside the call that set them.
#include <chrono>

#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Timers);

TYPED_TEST(Timers, TimeoutsFireInOrderNeverEarly) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  Log log;
  std::vector<int> order;
  std::vector<net::Duration> late;
  const net::Time start = ctx.now();
  log.call([&] {
    for (int i = 20; i >= 1; --i) { // set in reverse: the deadline decides
      net::Duration delay = std::chrono::milliseconds(i * 3);
      ctx.setTimeout(delay, [&, i, delay] {
        log.add("fired");
        order.push_back(i);
        late.push_back(ctx.now() - start - delay);
      });
    }
    ctx.setTimeout(0ms, [&] { log.add("zero"); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.index("zero"), 0) << log.str();
  std::vector<int> expected;
  for (int i = 1; i <= 20; ++i)
    expected.push_back(i);
  EXPECT_EQ(order, expected);
  for (auto d : late)
    EXPECT_GE(d.count(), 0) << "a timer fired " << -d.count() << " ns early";
}

// Short timers set from many points of the loop, each checked against the clock.
TYPED_TEST(Timers, NeverEarlyUnderChurn) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  int remaining = 200, early = 0;
  std::function<void()> next = [&] {
    if (remaining-- == 0)
      return;
    net::Time set = ctx.now();
    net::Duration delay = std::chrono::milliseconds(remaining % 3 + 1);
    ctx.setTimeout(delay, [&, set, delay] {
      if (ctx.now() - set < delay)
        ++early;
      next();
    });
  };
  next();
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(early, 0);
}

// Equal delays fire in call order, also when callbacks are slow: on the OS backend a slow
// callback lets real time pass between the timers of one pass, and one of them must not
// overtake another that was due first (a re-armed early timer once did).
TYPED_TEST(Timers, EqualDelaysFireInCallOrderWhenCallbacksAreSlow) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  std::vector<int> order;
  for (int i = 0; i < 60; ++i)
    ctx.setTimeout(std::chrono::milliseconds(1 + i / 20), [&order, i] {
      order.push_back(i);
      // Wall time, not the context's clock: only the OS backend's timers see it pass.
      auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(150);
      while (std::chrono::steady_clock::now() < until) {
      }
    });
  ASSERT_TRUE(hosts.run());
  std::vector<int> expected(60);
  for (int i = 0; i < 60; ++i)
    expected[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(order, expected);
}

TYPED_TEST(Timers, ClearTimeoutPreventsIt) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  Log log;
  net::Timer t = ctx.setTimeout(20ms, [&] { log.add("cleared timer fired"); });
  EXPECT_TRUE(t.active());
  net::Timer copy = t; // copies refer to the same timer
  ctx.setTimeout(10ms, [&] {
    ctx.clearTimeout(copy);
    log.add("cleared");
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_FALSE(t.active());
  EXPECT_EQ(log.events(), (std::vector<std::string>{"cleared"}));
  net::Timer none;
  EXPECT_FALSE(none.active());
  none.cancel(); // harmless
  t.cancel();    // twice: harmless
}

TYPED_TEST(Timers, IntervalRepeatsUntilCleared) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  std::vector<net::Duration> at;
  const net::Time start = ctx.now();
  net::Timer t;
  bool activeInside = false;
  t = ctx.setInterval(10ms, [&] {
    at.push_back(ctx.now() - start);
    activeInside = t.active();
    if (at.size() == 5)
      ctx.clearInterval(t);
  });
  ASSERT_TRUE(hosts.run());
  ASSERT_EQ(at.size(), 5u);
  EXPECT_TRUE(activeInside || at.size() == 5);
  for (std::size_t k = 0; k < at.size(); ++k)
    EXPECT_GE(at[k], std::chrono::milliseconds(10 * (k + 1))) << k;
  EXPECT_FALSE(t.active());
}

// setImmediate runs from the loop after the current callback, in FIFO order.
TYPED_TEST(Timers, ImmediateRunsAfterTheCurrentCallback) {
  auto& hosts = this->env;
  net::Context& ctx = hosts.client();
  Log log;
  ctx.setTimeout(1ms, [&] {
    log.call([&] {
      ctx.setImmediate([&] {
        log.add("immediate 1");
        ctx.setImmediate([&] { log.add("immediate 3"); });
      });
      ctx.setImmediate([&] { log.add("immediate 2"); });
    });
    log.add("timer done");
  });
  log.call([&] { ctx.setImmediate([&] { log.add("immediate 0"); }); });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  // "immediate 0", set before the loop ran, may come before or after the timer (as in Node).
  EXPECT_EQ(log.count("immediate 0"), 1u);
  std::vector<std::string> rest;
  for (const auto& e : log.events())
    if (e != "immediate 0")
      rest.push_back(e);
  EXPECT_EQ(rest, (std::vector<std::string>{"timer done", "immediate 1", "immediate 2", "immediate 3"}));
}

} // namespace
} // namespace conformance
