// Stopping a run before its end: a wall-clock limit, an output limit, SIGINT or SIGTERM. The
// run then ends as if its duration were over (applications stopped, outputs and summary
// written), and says why.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace sim::scenario {

// Why and whether a run was stopped; thread-safe.
class RunStop {
public:
  // The first call records `why` and tells the run in progress (see onHalt); true then.
  bool halt(const std::string& why);
  bool halted() const { return halted_.load(); }
  std::string reason() const;
  // How the run in progress is told, on the halting thread (empty: nothing to tell). It is
  // called under a lock: once this returns with an empty fn, it is never called again.
  void onHalt(std::function<void()> fn);

private:
  mutable std::mutex m_;
  std::atomic<bool> halted_{false};
  std::string reason_;
  std::function<void()> fn_;
};

// A thread that halts `stop` after `maxWallSeconds` (0: never) or at SIGINT or SIGTERM (when
// `signals`): the handlers only note the signal, this thread acts on it. A second signal
// after the first gets the default action (the process ends).
class Watchdog {
public:
  Watchdog(RunStop& stop, double maxWallSeconds, bool signals);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

private:
  void watch(double maxWallSeconds);
  void restoreSignals();

  RunStop& stop_;
  bool signals_;
  std::mutex m_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

} // namespace sim::scenario
