// Runs a scenario: nodes, links and faults in a sim::World (or loopback sockets), the
// applications started at their times, every event recorded for the trace, the summary and
// the expectations.
#include "sim/scenario/runner.h"
#include "net/runtime.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "net/os.h"
#include "sim/fault_timeline.h"
#include "sim/kernel/fault_player.h"
#include "sim/kernel/host.h"
#include "sim/kernel/kernel_world.h"
#include "sim/kernel/probe.h"
#include "sim/scenario/nic_choice.h"
#include "sim/scenario/os_host.h"
#include "sim/scenario/run_stop.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace sim::scenario {

namespace {

using Clock = std::chrono::steady_clock;

std::uint64_t mix(std::uint64_t x) { // splitmix64
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::uint64_t fnv(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s)
    h = (h ^ c) * 0x100000001b3ull;
  return h;
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// One application instance on one node.
struct Slot;

class Run;

class SlotMetrics final : public apps::Metrics {
public:
  SlotMetrics(Run& run, std::size_t slot) : run_(run), slot_(slot) {}
  void message(std::uint64_t bytes) override;
  void latency(net::Duration latency) override;
  void add(const std::string& counter, double amount) override;
  void done() override;
  void log(const std::string& stream, const std::string& text) override;

private:
  Run& run_;
  std::size_t slot_;
};

struct Slot {
  std::size_t node;
  const AppSpec* spec;
  const apps::AppInfo* info;
  std::int64_t offsetNs; // from the node's boot: start plus its draw of jitter
  std::uint64_t seed;
  std::size_t instance; // into its AppMetrics::perInstance
  std::unique_ptr<SlotMetrics> metrics;
  std::unique_ptr<apps::AppEnv> env;
  std::unique_ptr<apps::App> app;
  bool done = false;
};

// Sees a node's net events: into the trace and the counts.
class Recorder final : public net::Observer {
public:
  Recorder(Observed& observed, sim::Trace& trace, std::string name)
      : observed_(observed), trace_(trace), name_(std::move(name)) {}
  void onEvent(const net::EventRecord& r) override {
    trace_.record(name_, r);
    observed_.event(name_, std::string(r.ev), r.error ? std::string(r.error->code()) : std::string(), r.t.count());
  }

private:
  Observed& observed_;
  sim::Trace& trace_;
  std::string name_;
};

// What both backends share: the slots, the metrics, the end of the run.
class Run {
public:
  Run(const Scenario& s, const RunOptions& o, RunStop& stop) : s_(s), o_(o), stop_(stop) {
    if (!o.outDir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(o.outDir, ec);
      csv_.open(o.outDir + "/metrics.csv", std::ios::binary);
      if (!csv_)
        throw std::runtime_error("cannot write " + o.outDir + "/metrics.csv");
      csv_ << "tNs,node,app,metric,value\n";
    }
    for (std::size_t n = 0; n < s.nodes.size(); ++n) {
      const auto& group = s.groups[s.nodes[n].group];
      for (std::size_t a = 0; a < group.apps.size(); ++a) {
        const AppSpec& spec = group.apps[a];
        std::uint64_t seed = mix(mix(s.seed) ^ mix(s.run + 0x51) ^ fnv(s.nodes[n].name) ^ mix(a + 1));
        std::int64_t offset = spec.startNs;
        if (spec.jitterNs > 0)
          offset += static_cast<std::int64_t>(mix(seed) % static_cast<std::uint64_t>(spec.jitterNs + 1));
        AppMetrics& app = observed.apps[spec.app];
        Slot slot{n,       &spec,  apps::findApp(spec.app), offset, mix(seed ^ 0xa5a5), app.perInstance.size(), nullptr,
                  nullptr, nullptr};
        slot.metrics = std::make_unique<SlotMetrics>(*this, slots_.size());
        app.instances++;
        app.perInstance.push_back(InstanceMetrics{n, 0, 0, {}});
        if (slot.info->finishes)
          ++pending_;
        lastStart_ = std::max(lastStart_, offset);
        slots_.push_back(std::move(slot));
      }
    }
    finishing_ = pending_ > 0;
    // Counts in a time window need every time of their events, the rest only counts.
    for (const auto& x : s.expectations)
      if (x.kind == ExpectKind::Count && x.first.ev != "fault" && x.occurrence == Occurrence::All &&
          (x.afterNs || x.beforeNs))
        observed.timedKeys.insert(x.first.code.empty() ? x.first.ev : x.first.ev + ":" + x.first.code);
  }
  virtual ~Run() = default;

  Observed observed;

  void sample(std::size_t slot, const char* metric, double value) {
    if (!csv_.is_open())
      return;
    const Slot& s = slots_[slot];
    csv_ << now().count() << ',' << s_.nodes[s.node].name << ',' << s.spec->app << ',' << metric << ',';
    if (value == static_cast<double>(static_cast<std::int64_t>(value)))
      csv_ << static_cast<std::int64_t>(value);
    else
      csv_ << value;
    csv_ << '\n';
    if (o_.maxOutputBytes)
      checkOutput(false);
  }
  AppMetrics& metricsOf(std::size_t slot) { return observed.apps[slots_[slot].spec->app]; }
  InstanceMetrics& instanceOf(std::size_t slot) { return metricsOf(slot).perInstance[slots_[slot].instance]; }
  void log(std::size_t slot, const std::string& stream, const std::string& text) {
    trace().console(now(), s_.nodes[slots_[slot].node].name, stream, text);
  }
  void slotDone(std::size_t slot) {
    Slot& s = slots_[slot];
    if (s.done || !s.info->finishes)
      return;
    s.done = true;
    if (--pending_ == 0 && finishing_)
      allDone();
  }

protected:
  // Halts the run once its outputs pass --max-output; pcap files (buffered by ns-3, so
  // counted a little late) only when `pcap`, as reading their sizes costs a call per file.
  void checkOutput(bool pcap) {
    if (!o_.maxOutputBytes || stop_.halted())
      return;
    std::uint64_t bytes = trace().bytes() + (csv_.is_open() ? static_cast<std::uint64_t>(csv_.tellp()) : 0);
    if (pcap && o_.pcap) {
      std::error_code ec;
      for (const auto& e : std::filesystem::directory_iterator(o_.outDir + "/pcap", ec))
        bytes += static_cast<std::uint64_t>(e.file_size(ec));
    }
    if (bytes > o_.maxOutputBytes)
      stop_.halt("max-output " + std::to_string(o_.maxOutputBytes) + " bytes reached");
  }
  void limitOutput() {
    if (o_.maxOutputBytes)
      trace().limit(o_.maxOutputBytes, [this] { checkOutput(false); });
  }

  // A run in real time on a libuv loop (os, kernel): to its duration or a halt.
  RunResult runLoop(net::os::Loop& loop, sim::Trace& trace, const char* backend) {
    RunResult r;
    r.backend = backend;
    auto began = Clock::now();
    limitOutput();
    stop_.onHalt([&loop] { loop.stopFromAnotherThread(); });
    if (!stop_.halted())
      loop.runFor(net::Duration(s_.durationNs) - now());
    stop_.onHalt(nullptr);
    stopApps();
    r.wallSeconds = seconds(Clock::now() - began);
    r.simulatedNs = now().count();
    r.events = observed.seq;
    r.traceLines = trace.lines();
    r.traceHash = trace.hash();
    return r;
  }

  // Applications go before the contexts that still hold their listeners: every derived
  // class calls this first in its destructor.
  void dropApps() {
    for (auto& slot : slots_) {
      slot.app.reset();
      slot.env.reset();
    }
  }

  virtual net::Context& context(std::size_t node) = 0;
  virtual net::Time now() const = 0;
  virtual sim::Trace& trace() = 0;
  // The run is over: every application has its last word (App::stop) before the results,
  // except on a node that is down (crashed): its applications vanished with it.
  void stopApps() {
    for (auto& slot : slots_)
      if (slot.app && !nodeDown(slot.node))
        slot.app->stop();
  }
  virtual bool nodeDown(std::size_t node) const {
    (void)node;
    return false;
  }
  // Every finishing application has finished: end the run (never from inside a callback).
  virtual void allDone() = 0;

  void startSlot(std::size_t i) {
    Slot& slot = slots_[i];
    const auto& node = s_.nodes[slot.node];
    slot.app.reset();
    slot.env =
        std::make_unique<apps::AppEnv>(apps::AppEnv{context(slot.node), slot.spec->params, *slot.metrics, node.name,
                                                    s_.groups[node.group].name, node.index, slot.seed});
    slot.app = slot.info->make();
    slot.app->start(*slot.env);
  }

  // A node rebooted: its applications start again, as at boot; the ones that had finished
  // have work again.
  void restartNode(std::size_t node, const std::function<void(std::int64_t, std::size_t)>& schedule) {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].node != node)
        continue;
      if (slots_[i].done && slots_[i].info->finishes) {
        slots_[i].done = false;
        ++pending_;
      }
      schedule(slots_[i].offsetNs, i);
    }
  }

  const Scenario& s_;
  const RunOptions& o_;
  RunStop& stop_;
  std::vector<Slot> slots_;
  std::size_t pending_ = 0;
  bool finishing_ = false; // the run has applications that finish
  std::int64_t lastStart_ = 0;
  std::ofstream csv_;
};

void SlotMetrics::message(std::uint64_t bytes) {
  auto& m = run_.metricsOf(slot_);
  auto& own = run_.instanceOf(slot_);
  m.messages += 1;
  own.messages += 1;
  m.bytes += static_cast<double>(bytes);
  own.bytes += static_cast<double>(bytes);
  run_.sample(slot_, "bytes", static_cast<double>(bytes));
}
void SlotMetrics::latency(net::Duration latency) {
  auto& m = run_.metricsOf(slot_);
  m.latencies.push_back(latency.count());
  m.latencyOf.push_back(static_cast<std::uint32_t>(&run_.instanceOf(slot_) - m.perInstance.data()));
  run_.sample(slot_, "latencyNs", static_cast<double>(latency.count()));
}
void SlotMetrics::add(const std::string& counter, double amount) {
  run_.metricsOf(slot_).counters[counter] += amount;
  run_.instanceOf(slot_).counters[counter] += amount;
  run_.sample(slot_, counter.c_str(), amount);
}
void SlotMetrics::done() { run_.slotDone(slot_); }
void SlotMetrics::log(const std::string& stream, const std::string& text) { run_.log(slot_, stream, text); }

// --- the simulated network ----------------------------------------------------------------

class SimRun final : public Run {
public:
  SimRun(const Scenario& s, const RunOptions& o, RunStop& stop) : Run(s, o, stop), world_(s.seed, s.run) {
    world_.tcp(s.tcp);
    nodes_ = buildNetwork(world_, s);
    if (o.pcap) {
      std::filesystem::create_directories(o.outDir + "/pcap");
      world_.pcap(o.outDir + "/pcap/netbed");
    }
    if (!o.outDir.empty())
      world_.trace().open(o.outDir + "/trace.jsonl");
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      recorders_.push_back(std::make_unique<Recorder>(observed, world_.trace(), s.nodes[i].name));
      net::Runtime::setObserver(nodes_[i]->net(), recorders_.back().get());
    }
    // Pending World::at calls keep the world running: nothing needs to wait for the last
    // start or fault but those calls themselves.
    std::int64_t agenda = lastStart_;
    for (const auto& f : s.faults)
      agenda = std::max(agenda, faults_.schedule(f, s.durationNs));
    lastFault_ = agenda;
    boots_.assign(nodes_.size(), 0);
    for (std::size_t i = 0; i < slots_.size(); ++i)
      startAt(net::Time(slots_[i].offsetNs), i);
    if (o.netanim && !o.outDir.empty())
      world_.netanim(o.outDir + "/netanim.xml"); // after every node
  }

  ~SimRun() override {
    dropApps();
    for (auto* n : nodes_)
      net::Runtime::setObserver(n->net(), nullptr);
  }

  RunResult go() {
    RunResult r;
    r.backend = "sim";
    if (o_.netanim && !o_.outDir.empty())
      r.netanimFile = "netanim.xml";
    auto began = Clock::now();
    const net::Time end(s_.durationNs);
    // Slices of a hundredth of the run, whatever the terminal: the same events every time.
    const net::Duration slice(std::max<std::int64_t>(s_.durationNs / 100, 1'000'000));
    bool shown = false;
    limitOutput();
    stop_.onHalt([this] { world_.stopFromAnotherThread(); });
    while (!stop_.halted()) {
      net::Time t = world_.now();
      bool idle = world_.run(std::min<net::Duration>(slice, end - t));
      checkOutput(true);
      if (idle || world_.now() >= end || stop_.halted())
        break;
      double wall = seconds(Clock::now() - began);
      if (o_.progress && wall > 1.0) {
        double done = static_cast<double>(world_.now().count()) / static_cast<double>(s_.durationNs);
        std::fprintf(stderr, "\r  simulated %.1f s of %.1f s (%3.0f%%), %.0f events/s, ETA %.0f s at most   ",
                     static_cast<double>(world_.now().count()) / 1e9, static_cast<double>(s_.durationNs) / 1e9,
                     100 * done, static_cast<double>(world_.events()) / wall, wall / done - wall);
        shown = true;
      }
    }
    stop_.onHalt(nullptr);
    if (shown)
      std::fprintf(stderr, "\r%*s\r", 79, "");
    stopApps();
    r.wallSeconds = seconds(Clock::now() - began);
    r.simulatedNs = world_.now().count();
    r.events = world_.events();
    r.traceLines = world_.trace().lines();
    r.traceHash = world_.trace().hash();
    for (const auto* n : nodes_)
      ids_.emplace_back(n->id(), n->name());
    for (const auto& nic : world_.nicReports()) {
      const auto& st = nic.stats;
      r.nics.push_back({nic.node,
                        nic.device - 1,
                        nic.model,
                        st.txFrames,
                        st.rxFrames,
                        st.txBytes,
                        st.rxBytes,
                        st.drops,
                        nic.model == "spi-ethernet" ? st.peakBufferBytes : std::max(st.peakTxBytes, st.peakRxBytes),
                        {}});
      if (nic.model == "radio")
        r.nics.back().mac = {{"ccaBusy", st.ccaBusy},      {"collisions", st.collisions},
                             {"retries", st.retries},      {"ackTimeouts", st.ackTimeouts},
                             {"acksSent", st.acksSent},    {"acksReceived", st.acksReceived},
                             {"duplicates", st.duplicates}};
    }
    return r;
  }

  const std::vector<std::pair<std::uint32_t, std::string>>& ids() const { return ids_; }

private:
  net::Context& context(std::size_t node) override { return nodes_[node]->net(); }
  net::Time now() const override { return world_.now(); }
  sim::Trace& trace() override { return world_.trace(); }
  bool nodeDown(std::size_t node) const override { return world_.crashed(*nodes_[node]); }

  void allDone() override {
    // Not before the last fault: a scenario's faults all happen.
    net::Time at = std::max(world_.now(), net::Time(lastFault_));
    world_.at(at, [this] {
      if (pending_ != 0)
        return; // a reboot gave some application work again
      for (auto* n : nodes_)
        net::Runtime::reset(n->net());
    });
  }

  // Starts an application at `t` unless its node crashes (or reboots) before then.
  void startAt(net::Time t, std::size_t slot) {
    std::size_t n = slots_[slot].node;
    world_.at(t, [this, slot, n, boot = boots_[n]] {
      if (boots_[n] == boot && !world_.crashed(*nodes_[n]))
        startSlot(slot);
    });
  }

  std::size_t indexOf(const sim::Node& n) const {
    return static_cast<std::size_t>(std::find(nodes_.begin(), nodes_.end(), &n) - nodes_.begin());
  }

  // n has just rebooted: its applications start again, counted from now.
  void rebooted(sim::Node& n) {
    std::size_t index = indexOf(n);
    ++boots_[index];
    restartNode(index,
                [this](std::int64_t offset, std::size_t slot) { startAt(world_.now() + net::Duration(offset), slot); });
  }

  sim::World world_;
  sim::FaultTimeline faults_{world_,
                             {[this](const char* kind, const std::vector<std::string>& nodes) {
                                observed.faults.push_back({observed.seq++, world_.now().count(), kind, nodes});
                              },
                              [this](sim::Node& n) { ++boots_[indexOf(n)]; }, [this](sim::Node& n) { rebooted(n); }}};
  std::vector<sim::Node*> nodes_;
  std::vector<std::unique_ptr<Recorder>> recorders_;
  std::int64_t lastFault_ = 0;
  std::vector<std::pair<std::uint32_t, std::string>> ids_;
  std::vector<std::uint64_t> boots_; // per node: crashes and reboots so far
};

// --- real sockets -------------------------------------------------------------------------

// What of a TCP profile one Linux socket sets (the OS backend's TcpOptions).
net::os::TcpOptions socketOptions(const sim::TcpProfile& p) {
  net::os::TcpOptions tcp;
  tcp.userTimeout = p.userTimeout;
  tcp.synRetries = static_cast<int>(p.synRetries);
  tcp.congestion = p.congestion;
  tcp.keepAliveInterval = p.keepAliveInterval;
  tcp.keepAliveProbes = static_cast<int>(p.keepAliveProbes);
  return tcp;
}

// The hosts of a run on a libuv loop (os, kernel): a context per node, its events recorded
// under the node's name, and a context of the loop's own that holds the run's timers.
struct LoopHosts {
  LoopHosts() = default;
  LoopHosts(const LoopHosts&) = delete;
  LoopHosts& operator=(const LoopHosts&) = delete;
  // After the run's dropApps (a derived class's destructor body runs first): the contexts go
  // before the starter.
  ~LoopHosts() {
    for (auto& c : contexts)
      net::Runtime::setObserver(*c, nullptr);
    contexts.clear();
    starter.reset();
  }

  void add(std::unique_ptr<net::Context> context, Observed& observed, sim::Trace& trace, const std::string& name) {
    contexts.push_back(std::move(context));
    recorders.push_back(std::make_unique<Recorder>(observed, trace, name));
    net::Runtime::setObserver(*contexts.back(), recorders.back().get());
  }

  std::vector<std::unique_ptr<Recorder>> recorders;
  std::vector<std::unique_ptr<net::Context>> contexts;
  std::unique_ptr<net::Context> starter;
};

class OsRun final : public Run {
public:
  OsRun(const Scenario& s, const RunOptions& o, RunStop& stop) : Run(s, o, stop), epoch_(Clock::now()) {
    // What of the profile one Linux socket can set; the rest is the host's (scenarios/README.md).
    loop_.setTcpOptions(socketOptions(s.tcp));
    auto names = std::make_shared<std::map<std::string, std::string>>();
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
      (*names)[s.nodes[i].name] = loopbackAddress(i);
    if (!o.outDir.empty())
      trace_.open(o.outDir + "/trace.jsonl");
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
      hosts_.add(std::make_unique<net::Context>(makeOsHost(loop_, loopbackAddress(i), names, epoch_)), observed, trace_,
                 s.nodes[i].name);
    hosts_.starter = loop_.context();
    for (std::size_t i = 0; i < slots_.size(); ++i)
      hosts_.starter->setTimeout(std::max(net::Duration(slots_[i].offsetNs) - now(), net::Duration(0)),
                                 [this, i] { startSlot(i); });
  }

  ~OsRun() override { dropApps(); }

  RunResult go() { return runLoop(loop_, trace_, "os"); }

private:
  net::Context& context(std::size_t node) override { return *hosts_.contexts[node]; }
  sim::Trace& trace() override { return trace_; }
  net::Time now() const override { return std::chrono::duration_cast<net::Duration>(Clock::now() - epoch_); }
  void allDone() override { loop_.stop(); }

  // Declared first: destroyed last, after every context on it.
  net::os::Loop loop_;
  Clock::time_point epoch_;
  sim::Trace trace_;
  LoopHosts hosts_; // its starter holds the timers that start the applications
};

// --- the real Linux stack, a network namespace per node ------------------------------------

kernel::Topology topologyOf(const Scenario& s) {
  kernel::Topology t;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    t.nodes.push_back(s.nodes[i].name);
    index[s.nodes[i].name] = i;
  }
  for (const auto& l : s.links) {
    t.links.push_back({index.at(l.a), index.at(l.b), l.spec.bandwidth, l.spec.queuePackets});
    t.shapes.push_back({l.spec.delay.count(), l.spec.jitter.count(), l.spec.loss, l.spec.burst});
  }
  t.seed = s.seed;
  for (const auto& seg : s.segments) {
    kernel::Topology::Segment k{{}, seg.spec.bandwidth, seg.spec.queuePackets, {}, seg.spec.unreachable};
    k.shape.delayNs = seg.spec.delay.count();
    k.shape.loss = seg.spec.loss;
    for (const auto& m : seg.members)
      k.members.push_back(index.at(m));
    t.segments.push_back(std::move(k));
  }
  return t;
}

class KernelRun final : public Run {
public:
  KernelRun(const Scenario& s, const RunOptions& o, RunStop& stop, const std::function<void(const std::string&)>& note)
      : Run(s, o, stop), epoch_(Clock::now()), world_(topologyOf(s), s.tcp, note) {
    loop_.setTcpOptions(socketOptions(s.tcp)); // the rest: the namespaces' sysctls (sim/kernel)
    auto names = std::make_shared<std::map<std::string, std::string>>();
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
      (*names)[s.nodes[i].name] = world_.address(i);
    if (!o.outDir.empty())
      trace_.open(o.outDir + "/trace.jsonl");
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
      hosts_.add(std::make_unique<net::Context>(kernel::makeHost(
                     loop_, [this, i] { return world_.ns(i); }, names, epoch_)),
                 observed, trace_, s.nodes[i].name);
    world_.onFault = [this](const std::string& what, const std::string& target, const std::vector<std::string>& n) {
      trace_.fault(now(), what, target, n);
    };
    world_.onReboot = [this](std::size_t node) { rebooted(node); };
    hosts_.starter = loop_.context();
    boots_.assign(s.nodes.size(), 0);
    std::int64_t agenda = lastStart_;
    for (const auto& f : s.faults)
      agenda = std::max(agenda, faults_.schedule(f, s.durationNs));
    lastFault_ = agenda;
    for (std::size_t i = 0; i < slots_.size(); ++i)
      startAt(slots_[i].offsetNs, i);
  }

  ~KernelRun() override { dropApps(); }

  const std::string& id() const { return world_.runId(); }
  bool named() const { return world_.named(); }

  RunResult go() { return runLoop(loop_, trace_, "kernel"); }

private:
  net::Context& context(std::size_t node) override { return *hosts_.contexts[node]; }
  sim::Trace& trace() override { return trace_; }
  net::Time now() const override { return std::chrono::duration_cast<net::Duration>(Clock::now() - epoch_); }
  bool nodeDown(std::size_t node) const override { return world_.crashed(node); }

  // Not before the last fault: a scenario's faults all happen.
  void allDone() override {
    at(lastFault_, [this] {
      if (pending_ == 0) // else a reboot gave some application work again
        loop_.stop();
    });
  }

  // Runs fn at `t` from the start; a fault the kernel refuses ends the run, with the reason.
  void at(std::int64_t t, std::function<void()> fn) {
    hosts_.starter->setTimeout(std::max(net::Duration(t) - now(), net::Duration(0)), [this, fn = std::move(fn)] {
      try {
        fn();
      } catch (const std::exception& e) {
        stop_.halt(std::string("kernel: ") + e.what());
        loop_.stop();
      }
    });
  }

  void startAt(std::int64_t t, std::size_t slot) {
    std::size_t n = slots_[slot].node;
    at(t, [this, slot, n, boot = boots_[n]] {
      if (boots_[n] == boot && !world_.crashed(n))
        startSlot(slot);
    });
  }

  void rebooted(std::size_t node) {
    ++boots_[node];
    restartNode(node, [this](std::int64_t offset, std::size_t slot) { startAt(now().count() + offset, slot); });
  }

  std::size_t nodeIndex(const std::string& name) const {
    for (std::size_t i = 0; i < s_.nodes.size(); ++i)
      if (s_.nodes[i].name == name)
        return i;
    throw std::invalid_argument("kernel: no node '" + name + "'");
  }

  // Declared before the contexts: destroyed after every context on it.
  net::os::Loop loop_;
  Clock::time_point epoch_;
  kernel::World world_;
  sim::Trace trace_;
  LoopHosts hosts_;                  // its starter holds the timers that start applications and faults
  std::vector<std::uint64_t> boots_; // per node: crashes and reboots so far
  std::int64_t lastFault_ = 0;
  kernel::FaultPlayer faults_{
      world_,
      kernel::FaultPlayer::Hooks{
          [this](std::int64_t t, std::function<void()> fn) { at(t, std::move(fn)); },
          [this](const std::string& name) { return nodeIndex(name); },
          [this](const char* kind, const std::vector<std::string>& nodes) {
            observed.faults.push_back({observed.seq++, now().count(), kind, nodes});
          },
          [this](std::size_t node) {
            ++boots_[node];
            net::Runtime::reset(*hosts_.contexts[node]); // its sockets are held open by the world: nothing is sent
          }}};
};

// Refuses the kernel backend on a machine that cannot build its world, in one line.
void checkKernel(const Scenario& s) {
  kernel::Probe p = kernel::probe();
  if (!p.netAdmin)
    throw std::runtime_error(kernel::capabilityHint());
  if (!p.usable() || (!s.segments.empty() && !p.bridge))
    throw std::runtime_error("the kernel backend cannot run here: " + p.missing() +
                             (p.detail.empty() ? "" : " (" + p.detail + ")"));
  bool delayLine = false; // links' delay, jitter and loss, and their changes: the delay line's
  for (const auto& l : s.links)
    delayLine = delayLine || l.spec.delay.count() > 0 || l.spec.loss > 0 || l.spec.jitter.count() > 0;
  for (const auto& f : s.faults)
    delayLine = delayLine || f.kind == sim::FaultKind::SetLoss || f.kind == sim::FaultKind::SetDelay;
  if (delayLine && !p.nfqueue)
    throw std::runtime_error("the kernel backend cannot run here: missing: nfnetlink_queue or the NFQUEUE target "
                             "(nft_compat, xt_NFQUEUE): the delay line that gives links their delay, jitter and loss");
}

void renamePcaps(const std::string& outDir, const std::vector<std::pair<std::uint32_t, std::string>>& ids,
                 std::vector<std::string>& files) {
  namespace fs = std::filesystem;
  std::map<std::uint32_t, std::string> byId(ids.begin(), ids.end());
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(outDir + "/pcap"))
    found.push_back(e.path());
  std::sort(found.begin(), found.end());
  for (const auto& p : found) {
    // netbed-<node id>-<ns-3 device>.pcap -> <node name>-<device>.pcap, devices counted
    // from 0 without ns-3's loopback (its device 0), as summary.json's nics count them.
    std::string base = p.filename().string();
    unsigned id = 0, dev = 0;
    if (std::sscanf(base.c_str(), "netbed-%u-%u.pcap", &id, &dev) != 2 || !byId.count(id) || dev == 0)
      continue;
    --dev;
    std::string name = byId[id] + "-" + std::to_string(dev) + ".pcap";
    fs::rename(p, p.parent_path() / name);
    files.push_back("pcap/" + name);
  }
  std::sort(files.begin(), files.end());
}

} // namespace

std::vector<sim::Node*> buildNetwork(sim::World& world, const Scenario& s) {
  std::vector<sim::Node*> nodes;
  // Each node's NIC before its links: World::setNic applies to links made afterwards.
  for (const auto& n : s.nodes) {
    nodes.push_back(&world.node(n.name));
    applyNic(world, *nodes.back(), s.groups[n.group].nic);
  }
  for (const auto& l : s.links)
    world.link(*world.find(l.a), *world.find(l.b), l.spec);
  for (const auto& seg : s.segments) {
    std::vector<sim::Node*> members;
    for (const auto& m : seg.members)
      members.push_back(world.find(m));
    world.segment(members, seg.spec);
  }
  return nodes;
}

RunResult runScenario(const Scenario& scenario, const RunOptions& options) {
  auto note = options.note ? options.note : [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
  RunResult r;
  Observed observed;
  for (const auto& g : scenario.groups)
    checkNic(g.nic);
  auto began = Clock::now(); // the wall time includes building the network
  RunStop stop;
  Watchdog watchdog(stop, options.maxWallSeconds, options.stopOnSignals);
  if (options.backend == BackendKind::Sim) {
    std::vector<std::pair<std::uint32_t, std::string>> ids;
    {
      SimRun run(scenario, options, stop);
      r = run.go();
      observed = std::move(run.observed);
      ids = run.ids();
    } // the world is gone: pcap files are complete
    if (options.pcap)
      renamePcaps(options.outDir, ids, r.pcapFiles);
  } else if (options.backend == BackendKind::Kernel) {
    checkKernel(scenario);
    {
      KernelRun run(scenario, options, stop, note);
      note("note: backend kernel: every node is a network namespace (" +
           (run.named() ? "netbed-" + run.id() + "-NODE" : "unnamed: no writable /run, they end with the process") +
           ") on this host's Linux TCP; links and segments have their bandwidth and queue, and their delay, "
           "jitter and loss through the delay line (NFQUEUE)"
           "; NICs are not modelled; times are wall-clock" +
           (options.pcap ? "; no pcap" : ""));
      if (options.onKernelNamespaces)
        options.onKernelNamespaces(run.named() ? "netbed-" + run.id() + "-" : "");
      r = run.go();
      observed = std::move(run.observed);
    }
  } else {
    note("note: backend os: every node is a loopback address (127.0.0.2 ...); link and segment parameters "
         "(bandwidth, delay, jitter, loss, queues)" +
         std::string(scenario.faults.empty() ? "" : " and the " + std::to_string(scenario.faults.size()) + " faults") +
         " are not modelled on real sockets; times are wall-clock" + (options.pcap ? "; no pcap" : ""));
    {
      OsRun run(scenario, options, stop);
      r = run.go();
      observed = std::move(run.observed);
    }
  }
  r.wallSeconds = seconds(Clock::now() - began);
  if (stop.halted())
    r.stopped = stop.reason();
  r.expectations = evaluate(scenario, observed);
  r.passed = std::all_of(r.expectations.begin(), r.expectations.end(), [](const auto& e) { return e.pass; });
  r.observed = std::move(observed);
  if (!options.outDir.empty()) {
    writeSummary(scenario, options, r, options.outDir + "/summary.json");
    writeTopology(scenario, options.outDir + "/topology.json");
  }
  return r;
}

} // namespace sim::scenario
