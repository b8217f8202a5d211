// Entry from the loop into the net layer. Internal.
#pragma once

#include "net/context_state.h"

namespace net {

// Every callback from a backend enters through a CallScope. Events caused by API calls are
// deferred (rule 1: no listener runs inside the call that caused it); they run when the
// outermost scope exits, as Node runs its next-tick queue after each callback.
class CallScope {
public:
  explicit CallScope(ContextState& ctx) : ctx_(ctx) { ++ctx_.depth_; }
  ~CallScope() {
    if (ctx_.depth_ == 1)
      ctx_.drain();
    --ctx_.depth_;
  }
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

private:
  ContextState& ctx_;
};

} // namespace net
