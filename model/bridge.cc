#include "model/bridge.h"

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include <stdexcept>
#include <systemc>

#include "model/nic_model.h"

namespace model {

namespace {

// Contexts of earlier simulations and their modules: kept reachable, never deleted.
std::vector<sc_core::sc_simcontext*>& oldContexts() {
  static auto* v = new std::vector<sc_core::sc_simcontext*>();
  return *v;
}

std::vector<NicModel*>& oldModels() {
  static auto* v = new std::vector<NicModel*>();
  return *v;
}

} // namespace

Bridge& Bridge::get() {
  static auto* bridge = new Bridge(); // never destroyed: SystemC objects outlive static destructors
  return *bridge;
}

void Bridge::freshContextIfNeeded() {
  if (stale_) {
    // The previous simulation is gone: give its context and modules up and start a new one
    // (SystemC 2.3 can neither restart nor delete a context: model/README.md, "Rules").
    oldContexts().push_back(sc_core::sc_curr_simcontext);
    oldModels().insert(oldModels().end(), models_.begin(), models_.end());
    models_.clear();
    sc_core::sc_curr_simcontext = nullptr;
    sc_core::sc_default_global_context = nullptr;
    stale_ = false;
    contextInUse_ = false;
    started_ = false;
    modules_ = 0;
    wakeAt_ = 0;
    wake_ = ns3::EventId();
    outputs_.clear();
  }
  if (!contextInUse_) {
    if (ns3::Time::GetResolution() != ns3::Time::NS)
      throw std::logic_error("model::Bridge: ns-3's time resolution must be nanoseconds (its default)");
    // Before any non-zero sc_time of this context exists.
    sc_core::sc_set_time_resolution(1, sc_core::SC_NS);
    // sc_start(SC_ZERO_TIME) with nothing to do is normal here.
    sc_core::sc_report_handler::set_actions(sc_core::SC_ID_NO_SC_START_ACTIVITY_, sc_core::SC_DO_NOTHING);
    contextInUse_ = true;
  }
  if (!destroyHooked_) {
    ns3::Simulator::ScheduleDestroy(&Bridge::destroyed, this);
    destroyHooked_ = true;
  }
}

std::string Bridge::nextModuleName() {
  if (started_ && !stale_)
    throw std::logic_error("nic: a SystemC NIC must be created before the simulation starts running "
                           "(SystemC allows no new module once its kernel has run)");
  freshContextIfNeeded();
  return "nic" + std::to_string(modules_++);
}

std::uint32_t Bridge::adopt(NicModel* model) {
  models_.push_back(model);
  return static_cast<std::uint32_t>(models_.size() - 1);
}

void Bridge::destroyed() {
  destroyHooked_ = false;
  if (contextInUse_)
    stale_ = true;
  wake_ = ns3::EventId();
  outputs_.clear();
  delivering_.clear();
}

std::uint64_t Bridge::nowNs() const { return sc_core::sc_time_stamp().value(); }

void Bridge::start() {
  if (started_)
    return;
  started_ = true;
  sc_core::sc_start(sc_core::SC_ZERO_TIME); // ends elaboration
}

void Bridge::catchUp() {
  auto target = static_cast<std::uint64_t>(ns3::Simulator::Now().GetTimeStep());
  std::uint64_t now = nowNs();
  if (target < now)
    throw std::logic_error("model::Bridge: SystemC ran ahead of ns-3");
  if (target > now)
    sc_core::sc_start(sc_core::sc_time::from_value(target - now), sc_core::SC_RUN_TO_TIME);
}

void Bridge::settle() {
  for (;;) {
    while (sc_core::sc_pending_activity_at_current_time())
      sc_core::sc_start(sc_core::SC_ZERO_TIME);
    if (outputs_.empty())
      return;
    delivering_.swap(outputs_);
    for (auto& o : delivering_) {
      if (!o.port)
        continue;
      switch (o.kind) {
      case Output::Transmitted: o.port->transmitted(o.frame, o.endNs); break;
      case Output::Delivered: o.port->delivered(o.frame); break;
      case Output::TxRoom: o.port->txRoom(); break;
      case Output::Dropped: o.port->dropped(o.cause, static_cast<std::uint32_t>(o.endNs)); break;
      }
    }
    delivering_.clear();
  }
}

void Bridge::rearm() {
  if (!sc_core::sc_pending_activity_at_future_time()) {
    wake_.Cancel();
    return;
  }
  std::uint64_t now = nowNs();
  std::uint64_t at = now + sc_core::sc_time_to_pending_activity().value();
  if (wake_.IsRunning() && wakeAt_ == at)
    return;
  wake_.Cancel();
  wakeAt_ = at;
  wake_ = ns3::Simulator::Schedule(ns3::TimeStep(static_cast<int64_t>(at - now)), &Bridge::wake, this);
}

void Bridge::wake() {
  ++wakeups_;
  Inside guard(*this);
  guard.finish();
}

Bridge::Inside::Inside(Bridge& b) : b_(b) {
  if (b_.stale_ || !b_.contextInUse_)
    throw std::logic_error("model::Bridge: no SystemC NIC exists in this simulation");
  b_.inside_ = true;
  b_.start();
  b_.catchUp();
  // What the models had due at this instant happens before the input: the outcome does not
  // depend on the order of same-time events in ns-3's queue.
  b_.settle();
}

Bridge::Inside::~Inside() { b_.inside_ = false; }

void Bridge::Inside::finish() {
  b_.settle();
  b_.rearm();
}

void Bridge::sync() {
  if (inside_ || !contextInUse_ || stale_ || !started_)
    return;
  Inside guard(*this);
  guard.finish();
}

void Bridge::postTransmitted(NicPort* port, const Frame& f, std::uint64_t endNs) {
  outputs_.push_back({Output::Transmitted, port, f, endNs, nullptr});
}

void Bridge::postDelivered(NicPort* port, const Frame& f) {
  outputs_.push_back({Output::Delivered, port, f, 0, nullptr});
}

void Bridge::postTxRoom(NicPort* port) { outputs_.push_back({Output::TxRoom, port, Frame(), 0, nullptr}); }

void Bridge::postDropped(NicPort* port, const char* cause, std::uint32_t bytes) {
  outputs_.push_back({Output::Dropped, port, Frame(), bytes, cause});
}

} // namespace model
