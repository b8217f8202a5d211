// Invariants every backend keeps on every event of every test, whatever the scenario
// (semantics rules 8 and 9): watched through the Context's Observer by the Suite fixture.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "net/net.h"
#include "net/runtime.h"

namespace conformance {

class Invariants : public net::Observer {
public:
  void onEvent(const net::EventRecord& r) override {
    ++events_;
    std::string kind(r.kind), ev(r.ev);
    Handle& h = handles_[{kind, r.obj}];
    std::string who = kind + " " + std::to_string(r.obj) + ": ";
    if (h.closed)
      violations_.push_back(who + "'" + ev + "' after 'close'");
    // Events that a handle emits at most once.
    bool once = ev == "close" || ev == "lookup" || ev == "connect" || ev == "end" || ev == "listening" ||
                (kind == "socket" && ev == "error");
    if (once && ++h.counts[ev] > 1)
      violations_.push_back(who + "'" + ev + "' emitted twice");
    if (ev == "data" && h.ended)
      violations_.push_back(who + "'data' after 'end'");
    if (ev == "data" && r.bytes == 0)
      violations_.push_back(who + "empty 'data'");
    if (ev == "error" && !r.error)
      violations_.push_back(who + "'error' without an error");
    if (ev == "end")
      h.ended = true;
    if (ev == "close")
      h.closed = true;
    if (next_)
      next_->onEvent(r);
  }

  // A test that wants its own observer chains it here (a context has one observer).
  void forward(net::Observer* next) { next_ = next; }
  const std::vector<std::string>& violations() const { return violations_; }
  std::size_t events() const { return events_; }

private:
  struct Handle {
    bool closed = false, ended = false;
    std::map<std::string, int> counts;
  };
  std::map<std::pair<std::string, std::uint64_t>, Handle> handles_;
  std::vector<std::string> violations_;
  std::size_t events_ = 0;
  net::Observer* next_ = nullptr;
};

} // namespace conformance
