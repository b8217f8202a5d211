#include "visualize/trace_reader.h"

#include <algorithm>
#include <fstream>
#include <unordered_map>

#include "visualize/flat_json.h"
#include "visualize/input_error.h"

namespace report {

namespace {

constexpr std::string_view kEvNames[kEvents] = {"listening", "connection", "lookup", "connect", "data",  "drain",
                                                "end",       "timeout",    "close",  "error",   "fault", "nic"};

class Interner {
public:
  explicit Interner(std::vector<std::string>& out) : out_(out) {}
  std::int32_t operator()(const std::string& s) {
    auto [it, added] = index_.try_emplace(s, static_cast<std::int32_t>(out_.size()));
    if (added)
      out_.push_back(s);
    return it->second;
  }

private:
  std::vector<std::string>& out_;
  std::unordered_map<std::string, std::int32_t> index_;
};

class LineReader {
public:
  LineReader(const std::string& file, std::size_t line, const FlatObject& o) : file_(file), line_(line), o_(o) {}

  [[noreturn]] void fail(const std::string& what) const { throw InputError(file_, line_, what); }

  const FlatValue& required(std::string_view key, const char* expected) const {
    const FlatValue* v = o_.find(key);
    if (!v)
      fail("missing key \"" + std::string(key) + "\" (expected " + expected + ")");
    return *v;
  }
  std::int64_t integer(std::string_view key, const char* expected, std::int64_t min = 0) const {
    const FlatValue& v = required(key, expected);
    if (v.type != FlatValue::Type::Integer || v.integer < min)
      fail("key \"" + std::string(key) + "\": expected " + expected + ", found " + describe(v));
    return v.integer;
  }
  const std::string& string(std::string_view key, const char* expected) const {
    const FlatValue& v = required(key, expected);
    if (v.type != FlatValue::Type::String)
      fail("key \"" + std::string(key) + "\": expected " + expected + ", found " + describe(v));
    return v.text;
  }
  const std::string* optionalString(std::string_view key, const char* expected) const {
    const FlatValue* v = o_.find(key);
    if (!v || v->type == FlatValue::Type::Null)
      return nullptr;
    if (v->type != FlatValue::Type::String)
      fail("key \"" + std::string(key) + "\": expected " + expected + ", found " + describe(*v));
    return &v->text;
  }
  bool has(std::string_view key) const { return o_.find(key) != nullptr; }

private:
  const std::string& file_;
  std::size_t line_;
  const FlatObject& o_;
};

Ev parseEv(const LineReader& r, const std::string& name) {
  for (std::size_t i = 0; i < kEvents; ++i)
    if (kEvNames[i] == name)
      return static_cast<Ev>(i);
  r.fail("key \"ev\": unknown event \"" + name +
         "\" (expected one of listening, connection, lookup, connect, data, drain, end, timeout, close, error, "
         "fault, nic, console)");
}

// The contract's fault names; sim/faults.cc writes "link-down", "loss=0.2", "delay=5000000ns".
std::string normalFault(const std::string& kind) {
  if (kind == "link-down")
    return "linkDown";
  if (kind == "link-up")
    return "linkUp";
  if (kind.rfind("loss=", 0) == 0)
    return "setLoss";
  if (kind.rfind("delay=", 0) == 0)
    return "setDelay";
  return kind;
}

} // namespace

std::string_view evName(Ev ev) { return kEvNames[static_cast<std::size_t>(ev)]; }

Trace parseTrace(std::istream& in, const std::string& file) {
  Trace trace;
  trace.file = file;
  Interner nodes(trace.nodes);
  Interner strings(trace.strings);
  FlatObject o;
  std::string text;
  std::size_t lineNo = 0;
  std::int64_t previous = 0;
  while (std::getline(in, text)) {
    ++lineNo;
    if (text.find_first_not_of(" \t\r") == std::string::npos)
      continue;
    try {
      o.parse(text);
    } catch (const FlatJsonError& e) {
      throw InputError(file, lineNo, "column " + std::to_string(e.column()) + ": " + e.what());
    }
    LineReader r(file, lineNo, o);
    TraceEvent e;
    e.line = static_cast<std::uint32_t>(lineNo);
    e.t = r.integer("t", "a non-negative integer (nanoseconds)");
    const std::string& evText = r.string("ev", "an event name");
    if (evText == "console") {
      trace.console.push_back({e.t, nodes(r.string("node", "the node's name")),
                               r.string("stream", "\"stdout\", \"stderr\" or \"exit\""),
                               r.string("text", "the printed text")});
      trace.lastT = std::max(trace.lastT, e.t);
      continue;
    }
    e.ev = parseEv(r, evText);
    if (e.ev == Ev::fault) {
      const std::string& kind = r.string("fault", "a fault name");
      e.code = strings(normalFault(kind));
      e.extra = strings(kind);
      const std::string* target = r.optionalString("target", "a node name or \"a-b\"");
      e.detail = strings(target ? *target : std::string());
    } else {
      e.node = nodes(r.string("node", "the node's name"));
      if (e.ev == Ev::nic) {
        e.device = static_cast<std::int32_t>(r.integer("device", "the device's index"));
        e.code = strings(r.string("cause", "the drop's cause"));
        if (r.has("bytes"))
          e.bytes = static_cast<std::uint64_t>(r.integer("bytes", "a non-negative integer"));
      } else {
        const std::string& kind = r.string("kind", "\"socket\" or \"server\"");
        if (kind != "socket" && kind != "server")
          r.fail("key \"kind\": expected \"socket\" or \"server\", found \"" + kind + "\"");
        e.server = kind == "server";
        e.obj = static_cast<std::uint64_t>(r.integer("obj", "the handle's id, a non-negative integer"));
        if (e.ev == Ev::data)
          e.bytes = static_cast<std::uint64_t>(r.integer("bytes", "the chunk's size, a non-negative integer"));
        if (e.ev == Ev::error) {
          e.code = strings(r.string("code", "an error code such as \"ECONNRESET\""));
          const std::string* message = r.optionalString("message", "a string");
          if (message)
            e.detail = strings(*message);
        }
        if (const std::string* peer = r.optionalString("peer", "\"address:port\""))
          e.peer = strings(*peer);
        if (const std::string* local = r.optionalString("local", "\"address:port\"")) {
          e.local = strings(*local);
          trace.anyLocal = trace.anyLocal || e.ev == Ev::connect || e.ev == Ev::connection;
        }
        if (e.ev == Ev::connection && r.has("socket")) {
          e.hasSocket = true;
          e.socket = static_cast<std::uint64_t>(r.integer("socket", "the accepted socket's id"));
        }
        if (e.ev == Ev::lookup && e.code < 0 && r.has("code"))
          e.code = strings(r.string("code", "an error code"));
      }
    }
    if (e.t < previous)
      trace.reordered = true;
    previous = e.t;
    trace.lastT = std::max(trace.lastT, e.t);
    trace.events.push_back(e);
  }
  if (in.bad())
    throw InputError(file + ": read error");
  trace.lines = trace.events.size() + trace.console.size();
  if (trace.reordered)
    std::stable_sort(trace.events.begin(), trace.events.end(),
                     [](const TraceEvent& a, const TraceEvent& b) { return a.t < b.t; });
  return trace;
}

Trace readTrace(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path + ": cannot open the trace");
  return parseTrace(in, path);
}

} // namespace report
