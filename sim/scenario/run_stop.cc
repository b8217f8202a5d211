// RunStop and its watchdog thread.
#include "sim/scenario/run_stop.h"

#include <csignal>

#include <chrono>
#include <cstdio>

namespace sim::scenario {

bool RunStop::halt(const std::string& why) {
  std::lock_guard<std::mutex> lock(m_);
  if (halted_.load())
    return false;
  reason_ = why;
  halted_.store(true);
  if (fn_)
    fn_();
  return true;
}

std::string RunStop::reason() const {
  std::lock_guard<std::mutex> lock(m_);
  return reason_;
}

void RunStop::onHalt(std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(m_);
  fn_ = std::move(fn);
}

namespace {

std::atomic<int> caught{0}; // the signal caught, 0: none

void onSignal(int sig) { caught.store(sig); }

struct sigaction oldInt {
}, oldTerm{};

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

} // namespace

Watchdog::Watchdog(RunStop& stop, double maxWallSeconds, bool signals) : stop_(stop), signals_(signals) {
  if (signals_) {
    caught.store(0);
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &oldInt);
    sigaction(SIGTERM, &sa, &oldTerm);
  }
  if (signals_ || maxWallSeconds > 0)
    thread_ = std::thread([this, maxWallSeconds] { watch(maxWallSeconds); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(m_);
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable())
    thread_.join();
  restoreSignals();
}

void Watchdog::restoreSignals() {
  if (!signals_)
    return;
  signals_ = false;
  sigaction(SIGINT, &oldInt, nullptr);
  sigaction(SIGTERM, &oldTerm, nullptr);
}

void Watchdog::watch(double maxWallSeconds) {
  using Clock = std::chrono::steady_clock;
  const auto began = Clock::now();
  std::unique_lock<std::mutex> lock(m_);
  while (!done_) {
    cv_.wait_for(lock, std::chrono::milliseconds(20));
    if (done_)
      break;
    if (int sig = caught.exchange(0)) {
      stop_.halt(sig == SIGINT ? "SIGINT" : "SIGTERM");
      restoreSignals(); // a second one ends the process
      break;
    }
    if (maxWallSeconds > 0 && std::chrono::duration<double>(Clock::now() - began).count() >= maxWallSeconds) {
      stop_.halt("max-wall " + seconds(maxWallSeconds) + " reached");
      break;
    }
  }
}

} // namespace sim::scenario
