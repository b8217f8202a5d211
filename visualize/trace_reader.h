// trace.jsonl (scenarios/OUTPUTS.md) read into compact columns: node names and strings are
// interned (indices in order of first appearance, so output never depends on hashing), one
// fixed-size record per line.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace visualize {

// The events a trace line can carry: the net API's, then the testbed's own.
enum class Ev : std::uint8_t {
  listening,
  connection,
  lookup,
  connect,
  data,
  drain,
  end,
  timeout,
  close,
  error,
  fault,
  nic
};
inline constexpr std::size_t kNetEvents = 10; // listening .. error
inline constexpr std::size_t kEvents = 12;
std::string_view evName(Ev ev);

// Fault names are kept as written, except the simulator's spellings of the contract's names
// ("link-down" is linkDown, "loss=0.2" is setLoss, "delay=5ms" is setDelay), which are mapped.

struct TraceEvent {
  std::int64_t t = 0;     // ns
  std::int32_t node = -1; // Trace::nodes index; -1 for a fault
  Ev ev = Ev::data;
  bool server = false;    // kind "server" (a listening handle), else "socket"
  bool hasSocket = false; // 'connection' named the accepted socket ("socket")
  std::uint64_t obj = 0;
  std::uint64_t socket = 0; // 'connection': the accepted socket's id, when hasSocket
  std::uint64_t bytes = 0;  // 'data': the chunk; 'nic': the frame
  std::int32_t peer = -1;   // Trace::strings index of "address:port", -1 when absent
  std::int32_t local = -1;  // idem
  std::int32_t code = -1;   // 'error': the code; 'fault': its kind; 'nic': the cause
  std::int32_t detail = -1; // 'error': the message; 'fault': the target
  std::int32_t device = -1; // 'nic'
  std::int32_t extra = -1;  // 'fault': the name as written ("loss=0.200000" for setLoss)
  std::uint32_t line = 0;   // 1-based line in the file
};

// What an application printed (a `js` script's console), or its exit ("exit", the code).
struct ConsoleLine {
  std::int64_t t = 0;
  std::int32_t node = -1; // Trace::nodes index
  std::string stream;     // "stdout", "stderr", "exit"
  std::string text;
};

struct Trace {
  std::string file;
  std::vector<std::string> nodes;
  std::vector<std::string> strings;
  std::vector<TraceEvent> events;   // in time order (stable-sorted when the file was not)
  std::vector<ConsoleLine> console; // in file order; not in `events`
  std::size_t lines = 0;            // non-empty lines
  bool reordered = false;           // some line's t was before the previous line's
  bool anyLocal = false;            // some 'connect' or 'connection' carried "local"
  std::int64_t lastT = 0;

  const std::string& str(std::int32_t i) const { return strings[static_cast<std::size_t>(i)]; }
};

// How lines are read: simdjson, with the hand-written scanner (flat_json.h) for the lines it refuses,
// so that errors are the scanner's, with their column; or every line by the scanner (to compare them).
enum class TraceParser { simdjson, scanner };

// Throws InputError "file:line: ..." on a malformed line or a missing or mistyped key.
Trace parseTrace(std::istream& in, const std::string& file, TraceParser with = TraceParser::simdjson);
Trace readTrace(const std::string& path, TraceParser with = TraceParser::simdjson);

} // namespace visualize
