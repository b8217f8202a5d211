#include <gtest/gtest.h>

#include <type_traits>

#include "net/listeners.h"
#include "net/net.h"

namespace {

using net::detail::Listeners;

TEST(Listeners, RunInOrderOnceListenersOnce) {
  Listeners<void(int)> l;
  std::vector<int> seen;
  l.add([&](int v) { seen.push_back(v); }, false);
  l.add([&](int v) { seen.push_back(10 * v); }, true);
  l.emit(1);
  l.emit(2);
  EXPECT_EQ(seen, (std::vector<int>{1, 10, 2}));
}

TEST(Listeners, AddedDuringEmitRunFromTheNextEmit) {
  Listeners<void()> l;
  int later = 0;
  l.add([&] { l.add([&] { ++later; }, false); }, true);
  l.emit();
  EXPECT_EQ(later, 0);
  l.emit();
  EXPECT_EQ(later, 1);
}

TEST(Listeners, ClearDuringEmitStopsTheRest) {
  Listeners<void()> l;
  int second = 0;
  l.add([&] { l.clear(); }, false);
  l.add([&] { ++second; }, false);
  l.emit();
  EXPECT_EQ(second, 0);
  EXPECT_TRUE(l.empty());
}

// A listener of the wrong signature does not compile: detected here without compiling it.
template <class Tag, class Fn, class = void> struct Accepts : std::false_type {};
template <class Tag, class Fn>
struct Accepts<Tag, Fn, std::void_t<decltype(std::declval<net::Socket&>().on(Tag{}, std::declval<Fn>()))>>
    : std::true_type {};
template <class Tag, class Fn, class = void> struct ServerAccepts : std::false_type {};
template <class Tag, class Fn>
struct ServerAccepts<Tag, Fn, std::void_t<decltype(std::declval<net::Server&>().on(Tag{}, std::declval<Fn>()))>>
    : std::true_type {};

auto onBuffer = [](const net::Buffer&) {};
auto onInt = [](int) {};
auto onNothing = [] {};
auto onBool = [](bool) {};
auto onError = [](const net::Error&) {};
auto onSocket = [](std::shared_ptr<net::Socket>) {};

static_assert(Accepts<net::ev::data_t, decltype(onBuffer)>::value);
static_assert(!Accepts<net::ev::data_t, decltype(onInt)>::value);
static_assert(!Accepts<net::ev::data_t, decltype(onNothing)>::value);
static_assert(Accepts<net::ev::close_t, decltype(onBool)>::value);
static_assert(!Accepts<net::ev::end_t, decltype(onBuffer)>::value);
static_assert(Accepts<net::ev::error_t, decltype(onError)>::value);
static_assert(!Accepts<net::ev::error_t, decltype(onNothing)>::value);
static_assert(!Accepts<net::ev::connection_t, decltype(onSocket)>::value); // a server event
static_assert(ServerAccepts<net::ev::connection_t, decltype(onSocket)>::value);
static_assert(ServerAccepts<net::ev::close_t, decltype(onNothing)>::value);
static_assert(!ServerAccepts<net::ev::close_t, decltype(onBool)>::value);
static_assert(!ServerAccepts<net::ev::data_t, decltype(onBuffer)>::value);

TEST(Listeners, SignaturesAreCheckedAtCompileTime) { SUCCEED() << "see the static_asserts above"; }

} // namespace
