// Shared pieces of the libuv backend. Internal.
#pragma once

#include <uv.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <utility>

#include "net/backend.h"
#include "net/os.h"

namespace net::os {

Error uvError(int status, const std::string& op);
// A libuv request's outcome: nothing when status is 0 or more, else uvError(status, op).
MaybeError uvResult(int status, const std::string& op);
Address sockaddrToAddress(const struct sockaddr* sa);
bool addressToSockaddr(const Address& a, struct sockaddr_storage& out);

// Sets the TcpOptions Linux lets one socket have on `fd` (TCP_SYNCNT only when `connecting`).
void applyTcpOptions(int fd, const TcpOptions& options, bool connecting);
bool hasSocketOptions(const TcpOptions& options);

class OsBackend final : public Backend {
public:
  explicit OsBackend(uv_loop_t* loop, std::shared_ptr<const TcpOptions> options = std::make_shared<TcpOptions>());
  ~OsBackend() override;

  Time now() const override;
  void post(std::function<void()> fn) override;
  std::unique_ptr<backend::Timer> timer(std::function<void()> fire) override;
  void resolve(const std::string& host, int family, ResolveCallback cb) override;
  std::unique_ptr<backend::Stream> stream() override;
  std::unique_ptr<backend::Listener> listen(const Address& local, int backlog, backend::ListenerSink* sink,
                                            MaybeError& err) override;

  uv_loop_t* loop() const { return loop_; }
  const TcpOptions& tcpOptions() const { return *options_; }
  // One read buffer for every stream of the loop: reads are copied out at once.
  char* readBuffer() { return readBuffer_.get(); }
  static constexpr std::size_t kReadBufferSize = 64 * 1024;

  // The backend's timers, in one queue ordered by (deadline on uv_hrtime(), start order) and
  // served by one libuv timer: equal delays fire in call order, and one clock reading per
  // pass decides which are due, so no timer overtakes another that was due before it.
  struct TimerEntry {
    std::function<void()> fire;
    std::pair<std::uint64_t, std::uint64_t> key{}; // (deadline, start sequence) while queued
    bool queued = false;
  };
  void startTimer(const std::shared_ptr<TimerEntry>& e, std::uint64_t ns);
  void stopTimer(TimerEntry& e);
  std::weak_ptr<OsBackend*> alive() const { return self_; }

private:
  struct Posted;
  struct Lookup;
  static void onIdle(uv_idle_t* idle);
  static void onTimer(uv_timer_t* handle);
  void armTimerHandle();
  static void onResolved(uv_getaddrinfo_t* req, int status, struct addrinfo* res);

  uv_loop_t* loop_;
  std::uint64_t epoch_;
  uv_idle_t* idle_;
  std::deque<std::function<void()>> posted_;
  std::unique_ptr<char[]> readBuffer_;
  std::shared_ptr<OsBackend*> self_; // cleared on destruction: outstanding lookups check it
  std::shared_ptr<const TcpOptions> options_;
  uv_timer_t* timerHandle_;
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::shared_ptr<TimerEntry>> timers_;
  std::uint64_t timerSeq_ = 0;
};

std::unique_ptr<backend::Stream> makeStream(OsBackend& backend);
// Accepts a pending connection of `server`; null with status < 0 on failure.
std::unique_ptr<backend::Stream> acceptStream(OsBackend& backend, uv_stream_t* server, int& status);

} // namespace net::os
