#include "visualize/trace_reader.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <fstream>
#include <optional>
#include <unordered_map>

#include <simdjson.h>

#include "visualize/flat_json.h"
#include "visualize/input_error.h"

namespace visualize {

namespace {

constexpr std::string_view kEvNames[kEvents] = {"listening", "connection", "lookup", "connect", "data",  "drain",
                                                "end",       "timeout",    "close",  "error",   "fault", "nic"};

// Strings by index in order of first appearance; the index points into copies that never move.
class Interner {
public:
  explicit Interner(std::vector<std::string>& out) : out_(out) {}
  std::int32_t operator()(std::string_view s) {
    auto it = index_.find(s);
    if (it != index_.end())
      return it->second;
    auto i = static_cast<std::int32_t>(out_.size());
    out_.emplace_back(s);
    index_.emplace(keys_.emplace_back(s), i);
    return i;
  }

private:
  std::vector<std::string>& out_;
  std::deque<std::string> keys_;
  std::unordered_map<std::string_view, std::int32_t> index_;
};

// A line as the hand-written scanner reads it (flat_json): slow, but it says where and why a line is
// malformed, so it reads every line simdjson refuses, and its messages are the reader's.
class ScannedLine {
public:
  ScannedLine(const std::string& file, std::size_t line, const FlatObject& o) : file_(file), line_(line), o_(o) {}

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
  std::string_view string(std::string_view key, const char* expected) const {
    const FlatValue& v = required(key, expected);
    if (v.type != FlatValue::Type::String)
      fail("key \"" + std::string(key) + "\": expected " + expected + ", found " + describe(v));
    return v.text;
  }
  std::optional<std::string_view> optionalString(std::string_view key, const char* expected) const {
    const FlatValue* v = o_.find(key);
    if (!v || v->type == FlatValue::Type::Null)
      return std::nullopt;
    if (v->type != FlatValue::Type::String)
      fail("key \"" + std::string(key) + "\": expected " + expected + ", found " + describe(*v));
    return std::string_view(v->text);
  }
  bool has(std::string_view key) const { return o_.find(key) != nullptr; }

private:
  const std::string& file_;
  std::size_t line_;
  const FlatObject& o_;
};

// The keys the reader uses; every other key is checked for syntax and ignored.
enum Key : std::uint8_t {
  kT,
  kEv,
  kNode,
  kKind,
  kObj,
  kBytes,
  kCode,
  kMessage,
  kPeer,
  kLocal,
  kSocket,
  kFault,
  kTarget,
  kDevice,
  kCause,
  kStream,
  kText,
  kKeys
};
constexpr std::string_view kKeyNames[kKeys] = {"t",      "ev",      "node",  "kind",   "obj",    "bytes",
                                               "code",   "message", "peer",  "local",  "socket", "fault",
                                               "target", "device",  "cause", "stream", "text"};

Key keyOf(std::string_view name) {
  auto is = [&](Key k) { return name == kKeyNames[k] ? k : kKeys; };
  switch (name.size()) {
  case 1: return is(kT);
  case 2: return is(kEv);
  case 3: return is(kObj);
  case 4:
    switch (name[0]) {
    case 'n': return is(kNode);
    case 'k': return is(kKind);
    case 'c': return is(kCode);
    case 'p': return is(kPeer);
    case 't': return is(kText);
    }
    return kKeys;
  case 5:
    switch (name[0]) {
    case 'b': return is(kBytes);
    case 'l': return is(kLocal);
    case 'f': return is(kFault);
    case 'c': return is(kCause);
    }
    return kKeys;
  case 6:
    switch (name[0]) {
    case 's': return name[1] == 'o' ? is(kSocket) : is(kStream);
    case 't': return is(kTarget);
    case 'd': return is(kDevice);
    }
    return kKeys;
  case 7: return is(kMessage);
  }
  return kKeys;
}

// The same line read by simdjson's DOM parser, which validates the whole line first. It answers only
// what the scanner would answer too: a line it refuses, or one the scanner might read otherwise (an
// integer past int64, a surrogate escape), is a Fallback, and the line goes to the scanner.
struct Fallback {};

class FastLine {
public:
  // Reads the object in [p, p + len), readable to p + len + SIMDJSON_PADDING. False: ask the scanner.
  bool parse(simdjson::dom::parser& parser, const char* p, std::size_t len) {
    for (Slot& s : slots_)
      s.type = Type::Absent;
    if (mayHaveSurrogates(p, len))
      return false;
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (parser.parse(p, len, false).get(root) || root.get_object().get(object))
      return false;
    for (simdjson::dom::key_value_pair field : object) {
      Key k = keyOf(field.key);
      Slot ignored;
      Slot& s = k < kKeys && slots_[k].type == Type::Absent ? slots_[k] : ignored; // the first one counts
      switch (field.value.type()) {
      case simdjson::dom::element_type::STRING:
        s.type = Type::String;
        s.text = field.value.get_string().value_unsafe();
        break;
      case simdjson::dom::element_type::INT64:
        s.type = Type::Integer;
        s.integer = field.value.get_int64().value_unsafe();
        break;
      case simdjson::dom::element_type::UINT64: return false; // the scanner refuses it
      case simdjson::dom::element_type::NULL_VALUE: s.type = Type::Null; break;
      default: s.type = Type::Other; break;
      }
    }
    return true;
  }

  [[noreturn]] void fail(const std::string&) const { throw Fallback{}; }
  std::int64_t integer(std::string_view key, const char*, std::int64_t min = 0) const {
    const Slot& s = slot(key);
    if (s.type != Type::Integer || s.integer < min)
      throw Fallback{};
    return s.integer;
  }
  std::string_view string(std::string_view key, const char*) const {
    const Slot& s = slot(key);
    if (s.type != Type::String)
      throw Fallback{};
    return s.text;
  }
  std::optional<std::string_view> optionalString(std::string_view key, const char*) const {
    const Slot& s = slot(key);
    if (s.type == Type::Absent || s.type == Type::Null)
      return std::nullopt;
    if (s.type != Type::String)
      throw Fallback{};
    return s.text;
  }
  bool has(std::string_view key) const { return slot(key).type != Type::Absent; }

private:
  enum class Type : std::uint8_t { Absent, String, Integer, Null, Other };
  struct Slot {
    Type type = Type::Absent;
    std::string_view text; // into the parser, valid until the next line
    std::int64_t integer = 0;
  };

  const Slot& slot(std::string_view key) const { return slots_[keyOf(key)]; }

  // The scanner decodes each half of a \uD800-\uDFFF pair on its own, simdjson decodes the pair.
  static bool mayHaveSurrogates(const char* p, std::size_t len) {
    const char* end = p + len;
    for (const char* b = p; (b = static_cast<const char*>(std::memchr(b, '\\', static_cast<std::size_t>(end - b))));
         b += 2) {
      if (end - b >= 3 && b[1] == 'u' && (b[2] == 'd' || b[2] == 'D'))
        return true;
      if (end - b < 2)
        break;
    }
    return false;
  }

  Slot slots_[kKeys + 1]; // the last one: keys the reader does not use
};

template <class Line> Ev parseEv(const Line& r, std::string_view name) {
  for (std::size_t i = 0; i < kEvents; ++i)
    if (kEvNames[i] == name)
      return static_cast<Ev>(i);
  r.fail("key \"ev\": unknown event \"" + std::string(name) +
         "\" (expected one of listening, connection, lookup, connect, data, drain, end, timeout, close, error, "
         "fault, nic, console)");
}

// The contract's fault names; sim/faults.cc writes "link-down", "loss=0.2", "delay=5000000ns".
std::string_view normalFault(std::string_view kind) {
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

struct Reader {
  Trace& trace;
  Interner nodes{trace.nodes};
  Interner strings{trace.strings};
  std::int64_t previous = 0;

  // One line's event into the trace. A FastLine that throws Fallback has added nothing but
  // interned strings, which the scanner then interns again in the same order.
  template <class Line> void add(const Line& r, std::size_t lineNo) {
    TraceEvent e;
    e.line = static_cast<std::uint32_t>(lineNo);
    e.t = r.integer("t", "a non-negative integer (nanoseconds)");
    std::string_view evText = r.string("ev", "an event name");
    if (evText == "console") {
      ConsoleLine c{e.t, nodes(r.string("node", "the node's name")),
                    std::string(r.string("stream", "\"stdout\", \"stderr\" or \"exit\"")),
                    std::string(r.string("text", "the printed text"))};
      trace.console.push_back(std::move(c));
      trace.lastT = std::max(trace.lastT, e.t);
      return;
    }
    e.ev = parseEv(r, evText);
    if (e.ev == Ev::fault) {
      std::string_view kind = r.string("fault", "a fault name");
      e.code = strings(normalFault(kind));
      e.extra = strings(kind);
      e.detail = strings(r.optionalString("target", "a node name or \"a-b\"").value_or(std::string_view()));
    } else {
      e.node = nodes(r.string("node", "the node's name"));
      if (e.ev == Ev::nic) {
        e.device = static_cast<std::int32_t>(r.integer("device", "the device's index"));
        e.code = strings(r.string("cause", "the drop's cause"));
        if (r.has("bytes"))
          e.bytes = static_cast<std::uint64_t>(r.integer("bytes", "a non-negative integer"));
      } else {
        std::string_view kind = r.string("kind", "\"socket\" or \"server\"");
        if (kind != "socket" && kind != "server")
          r.fail("key \"kind\": expected \"socket\" or \"server\", found \"" + std::string(kind) + "\"");
        e.server = kind == "server";
        e.obj = static_cast<std::uint64_t>(r.integer("obj", "the handle's id, a non-negative integer"));
        if (e.ev == Ev::data)
          e.bytes = static_cast<std::uint64_t>(r.integer("bytes", "the chunk's size, a non-negative integer"));
        if (e.ev == Ev::error) {
          e.code = strings(r.string("code", "an error code such as \"ECONNRESET\""));
          if (auto message = r.optionalString("message", "a string"))
            e.detail = strings(*message);
        }
        if (auto peer = r.optionalString("peer", "\"address:port\""))
          e.peer = strings(*peer);
        if (auto local = r.optionalString("local", "\"address:port\"")) {
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
};

bool blank(const char* p, std::size_t len) {
  for (std::size_t i = 0; i < len; ++i)
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
      return false;
  return true;
}

} // namespace

std::string_view evName(Ev ev) { return kEvNames[static_cast<std::size_t>(ev)]; }

Trace parseTrace(std::istream& in, const std::string& file, TraceParser with) {
  Trace trace;
  trace.file = file;
  Reader reader{trace};
  simdjson::dom::parser parser;
  FastLine fast;
  FlatObject flat;
  std::size_t lineNo = 0;

  auto line = [&](const char* p, std::size_t len) {
    ++lineNo;
    if (blank(p, len))
      return;
    if (with == TraceParser::simdjson) {
      try {
        if (fast.parse(parser, p, len)) {
          reader.add(fast, lineNo);
          return;
        }
      } catch (const Fallback&) {
      }
    }
    try {
      flat.parse(std::string_view(p, len));
    } catch (const FlatJsonError& e) {
      throw InputError(file, lineNo, "column " + std::to_string(e.column()) + ": " + e.what());
    }
    reader.add(ScannedLine(file, lineNo, flat), lineNo);
  };

  // The file in chunks, each line parsed in place: simdjson reads up to SIMDJSON_PADDING bytes past
  // a line's end, which the buffer always has.
  constexpr std::size_t kChunk = std::size_t(1) << 20;
  std::string buffer;
  std::size_t begin = 0;
  std::size_t end = 0;
  for (bool eof = false; !eof;) {
    if (begin > 0) {
      std::memmove(&buffer[0], &buffer[begin], end - begin);
      end -= begin;
      begin = 0;
    }
    if (buffer.size() < end + kChunk + simdjson::SIMDJSON_PADDING)
      buffer.resize(end + kChunk + simdjson::SIMDJSON_PADDING);
    in.read(&buffer[end], static_cast<std::streamsize>(kChunk));
    end += static_cast<std::size_t>(in.gcount());
    eof = !in;
    const char* data = buffer.data();
    while (begin < end) {
      const void* nl = std::memchr(data + begin, '\n', end - begin);
      if (!nl && !eof)
        break; // the rest of the line comes with the next chunk
      std::size_t stop = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : end;
      line(data + begin, stop - begin);
      begin = nl ? stop + 1 : end;
    }
  }
  if (in.bad())
    throw InputError(file + ": read error");
  trace.lines = trace.events.size() + trace.console.size();
  if (trace.reordered)
    std::stable_sort(trace.events.begin(), trace.events.end(),
                     [](const TraceEvent& a, const TraceEvent& b) { return a.t < b.t; });
  return trace;
}

Trace readTrace(const std::string& path, TraceParser with) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path + ": cannot open the trace");
  return parseTrace(in, path, with);
}

} // namespace visualize
