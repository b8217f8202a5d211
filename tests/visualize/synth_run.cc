#include "tests/visualize/synth_run.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace synth {

namespace {

// splitmix64: the same numbers on every platform.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
};

struct Line {
  std::int64_t t;
  std::uint64_t order; // ties keep the order of creation
  std::string text;
};

constexpr std::int64_t ms = 1'000'000, s = 1'000'000'000;

std::string ipOfDevice(int k) { return "10.1." + std::to_string(k / 250) + "." + std::to_string(k % 250 + 1); }
std::string ipOfGateway(int g) { return "10.0." + std::to_string(g) + ".1"; }

} // namespace

Stats writeRun(const std::string& dir, int devices) {
  std::filesystem::create_directories(dir);
  Rng rng{42};
  std::vector<Line> lines;
  std::uint64_t order = 0;
  auto emit = [&](std::int64_t t, std::string text) { lines.push_back({t, order++, std::move(text)}); };
  auto sock = [](std::int64_t t, const std::string& node, std::uint64_t obj, const char* ev) {
    return "{\"t\":" + std::to_string(t) + ",\"node\":\"" + node + "\",\"obj\":" + std::to_string(obj) +
           ",\"kind\":\"socket\",\"ev\":\"" + ev + "\"";
  };
  const int gateways = 10;
  std::vector<std::uint64_t> gatewayIds(gateways, 100);
  std::vector<std::string> names, groups, nics;
  std::vector<std::vector<std::string>> metrics;
  std::ofstream m(dir + "/metrics.csv", std::ios::binary);
  m << "tNs,node,app,metric,value\n";
  std::vector<std::pair<std::int64_t, std::string>> metricRows;
  Stats stats;
  const std::int64_t crashAt = 20 * s, rebootAt = 25 * s;
  for (int g = 0; g < gateways; ++g)
    emit(0,
         "{\"t\":0,\"node\":\"gateway-" + std::to_string(g) + "\",\"obj\":1,\"kind\":\"server\",\"ev\":\"listening\"}");
  emit(crashAt,
       "{\"t\":" + std::to_string(crashAt) + ",\"ev\":\"fault\",\"fault\":\"crash\",\"target\":\"gateway-3\"}");
  emit(rebootAt,
       "{\"t\":" + std::to_string(rebootAt) + ",\"ev\":\"fault\",\"fault\":\"reboot\",\"target\":\"gateway-3\"}");
  emit(rebootAt, "{\"t\":" + std::to_string(rebootAt) +
                     ",\"node\":\"gateway-3\",\"obj\":1,\"kind\":\"server\",\"ev\":\"listening\"}");
  for (int k = 0; k < devices; ++k) {
    const char* group = k % 10 < 7 ? "sensor" : k % 10 < 9 ? "meter" : "camera";
    std::string name = std::string(group) + "-" + std::to_string(k);
    names.push_back(name);
    groups.push_back(group);
    nics.push_back(k % 10 < 7 ? "spi-ethernet" : k % 10 < 9 ? "ns3" : "wifi");
    int g = k % gateways;
    std::string gw = "gateway-" + std::to_string(g);
    std::string server = ipOfGateway(g) + ":80";
    std::uint64_t obj = 1;
    std::int64_t t = rng.below(1000) * ms;
    int port = 49152;
    while (t < 55 * s) {
      std::string local = ipOfDevice(k) + ":" + std::to_string(port++);
      std::int64_t rtt = 10 * ms + rng.below(5 * ms);
      emit(t, sock(t, name, obj, "lookup") + ",\"peer\":\"" + ipOfGateway(g) + ":0\"}");
      if (k % 100 == 99) { // refused: nobody listens on its port
        emit(t + rtt, sock(t + rtt, name, obj, "error") +
                          ",\"code\":\"ECONNREFUSED\",\"message\":\"connect ECONNREFUSED " + server + "\"}");
        emit(t + rtt, sock(t + rtt, name, obj, "close") + "}");
        ++stats.connections;
        break;
      }
      bool crashed = g == 3 && t < crashAt;
      if (g == 3 && t >= crashAt && t < rebootAt)
        t = rebootAt + rng.below(500) * ms; // the gateway is down: the device retries after the reboot
      std::int64_t tc = t + rtt;
      std::uint64_t sid = gatewayIds[static_cast<std::size_t>(g)]++;
      emit(tc, sock(tc, name, obj, "connect") + ",\"peer\":\"" + server + "\",\"local\":\"" + local + "\"}");
      emit(tc + rtt / 2, "{\"t\":" + std::to_string(tc + rtt / 2) + ",\"node\":\"" + gw +
                             "\",\"obj\":1,\"kind\":\"server\",\"ev\":\"connection\",\"socket\":" +
                             std::to_string(sid) + ",\"peer\":\"" + local + "\",\"local\":\"" + server + "\"}");
      ++stats.connections;
      std::int64_t send = tc + 5 * s;
      std::int64_t stop = crashed ? crashAt : 55 * s;
      for (; send < stop; send += 5 * s) {
        std::int64_t arrive = send + rtt / 2, back = send + rtt;
        emit(arrive, sock(arrive, gw, sid, "data") + ",\"bytes\":64}");
        emit(back, sock(back, name, obj, "data") + ",\"bytes\":16}");
        metricRows.push_back({back, std::to_string(back) + "," + name + ",telemetry,latencyNs," + std::to_string(rtt)});
        metricRows.push_back({back, std::to_string(back) + "," + name + ",telemetry,bytes,64"});
        if (nics.back() == "spi-ethernet" && rng.below(400) == 0)
          emit(back, "{\"t\":" + std::to_string(back) + ",\"node\":\"" + name +
                         "\",\"ev\":\"nic\",\"device\":0,\"cause\":\"rx-overflow\",\"bytes\":1514}");
      }
      if (crashed) { // the gateway vanished: the device's next write times out, then reconnects
        std::int64_t te = send + 12 * s + rng.below(1000) * ms;
        emit(te, sock(te, name, obj, "error") + ",\"code\":\"ETIMEDOUT\",\"message\":\"write ETIMEDOUT\"}");
        emit(te, sock(te, name, obj, "close") + "}");
        obj += 1;
        t = std::max(te + s, rebootAt);
        continue;
      }
      // Half-close: the device ends, the gateway answers and ends too.
      std::int64_t te = send, arrive = te + rtt / 2, back = te + rtt;
      emit(arrive, sock(arrive, gw, sid, "end") + "}");
      emit(back, sock(back, name, obj, "data") + ",\"bytes\":3}");
      emit(back, sock(back, name, obj, "end") + "}");
      emit(back, sock(back, name, obj, "close") + "}");
      emit(back + rtt / 2, sock(back + rtt / 2, gw, sid, "close") + "}");
      break;
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.t < b.t; });
  {
    std::ofstream out(dir + "/trace.jsonl", std::ios::binary);
    for (const Line& l : lines)
      out << l.text << '\n';
  }
  stats.lines = lines.size();
  std::stable_sort(metricRows.begin(), metricRows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& r : metricRows)
    m << r.second << '\n';
  stats.metricRows = metricRows.size();

  nlohmann::json topology;
  topology["nodes"] = nlohmann::json::array();
  topology["links"] = nlohmann::json::array();
  topology["nodes"].push_back({{"name", "cloud"}, {"group", "cloud"}, {"nic", "ns3"}});
  for (int g = 0; g < gateways; ++g) {
    std::string gw = "gateway-" + std::to_string(g);
    topology["nodes"].push_back({{"name", gw}, {"group", "gateway"}, {"nic", "ns3"}});
    topology["links"].push_back(
        {{"a", gw}, {"b", "cloud"}, {"kind", "p2p"}, {"bandwidth", 100000000}, {"delayNs", 20000000}, {"loss", 0}});
  }
  for (std::size_t k = 0; k < names.size(); ++k) {
    topology["nodes"].push_back({{"name", names[k]}, {"group", groups[k]}, {"nic", nics[k]}});
    topology["links"].push_back({{"a", "gateway-" + std::to_string(k % gateways)},
                                 {"b", names[k]},
                                 {"kind", "p2p"},
                                 {"bandwidth", 250000},
                                 {"delayNs", 5000000},
                                 {"loss", 0.01}});
  }
  std::ofstream(dir + "/topology.json", std::ios::binary) << topology.dump() << '\n';
  nlohmann::json summary = {
      {"netbed", "0.1.0"},
      {"scenario", {{"name", "fleet-" + std::to_string(devices)}, {"seed", 42}, {"run", 1}, {"backend", "sim"}}},
      {"time", {{"simulatedNs", 60 * s}, {"wallSeconds", 95.5}, {"events", stats.lines * 40}}},
      {"trace", {{"file", "trace.jsonl"}, {"lines", stats.lines}, {"hash", "0000000000000000"}}},
      {"passed", true},
      {"expectations", {{{"text", "every device reconnects after the gateway reboot"}, {"pass", true}}}},
      {"outputs", {{"trace", "trace.jsonl"}, {"metrics", "metrics.csv"}, {"topology", "topology.json"}}}};
  std::ofstream(dir + "/summary.json", std::ios::binary) << summary.dump(2) << '\n';
  return stats;
}

} // namespace synth
