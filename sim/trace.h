// The run's trace: every net event of every node, in simulated-time order, as JSON Lines
//   {"t":1000000,"node":"sensor-1","obj":3,"kind":"socket","ev":"data","bytes":64}
// and a hash of all lines so two runs compare in one line.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/net.h"
#include "net/runtime.h"

namespace sim {

class Trace {
public:
  // An event as kept for assertions (keep()).
  struct Event {
    net::Time t;
    std::string node;  // empty for a fault
    std::uint64_t obj; // 'nic': the device index
    std::string ev;    // the API's event name, or "fault"
    std::size_t bytes;
    std::string code; // 'error': the code; 'fault': what happened; 'nic': the drop's cause
    std::string kind; // what emitted it: "socket" or "server"; empty for fault, nic and console lines
  };

  // Also keeps every event in memory, for tests to assert on (see select).
  void keep() { keep_ = true; }
  const std::vector<Event>& events() const { return events_; }
  // The kept events of `node` named `ev`, in order; an empty argument matches any.
  std::vector<Event> select(const std::string& node, const std::string& ev = "") const;

  // Lines also go to a file (JSON Lines), when one is given.
  void open(const std::string& path);
  // Every line is also handed to fn (tests assert on lines).
  void onLine(std::function<void(const std::string&)> fn) { lineFn_ = std::move(fn); }

  void record(const std::string& node, const net::EventRecord& r);
  // A fault, and the nodes it hit (a link's two ends, a crashed node, a partition's side):
  //   {"t":...,"ev":"fault","fault":"link-down","target":"a-b","nodes":["a","b"]}
  void fault(net::Time t, const std::string& what, const std::string& target, const std::vector<std::string>& nodes);
  // A SystemC NIC dropped a frame (or, on a radio, a packet):
  //   {"t":...,"node":"sensor-1","ev":"nic","device":1,"cause":"buffer_full","bytes":1514}
  void nic(net::Time t, const std::string& node, std::uint32_t device, const std::string& cause, std::uint32_t bytes);

  // A line an application printed, or its exit (stream "exit", text the code):
  //   {"t":...,"node":"sensor-1","ev":"console","stream":"stdout","text":"hello"}
  void console(net::Time t, const std::string& node, const std::string& stream, const std::string& text);

  // FNV-1a 64 over every line, as 16 hex digits.
  std::string hash() const;
  std::uint64_t lines() const { return lines_; }
  std::uint64_t bytes() const { return bytes_; } // of every line, newlines included
  // fn runs once, right after the line that takes the trace past `bytes`.
  void limit(std::uint64_t bytes, std::function<void()> fn) {
    limit_ = bytes;
    limitFn_ = std::move(fn);
  }

private:
  void emit(const std::string& line);

  std::unique_ptr<std::ofstream> file_;
  std::function<void(const std::string&)> lineFn_;
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
  std::uint64_t lines_ = 0, bytes_ = 0, limit_ = 0;
  std::function<void()> limitFn_;
  bool keep_ = false;
  std::vector<Event> events_;
  std::string line_;
};

} // namespace sim
