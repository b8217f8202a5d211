// Connections rebuilt from a trace (scenarios/OUTPUTS.md): the client socket whose 'connect'
// has local L and peer P is paired with the server socket whose 'connection' has peer L and local P.
// Without "local" in the trace, clients and servers are paired in order of time per (client node,
// server address:port), learning which node has which address from the pairs made so far.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "visualize/trace_reader.h"

namespace visualize {

// One socket's life on one node. A socket ends at 'close' or when its node crashes; an id used again
// after that (a rebooted node starts counting again) is a new socket.
struct SocketLife {
  std::int32_t node = -1;
  std::uint64_t obj = 0;
  bool accepted = false;              // the server's end (made by a 'connection')
  std::vector<std::uint32_t> events;  // Trace::events indices, in time order
  std::int32_t local = -1, peer = -1; // Trace::strings indices of "address:port"
  std::int64_t connectT = -1;         // 'connect' or 'connection'
  bool closed = false;
  std::int64_t vanishedT = -1; // its node crashed while it was open
};

enum class Status : std::uint8_t { closed, open, halfOpen, timeout, error, failed };
enum class Pairing : std::uint8_t { exact, timeOrder, clientOnly, serverOnly };
const char* statusName(Status s);
const char* pairingName(Pairing p);

struct Connection {
  std::uint32_t id = 0;                  // 1.. in order of start
  std::int32_t client = -1, server = -1; // SocketLife indices, -1 when that end is not in the trace
  std::int32_t clientNode = -1, serverNode = -1;
  std::int32_t clientAddr = -1, serverAddr = -1; // Trace::strings indices
  std::int64_t start = 0, end = 0;               // first and last event of either end
  Pairing pairing = Pairing::exact;
  Status status = Status::open;
  std::int32_t errorCode = -1; // the first error's code
  std::uint64_t bytesToServer = 0, bytesToClient = 0;
  std::int64_t clientEndT = -1, serverEndT = -1; // 'end' (the peer's FIN) on each side
  std::vector<std::uint32_t> faults;             // Trace::events indices of faults that hit either node meanwhile
};

struct Connections {
  std::vector<SocketLife> sockets;
  std::vector<Connection> list;
  std::size_t pairedByTime = 0;    // pairs made without "local"
  std::size_t acceptedByOrder = 0; // accepted sockets found by order ('connection' without "socket")
  std::vector<std::vector<std::uint32_t>> faultsOfNode; // per Trace::nodes index
  std::vector<std::int32_t> faultedNodes;               // nodes some fault targeted, ascending
};

// `endOfRun`: when the run stopped (ns); a connection not closed by then is still open.
Connections reconstruct(const Trace& trace, std::int64_t endOfRun);

// The nodes a fault's target names: "gateway", "sensor-1-gateway" (a link), "a,b,c" (a partition).
std::vector<std::int32_t> faultTargets(const std::string& target, const std::map<std::string, std::int32_t>& nodeIndex);

} // namespace visualize
