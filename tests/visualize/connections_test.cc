// Connections rebuilt from traces: exact pairing by addresses, half-close, half-open, a crashed
// peer (and its rebooted node reusing socket ids), a refused connect, and pairing by time order
// when the trace has no "local".
#include <gtest/gtest.h>

#include <sstream>

#include "visualize/connections.h"

namespace {

using visualize::Pairing;
using visualize::Status;

struct Rebuilt {
  visualize::Trace trace;
  visualize::Connections cs;
  const visualize::Connection& byClient(const std::string& node) const {
    for (const auto& k : cs.list)
      if (k.clientNode >= 0 && trace.nodes[static_cast<std::size_t>(k.clientNode)] == node)
        return k;
    throw std::runtime_error("no connection from " + node);
  }
  std::string node(std::int32_t n) const { return n < 0 ? "-" : trace.nodes[static_cast<std::size_t>(n)]; }
};

Rebuilt rebuild(const std::string& text, std::int64_t end) {
  Rebuilt r;
  std::istringstream in(text);
  r.trace = visualize::parseTrace(in, "t.jsonl");
  r.cs = visualize::reconstruct(r.trace, end);
  return r;
}

std::string sock(std::int64_t t, const std::string& node, int obj, const std::string& ev,
                 const std::string& more = "") {
  return "{\"t\":" + std::to_string(t) + ",\"node\":\"" + node + "\",\"obj\":" + std::to_string(obj) +
         ",\"kind\":\"socket\",\"ev\":\"" + ev + "\"" + more + "}\n";
}
std::string accept(std::int64_t t, const std::string& node, int socket, const std::string& peer,
                   const std::string& local) {
  return "{\"t\":" + std::to_string(t) + ",\"node\":\"" + node +
         "\",\"obj\":1,\"kind\":\"server\",\"ev\":\"connection\"" +
         (socket ? ",\"socket\":" + std::to_string(socket) : "") + ",\"peer\":\"" + peer + "\"" +
         (local.empty() ? "" : ",\"local\":\"" + local + "\"") + "}\n";
}
std::string connect(std::int64_t t, const std::string& node, int obj, const std::string& peer,
                    const std::string& local) {
  return sock(t, node, obj, "connect",
              ",\"peer\":\"" + peer + "\"" + (local.empty() ? "" : ",\"local\":\"" + local + "\""));
}
std::string data(std::int64_t t, const std::string& node, int obj, int bytes) {
  return sock(t, node, obj, "data", ",\"bytes\":" + std::to_string(bytes));
}
std::string fault(std::int64_t t, const std::string& what, const std::string& target) {
  return "{\"t\":" + std::to_string(t) + ",\"ev\":\"fault\",\"fault\":\"" + what + "\",\"target\":\"" + target +
         "\"}\n";
}

// The client sends a request and ends its side; the server keeps sending, then ends: both close.
TEST(Connections, HalfCloseIsReadFromTheEndsOnEachSide) {
  Rebuilt r = rebuild(sock(0, "c", 1, "lookup", ",\"peer\":\"10.0.0.1:80\"") +
                          connect(10, "c", 1, "10.0.0.1:80", "10.0.0.2:5000") +
                          accept(15, "s", 7, "10.0.0.2:5000", "10.0.0.1:80") + data(20, "s", 7, 100) +
                          sock(25, "s", 7, "end") + data(30, "c", 1, 400) + data(40, "c", 1, 600) +
                          sock(50, "c", 1, "end") + sock(50, "c", 1, "close") + sock(55, "s", 7, "close"),
                      1000);
  ASSERT_EQ(r.cs.list.size(), 1u);
  const auto& k = r.cs.list[0];
  EXPECT_EQ(k.id, 1u);
  EXPECT_EQ(k.pairing, Pairing::exact);
  EXPECT_EQ(k.status, Status::closed);
  EXPECT_EQ(r.node(k.clientNode), "c");
  EXPECT_EQ(r.node(k.serverNode), "s");
  EXPECT_EQ(r.trace.str(k.clientAddr), "10.0.0.2:5000");
  EXPECT_EQ(r.trace.str(k.serverAddr), "10.0.0.1:80");
  EXPECT_EQ(k.start, 0);
  EXPECT_EQ(k.end, 55);
  EXPECT_EQ(k.bytesToServer, 100u);
  EXPECT_EQ(k.bytesToClient, 1000u);
  EXPECT_EQ(k.serverEndT, 25); // the client's FIN reached the server first,
  EXPECT_EQ(k.clientEndT, 50); // and the server went on sending until its own.
  const auto& server = r.cs.sockets[static_cast<std::size_t>(k.server)];
  EXPECT_TRUE(server.accepted);
  EXPECT_EQ(server.obj, 7u);
  EXPECT_EQ(server.events.size(), 4u); // connection, data, end, close
  EXPECT_EQ(r.cs.sockets[static_cast<std::size_t>(k.client)].events.size(), 6u);
}

TEST(Connections, OneSideClosedTheOtherOpenIsHalfOpen) {
  Rebuilt r =
      rebuild(connect(10, "c", 1, "10.0.0.1:80", "10.0.0.2:5000") + accept(15, "s", 7, "10.0.0.2:5000", "10.0.0.1:80") +
                  sock(20, "s", 7, "end") + sock(30, "c", 1, "close"),
              1000);
  ASSERT_EQ(r.cs.list.size(), 1u);
  EXPECT_EQ(r.cs.list[0].status, Status::halfOpen);
  EXPECT_EQ(r.cs.list[0].serverEndT, 20);
  EXPECT_EQ(r.cs.list[0].clientEndT, -1);
}

TEST(Connections, NeitherSideClosedIsOpen) {
  Rebuilt r = rebuild(
      connect(10, "c", 1, "10.0.0.1:80", "10.0.0.2:5000") + accept(15, "s", 7, "10.0.0.2:5000", "10.0.0.1:80"), 1000);
  EXPECT_EQ(r.cs.list[0].status, Status::open);
}

// The server's node crashes: its socket vanishes without an event; the client times out with an
// error. After the reboot the server's ids start again: socket 7 is a new socket.
TEST(Connections, CrashedPeerVanishesAndItsIdsStartAgainAfterReboot) {
  Rebuilt r =
      rebuild(connect(10, "c", 1, "10.0.0.1:80", "10.0.0.2:5000") + accept(15, "s", 7, "10.0.0.2:5000", "10.0.0.1:80") +
                  data(20, "s", 7, 64) + fault(100, "crash", "s") + fault(200, "reboot", "s") +
                  sock(300, "c", 1, "error", ",\"code\":\"ETIMEDOUT\",\"message\":\"write ETIMEDOUT\"") +
                  sock(300, "c", 1, "close") + connect(400, "c", 2, "10.0.0.1:80", "10.0.0.2:5001") +
                  accept(405, "s", 7, "10.0.0.2:5001", "10.0.0.1:80") + data(410, "s", 7, 32),
              1000);
  ASSERT_EQ(r.cs.list.size(), 2u);
  const auto& first = r.cs.list[0];
  EXPECT_EQ(first.status, Status::error);
  EXPECT_EQ(r.trace.str(first.errorCode), "ETIMEDOUT");
  EXPECT_EQ(first.bytesToServer, 64u);
  EXPECT_EQ(first.end, 300);
  ASSERT_EQ(first.faults.size(), 2u); // crash and reboot of the server, within the connection's life
  EXPECT_EQ(r.trace.events[first.faults[0]].t, 100);
  EXPECT_EQ(r.trace.events[first.faults[1]].t, 200);
  const auto& vanished = r.cs.sockets[static_cast<std::size_t>(first.server)];
  EXPECT_EQ(vanished.vanishedT, 100);
  EXPECT_FALSE(vanished.closed);
  EXPECT_EQ(vanished.events.size(), 2u); // the data after the reboot is the new socket's

  const auto& second = r.cs.list[1];
  EXPECT_EQ(second.pairing, Pairing::exact);
  EXPECT_EQ(second.bytesToServer, 32u);
  EXPECT_EQ(second.status, Status::open);
  EXPECT_NE(second.server, first.server);
  EXPECT_EQ(r.cs.faultedNodes, (std::vector<std::int32_t>{1})); // "s"
}

TEST(Connections, ACrashedPeerWithTheOtherSideStillOpenIsHalfOpen) {
  Rebuilt r = rebuild(connect(10, "c", 1, "10.0.0.1:80", "10.0.0.2:5000") +
                          accept(15, "s", 7, "10.0.0.2:5000", "10.0.0.1:80") + fault(100, "crash", "s"),
                      1000);
  EXPECT_EQ(r.cs.list[0].status, Status::halfOpen);
  EXPECT_EQ(r.cs.list[0].end, 100);
}

TEST(Connections, RefusedConnectHasOnlyAClientSide) {
  Rebuilt r = rebuild(sock(0, "c", 1, "lookup", ",\"peer\":\"10.0.0.1:81\"") +
                          sock(13, "c", 1, "error", ",\"code\":\"ECONNREFUSED\"") + sock(13, "c", 1, "close"),
                      1000);
  ASSERT_EQ(r.cs.list.size(), 1u);
  const auto& k = r.cs.list[0];
  EXPECT_EQ(k.pairing, Pairing::clientOnly);
  EXPECT_EQ(k.status, Status::error);
  EXPECT_EQ(r.trace.str(k.errorCode), "ECONNREFUSED");
  EXPECT_EQ(k.server, -1);
  EXPECT_EQ(r.trace.str(k.serverAddr), "10.0.0.1:81"); // from the lookup
}

// Without "local" (and without "socket"), 'connection' events are matched to the next new socket
// of the server node, and clients to servers in order of time; addresses learnt on the way keep
// a later client from taking another node's server end.
TEST(Connections, WithoutLocalPairsInOrderOfTimeAndSaysSo) {
  Rebuilt r = rebuild(connect(10, "a", 1, "10.0.0.1:80", "") + connect(11, "b", 1, "10.0.0.1:80", "") +
                          accept(14, "s", 0, "10.0.0.2:5000", "") + accept(15, "s", 0, "10.0.0.3:6000", "") +
                          data(20, "s", 2, 10) + data(21, "s", 3, 20) + connect(30, "a", 2, "10.0.0.1:80", "") +
                          accept(34, "s", 0, "10.0.0.2:5001", "") + data(40, "s", 4, 30),
                      1000);
  EXPECT_EQ(r.cs.acceptedByOrder, 3u);
  EXPECT_EQ(r.cs.pairedByTime, 3u);
  ASSERT_EQ(r.cs.list.size(), 3u);
  EXPECT_EQ(r.node(r.cs.list[0].clientNode), "a");
  EXPECT_EQ(r.cs.list[0].bytesToServer, 10u);
  EXPECT_EQ(r.trace.str(r.cs.list[0].clientAddr), "10.0.0.2:5000"); // from the server's side
  EXPECT_EQ(r.node(r.cs.list[1].clientNode), "b");
  EXPECT_EQ(r.cs.list[1].bytesToServer, 20u);
  EXPECT_EQ(r.node(r.cs.list[2].clientNode), "a");
  EXPECT_EQ(r.cs.list[2].bytesToServer, 30u);
  for (const auto& k : r.cs.list)
    EXPECT_EQ(k.pairing, Pairing::timeOrder);
}

TEST(Connections, ExactPairingIgnoresTimeOrder) {
  // b's connection is accepted first, but the addresses say which is which.
  Rebuilt r = rebuild(
      connect(10, "a", 1, "10.0.0.1:80", "10.0.0.2:5000") + connect(10, "b", 1, "10.0.0.1:80", "10.0.0.3:6000") +
          accept(14, "s", 2, "10.0.0.3:6000", "10.0.0.1:80") + accept(15, "s", 3, "10.0.0.2:5000", "10.0.0.1:80"),
      1000);
  EXPECT_EQ(r.cs.pairedByTime, 0u);
  EXPECT_EQ(r.cs.sockets[static_cast<std::size_t>(r.byClient("a").server)].obj, 3u);
  EXPECT_EQ(r.cs.sockets[static_cast<std::size_t>(r.byClient("b").server)].obj, 2u);
}

TEST(FaultTargets, NamesALinkANodeOrAList) {
  std::map<std::string, std::int32_t> index = {{"gateway", 0}, {"sensor-1", 1}, {"sensor-12", 2}};
  EXPECT_EQ(visualize::faultTargets("gateway", index), (std::vector<std::int32_t>{0}));
  EXPECT_EQ(visualize::faultTargets("gateway-sensor-1", index), (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(visualize::faultTargets("sensor-12-gateway", index), (std::vector<std::int32_t>{2, 0}));
  EXPECT_EQ(visualize::faultTargets("sensor-1,sensor-12", index), (std::vector<std::int32_t>{1, 2}));
  EXPECT_EQ(visualize::faultTargets("", index), (std::vector<std::int32_t>{}));
}

} // namespace
