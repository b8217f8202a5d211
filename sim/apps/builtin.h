// The built-in applications (each in its own file). Internal to sim/apps.
#pragma once

#include <vector>

#include "sim/apps/app.h"

namespace sim::apps {

AppInfo echoServerApp();
AppInfo echoClientApp();
AppInfo sinkApp();
AppInfo bulkSenderApp();
AppInfo telemetrySensorApp();
AppInfo telemetryCollectorApp();
AppInfo requestServerApp();
AppInfo requestClientApp();
AppInfo idleClientApp();
AppInfo jsApp();

inline std::vector<AppInfo> builtinApps() {
  return {echoServerApp(),         echoClientApp(),    sinkApp(),          bulkSenderApp(), telemetrySensorApp(),
          telemetryCollectorApp(), requestServerApp(), requestClientApp(), idleClientApp(), jsApp()};
}

} // namespace sim::apps
