// The time bridge between ns-3 (master clock) and the one SystemC kernel that holds every NIC
// of the process (model/README.md, "The bridge").
//
// - Both sides count integer nanoseconds; SystemC only ever advances to the time of an ns-3
//   event (an input from a device, or the bridge's own wake-up).
// - At most one ns-3 event is pending for the whole kernel: the wake-up at SystemC's next
//   timed activity.
// - Outputs of the models (frames on the wire, frames for the host, drops) are queued while
//   SystemC runs and handed to ns-3 after it returns; ns-3 code they trigger may feed the
//   models again at the same instant (re-entry is folded into the running settle loop).
// - Every NIC module is created during setup, before the kernel's first run. Afterwards
//   creating one throws std::logic_error.
// - After ns3::Simulator::Destroy(), the next NIC creation replaces the SystemC context (the
//   old one and its modules are left allocated: SystemC 2.3 cannot delete them cleanly), so a
//   process may run several simulations in turn, each with NICs. Devices of an old simulation
//   must not be used after Destroy.
#pragma once

#include <ns3/event-id.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/frame.h"

namespace model {

class NicModel;

class Bridge {
public:
  // The process's bridge.
  static Bridge& get();

  // A name for a new module ("nic<n>"), after checking that modules may still be made (fresh
  // context when a simulation was destroyed, time resolution set, kernel not started).
  std::string nextModuleName();
  // Keeps a module alive for as long as its context; returns its number in the context.
  std::uint32_t adopt(NicModel* model);

  // Runs `poke` (which hands an input to a model) at ns-3's current time, after the models'
  // own activity due at that time (timed events fire before inputs of the same instant), then
  // runs SystemC
  // until it is quiet at that time, delivers the outputs and re-arms the wake-up.
  template <class Poke> void input(Poke&& poke) {
    if (inside_) { // called back from an output at this same instant: the running loop settles it
      poke();
      return;
    }
    Inside guard(*this);
    poke();
    guard.finish();
  }
  // Runs SystemC up to ns-3's current time (to read a model's state, e.g. TX FIFO room).
  void sync();

  // Called by models from SystemC processes.
  void postTransmitted(NicPort* port, const Frame& f, std::uint64_t endNs);
  void postDelivered(NicPort* port, const Frame& f);
  void postTxRoom(NicPort* port);
  void postDropped(NicPort* port, const char* cause, std::uint32_t bytes);

  std::uint64_t nowNs() const;
  bool started() const { return started_; }
  // Time of the pending ns-3 wake-up, if one is pending.
  bool wakePending() const { return wake_.IsRunning(); }
  std::uint64_t wakeAtNs() const { return wakeAt_; }
  // Number of ns-3 wake-up events the bridge has run (for benchmarks).
  std::uint64_t wakeups() const { return wakeups_; }

private:
  Bridge() = default;
  // Marks the bridge busy for one input or wake-up; finish() settles and re-arms.
  class Inside {
  public:
    explicit Inside(Bridge& b);
    ~Inside();
    void finish();

  private:
    Bridge& b_;
  };
  struct Output {
    enum Kind : std::uint8_t { Transmitted, Delivered, TxRoom, Dropped } kind;
    NicPort* port;
    Frame frame;
    std::uint64_t endNs;
    const char* cause;
  };
  void freshContextIfNeeded();
  void start();
  void catchUp();
  void settle();
  void rearm();
  void wake();
  void destroyed();

  bool started_ = false;
  bool inside_ = false;
  bool stale_ = false;         // the simulation this context served was destroyed
  bool contextInUse_ = false;  // modules exist in the current context
  bool destroyHooked_ = false; // a Simulator::ScheduleDestroy is registered
  std::uint64_t modules_ = 0;
  std::uint64_t wakeups_ = 0;
  ns3::EventId wake_;
  std::uint64_t wakeAt_ = 0;
  std::vector<Output> outputs_, delivering_;
  std::vector<NicModel*> models_; // never deleted: they belong to their context, which is never deleted
};

} // namespace model
