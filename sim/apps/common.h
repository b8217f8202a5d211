// Parameter declarations the built-in applications share. Internal to sim/apps.
#pragma once

#include "sim/apps/app.h"

namespace netbed::apps {

inline ParamSpec portParam(const char* defaultPort) {
  return {"port", ParamType::Integer, defaultPort, "TCP port", 1, 65535, {}};
}
inline ParamSpec hostParam() { return {"host", ParamType::Host, "", "the server's node name (required)", 0, 9e18, {}}; }
// How many messages or requests; 0: no limit (until the run ends).
inline ParamSpec countParam(const char* defaultCount) {
  return {"count", ParamType::Integer, defaultCount, "how many (0: no limit)", 0, 9e18, {}};
}

} // namespace netbed::apps
