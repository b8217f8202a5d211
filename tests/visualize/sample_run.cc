#include "tests/visualize/sample_run.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/trace.h"
#include "sim/world.h"

namespace sample {

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

struct Sample {
  std::int64_t t;
  std::string node;
  std::string metric;
  std::int64_t value;
};

struct Run {
  sim::World world{1};
  std::vector<Sample> metrics;
  std::vector<std::int64_t> latencies;
  std::vector<std::string> sensors;

  // Acknowledges every message with 16 bytes; answers the client's FIN with "bye" and its own.
  void startGateway() {
    auto srv = world.node("gateway").net().createServer([](std::shared_ptr<net::Socket> s) {
      std::weak_ptr<net::Socket> weak = s;
      s->on(net::ev::data, [weak](const net::Buffer&) {
        if (auto p = weak.lock())
          p->write(net::Buffer(std::string(16, 'a')));
      });
      s->on(net::ev::end, [weak] {
        if (auto p = weak.lock())
          p->end("bye");
      });
      s->on(net::ev::error, [](const net::Error&) {});
    });
    srv->listen(80);
  }

  // Sends 64 bytes every 500 ms and times the acknowledgement; stop-and-wait sensors give up on
  // 2 s of silence, a pushy one (sensor-6) keeps writing and meets the rebooted gateway's reset;
  // either reconnects 1 s after a close before 12 s; all half-close at 14 s.
  void startSensor(const std::string& name) {
    auto& node = world.node(name);
    auto c = node.net().connect(80, "gateway");
    std::weak_ptr<net::Socket> weak = c;
    auto sentAt = std::make_shared<std::vector<std::int64_t>>();
    auto timer = std::make_shared<net::Timer>();
    bool pushy = name == "sensor-6";
    if (!pushy)
      c->setTimeout(2s);
    c->on(net::ev::connect, [weak, sentAt, timer, pushy, &node] {
      *timer = node.net().setInterval(500ms, [weak, sentAt, pushy, &node] {
        auto p = weak.lock();
        if (!p || !p->writable() || (!pushy && !sentAt->empty()))
          return;
        if (node.net().now() >= net::Time(14s)) {
          p->end();
          return;
        }
        sentAt->push_back(node.net().now().count());
        p->write(net::Buffer(std::string(64, 'm')));
      });
    });
    c->on(net::ev::data, [this, sentAt, name, &node](const net::Buffer& b) {
      std::int64_t now = node.net().now().count();
      for (std::size_t n = b.size(); n >= 16 && !sentAt->empty(); n -= 16) {
        std::int64_t latency = now - sentAt->front();
        sentAt->erase(sentAt->begin());
        metrics.push_back({now, name, "latencyNs", latency});
        metrics.push_back({now, name, "bytes", 64});
        latencies.push_back(latency);
      }
    });
    c->on(net::ev::timeout, [weak] {
      if (auto p = weak.lock())
        p->destroy();
    });
    c->on(net::ev::error, [](const net::Error&) {});
    c->on(net::ev::close, [this, timer, name, &node](bool) {
      timer->cancel();
      if (node.net().now() < net::Time(12s))
        node.net().setTimeout(1s, [this, name] { startSensor(name); });
    });
  }
};

void writeJson(const std::string& file, const nlohmann::json& j) {
  std::ofstream out(file, std::ios::binary);
  out << j.dump(2) << '\n';
}

} // namespace

void writeRun(const std::string& dir) {
  fs::create_directories(dir + "/pcap");
  Run run;
  sim::World& w = run.world;
  w.trace().keep();
  w.trace().open(dir + "/trace.jsonl");
  auto& gateway = w.node("gateway");
  auto& cloud = w.node("cloud");
  w.link(gateway, cloud, {10'000'000, 20ms});
  for (int i = 1; i <= 8; ++i) {
    run.sensors.push_back("sensor-" + std::to_string(i));
    w.link(gateway, w.node(run.sensors.back()), {250'000, 5ms});
  }
  w.link(w.node("sensor-7"), cloud, {1'000'000, 10ms});
  w.pcap(dir + "/pcap/node");

  run.startGateway();
  for (int i = 1; i <= 6; ++i)
    run.startSensor(run.sensors[static_cast<std::size_t>(i - 1)]);
  // sensor-7 half-closes towards the cloud, which never ends its side: half-open at the end.
  auto cloudServer = cloud.net().createServer({/*allowHalfOpen=*/true}, [](std::shared_ptr<net::Socket> s) {
    std::weak_ptr<net::Socket> weak = s;
    s->on(net::ev::data, [weak](const net::Buffer& b) {
      if (auto p = weak.lock())
        p->write(net::Buffer(std::string(b.size() * 4, 'r')));
    });
  });
  cloudServer->listen(9000);
  auto upload = w.node("sensor-7").net().connect({9000, "cloud", 0, /*allowHalfOpen=*/true});
  std::weak_ptr<net::Socket> weakUpload = upload;
  upload->on(net::ev::connect, [weakUpload] {
    if (auto p = weakUpload.lock()) {
      p->write(net::Buffer(std::string(1200, 'u')));
      p->end(net::Buffer(std::string(300, 'u')));
    }
  });
  upload->on(net::ev::data, [](const net::Buffer&) {});
  // sensor-8 asks a port nobody listens on.
  auto refused = w.node("sensor-8").net().connect(81, "gateway");
  refused->on(net::ev::error, [](const net::Error&) {});

  w.at(4s, [&] { w.crash(gateway); });
  w.at(7s, [&] {
    w.reboot(gateway);
    run.startGateway();
  });
  w.at(9s, [&] { w.setLoss(gateway, w.node("sensor-3"), 0.2); });
  w.at(10s, [&] { w.linkDown(gateway, w.node("sensor-5")); });
  w.at(11s, [&] { w.linkUp(gateway, w.node("sensor-5")); });
  bool idle = w.run(20s);
  std::int64_t simulated = w.now().count();

  // What the runner adds around the trace.
  nlohmann::json topology;
  topology["nodes"] = nlohmann::json::array();
  topology["nodes"].push_back({{"name", "gateway"}, {"group", "gateway"}, {"nic", "ns3"}});
  topology["nodes"].push_back({{"name", "cloud"}, {"group", "cloud"}, {"nic", "ns3"}});
  for (std::size_t i = 0; i < run.sensors.size(); ++i)
    topology["nodes"].push_back(
        {{"name", run.sensors[i]}, {"group", "sensor"}, {"nic", i < 4 ? "spi-ethernet" : "ns3"}});
  topology["links"] = nlohmann::json::array();
  topology["links"].push_back(
      {{"a", "gateway"}, {"b", "cloud"}, {"kind", "p2p"}, {"bandwidth", 10000000}, {"delayNs", 20000000}, {"loss", 0}});
  for (const std::string& s : run.sensors)
    topology["links"].push_back(
        {{"a", "gateway"}, {"b", s}, {"kind", "p2p"}, {"bandwidth", 250000}, {"delayNs", 5000000}, {"loss", 0}});
  topology["links"].push_back(
      {{"a", "sensor-7"}, {"b", "cloud"}, {"kind", "p2p"}, {"bandwidth", 1000000}, {"delayNs", 10000000}, {"loss", 0}});
  topology["segments"] = nlohmann::json::array();
  writeJson(dir + "/topology.json", topology);

  std::sort(run.metrics.begin(), run.metrics.end(), [](const Sample& a, const Sample& b) { return a.t < b.t; });
  {
    std::ofstream m(dir + "/metrics.csv", std::ios::binary);
    m << "tNs,node,app,metric,value\n";
    for (const Sample& s : run.metrics)
      m << s.t << ',' << s.node << ",telemetry," << s.metric << ',' << s.value << '\n';
    // The SPI NIC's receive queue, as a NIC model would sample it.
    for (int k = 0; k <= 40; ++k)
      m << static_cast<std::int64_t>(k) * 500'000'000 << ",sensor-1,nic0,queueBytes," << (k * 977) % 6144 << '\n';
  }

  std::map<std::string, std::map<std::string, int>> groups;
  int sensorErrors = 0;
  for (const auto& e : w.trace().events()) {
    if (e.node.empty())
      continue;
    std::string group = e.node.rfind("sensor-", 0) == 0 ? "sensor" : e.node;
    ++groups[group][e.ev];
    sensorErrors += group == "sensor" && e.ev == "error";
  }
  nlohmann::json jgroups = nlohmann::json::object();
  for (const auto& [g, counts] : groups)
    jgroups[g] = {{"nodes", g == "sensor" ? 8 : 1}, {"events", counts}};
  std::vector<std::int64_t> sorted = run.latencies;
  std::sort(sorted.begin(), sorted.end());
  auto q = [&](double p) {
    if (sorted.empty())
      return std::int64_t{0};
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
  };
  nlohmann::json pcaps = nlohmann::json::array();
  std::vector<std::string> names;
  for (const auto& f : fs::directory_iterator(dir + "/pcap"))
    names.push_back("pcap/" + f.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const auto& n : names)
    pcaps.push_back(n);
  nlohmann::json summary = {
      {"netbed", "0.1.0"},
      {"scenario",
       {{"name", "gateway-crash"},
        {"file", "scenarios/gateway-crash.yaml"},
        {"seed", 1},
        {"run", 1},
        {"backend", "sim"},
        {"set", {{"sensors", "8"}}}}},
      {"time", {{"simulatedNs", simulated}, {"wallSeconds", 0.42}, {"events", w.events()}}},
      {"trace", {{"file", "trace.jsonl"}, {"lines", w.trace().lines()}, {"hash", w.trace().hash()}}},
      {"passed", false},
      {"expectations",
       {{{"text", "every sensor reconnects after the gateway reboots"}, {"pass", true}, {"detail", "6 of 6 sensors"}},
        {{"text", "no error on sensor"},
         {"pass", sensorErrors == 0},
         {"detail", std::to_string(sensorErrors) + " 'error' events on 8 nodes of group sensor"}},
        {{"text", "the run ends idle"}, {"pass", idle}, {"detail", idle ? "idle" : "stopped at the time limit"}}}},
      {"groups", jgroups},
      {"metrics",
       {{"telemetry",
         {{"messages", run.latencies.size()},
          {"bytes", run.latencies.size() * 64},
          {"latencyP50Ns", q(0.5)},
          {"latencyP90Ns", q(0.9)},
          {"latencyP99Ns", q(0.99)},
          {"latencyMaxNs", sorted.empty() ? 0 : sorted.back()}}}}},
      {"nics",
       {{{"node", "sensor-1"},
         {"device", 0},
         {"model", "spi-ethernet"},
         {"txFrames", 61},
         {"rxFrames", 58},
         {"drops", {{"rx-overflow", 3}}},
         {"peakBytes", 6144}},
        {{"node", "sensor-2"},
         {"device", 0},
         {"model", "spi-ethernet"},
         {"txFrames", 60},
         {"rxFrames", 60},
         {"drops", nlohmann::json::object()},
         {"peakBytes", 2048}}}},
      {"outputs",
       {{"trace", "trace.jsonl"}, {"metrics", "metrics.csv"}, {"topology", "topology.json"}, {"pcap", pcaps}}}};
  writeJson(dir + "/summary.json", summary);
}

} // namespace sample
