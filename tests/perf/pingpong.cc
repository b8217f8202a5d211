// The echo ping-pong benchmark's load generator (raw libuv; see README.md).
//
// For each server in turn, in one run: start it as a child process, read the port it prints
// once listening, open N connections, and on each one send `size` bytes, wait for the whole
// echo, send again. After a warm-up, count round trips over a measured window and read the
// server's CPU time before and after that window. Each server runs `repeat` times, the
// servers interleaved (uv, netbed, node, uv, netbed, node, ...) so a change in the
// machine's load falls on all of them alike; the table shows the medians.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uv.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#ifndef PINGPONG_NODE_SCRIPT
#define PINGPONG_NODE_SCRIPT "echo_server.js"
#endif

namespace {

struct Options {
  int connections = 100;
  std::size_t size = 64;
  double seconds = 5;
  double warmup = 1;
  int repeat = 3;
  std::vector<std::string> servers{"uv", "netbed", "node"};
  std::string uvServer, netbedServer; // default: next to this executable
  std::string node = "/usr/bin/node";
  std::string nodeScript = PINGPONG_NODE_SCRIPT;
  bool verbose = false;
  std::string pin;    // "split": load generator on CPU 0, server on CPU 1; "same": both on CPU 1
  std::string attach; // run during each window, {pid} replaced by the server's pid
  std::vector<std::pair<std::string, std::string>> extra; // --add NAME=PATH
};

void usage(FILE* out) {
  std::fprintf(out, "usage: pingpong [options]\n"
                    "  --connections N    concurrent connections (default 100)\n"
                    "  --size B           message size in bytes (default 64)\n"
                    "  --seconds S        measured window per run (default 5)\n"
                    "  --warmup S         warm-up before each window (default 1)\n"
                    "  --repeat K         runs per server; the table shows medians (default 3)\n"
                    "  --servers LIST     comma-separated, from uv,netbed,node (the default, in that order) and\n"
                    "                     uv-try (raw libuv writing with uv_try_write first)\n"
                    "  --uv-server PATH   echo_server_uv (default: next to pingpong)\n"
                    "  --netbed-server PATH  echo_server_netbed (default: next to pingpong)\n"
                    "  --node PATH        node (default /usr/bin/node)\n"
                    "  --node-script PATH echo_server.js (default: the source tree's)\n"
                    "  --pin split|same   split: the load generator on CPU 0, the server on CPU 1;\n"
                    "                     same: both on CPU 1 (default: no pinning)\n"
                    "  --add NAME=PATH    one more server, run as PATH [port] (e.g. another build of\n"
                    "                     echo_server_netbed, for a before/after comparison in one run)\n"
                    "  --attach CMD       run `sh -c CMD` during each measured window, {pid} replaced by the\n"
                    "                     server's pid; SIGINT at the window's end (e.g. perf record -p {pid})\n"
                    "  --verbose          print both CPU sources and the driver's own CPU per run\n");
}

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "pingpong: %s\n", msg.c_str());
  std::exit(2);
}

double parseNumber(const std::string& flag, const std::string& v, double min) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(d >= min))
    die("bad value for " + flag + ": '" + v + "'");
  return d;
}

Options parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i], v;
    if (a == "-h" || a == "--help") {
      usage(stdout);
      std::exit(0);
    }
    if (a == "--verbose") {
      o.verbose = true;
      continue;
    }
    auto eq = a.find('=');
    if (eq != std::string::npos) {
      v = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else if (i + 1 < argc) {
      v = argv[++i];
    } else {
      usage(stderr);
      die("missing value for " + a);
    }
    if (a == "--connections")
      o.connections = static_cast<int>(parseNumber(a, v, 1));
    else if (a == "--size")
      o.size = static_cast<std::size_t>(parseNumber(a, v, 1));
    else if (a == "--seconds")
      o.seconds = parseNumber(a, v, 0.1);
    else if (a == "--warmup")
      o.warmup = parseNumber(a, v, 0);
    else if (a == "--repeat")
      o.repeat = static_cast<int>(parseNumber(a, v, 1));
    else if (a == "--servers") {
      o.servers.clear();
      std::stringstream ss(v);
      for (std::string s; std::getline(ss, s, ',');)
        o.servers.push_back(s);
      if (o.servers.empty())
        die("--servers: no server");
    } else if (a == "--uv-server")
      o.uvServer = v;
    else if (a == "--netbed-server")
      o.netbedServer = v;
    else if (a == "--node")
      o.node = v;
    else if (a == "--node-script")
      o.nodeScript = v;
    else if (a == "--attach")
      o.attach = v;
    else if (a == "--add") {
      auto at = v.find('=');
      if (at == std::string::npos || at == 0 || at + 1 == v.size())
        die("--add: NAME=PATH, not '" + v + "'");
      o.extra.emplace_back(v.substr(0, at), v.substr(at + 1));
    } else if (a == "--pin") {
      if (v != "split" && v != "same")
        die("--pin: split or same, not '" + v + "'");
      o.pin = v;
    } else {
      usage(stderr);
      die("unknown option " + a);
    }
  }
  for (const auto& e : o.extra)
    if (std::find(o.servers.begin(), o.servers.end(), e.first) == o.servers.end())
      o.servers.push_back(e.first);
  for (const auto& s : o.servers) {
    bool added = std::any_of(o.extra.begin(), o.extra.end(), [&](const auto& e) { return e.first == s; });
    if (!added && s != "uv" && s != "uv-try" && s != "netbed" && s != "node")
      die("unknown server '" + s + "' (uv, uv-try, netbed, node, or one of --add)");
  }
  return o;
}

std::string selfDir() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0)
    return ".";
  std::string p(buf, static_cast<std::size_t>(n));
  auto slash = p.rfind('/');
  return slash == std::string::npos ? "." : p.substr(0, slash);
}

std::vector<std::string> serverCommand(const Options& o, const std::string& name) {
  for (const auto& [n, path] : o.extra)
    if (n == name)
      return {path};
  std::string uv = o.uvServer.empty() ? selfDir() + "/echo_server_uv" : o.uvServer;
  if (name == "uv")
    return {uv};
  if (name == "uv-try")
    return {uv, "0", "try"};
  if (name == "netbed")
    return {o.netbedServer.empty() ? selfDir() + "/echo_server_netbed" : o.netbedServer};
  return {o.node, o.nodeScript};
}

// --- the server's CPU time -----------------------------------------------------------------

// On-CPU nanoseconds of every thread of the process: the first field of each
// /proc/PID/task/TID/schedstat (the scheduler's sum_exec_runtime, user and system). Node runs
// several threads; this adds them all. -1 if unavailable.
std::int64_t schedstatNs(pid_t pid) {
  std::string dir = "/proc/" + std::to_string(pid) + "/task";
  DIR* d = opendir(dir.c_str());
  if (!d)
    return -1;
  std::int64_t total = 0;
  bool any = false;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.')
      continue;
    std::ifstream f(dir + "/" + e->d_name + "/schedstat");
    long long ns = 0;
    if (f >> ns) {
      total += ns;
      any = true;
    }
  }
  closedir(d);
  return any ? total : -1;
}

// utime + stime of the whole process from /proc/PID/stat, in nanoseconds (clock-tick
// resolution: 10 ms at the usual 100 Hz). -1 if unavailable.
std::int64_t statNs(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(f, line))
    return -1;
  auto paren = line.rfind(')'); // the command name may hold spaces
  if (paren == std::string::npos)
    return -1;
  std::istringstream rest(line.substr(paren + 2));
  std::string field;
  long long utime = 0, stime = 0;
  // Fields after the name start at 3 (state); utime and stime are 14 and 15.
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14)
      utime = std::atoll(field.c_str());
    if (i == 15)
      stime = std::atoll(field.c_str());
  }
  return (utime + stime) * (1'000'000'000LL / sysconf(_SC_CLK_TCK));
}

std::int64_t selfCpuNs() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto us = [](const timeval& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000 + t.tv_usec; };
  return (us(ru.ru_utime) + us(ru.ru_stime)) * 1000;
}

// --- the server process ----------------------------------------------------------------------

void pinTo(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0)
    std::fprintf(stderr, "pingpong: cannot pin to CPU %d: %s\n", cpu, std::strerror(errno));
}

// Runs `sh -c cmd`, every {pid} replaced by `pid`, in a process group of its own.
pid_t startAttached(std::string cmd, pid_t pid) {
  for (std::size_t at; (at = cmd.find("{pid}")) != std::string::npos;)
    cmd.replace(at, 5, std::to_string(pid));
  pid_t p = fork();
  if (p == 0) {
    setpgid(0, 0); // its own group: SIGINT reaches the shell's children too
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (p > 0)
    setpgid(p, p); // also here: the window may end before the child runs
  return p;
}

struct Child {
  pid_t pid = -1;
  int port = 0;
};

// Starts the server with its stdout on a pipe and reads the port it prints once listening.
Child startServer(const std::vector<std::string>& cmd, int cpu) {
  int fds[2];
  if (pipe(fds) != 0)
    die(std::string("pipe: ") + std::strerror(errno));
  pid_t pid = fork();
  if (pid < 0)
    die(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL); // no server outlives an interrupted run
    if (cpu >= 0)
      pinTo(cpu);
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (const auto& a : cmd)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    std::fprintf(stderr, "pingpong: exec %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  std::string line;
  for (;;) {
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, 15'000) <= 0)
      break; // no port within 15 s
    char c;
    ssize_t n = read(fds[0], &c, 1);
    if (n <= 0 || c == '\n')
      break;
    line += c;
  }
  close(fds[0]); // the servers print nothing more
  int port = std::atoi(line.c_str());
  if (port <= 0 || port > 65535) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    die("server " + cmd.back() + " did not report a port (got '" + line + "')");
  }
  return {pid, port};
}

void stopServer(const Child& c) {
  kill(c.pid, SIGKILL);
  waitpid(c.pid, nullptr, 0);
}

// --- the load generator ----------------------------------------------------------------------

struct Bench;

struct Client {
  uv_tcp_t tcp; // first: a handle pointer is a Client pointer
  uv_connect_t connectReq;
  Bench* bench = nullptr;
  std::size_t got = 0; // bytes of the current echo received so far
};

struct Sample {
  std::uint64_t roundTrips;
  std::uint64_t wallNs;
  std::int64_t serverNs, serverStatNs, selfNs;
};

struct Bench {
  const Options& opt;
  pid_t server;
  uv_loop_t loop{};
  uv_timer_t timer{};
  uv_timer_t guard{}; // fails a run whose server never answers
  std::vector<std::unique_ptr<Client>> clients;
  std::vector<char> payload;
  char readBuffer[64 * 1024];
  int connected = 0;
  bool running = false; // ping-pong under way
  std::uint64_t roundTrips = 0;
  std::string error;
  Sample before{}, after{};
  pid_t attached = -1; // --attach's process, during the window

  Bench(const Options& o, pid_t pid) : opt(o), server(pid), payload(o.size, 'x') {}

  Sample sample() const { return {roundTrips, uv_hrtime(), schedstatNs(server), statNs(server), selfCpuNs()}; }

  void fail(const std::string& msg) {
    if (error.empty())
      error = msg;
    uv_stop(&loop);
  }

  void send(Client* c) {
    uv_buf_t buf = uv_buf_init(payload.data(), static_cast<unsigned>(payload.size()));
    auto* s = reinterpret_cast<uv_stream_t*>(&c->tcp);
    int n = uv_try_write(s, &buf, 1);
    if (n == static_cast<int>(payload.size()))
      return;
    if (n == UV_EAGAIN)
      n = 0;
    if (n < 0)
      return fail(std::string("write: ") + uv_strerror(n));
    // The kernel took part of it (or nothing): queue the rest. The payload never changes.
    buf = uv_buf_init(payload.data() + n, static_cast<unsigned>(payload.size()) - static_cast<unsigned>(n));
    auto* req = new uv_write_t;
    int r = uv_write(req, s, &buf, 1, [](uv_write_t* w, int status) {
      auto* b = static_cast<Client*>(static_cast<void*>(w->handle))->bench;
      delete w;
      if (status < 0 && b->running)
        b->fail(std::string("write: ") + uv_strerror(status));
    });
    if (r < 0) {
      delete req;
      fail(std::string("write: ") + uv_strerror(r));
    }
  }

  void onRead(Client* c, ssize_t n) {
    if (!running)
      return;
    if (n < 0)
      return fail(std::string("the server closed a connection: ") + uv_strerror(static_cast<int>(n)));
    c->got += static_cast<std::size_t>(n);
    if (c->got < opt.size)
      return;
    if (c->got > opt.size)
      return fail("received more bytes than were sent");
    c->got = 0;
    ++roundTrips;
    send(c);
  }

  void onConnected(int status) {
    if (status < 0)
      return fail(std::string("connect: ") + uv_strerror(status));
    if (++connected < opt.connections)
      return;
    // Every connection is up: start the ping-pong, then the warm-up.
    running = true;
    for (auto& c : clients)
      send(c.get());
    uv_timer_start(&timer, onWarmedUp, static_cast<std::uint64_t>(opt.warmup * 1000), 0);
  }

  static void onWarmedUp(uv_timer_t* t) {
    auto* b = static_cast<Bench*>(t->data);
    if (!b->opt.attach.empty())
      b->attached = startAttached(b->opt.attach, b->server);
    b->before = b->sample();
    uv_timer_start(&b->timer, onWindowEnd, static_cast<std::uint64_t>(b->opt.seconds * 1000), 0);
  }

  static void onWindowEnd(uv_timer_t* t) {
    auto* b = static_cast<Bench*>(t->data);
    b->after = b->sample();
    if (b->attached > 0) {
      kill(-b->attached, SIGINT);
      waitpid(b->attached, nullptr, 0);
    }
    b->running = false;
    uv_stop(&b->loop);
  }

  // Runs one measurement; false (with `error`) when something went wrong.
  bool run(int port) {
    uv_loop_init(&loop);
    uv_timer_init(&loop, &timer);
    timer.data = this;
    sockaddr_in addr{};
    uv_ip4_addr("127.0.0.1", port, &addr);
    for (int i = 0; i < opt.connections; ++i) {
      auto c = std::make_unique<Client>();
      c->bench = this;
      uv_tcp_init(&loop, &c->tcp);
      uv_tcp_nodelay(&c->tcp, 1);
      int r = uv_tcp_connect(&c->connectReq, &c->tcp, reinterpret_cast<const sockaddr*>(&addr),
                             [](uv_connect_t* req, int status) {
                               auto* cl = static_cast<Client*>(static_cast<void*>(req->handle));
                               if (status == 0)
                                 uv_read_start(
                                     req->handle,
                                     [](uv_handle_t* h, std::size_t, uv_buf_t* buf) {
                                       auto* bb = static_cast<Client*>(static_cast<void*>(h))->bench;
                                       *buf = uv_buf_init(bb->readBuffer, sizeof bb->readBuffer);
                                     },
                                     [](uv_stream_t* s, ssize_t n, const uv_buf_t*) {
                                       auto* cc = static_cast<Client*>(static_cast<void*>(s));
                                       if (n != 0)
                                         cc->bench->onRead(cc, n);
                                     });
                               cl->bench->onConnected(status);
                             });
      clients.push_back(std::move(c));
      if (r < 0) {
        fail(std::string("connect: ") + uv_strerror(r));
        break;
      }
    }
    // A guard against a server that never answers: twice the expected time, plus 10 s.
    uv_timer_init(&loop, &guard);
    guard.data = this;
    uv_timer_start(
        &guard, [](uv_timer_t* t) { static_cast<Bench*>(t->data)->fail("timed out"); },
        static_cast<std::uint64_t>((opt.warmup + opt.seconds) * 2000) + 10'000, 0);
    if (error.empty())
      uv_run(&loop, UV_RUN_DEFAULT);
    running = false;
    if (error.empty() && after.roundTrips == before.roundTrips)
      error = "no round trip in the window";
    return error.empty();
  }

  // Closes every handle (after the server is gone) and the loop.
  void close() {
    running = false;
    uv_walk(
        &loop,
        [](uv_handle_t* h, void*) {
          if (!uv_is_closing(h))
            uv_close(h, nullptr);
        },
        nullptr);
    uv_run(&loop, UV_RUN_DEFAULT);
    uv_loop_close(&loop);
  }
};

struct Result {
  double rtPerSec = 0;
  double cpuUsPerRt = 0;     // server CPU per round trip (schedstat, else stat)
  double cpuStatUsPerRt = 0; // from /proc/PID/stat utime+stime
  double cpuShare = 0;       // server CPU / wall time (1.0 = one core)
  double selfUsPerRt = 0;    // the load generator's own CPU per round trip
};

Result runOnce(const Options& o, const std::string& name) {
  Child child = startServer(serverCommand(o, name), o.pin.empty() ? -1 : 1);
  Bench b(o, child.pid);
  bool ok = b.run(child.port);
  stopServer(child);
  b.close();
  if (!ok)
    die(name + ": " + b.error);
  double rts = static_cast<double>(b.after.roundTrips - b.before.roundTrips);
  double wall = static_cast<double>(b.after.wallNs - b.before.wallNs);
  double statCpu = static_cast<double>(b.after.serverStatNs - b.before.serverStatNs);
  double cpu = b.before.serverNs >= 0 && b.after.serverNs >= 0
                   ? static_cast<double>(b.after.serverNs - b.before.serverNs)
                   : statCpu;
  Result r;
  r.rtPerSec = rts / (wall / 1e9);
  r.cpuUsPerRt = cpu / rts / 1000;
  r.cpuStatUsPerRt = statCpu / rts / 1000;
  r.cpuShare = cpu / wall;
  r.selfUsPerRt = static_cast<double>(b.after.selfNs - b.before.selfNs) / rts / 1000;
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string loadAverage() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}

} // namespace

int main(int argc, char** argv) {
  Options o = parseArgs(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  if (!o.pin.empty())
    pinTo(o.pin == "split" ? 0 : 1);
  std::printf("pingpong: %d connections, %zu-byte messages, %.3g s warm-up + %.3g s window, %d run%s per server "
              "(interleaved), %ld CPUs%s, load average %s\n",
              o.connections, o.size, o.warmup, o.seconds, o.repeat, o.repeat == 1 ? "" : "s",
              sysconf(_SC_NPROCESSORS_ONLN),
              o.pin == "split"  ? " (driver pinned to CPU 0, server to CPU 1)"
              : o.pin == "same" ? " (driver and server pinned to CPU 1)"
                                : "",
              loadAverage().c_str());
  std::fflush(stdout);

  std::vector<std::vector<Result>> results(o.servers.size());
  int w = 8; // the name column
  for (const auto& s : o.servers)
    w = std::max(w, static_cast<int>(s.size()));
  for (int k = 0; k < o.repeat; ++k) {
    for (std::size_t i = 0; i < o.servers.size(); ++i) {
      Result r = runOnce(o, o.servers[i]);
      results[i].push_back(r);
      std::printf("  run %d/%d  %-*s %10.0f round trips/s  %6.2f us server CPU/round trip  (server %3.0f%% of a core",
                  k + 1, o.repeat, w, o.servers[i].c_str(), r.rtPerSec, r.cpuUsPerRt, r.cpuShare * 100);
      if (o.verbose)
        std::printf("; stat %.2f us; driver %.2f us/round trip", r.cpuStatUsPerRt, r.selfUsPerRt);
      std::printf(")\n");
      std::fflush(stdout);
    }
  }

  struct Row {
    std::string name;
    double rtPerSec, cpuUsPerRt, cpuShare, selfUsPerRt;
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < o.servers.size(); ++i) {
    std::vector<double> rt, cpu, share, self;
    for (const auto& r : results[i]) {
      rt.push_back(r.rtPerSec);
      cpu.push_back(r.cpuUsPerRt);
      share.push_back(r.cpuShare);
      self.push_back(r.selfUsPerRt);
    }
    rows.push_back({o.servers[i], median(rt), median(cpu), median(share), median(self)});
  }
  const Row* base = nullptr;
  for (const auto& r : rows)
    if (r.name == "uv")
      base = &r;

  std::printf("\nmedian of %d run%s:\n", o.repeat, o.repeat == 1 ? "" : "s");
  std::printf("%-*s %14s %9s %18s %9s %12s %14s\n", w, "server", "round trips/s", "uv/this", "server CPU us/RT",
              "this/uv", "server CPU", "driver us/RT");
  for (const auto& r : rows) {
    std::string rtRatio = "-", cpuRatio = "-";
    if (base) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2fx", base->rtPerSec / r.rtPerSec);
      rtRatio = buf;
      std::snprintf(buf, sizeof buf, "%.2fx", r.cpuUsPerRt / base->cpuUsPerRt);
      cpuRatio = buf;
    }
    std::printf("%-*s %14.0f %9s %18.2f %9s %11.0f%% %14.2f\n", w, r.name.c_str(), r.rtPerSec, rtRatio.c_str(),
                r.cpuUsPerRt, cpuRatio.c_str(), r.cpuShare * 100, r.selfUsPerRt);
  }
  for (const auto& r : rows) {
    if (base && r.name == "netbed") {
      double rt = base->rtPerSec / r.rtPerSec, cpu = r.cpuUsPerRt / base->cpuUsPerRt;
      std::printf("\ntarget netbed within 1.10x of raw libuv: round trips/s %.3fx %s, CPU per round trip %.3fx %s\n",
                  rt, rt <= 1.10 ? "met" : "NOT met", cpu, cpu <= 1.10 ? "met" : "NOT met");
    }
  }
  return 0;
}
