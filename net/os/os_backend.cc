// The libuv backend's loop services: clock, posted callbacks, timers, name resolution.
#include <csignal>
#include <cstring>

#include "net/os.h"
#include "net/os/internal.h"

namespace net::os {

namespace {

class OsTimer final : public backend::Timer {
public:
  OsTimer(OsBackend& backend, std::function<void()> fire)
      : backend_(&backend), alive_(backend.alive()), e_(std::make_shared<OsBackend::TimerEntry>()) {
    e_->fire = std::move(fire);
  }
  // The queue's pass holds the entry while it fires: destroying the timer from inside its
  // own callback is safe (backend rule 3).
  ~OsTimer() override { stop(); }
  void start(Duration delay) override {
    if (live())
      backend_->startTimer(e_, static_cast<std::uint64_t>(delay.count()));
  }
  void stop() override {
    if (live())
      backend_->stopTimer(*e_);
  }

private:
  bool live() const {
    auto p = alive_.lock();
    return p && *p;
  }
  OsBackend* backend_;
  std::weak_ptr<OsBackend*> alive_;
  std::shared_ptr<OsBackend::TimerEntry> e_;
};

} // namespace

struct OsBackend::Lookup {
  uv_getaddrinfo_t req;
  ResolveCallback cb;
  std::weak_ptr<OsBackend*> owner;
  std::string host;
  int family;
};

OsBackend::OsBackend(uv_loop_t* loop, std::shared_ptr<const TcpOptions> options)
    : loop_(loop), epoch_(uv_hrtime()), idle_(new uv_idle_t), readBuffer_(new char[kReadBufferSize]),
      self_(std::make_shared<OsBackend*>(this)), options_(std::move(options)), timerHandle_(new uv_timer_t) {
  uv_idle_init(loop_, idle_);
  idle_->data = this;
  uv_timer_init(loop_, timerHandle_);
  timerHandle_->data = this;
}

OsBackend::~OsBackend() {
  *self_ = nullptr;
  uv_close(reinterpret_cast<uv_handle_t*>(idle_), [](uv_handle_t* h) { delete reinterpret_cast<uv_idle_t*>(h); });
  uv_close(reinterpret_cast<uv_handle_t*>(timerHandle_),
           [](uv_handle_t* h) { delete reinterpret_cast<uv_timer_t*>(h); });
}

Time OsBackend::now() const { return Time(uv_hrtime() - epoch_); }

void OsBackend::post(std::function<void()> fn) {
  posted_.push_back(std::move(fn));
  if (!uv_is_active(reinterpret_cast<uv_handle_t*>(idle_)))
    uv_idle_start(idle_, onIdle);
}

void OsBackend::onIdle(uv_idle_t* idle) {
  auto* self = static_cast<OsBackend*>(idle->data);
  auto batch = std::move(self->posted_);
  self->posted_.clear();
  std::weak_ptr<OsBackend*> alive = self->self_;
  for (auto& fn : batch) {
    fn();
    if (alive.expired() || !*alive.lock())
      return; // the backend was destroyed by a callback
  }
  if (self->posted_.empty())
    uv_idle_stop(idle);
}

std::unique_ptr<backend::Timer> OsBackend::timer(std::function<void()> fire) {
  return std::make_unique<OsTimer>(*this, std::move(fire));
}

void OsBackend::startTimer(const std::shared_ptr<TimerEntry>& e, std::uint64_t ns) {
  bool wasFront = e->queued && timers_.begin()->first == e->key;
  if (e->queued)
    timers_.erase(e->key);
  e->key = {uv_hrtime() + ns, timerSeq_++};
  e->queued = true;
  auto it = timers_.emplace(e->key, e).first;
  if (wasFront || it == timers_.begin())
    armTimerHandle();
}

void OsBackend::stopTimer(TimerEntry& e) {
  if (!e.queued)
    return;
  bool wasFront = timers_.begin()->first == e.key;
  timers_.erase(e.key);
  e.queued = false;
  if (wasFront)
    armTimerHandle();
}

// libuv counts whole milliseconds of its cached loop time (floored, possibly from a coarse
// clock), so its timer can fire up to a millisecond or two before the front deadline on
// uv_hrtime(), the clock of OsBackend::now(). Nothing fires before its deadline: the handle is
// armed again for the rest.
void OsBackend::armTimerHandle() {
  if (timers_.empty()) {
    uv_timer_stop(timerHandle_); // an idle queue keeps the loop from nothing
    return;
  }
  uv_update_time(loop_);
  std::uint64_t now = uv_hrtime(), due = timers_.begin()->first.first;
  std::uint64_t ms = due > now ? (due - now + 999'999) / 1'000'000 : 0;
  uv_timer_start(timerHandle_, onTimer, ms, 0);
}

void OsBackend::onTimer(uv_timer_t* handle) {
  auto* self = static_cast<OsBackend*>(handle->data);
  std::weak_ptr<OsBackend*> alive = self->self_;
  // One reading for the pass; timers started during it (an interval's next round too) wait
  // for the next pass, even when already due.
  const std::uint64_t now = uv_hrtime(), pass = self->timerSeq_;
  while (!self->timers_.empty()) {
    auto it = self->timers_.begin();
    if (it->first.first > now || it->first.second >= pass)
      break;
    std::shared_ptr<TimerEntry> e = std::move(it->second);
    self->timers_.erase(it);
    e->queued = false;
    e->fire();
    if (alive.expired() || !*alive.lock())
      return; // the backend was destroyed by a callback
  }
  self->armTimerHandle();
}

std::unique_ptr<backend::Stream> OsBackend::stream() { return makeStream(*this); }

void OsBackend::resolve(const std::string& host, int family, ResolveCallback cb) {
  // A literal address needs no resolver, but is still reported from the loop (backend rule 2).
  unsigned char buf[sizeof(in6_addr)];
  int literal = 0;
  if (family != 6 && uv_inet_pton(AF_INET, host.c_str(), buf) == 0)
    literal = 4;
  else if (family != 4 && uv_inet_pton(AF_INET6, host.c_str(), buf) == 0)
    literal = 6;
  if (literal) {
    post([cb = std::move(cb), a = Address{host, literal, 0}] { cb(std::nullopt, {a}); });
    return;
  }
  auto* l = new Lookup{{}, std::move(cb), self_, host, family};
  addrinfo hints{};
  hints.ai_family = family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  int r = uv_getaddrinfo(loop_, &l->req, onResolved, host.c_str(), nullptr, &hints);
  if (r < 0) {
    Error e = uvError(r, "getaddrinfo " + host);
    post([cb = std::move(l->cb), e] { cb(e, {}); });
    delete l;
  }
}

void OsBackend::onResolved(uv_getaddrinfo_t* req, int status, addrinfo* res) {
  std::unique_ptr<Lookup> l(reinterpret_cast<Lookup*>(req));
  auto owner = l->owner.lock();
  if (!owner || !*owner || status == UV_ECANCELED) {
    uv_freeaddrinfo(res);
    return;
  }
  std::vector<Address> out;
  for (addrinfo* p = res; p; p = p->ai_next) {
    Address a = sockaddrToAddress(p->ai_addr);
    if (a.family == 0)
      continue;
    bool seen = false;
    for (const auto& o : out)
      seen = seen || (o.address == a.address);
    if (!seen)
      out.push_back(a);
  }
  uv_freeaddrinfo(res);
  if (status < 0 || out.empty()) {
    Error e = uvError(status < 0 ? status : UV_EAI_NONAME, "getaddrinfo " + l->host);
    e.errc = Errc::NotFound;
    l->cb(e, {});
    return;
  }
  l->cb(std::nullopt, std::move(out));
}

// --- Loop --------------------------------------------------------------------------------

Loop::Loop() : loop_(new uv_loop_t) {
  // A write to a connection the peer has reset raises SIGPIPE, whose default action kills the
  // process; libuv leaves that to the application. Ignore it, as Node does, so that the write
  // fails with EPIPE/ECONNRESET and reaches the socket as an 'error'. An application's own
  // handler is left in place.
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
    signal(SIGPIPE, SIG_IGN);
  uv_loop_init(loop_.get());
  wake_.reset(new uv_async_t);
  uv_async_init(loop_.get(), wake_.get(), [](uv_async_t* a) { uv_stop(a->loop); });
  uv_unref(reinterpret_cast<uv_handle_t*>(wake_.get()));
}

Loop::~Loop() {
  // Contexts on this loop are gone by now; let libuv finish the closes they started.
  uv_walk(
      loop_.get(),
      [](uv_handle_t* h, void*) {
        if (!uv_is_closing(h))
          uv_close(h, nullptr);
      },
      nullptr);
  uv_run(loop_.get(), UV_RUN_DEFAULT);
  uv_loop_close(loop_.get());
}

std::unique_ptr<Context> Loop::context() {
  return std::make_unique<Context>(std::make_unique<OsBackend>(loop_.get(), options_));
}

void Loop::run() { uv_run(loop_.get(), UV_RUN_DEFAULT); }

void Loop::stop() { uv_stop(loop_.get()); }

void Loop::stopFromAnotherThread() { uv_async_send(wake_.get()); }

bool Loop::runFor(Duration limit) {
  struct Guard {
    uv_timer_t timer;
    bool expired = false;
  };
  auto* g = new Guard;
  uv_timer_init(loop_.get(), &g->timer);
  uv_unref(reinterpret_cast<uv_handle_t*>(&g->timer)); // the guard alone keeps nothing running
  auto ms = static_cast<std::uint64_t>((limit.count() + 999'999) / 1'000'000);
  uv_timer_start(
      &g->timer,
      [](uv_timer_t* t) {
        reinterpret_cast<Guard*>(t)->expired = true;
        uv_stop(t->loop);
      },
      ms, 0);
  uv_run(loop_.get(), UV_RUN_DEFAULT);
  bool finished = !g->expired;
  uv_close(reinterpret_cast<uv_handle_t*>(&g->timer), [](uv_handle_t* h) { delete reinterpret_cast<Guard*>(h); });
  uv_run(loop_.get(), UV_RUN_NOWAIT);
  return finished;
}

} // namespace net::os
