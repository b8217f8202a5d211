// IoT.js scripts on simulated nodes (net/js): the binding adds no simulated time and no event
// of its own, timers fire at exact simulated times, and a run repeats bit for bit.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "net/js/js.h"
#include "sim/script.h"
#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// A script file for the test, removed with it.
class ScriptFile {
public:
  ScriptFile(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("netbed-js-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream(path_) << text;
  }
  ~ScriptFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

private:
  std::filesystem::path path_;
};

// What a script printed, with the simulated time of each line.
struct Printed {
  std::vector<std::pair<net::Time, std::string>> lines;
  net::js::ScriptOptions options(sim::World& w) {
    net::js::ScriptOptions o;
    o.epochMs = 0;
    o.randomSeed = 1;
    o.output = [this, &w](net::js::Output, std::string_view text) { lines.emplace_back(w.now(), std::string(text)); };
    return o;
  }
};

constexpr const char* kEchoServerJs = R"(
var net = require('net');
net.createServer(function (s) {
  s.on('data', function (d) { s.write(d); });
  s.on('end', function () { s.end(); });
}).listen(7000);
)";

constexpr const char* kEchoClientJs = R"(
var net = require('net');
var c = net.connect(7000, 'server', function () { c.write('hello'); });
c.on('data', function () { c.end(); });
c.on('close', function () {});
)";

// The same two applications in C++.
void cxxEchoServer(net::Context& ctx) {
  auto server = ctx.createServer([](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
    s->on(net::ev::end, [s] { s->end(); });
  });
  server->listen(7000);
}
void cxxEchoClient(net::Context& ctx) {
  auto c = ctx.connect(7000, "server");
  c->on(net::ev::connect, [c] { c->write("hello"); });
  c->on(net::ev::data, [c](const net::Buffer&) { c->end(); });
  c->on(net::ev::close, [](bool) {});
}

struct Seen {
  std::int64_t t;
  std::string node, ev;
  std::size_t bytes;
  std::string code;
  bool operator==(const Seen& o) const {
    return t == o.t && node == o.node && ev == o.ev && bytes == o.bytes && code == o.code;
  }
};
std::ostream& operator<<(std::ostream& os, const Seen& s) {
  return os << s.t << " " << s.node << " " << s.ev << " " << s.bytes << " " << s.code;
}

std::vector<Seen> events(const sim::Trace& trace) {
  std::vector<Seen> out;
  for (const auto& e : trace.events())
    if (e.ev != "console")
      out.push_back({e.t.count(), e.node, e.ev, e.bytes, e.code});
  return out;
}

sim::World& twoNodes(sim::World& w) {
  w.trace().keep();
  sim::LinkSpec spec;
  spec.bandwidth = 8'000'000;
  spec.delay = 5ms;
  w.link(w.node("client"), w.node("server"), spec);
  return w;
}

TEST(JsSim, EchoMatchesTheSameApplicationInCxxEventForEvent) {
  ScriptFile server("server.js", kEchoServerJs), client("client.js", kEchoClientJs);
  std::vector<Seen> want;
  { // ns-3 has one world at a time
    sim::World cxx;
    twoNodes(cxx);
    cxxEchoServer(cxx.node("server").net());
    cxxEchoClient(cxx.node("client").net());
    cxx.run(10s); // the servers listen on: both runs end at the limit
    want = events(cxx.trace());
  }

  sim::World js;
  twoNodes(js);
  Printed out;
  net::js::Script s(js.node("server").net(), out.options(js)), c(js.node("client").net(), out.options(js));
  s.start(server.path());
  c.start(client.path());
  js.run(10s);
  EXPECT_EQ(c.finish(), 0);
  EXPECT_EQ(s.finish(), 0);

  ASSERT_EQ(want.size(), 10u); // listening, lookup, connect, connection, data and end each way, two closes
  EXPECT_EQ(events(js.trace()), want);
}

TEST(JsSim, TimersFireAtExactSimulatedTimes) {
  ScriptFile f("timers.js", R"(
var t0 = Date.now();
setTimeout(function () {
  console.log('a', Date.now() - t0);
  setTimeout(function () { console.log('b', Date.now() - t0); }, 40);
}, 250);
setTimeout(function () { console.log('c', Date.now() - t0); }, 0);
var n = 0, iv = setInterval(function () { if (++n === 3) { clearInterval(iv); console.log('d', Date.now() - t0); } }, 100);
)");
  sim::World w;
  Printed out;
  net::js::Script s(w.node("host").net(), out.options(w));
  s.start(f.path());
  EXPECT_TRUE(w.run(10s));
  EXPECT_EQ(s.finish(), 0);
  // Node's rules: a 0 ms delay is 1 ms; an interval repeats from its own deadline.
  std::vector<std::pair<net::Time, std::string>> want = {
      {1ms, "c 1\n"}, {250ms, "a 250\n"}, {290ms, "b 290\n"}, {300ms, "d 300\n"}};
  EXPECT_EQ(out.lines, want);
}

TEST(JsSim, DateAndRandomComeFromTheRun) {
  ScriptFile f("clock.js", "console.log(Date.now(), new Date().toISOString(), Math.random());\n"
                           "setTimeout(function () { console.log(Date.now(), Math.random()); }, 1500);\n");
  auto once = [&](std::uint64_t seed) {
    sim::World w;
    Printed out;
    auto o = out.options(w);
    o.epochMs = 1000;
    o.randomSeed = seed;
    net::js::Script s(w.node("host").net(), o);
    s.start(f.path());
    w.run(10s);
    return out.lines;
  };
  auto a = once(7), b = once(7), c = once(8);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a[0].second, c[0].second);
  EXPECT_EQ(a[0].second.substr(0, 30), "1000 1970-01-01T00:00:01.000Z ");
  EXPECT_EQ(a[1].second.substr(0, 5), "2500 ");
}

TEST(JsSim, UncaughtExceptionEndsTheScriptWithOneAndItsHandles) {
  ScriptFile f("throw.js", R"(
var net = require('net');
net.createServer(function () {}).listen(7000);
setTimeout(function () { throw new Error('boom'); }, 10);
setTimeout(function () { console.log('never'); }, 20);
process.on('exit', function (code) { console.log('exit ' + code); });
)");
  sim::World w;
  Printed out;
  net::js::Script s(w.node("host").net(), out.options(w));
  s.start(f.path());
  EXPECT_TRUE(w.run(10s)); // the server went with the script: the world is idle
  EXPECT_TRUE(s.exited());
  EXPECT_EQ(s.finish(), 1);
  ASSERT_EQ(out.lines.size(), 2u);
  EXPECT_EQ(out.lines[0].first, 10ms);
  EXPECT_NE(out.lines[0].second.find("Error: boom"), std::string::npos) << out.lines[0].second;
  EXPECT_EQ(out.lines[1].second, "exit 1\n");
  EXPECT_EQ(w.node("host").net().activeHandles(), 0u);
}

TEST(JsSim, SyntaxErrorsNameTheFileAndLine) {
  ScriptFile f("bad.js", "var a = 1;\nvar b = ;\n");
  std::string err = net::js::checkSyntax(f.path());
  EXPECT_EQ(err.rfind(f.path() + ":2: SyntaxError", 0), 0u) << err;
  ScriptFile good("good.js", "var a = 1;\n");
  EXPECT_EQ(net::js::checkSyntax(good.path()), "");
}

TEST(JsSim, RunScriptOnNodesOfAWorld) {
  ScriptFile server("rs-server.js", kEchoServerJs), client("rs-client.js", R"(
var net = require('net'), assert = require('assert');
var got = '';
var c = net.connect(7000, process.argv[2], function () { c.end(process.env.NODE_NAME); });
c.on('data', function (d) { got += d; });
process.on('exit', function () { assert.strictEqual(got, 'client'); });
)");
  sim::World w;
  twoNodes(w);
  auto s = sim::runScript(w.node("server"), server.path());
  auto c = sim::runScript(w.node("client"), client.path(), {"server"});
  w.run(10s);
  EXPECT_EQ(c->finish(), 0);
  EXPECT_EQ(s->finish(), 0);
}

// The first copy of a script runs as compiled; the others load its bytecode (net/js/engine.cc),
// which netbed trims of the empty variable maps Duktape's loader adds. Every way a function
// finds variables by name must still work in the loaded copies: eval, `arguments`, closures.
TEST(JsSim, LoadedCopiesOfAScriptFindVariablesByNameAsTheCompiledOne) {
  ScriptFile f("names.js", R"(
function leaf(a, b) { return a * 10 + b; }
function counting() { return arguments.length + ':' + arguments[1]; }
function outer(x) {
  var y = x + 1;
  function inner() { return eval('x + y') + leaf(x, y); }
  return inner;
}
function shadow(v) { return eval('var v = v * 2; v') + v; }
var made = [1, 2].map(function (k) { return outer(k)(); });
console.log(leaf(3, 4), counting('a', 'b', 'c'), made.join(','), shadow(5), typeof leaf.prototype);
)");
  sim::World w;
  Printed out;
  std::vector<std::unique_ptr<net::js::Script>> copies;
  for (const char* host : {"a", "b", "c"}) {
    copies.push_back(std::make_unique<net::js::Script>(w.node(host).net(), out.options(w)));
    copies.back()->start(f.path());
  }
  w.run(1s);
  ASSERT_EQ(out.lines.size(), 3u);
  for (const auto& [t, text] : out.lines)
    EXPECT_EQ(text, "34 3:b 15,28 20 object\n");
  for (auto& s : copies)
    EXPECT_EQ(s->finish(), 0);
}

} // namespace
