// The applications a scenario can name: the built-in ones, then those a program registers.
#include <stdexcept>

#include "sim/apps/app.h"
#include "sim/apps/builtin.h"

namespace sim::apps {

namespace {

std::map<std::string, AppInfo>& registry() {
  static std::map<std::string, AppInfo> apps = [] {
    std::map<std::string, AppInfo> m;
    for (auto& info : builtinApps())
      m.emplace(info.name, std::move(info));
    return m;
  }();
  return apps;
}

} // namespace

void registerApp(AppInfo info) {
  if (info.name.empty() || !info.make)
    throw std::invalid_argument("sim::apps::registerApp: an application needs a name and a factory");
  for (const auto& p : info.params) {
    if (p.name == "app" || p.name == "start" || p.name == "jitter")
      throw std::invalid_argument("sim::apps::registerApp: '" + info.name + "' may not name a parameter '" + p.name +
                                  "' (a scenario uses it for every application)");
    if (!p.defaultValue.empty()) {
      ParamValue v;
      std::string expected;
      if (!parseParam(p, p.defaultValue, v, expected))
        throw std::invalid_argument("sim::apps::registerApp: '" + info.name + "' parameter '" + p.name +
                                    "': default '" + p.defaultValue + "' is not " + expected);
    }
  }
  auto name = info.name;
  if (!registry().emplace(name, std::move(info)).second)
    throw std::invalid_argument("sim::apps::registerApp: an application named '" + name + "' exists already");
}

const AppInfo* findApp(const std::string& name) {
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

std::vector<const AppInfo*> registeredApps() {
  std::vector<const AppInfo*> out;
  for (const auto& [name, info] : registry())
    out.push_back(&info);
  return out;
}

} // namespace sim::apps
