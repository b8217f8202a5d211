// The scenario loader's `tcp:` section: a profile's name, or {profile, overrides...}
// (scenarios/README.md, "tcp"), read into Scenario::tcp.
#include <cstdint>
#include <string>

#include "sim/scenario/loader_state.h"

namespace sim::scenario {

void Loader::loadTcp(const YAML::Node& n, const std::string& path) {
  const char* profiles = "a TCP profile: linux or ns3";
  auto named = [&](const YAML::Node& v, const std::string& p) {
    std::string name = text(v, p);
    if (name != "linux" && name != "ns3")
      fail(v, p, profiles, quote(name));
    return sim::TcpProfile::named(name);
  };
  if (n.IsScalar()) {
    s_.tcp = named(n, path);
    return;
  }
  if (!n.IsMap())
    fail(n, path, std::string(profiles) + ", or a mapping {profile: linux, minRto: 200ms, ...}", found(n));
  checkKeys(n, path,
            {"profile", "minRto", "dataRetries", "orphanRetries", "synRetries", "delayedAck", "initialCwnd", "sack",
             "timestamps", "userTimeout", "congestion", "keepAliveInterval", "keepAliveProbes"});
  sim::TcpProfile& t = s_.tcp;
  if (n["profile"])
    t = named(n["profile"], child(path, "profile"));
  auto ns = [](std::int64_t v) { return net::Duration(v); };
  auto count = [&](const char* key, double min, double max) {
    return static_cast<std::uint32_t>(integer(n[key], child(path, key), min, max));
  };
  auto flag = [&](const char* key) {
    const YAML::Node& v = n[key];
    if (!v.IsScalar() || (v.Scalar() != "true" && v.Scalar() != "false"))
      fail(v, child(path, key), "true or false", found(v));
    return v.Scalar() == "true";
  };
  if (n["minRto"])
    t.minRto = ns(duration(n["minRto"], child(path, "minRto"), 1));
  if (n["dataRetries"])
    t.dataRetries = count("dataRetries", 1, 255);
  if (n["orphanRetries"])
    t.orphanRetries = count("orphanRetries", 1, 255);
  if (n["synRetries"])
    t.synRetries = count("synRetries", 0, 127);
  if (n["delayedAck"])
    t.delayedAck = ns(duration(n["delayedAck"], child(path, "delayedAck")));
  if (n["initialCwnd"])
    t.initialCwnd = count("initialCwnd", 1, 1000);
  if (n["sack"])
    t.sack = flag("sack");
  if (n["timestamps"])
    t.timestamps = flag("timestamps");
  if (n["userTimeout"])
    t.userTimeout = ns(duration(n["userTimeout"], child(path, "userTimeout")));
  if (n["congestion"]) {
    std::string c = text(n["congestion"], child(path, "congestion"));
    if (c != "newreno" && c != "cubic" && c != "linux-reno" && c != "bbr")
      fail(n["congestion"], child(path, "congestion"), "newreno, cubic, linux-reno or bbr", quote(c));
    t.congestion = c;
  }
  if (n["keepAliveInterval"])
    t.keepAliveInterval = ns(duration(n["keepAliveInterval"], child(path, "keepAliveInterval"), 1));
  if (n["keepAliveProbes"])
    t.keepAliveProbes = count("keepAliveProbes", 1, 127);
  if (t.maxRto < t.minRto)
    fail(n["minRto"], child(path, "minRto"),
         "a minimum RTO no larger than the maximum (" + std::to_string(t.maxRto.count() / 1'000'000) + " ms)",
         found(n["minRto"]));
}

} // namespace sim::scenario
