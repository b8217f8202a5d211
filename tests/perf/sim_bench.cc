// sim_bench: netbed's simulated backend against raw ns-3 (README-sim.md). A benchmark, not a test.
//
// The same IoT workload written twice: once against netbed's `net` API on sim::World, once
// directly against ns-3 sockets. N clients sit in a tree of gateways (100 per gateway) under one
// server; each client connects at t = 0, sends 64 bytes, waits for the echo, sends the next one
// 1 s after each echo, 10 times, then half-closes; the server echoes and closes when its peer
// does. A run stops when every client has seen its connection close. Three variants:
//   netbed  the net API on the network sim::World builds
//   nic     the same, with a SystemC NIC model (model::GenericNic) on every device of every node
//   raw     ns-3's socket API and callbacks on the same network, built by sim::World the same way,
//           on the same TCP socket class as netbed's backend (sim::TcpSocket)
//   plain   raw ns-3 sockets on a network built with ns-3's helpers and global routing
// netbed / raw is the overhead of the net API and the simulated backend (the target);
// plain shows what the same program costs in plain ns-3.
//
//   sim_bench                                  driver: N = 1,000 and 10,000; netbed, nic and raw
//   sim_bench --large                          the same, and N = 100,000 for netbed and nic
//   sim_bench --sizes 100,1000 --repeat 5      driver with other sizes, best of 5 runs
//   sim_bench --run raw|netbed|nic|plain --clients N   one run in this process (the driver's child)
//
// The driver runs each (variant, N) as a child process of its own, so that the peak resident
// set (VmHWM) and ns-3's process-wide state belong to that run alone.
#include <ns3/config.h>
#include <ns3/data-rate.h>
#include <ns3/inet-socket-address.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-generator.h>
#include <ns3/ipv4-address-helper.h>
#include <ns3/ipv4-global-routing-helper.h>
#include <ns3/ipv4-interface-container.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device-container.h>
#include <ns3/node.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/queue-size.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <ns3/socket.h>
#include <ns3/tcp-socket-factory.h>
#include <ns3/uinteger.h>

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sim/tcp_socket.h"
#include "sim/topology.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// --- The workload: one definition for both variants ---------------------------------------

constexpr int kPerGateway = 100;
constexpr int kMessages = 10;
constexpr std::size_t kMessageSize = 64;
constexpr std::uint16_t kPort = 7;
constexpr auto kGap = 1s;           // from an echo to the next message
constexpr auto kSafetyBound = 600s; // simulated; the workload itself ends near 11 s

// The links, as sim::LinkSpec gives them to World::link (DropTail queue of 100 packets, no loss).
const sim::LinkSpec kUplink{100'000'000, 1ms}; // server - gateway
const sim::LinkSpec kAccess{500'000, 10ms};    // gateway - client

// Message i: 63 copies of one letter and a newline.
std::string message(int i) { return std::string(kMessageSize - 1, static_cast<char>('a' + i % 26)) + "\n"; }

std::string expectedEchoes() {
  std::string all;
  for (int i = 0; i < kMessages; ++i)
    all += message(i);
  return all;
}

// What one run measured.
struct Result {
  std::string variant;
  int clients = 0;
  double setupSeconds = 0; // nodes, links, addresses, routes, applications
  double runSeconds = 0;   // Simulator::Run
  double cpuSeconds = 0;   // user + system, setup and run
  double teardownSeconds = 0;
  std::uint64_t events = 0;
  std::uint64_t hwmKiB = 0; // VmHWM after the run
  int complete = 0;         // clients that got all 10 echoes, byte for byte, and a clean close
  std::uint64_t echoes = 0; // echoes received, over all clients
  int clientErrors = 0;
  int serverClosed = 0; // server-side connections closed
  int serverErrors = 0;
  double simEnd = 0; // simulated time when the last client finished
  bool stoppedByBound = false;
};

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The peak resident set of this process so far, in KiB (/proc/self/status VmHWM).
std::uint64_t peakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0)
      return std::strtoull(line.c_str() + 6, nullptr, 10);
  return 0;
}

// One run's clocks, read when its setup starts; ran() fills in the figures of the run.
struct Stopwatch {
  double cpu0 = cpuSeconds();
  Clock::time_point t0 = Clock::now();

  // Setup ended at t1 (the applications in place), the run at t2, after `events` events.
  void ran(Result& r, Clock::time_point t1, Clock::time_point t2, std::uint64_t events) const {
    r.events = events;
    r.hwmKiB = peakRssKiB();
    r.cpuSeconds = cpuSeconds() - cpu0;
    r.setupSeconds = seconds(t1 - t0);
    r.runSeconds = seconds(t2 - t1);
  }
};

int gateways(int clients) { return (clients + kPerGateway - 1) / kPerGateway; }

// --- Variant 1: netbed's net API on sim::World --------------------------------------------

// The network, built by sim::World for the `netbed` and `raw` variants alike: the server, then
// gateways gw-1 ... with their clients (sim::tree's order). Returns the clients. With `nic`,
// every node gets a SystemC NIC model before its first link (so the same order, by hand).
std::vector<sim::Node*> buildWorld(sim::World& world, sim::Node& server, int n, bool nic = false) {
  // sim::tree builds full gateways; a last, partial one is built the same way by hand.
  const int full = n / kPerGateway, rest = n % kPerGateway;
  if (nic) {
    world.setNic(server, model::GenericNic{});
    std::vector<sim::Node*> clients;
    for (int g = 1; g <= gateways(n); ++g) {
      auto& gw = world.node("gw-" + std::to_string(g));
      world.setNic(gw, model::GenericNic{});
      world.link(server, gw, kUplink);
      for (int i = 0; i < (g <= full ? kPerGateway : rest); ++i) {
        auto& c = world.node("client-" + std::to_string(clients.size() + 1));
        world.setNic(c, model::GenericNic{});
        world.link(gw, c, kAccess);
        clients.push_back(&c);
      }
    }
    return clients;
  }
  std::vector<sim::Node*> clients = sim::tree(world, server, full, kPerGateway, "client", kUplink, kAccess);
  if (rest > 0) {
    auto& gw = world.node("gw-" + std::to_string(full + 1));
    world.link(server, gw, kUplink);
    for (int i = 0; i < rest; ++i) {
      auto& c = world.node("client-" + std::to_string(full * kPerGateway + i + 1));
      world.link(gw, c, kAccess);
      clients.push_back(&c);
    }
  }
  return clients;
}

Result runNetbed(int n, bool nic) {
  Result r;
  r.variant = nic ? "nic" : "netbed";
  r.clients = n;
  const Stopwatch watch;
  auto world = std::make_unique<sim::World>(1);
  auto& server = world->node("server");
  std::vector<sim::Node*> clients = buildWorld(*world, server, n, nic);

  auto srv = server.net().createServer([&r](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
    s->on(net::ev::error, [&r](const net::Error&) { ++r.serverErrors; });
    s->on(net::ev::close, [&r](bool) { ++r.serverClosed; });
  });
  srv->listen(kPort);

  const std::string expected = expectedEchoes();
  int finished = 0;
  struct Client {
    int sent = 0, echoed = 0;
    std::string got;
    bool endOk = false;
  };
  for (sim::Node* node : clients) {
    net::Context& ctx = node->net();
    auto c = ctx.connect(kPort, "server");
    auto st = std::make_shared<Client>();
    c->on(net::ev::connect, [c, st] { c->write(message(st->sent++)); });
    c->on(net::ev::data, [c, st, &ctx, &r](const net::Buffer& b) {
      st->got += b.view();
      if (st->echoed < st->sent && st->got.size() == static_cast<std::size_t>(st->sent) * kMessageSize) {
        ++st->echoed;
        ++r.echoes;
        if (st->sent == kMessages)
          c->end();
        else
          ctx.setTimeout(kGap, [c, st] { c->write(message(st->sent++)); });
      }
    });
    c->on(net::ev::end, [st, &expected] { st->endOk = st->echoed == kMessages && st->got == expected; });
    c->on(net::ev::error, [&r](const net::Error&) { ++r.clientErrors; });
    c->on(net::ev::close, [&, st](bool hadError) {
      if (st->endOk && !hadError)
        ++r.complete;
      if (++finished == n) {
        r.simEnd = std::chrono::duration<double>(world->now()).count();
        srv->close(); // the world is idle now: run() returns
      }
    });
  }
  const auto t1 = Clock::now();
  bool idle = world->run(kSafetyBound);
  const auto t2 = Clock::now();
  r.stoppedByBound = !idle;
  watch.ran(r, t1, t2, world->events());
  srv.reset();
  world.reset();
  r.teardownSeconds = seconds(Clock::now() - t2);
  return r;
}

// --- Variants 2 and 3: raw ns-3 sockets ---------------------------------------------------

class RawBench;

class RawClient {
public:
  RawClient(RawBench& bench, ns3::Ptr<ns3::Node> node, ns3::Ipv4Address server);

private:
  void connect();
  void onConnected(ns3::Ptr<ns3::Socket>) { sendNext(); }
  void onConnectFailed(ns3::Ptr<ns3::Socket>);
  void sendNext() {
    std::string m = message(sent_++);
    socket_->Send(reinterpret_cast<const std::uint8_t*>(m.data()), static_cast<std::uint32_t>(m.size()), 0);
  }
  void shutdown() { socket_->ShutdownSend(); }
  void onRecv(ns3::Ptr<ns3::Socket> s);
  void onClose(ns3::Ptr<ns3::Socket>);
  void onError(ns3::Ptr<ns3::Socket>);

  RawBench& bench_;
  ns3::Ptr<ns3::Node> node_;
  ns3::Ipv4Address server_;
  ns3::Ptr<ns3::Socket> socket_;
  int sent_ = 0, echoed_ = 0;
  std::string got_;
  bool done_ = false;
};

class RawServer {
public:
  RawServer(RawBench& bench, ns3::Ptr<ns3::Node> node);

private:
  bool onRequest(ns3::Ptr<ns3::Socket>, const ns3::Address&) { return true; }
  void onAccept(ns3::Ptr<ns3::Socket> s, const ns3::Address&) {
    s->SetRecvCallback(ns3::MakeCallback(&RawServer::onRecv, this));
    s->SetCloseCallbacks(ns3::MakeCallback(&RawServer::onPeerClose, this),
                         ns3::MakeCallback(&RawServer::onError, this));
  }
  static void echo(ns3::Ptr<ns3::Socket> s) {
    while (ns3::Ptr<ns3::Packet> p = s->Recv()) {
      if (p->GetSize() == 0)
        break;
      p->RemoveAllPacketTags();
      p->RemoveAllByteTags();
      s->Send(p);
    }
  }
  void onRecv(ns3::Ptr<ns3::Socket> s) { echo(s); }
  void onPeerClose(ns3::Ptr<ns3::Socket> s);
  void onError(ns3::Ptr<ns3::Socket>);

  RawBench& bench_;
  ns3::Ptr<ns3::Socket> listener_;
};

class RawBench {
public:
  RawBench(Result& r, bool netbedSockets) : r_(r), expected_(expectedEchoes()), netbedSockets_(netbedSockets) {}
  Result& result() { return r_; }
  // A TCP socket on `node`: ns-3's own, or the class netbed's backend uses (sim::TcpSocket:
  // ns-3's TcpSocketBase with netbed's repairs, its accepted connections in the hashed
  // demultiplexer), so that netbed / raw measures the net API above the same sockets.
  ns3::Ptr<ns3::Socket> socket(const ns3::Ptr<ns3::Node>& node) {
    if (netbedSockets_)
      return sim::TcpSocket::create(ns3::PeekPointer(node), sockets_, profile_);
    return ns3::Socket::CreateSocket(node, ns3::TcpSocketFactory::GetTypeId());
  }
  const std::string& expected() const { return expected_; }
  void clientFinished() {
    if (++finished_ == r_.clients) {
      r_.simEnd = ns3::Simulator::Now().GetSeconds();
      ns3::Simulator::Stop();
    }
  }

private:
  Result& r_;
  std::string expected_;
  int finished_ = 0;
  bool netbedSockets_;
  sim::SocketRegistry sockets_;
  sim::TcpProfile profile_; // the defaults World installs (linux)
};

RawClient::RawClient(RawBench& bench, ns3::Ptr<ns3::Node> node, ns3::Ipv4Address server)
    : bench_(bench), node_(std::move(node)), server_(server) {
  // At t = 0 from the event loop, as netbed's connect() does: the socket is made and connected
  // there (nodes are initialized, their traffic control set up, only once the simulator runs).
  ns3::Simulator::ScheduleNow(&RawClient::connect, this);
}

void RawClient::connect() {
  socket_ = bench_.socket(node_);
  socket_->SetConnectCallback(ns3::MakeCallback(&RawClient::onConnected, this),
                              ns3::MakeCallback(&RawClient::onConnectFailed, this));
  socket_->SetRecvCallback(ns3::MakeCallback(&RawClient::onRecv, this));
  socket_->SetCloseCallbacks(ns3::MakeCallback(&RawClient::onClose, this),
                             ns3::MakeCallback(&RawClient::onError, this));
  socket_->Bind();
  socket_->Connect(ns3::InetSocketAddress(server_, kPort));
}

void RawClient::onConnectFailed(ns3::Ptr<ns3::Socket>) {
  ++bench_.result().clientErrors;
  done_ = true;
  bench_.clientFinished();
}

void RawClient::onRecv(ns3::Ptr<ns3::Socket> s) {
  while (ns3::Ptr<ns3::Packet> p = s->Recv()) {
    std::uint32_t size = p->GetSize();
    if (size == 0)
      break;
    std::size_t old = got_.size();
    got_.resize(old + size);
    p->CopyData(reinterpret_cast<std::uint8_t*>(&got_[old]), size);
  }
  if (echoed_ < sent_ && got_.size() == static_cast<std::size_t>(sent_) * kMessageSize) {
    ++echoed_;
    ++bench_.result().echoes;
    // The half-close from an event of its own, not inside the receive callback (ns3.md).
    if (sent_ == kMessages)
      ns3::Simulator::ScheduleNow(&RawClient::shutdown, this);
    else
      ns3::Simulator::Schedule(ns3::NanoSeconds(std::chrono::nanoseconds(kGap).count()), &RawClient::sendNext, this);
  }
}

// The server's FIN: ns-3 calls this when entering TIME_WAIT.
void RawClient::onClose(ns3::Ptr<ns3::Socket> s) {
  if (done_)
    return;
  onRecv(s);
  done_ = true;
  if (echoed_ == kMessages && got_ == bench_.expected())
    ++bench_.result().complete;
  bench_.clientFinished();
}

void RawClient::onError(ns3::Ptr<ns3::Socket>) {
  ++bench_.result().clientErrors;
  if (done_)
    return;
  done_ = true;
  bench_.clientFinished();
}

RawServer::RawServer(RawBench& bench, ns3::Ptr<ns3::Node> node) : bench_(bench) {
  listener_ = bench.socket(node);
  listener_->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), kPort));
  listener_->Listen();
  listener_->SetAcceptCallback(ns3::MakeCallback(&RawServer::onRequest, this),
                               ns3::MakeCallback(&RawServer::onAccept, this));
}

// The client's FIN (CLOSE_WAIT): echo what is left, then close from inside the callback (ns3.md).
void RawServer::onPeerClose(ns3::Ptr<ns3::Socket> s) {
  echo(s);
  s->Close();
  ++bench_.result().serverClosed;
}

void RawServer::onError(ns3::Ptr<ns3::Socket>) { ++bench_.result().serverErrors; }

// Runs the raw applications on a built network until every client has finished; fills the
// run's figures (setup ends when the applications are in place).
void runRawWorkload(Result& r, ns3::Ptr<ns3::Node> server, ns3::Ipv4Address serverAddress,
                    const std::vector<ns3::Ptr<ns3::Node>>& clients, const Stopwatch& watch,
                    std::vector<std::unique_ptr<RawClient>>& apps, bool netbedSockets) {
  RawBench bench(r, netbedSockets);
  RawServer srv(bench, server);
  apps.reserve(clients.size());
  for (auto& node : clients)
    apps.push_back(std::make_unique<RawClient>(bench, node, serverAddress));
  const auto t1 = Clock::now();
  ns3::EventId bound = ns3::Simulator::Schedule(ns3::NanoSeconds(std::chrono::nanoseconds(kSafetyBound).count()), [&r] {
    r.stoppedByBound = true;
    ns3::Simulator::Stop();
  });
  ns3::Simulator::Run();
  bound.Cancel();
  const auto t2 = Clock::now();
  watch.ran(r, t1, t2, ns3::Simulator::GetEventCount());
}

// Variant `raw`: raw ns-3 sockets on the network sim::World builds (the same nodes, links,
// channels, queues, addresses and routing as the netbed variant, by construction). The nodes'
// net::Contexts exist but stay idle: nothing of the net API runs.
Result runRaw(int n) {
  Result r;
  r.variant = "raw";
  r.clients = n;
  const Stopwatch watch;
  auto world = std::make_unique<sim::World>(1);
  auto& server = world->node("server");
  std::vector<ns3::Ptr<ns3::Node>> clients;
  for (sim::Node* c : buildWorld(*world, server, n))
    clients.emplace_back(c->ns3Node());
  std::vector<std::unique_ptr<RawClient>> apps;
  runRawWorkload(r, server.ns3Node(), ns3::Ipv4Address(world->addressOf("server").c_str()), clients, watch, apps, true);
  const auto t2 = Clock::now();
  world.reset(); // Simulator::Destroy
  apps.clear();
  r.teardownSeconds = seconds(Clock::now() - t2);
  return r;
}

// --- Variant 3: plain ns-3 ------------------------------------------------------------------
// The same program as `raw` on a network built with ns-3's own helpers, as an ns-3 user would:
// PointToPointHelper, the Internet stack's default list routing (static + global) and
// Ipv4GlobalRoutingHelper. Same nodes, links, addresses and TCP settings as sim::World, but
// not the same channel class or routing, so not the same cost per packet: a reference for
// what plain ns-3 costs, not the overhead target.

ns3::Ptr<ns3::Node> plainNode() {
  auto node = ns3::CreateObject<ns3::Node>();
  ns3::InternetStackHelper stack;
  stack.Install(node);
  return node;
}

// A point-to-point link, its own /30 in 10.0.0.0/8 in link order (a gets .1), as World::link.
ns3::Ipv4InterfaceContainer plainLink(ns3::Ptr<ns3::Node> a, ns3::Ptr<ns3::Node> b, const sim::LinkSpec& spec,
                                      std::uint32_t& subnets) {
  ns3::PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", ns3::DataRateValue(ns3::DataRate(spec.bandwidth)));
  p2p.SetChannelAttribute("Delay", ns3::TimeValue(ns3::NanoSeconds(spec.delay.count())));
  p2p.SetQueue("ns3::DropTailQueue", "MaxSize",
               ns3::QueueSizeValue(ns3::QueueSize(ns3::QueueSizeUnit::PACKETS, spec.queuePackets)));
  ns3::NetDeviceContainer devices = p2p.Install(a, b);
  std::uint32_t base = (10u << 24) + 4u * subnets++;
  ns3::Ipv4AddressHelper addresses(ns3::Ipv4Address(base), ns3::Ipv4Mask("255.255.255.252"));
  return addresses.Assign(devices);
}

Result runPlain(int n) {
  Result r;
  r.variant = "plain";
  r.clients = n;
  const Stopwatch watch;
  // The settings sim::World makes.
  ns3::Config::Reset();
  ns3::RngSeedManager::SetSeed(1);
  ns3::RngSeedManager::SetRun(1);
  ns3::Ipv4AddressGenerator::Reset();
  ns3::Mac48Address::ResetAllocationIndex();
  ns3::Config::SetDefault("ns3::TcpSocket::SegmentSize", ns3::UintegerValue(1448));

  // Nodes and links in the order sim::tree used before 2026-12-03: server, gw-1, its clients,
  // gw-2, ... (plain is the same topology, not the same network: README-sim.md).
  std::uint32_t subnets = 0;
  ns3::Ptr<ns3::Node> server = plainNode();
  ns3::Ipv4Address serverAddress;
  std::vector<ns3::Ptr<ns3::Node>> clients;
  clients.reserve(static_cast<std::size_t>(n));
  for (int g = 0, placed = 0; g < gateways(n); ++g) {
    ns3::Ptr<ns3::Node> gw = plainNode();
    ns3::Ipv4InterfaceContainer up = plainLink(server, gw, kUplink, subnets);
    if (g == 0)
      serverAddress = up.GetAddress(0);
    for (int i = 0; i < kPerGateway && placed < n; ++i, ++placed) {
      clients.push_back(plainNode());
      plainLink(gw, clients.back(), kAccess, subnets);
    }
  }
  ns3::Ipv4GlobalRoutingHelper::PopulateRoutingTables();

  std::vector<std::unique_ptr<RawClient>> apps;
  runRawWorkload(r, server, serverAddress, clients, watch, apps, false);
  const auto t2 = Clock::now();
  ns3::Simulator::Destroy();
  apps.clear();
  r.teardownSeconds = seconds(Clock::now() - t2);
  return r;
}

// --- One run (child mode) -------------------------------------------------------------------

bool allGood(const Result& r) {
  return r.complete == r.clients && r.echoes == static_cast<std::uint64_t>(r.clients) * kMessages &&
         r.clientErrors == 0 && r.serverErrors == 0 && r.serverClosed == r.clients && !r.stoppedByBound;
}

int runOne(const std::string& variant, int n) {
  Result r = variant == "raw" ? runRaw(n) : variant == "plain" ? runPlain(n) : runNetbed(n, variant == "nic");
  std::printf(
      "RESULT variant=%s clients=%d setup=%.6f run=%.6f cpu=%.6f teardown=%.6f events=%" PRIu64 " hwm_kib=%" PRIu64
      " complete=%d echoes=%" PRIu64 " client_errors=%d server_closed=%d server_errors=%d sim_end=%.9f bound=%d\n",
      r.variant.c_str(), r.clients, r.setupSeconds, r.runSeconds, r.cpuSeconds, r.teardownSeconds, r.events, r.hwmKiB,
      r.complete, r.echoes, r.clientErrors, r.serverClosed, r.serverErrors, r.simEnd, r.stoppedByBound ? 1 : 0);
  if (!allGood(r)) {
    std::fprintf(stderr,
                 "\n*** sim_bench %s N=%d: WORKLOAD INCOMPLETE: %d of %d clients got all %d echoes and closed "
                 "(echoes %" PRIu64 " of %d, client errors %d, server closes %d, server errors %d%s) ***\n\n",
                 r.variant.c_str(), n, r.complete, n, kMessages, r.echoes, n * kMessages, r.clientErrors,
                 r.serverClosed, r.serverErrors, r.stoppedByBound ? ", STOPPED BY THE SAFETY BOUND" : "");
    return 2;
  }
  return 0;
}

// --- Driver ---------------------------------------------------------------------------------

struct Run {
  bool ok = false;
  std::string failure; // why not ok
  std::map<std::string, std::string> kv;
  double processSeconds = 0;
  double num(const std::string& k) const {
    auto it = kv.find(k);
    return it == kv.end() ? 0 : std::strtod(it->second.c_str(), nullptr);
  }
};

std::string selfPath() {
  char buf[4096];
  ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (len <= 0)
    return "sim_bench";
  buf[len] = '\0';
  return buf;
}

// Runs `sim_bench --run variant --clients n` as a child; kills it after `timeout` seconds.
Run spawn(const std::string& variant, int n, double timeout) {
  Run run;
  int out[2];
  if (pipe(out) != 0) {
    run.failure = "pipe failed";
    return run;
  }
  const auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::string self = selfPath(), count = std::to_string(n);
    execl(self.c_str(), self.c_str(), "--run", variant.c_str(), "--clients", count.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string text;
  bool killed = false;
  for (;;) {
    double left = timeout - seconds(Clock::now() - t0);
    if (left <= 0) {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    int ready = poll(&p, 1, static_cast<int>(std::min(left, 1.0) * 1000) + 1);
    if (ready <= 0)
      continue;
    char buf[4096];
    ssize_t got = read(out[0], buf, sizeof buf);
    if (got <= 0)
      break;
    text.append(buf, static_cast<std::size_t>(got));
  }
  close(out[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  run.processSeconds = seconds(Clock::now() - t0);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("RESULT ", 0) != 0) {
      std::printf("%s\n", line.c_str());
      continue;
    }
    std::istringstream words(line.substr(7));
    std::string w;
    while (words >> w) {
      auto eq = w.find('=');
      if (eq != std::string::npos)
        run.kv[w.substr(0, eq)] = w.substr(eq + 1);
    }
  }
  if (killed)
    run.failure = "killed after " + std::to_string(static_cast<int>(timeout)) + " s";
  else if (run.kv.empty())
    run.failure = "no result (exit status " + std::to_string(status) + ")";
  else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    run.failure = "INCOMPLETE WORKLOAD";
  run.ok = run.failure.empty();
  return run;
}

// Times: the best of K runs (another process on the machine only ever adds time), or the
// median with --stat median. Memory and events do not depend on load.
bool useMedian = false;

double pick(std::vector<double> v) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  if (!useMedian)
    return v.front();
  std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

std::string grouped(std::uint64_t v) {
  std::string s = std::to_string(v), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0)
      out += ',';
    out += s[i];
  }
  return out;
}

// K runs of one (variant, N), summarized.
struct Row {
  std::string variant;
  int n = 0;
  int runs = 0, good = 0;
  std::string failure;
  double setup = 0, run = 0, wall = 0, cpu = 0, rssMiB = 0, simEnd = 0;
  std::uint64_t events = 0;
  int complete = 0;
  double usPerEvent() const { return events ? run * 1e6 / static_cast<double>(events) : 0; }
};

Row summarize(const std::string& variant, int n, const std::vector<Run>& runs) {
  Row row;
  row.variant = variant;
  row.n = n;
  row.runs = static_cast<int>(runs.size());
  std::vector<double> setup, run, wall, cpu, rss;
  for (const Run& r : runs) {
    if (!r.ok && row.failure.empty())
      row.failure = r.failure;
    if (r.kv.empty())
      continue;
    row.good += r.ok ? 1 : 0;
    setup.push_back(r.num("setup"));
    run.push_back(r.num("run"));
    wall.push_back(r.num("setup") + r.num("run"));
    cpu.push_back(r.num("cpu"));
    rss.push_back(r.num("hwm_kib") / 1024);
    row.events = static_cast<std::uint64_t>(r.num("events"));
    row.simEnd = r.num("sim_end");
    int complete = static_cast<int>(r.num("complete"));
    row.complete = rss.size() == 1 ? complete : std::min(row.complete, complete); // the worst run
  }
  row.setup = pick(setup);
  row.run = pick(run);
  row.wall = pick(wall);
  row.cpu = pick(cpu);
  row.rssMiB = rss.empty() ? 0 : *std::max_element(rss.begin(), rss.end());
  return row;
}

void printHeader() {
  std::printf("\n%6s  %-7s %8s %8s %8s %8s %11s %9s %9s %12s %10s %12s\n", "N", "variant", "setup s", "run s", "wall s",
              "cpu s", "events", "events/s", "us/event", "max RSS MiB", "sim end s", "clients ok");
}

void printRow(const Row& r) {
  if (r.good == 0 && r.events == 0) {
    std::printf("%6d  %-7s   %s\n", r.n, r.variant.c_str(), r.failure.c_str());
    return;
  }
  char ok[64];
  std::snprintf(ok, sizeof ok, "%d/%d%s", r.complete, r.n, r.failure.empty() ? "" : " FAIL");
  const auto perSecond = static_cast<std::uint64_t>(r.run > 0 ? static_cast<double>(r.events) / r.run : 0);
  std::printf("%6d  %-7s %8.2f %8.2f %8.2f %8.2f %11s %9s %9.2f %12.1f %10.3f %12s\n", r.n, r.variant.c_str(), r.setup,
              r.run, r.wall, r.cpu, grouped(r.events).c_str(), grouped(perSecond).c_str(), r.usPerEvent(), r.rssMiB,
              r.simEnd, ok);
}

std::vector<int> parseSizes(const std::string& s) {
  std::vector<int> out;
  std::istringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty())
      out.push_back(std::atoi(item.c_str()));
  return out;
}

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--sizes 1000,10000] [--large] [--repeat K] [--stat best|median] [--timeout S]\n"
               "          [--variants netbed,nic,raw,plain] [--raw-max N]\n"
               "  --large   also N = 100,000 (netbed and nic; raw and plain run up to --raw-max, 10,000)\n"
               "       %s --run raw|netbed|nic|plain --clients N\n",
               argv0, argv0);
  return 64;
}

// Time and memory per device at each N against the smallest N of the same variant: the
// issue's flat-cost target is 1.3x.
bool printPerDevice(const std::vector<Row>& rows, const std::vector<std::string>& variants) {
  bool flat = true, header = false;
  for (const std::string& v : variants) {
    const Row* base = nullptr;
    for (const Row& r : rows) {
      if (r.variant != v || r.good == 0 || r.wall <= 0 || r.rssMiB <= 0)
        continue;
      if (!base)
        base = &r;
      if (!header) {
        std::printf("\nper device, against the smallest N of the same variant (target: <= 1.30x)\n");
        std::printf("%6s  %-7s %12s %12s %9s %9s  %s\n", "N", "variant", "wall us/dev", "RSS KiB/dev", "time", "memory",
                    "verdict");
        header = true;
      }
      const double us = r.wall * 1e6 / r.n, kib = r.rssMiB * 1024 / r.n;
      const double t = us / (base->wall * 1e6 / base->n), m = kib / (base->rssMiB * 1024 / base->n);
      const bool ok = t <= 1.30 && m <= 1.30;
      flat = flat && ok;
      std::printf("%6d  %-7s %12.1f %12.1f %8.2fx %8.2fx  %s\n", r.n, v.c_str(), us, kib, t, m,
                  &r == base ? "(base)"
                  : ok       ? "flat"
                             : "GROWS");
    }
  }
  return flat;
}

int drive(const std::vector<int>& sizes, int repeat, double timeout, const std::vector<std::string>& variants,
          int rawMax) {
  std::printf("sim_bench: N clients in a tree of gateways (%d per gateway; server-gateway 100 Mbit/s 1 ms, "
              "gateway-client 500 kbit/s 10 ms),\n"
              "%d echoes of %zu B each, the next 1 s after each echo, then a half-close. Each run is a child "
              "process;\n"
              "times are the %s of %d run(s), max RSS the largest. wall = setup + run (in the child, without "
              "teardown);\nus/event = run / events.\n",
              kPerGateway, kMessages, kMessageSize, useMedian ? "median" : "best", repeat);
  std::fflush(stdout);
  bool allOk = true;
  std::vector<Row> rows;
  for (int n : sizes) {
    std::map<std::string, std::vector<Run>> runs;
    for (int k = 0; k < repeat; ++k) {
      for (const std::string& v : variants) { // interleaved: a change in load falls on both
        if (n > rawMax && (v == "raw" || v == "plain"))
          continue;
        std::fprintf(stderr, "sim_bench: N=%d %s run %d/%d ...", n, v.c_str(), k + 1, repeat);
        Run r = spawn(v, n, timeout);
        std::fprintf(stderr, " %.1f s%s%s\n", r.processSeconds, r.ok ? "" : " -- ", r.failure.c_str());
        if (!r.ok)
          allOk = false;
        runs[v].push_back(std::move(r));
      }
    }
    for (const std::string& v : variants)
      if (!runs[v].empty())
        rows.push_back(summarize(v, n, runs[v]));
  }

  printHeader();
  for (const Row& r : rows)
    printRow(r);

  auto find = [&rows](int n, const char* variant) -> const Row* {
    for (const Row& r : rows)
      if (r.n == n && r.variant == variant && r.good > 0 && r.wall > 0 && r.rssMiB > 0)
        return &r;
    return nullptr;
  };
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0; };
  auto ratios = [&](const Row& a, const Row& b) {
    std::printf("%6d %7.2fx %7.2fx %7.2fx %7.2fx %7.2fx %7.2fx", a.n, ratio(a.wall, b.wall), ratio(a.run, b.run),
                ratio(a.setup, b.setup), ratio(a.cpu, b.cpu),
                ratio(static_cast<double>(a.events), static_cast<double>(b.events)), ratio(a.rssMiB, b.rssMiB));
  };
  bool targetsMet = true, anyTarget = false;
  for (int n : sizes) {
    const Row *raw = find(n, "raw"), *nb = find(n, "netbed");
    if (!raw || !nb)
      continue;
    if (!anyTarget) {
      std::printf("\nnetbed / raw: the same network, the net API against raw ns-3 sockets (higher is worse;\n"
                  "target: time <= 1.10x, memory <= 1.20x)\n");
      std::printf("%6s %8s %8s %8s %8s %8s %8s  %s\n", "N", "wall", "run", "setup", "cpu", "events", "memory",
                  "verdict");
      anyTarget = true;
    }
    double wall = ratio(nb->wall, raw->wall), mem = ratio(nb->rssMiB, raw->rssMiB);
    bool ok = wall <= 1.10 && mem <= 1.20;
    targetsMet = targetsMet && ok;
    ratios(*nb, *raw);
    std::printf("  %s%s%s\n", ok ? "within target" : "OVER TARGET:", wall > 1.10 ? " time" : "",
                mem > 1.20 ? " memory" : "");
  }
  // A ratio table's title and column names, before its first row only.
  auto headerOnce = [](bool& printed, const char* title) {
    if (printed)
      return;
    std::printf("\n%s\n%6s %8s %8s %8s %8s %8s %8s\n", title, "N", "wall", "run", "setup", "cpu", "events", "memory");
    printed = true;
  };
  bool nicHeader = false;
  for (int n : sizes) {
    const Row *nb = find(n, "netbed"), *nic = find(n, "nic");
    if (!nb || !nic)
      continue;
    headerOnce(nicHeader, "nic / netbed: SystemC NIC models on every device against ns-3's devices (target: <= 1.30x)");
    ratios(*nic, *nb);
    const bool ok = ratio(nic->wall, nb->wall) <= 1.30 && ratio(nic->rssMiB, nb->rssMiB) <= 1.30;
    std::printf("  %s\n", ok ? "within target" : "OVER TARGET");
  }
  const bool flat = printPerDevice(rows, variants);
  bool header = false;
  for (int n : sizes)
    for (const char* v : {"netbed", "raw"}) {
      const Row *a = find(n, v), *plain = find(n, "plain");
      if (!a || !plain)
        continue;
      headerOnce(header, "against plain ns-3 (ns-3's helpers and global routing: not the same network; no target)");
      ratios(*a, *plain);
      std::printf("  %s / plain\n", v);
    }
  if (!allOk)
    std::printf("\n*** SOME RUNS FAILED OR DID NOT COMPLETE THE WORKLOAD: see the 'clients ok' column and stderr "
                "***\n");
  return allOk ? ((targetsMet || !anyTarget) && flat ? 0 : 1) : 2;
}

} // namespace

int main(int argc, char** argv) {
  std::string runVariant, sizes = "1000,10000", variantList = "netbed,nic,raw";
  int clients = 0, repeat = 1, rawMax = 10'000;
  bool large = false;
  double timeout = 900;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::exit(usage(argv[0]));
      }
      return argv[++i];
    };
    if (a == "--run")
      runVariant = value();
    else if (a == "--clients")
      clients = std::atoi(value().c_str());
    else if (a == "--sizes")
      sizes = value();
    else if (a == "--repeat")
      repeat = std::max(1, std::atoi(value().c_str()));
    else if (a == "--timeout")
      timeout = std::strtod(value().c_str(), nullptr);
    else if (a == "--stat") {
      std::string stat = value();
      if (stat != "best" && stat != "median")
        return usage(argv[0]);
      useMedian = stat == "median";
    } else if (a == "--variants")
      variantList = value();
    else if (a == "--large")
      large = true;
    else if (a == "--raw-max")
      rawMax = std::atoi(value().c_str());
    else
      return usage(argv[0]);
  }
  if (!runVariant.empty()) {
    if ((runVariant != "raw" && runVariant != "netbed" && runVariant != "nic" && runVariant != "plain") || clients <= 0)
      return usage(argv[0]);
    return runOne(runVariant, clients);
  }
  std::vector<std::string> variants;
  {
    std::istringstream in(variantList);
    std::string v;
    while (std::getline(in, v, ','))
      if (v == "raw" || v == "netbed" || v == "nic" || v == "plain")
        variants.push_back(v);
      else if (!v.empty())
        return usage(argv[0]);
  }
  std::vector<int> ns = parseSizes(sizes);
  if (large && std::find(ns.begin(), ns.end(), 100'000) == ns.end())
    ns.push_back(100'000);
  if (ns.empty() || variants.empty() || std::any_of(ns.begin(), ns.end(), [](int n) { return n <= 0; }))
    return usage(argv[0]);
  return drive(ns, repeat, timeout, variants, rawMax);
}
