// EOF-delimited request/response under loss and outages: no reply is lost or cut short,
// and every socket closes on both ends. A closed socket's connection is the kernel's until
// TCP is done with it (orphan retries), not cut after a fixed time.
#include <gtest/gtest.h>

#include "sim/world.h"
#include "tests/sim/server_client.h"

#include <functional>
#include <memory>

namespace {

using namespace std::chrono_literals;

constexpr std::size_t kReply = 64 * 1024;

struct Tally {
  std::vector<std::size_t> replies; // bytes of each reply, as the clients received them
  int clientCloses = 0, serverCloses = 0, errors = 0;
};

// A server that reads a request until its FIN, then replies kReply bytes and ends; it
// closes after `connections` of them.
void serveRequests(sim::Node& server, int connections, Tally& t) {
  net::ServerOptions o;
  o.allowHalfOpen = true;
  auto accepted = std::make_shared<int>(0);
  std::shared_ptr<net::Server> srv;
  srv = server.net().createServer(o, [&t, accepted](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [](const net::Buffer&) {});
    s->on(net::ev::end, [s] { s->end(net::Buffer(std::string(kReply, 'r'))); });
    s->on(net::ev::error, [&t](const net::Error&) { ++t.errors; });
    s->on(net::ev::close, [&t](bool) { ++t.serverCloses; });
    ++*accepted;
  });
  srv->listen(8080);
  srv->on(net::ev::connection, [srv, accepted, connections](std::shared_ptr<net::Socket>) {
    if (*accepted == connections)
      srv->close();
  });
}

// `count` requests, one connection each, 100 ms apart.
void requestLoop(sim::Node& client, int count, Tally& t) {
  auto next = std::make_shared<std::function<void(int)>>();
  *next = [&client, &t, count, next](int k) {
    std::size_t slot = t.replies.size();
    t.replies.push_back(0);
    auto c = client.net().connect(8080, "server");
    c->on(net::ev::connect, [c] { c->end(net::Buffer(std::string(200, 'q'))); });
    c->on(net::ev::data, [&t, slot](const net::Buffer& b) { t.replies[slot] += b.size(); });
    c->on(net::ev::error, [&t](const net::Error&) { ++t.errors; });
    c->on(net::ev::close, [&client, &t, k, count, next](bool) {
      ++t.clientCloses;
      if (k + 1 < count)
        client.net().setTimeout(100ms, [next, k] { (*next)(k + 1); });
      else
        *next = nullptr; // ends the cycle through the closure
    });
  };
  (*next)(0);
}

// Three clients, eight requests each, on 1 Mbit/s, 10 ms links losing 10% each way.
Tally lossyRun(std::uint64_t seed) {
  sim::World world(seed);
  auto& server = world.node("server");
  Tally t;
  serveRequests(server, 24, t);
  for (int i = 0; i < 3; ++i) {
    auto& c = world.node("client-" + std::to_string(i));
    world.link(server, c, {1'000'000, 10ms, 0.10});
    requestLoop(c, 8, t);
  }
  world.run(3600s);
  return t;
}

TEST(LossyRequests, NoReplyLostOver200Seeds) {
  int lost = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    Tally t = lossyRun(seed);
    bool whole = t.replies.size() == 24;
    for (std::size_t r : t.replies)
      whole = whole && r == kReply;
    if (!whole || t.clientCloses != 24 || t.serverCloses != 24 || t.errors != 0) {
      ++lost;
      ADD_FAILURE() << "seed " << seed << ": " << t.replies.size() << " replies, " << t.clientCloses
                    << " client closes, " << t.serverCloses << " server closes, " << t.errors << " errors";
    }
  }
  EXPECT_EQ(lost, 0);
}

// The server's socket closes (for the application) as soon as its reply and FIN are
// queued; the link then goes down for 40 s. The orphaned connection keeps retransmitting
// and delivers the reply after the outage, on both profiles (ns-3's RTO backs off to a
// retransmission at 63 s, after the 60 s that used to end orphans).
void replyAcrossOutage(const sim::TcpProfile& profile) {
  simtests::ServerClient n(profile, {1'000'000, 10ms});
  Tally t;
  serveRequests(n.server, 1, t);
  requestLoop(n.client, 1, t);
  // The request arrives after about 32 ms; the reply's first segments leave at once.
  n.world.at(40ms, [&] { n.world.linkDown(n.server, n.client); });
  n.world.at(40ms + 40s, [&] { n.world.linkUp(n.server, n.client); });
  n.world.run(600s);
  ASSERT_EQ(t.replies.size(), 1u);
  EXPECT_EQ(t.replies[0], kReply);
  EXPECT_EQ(t.clientCloses, 1);
  EXPECT_EQ(t.serverCloses, 1);
  EXPECT_EQ(t.errors, 0);
}

TEST(LossyRequests, OrphanDeliversItsReplyAfterAnOutageLinux) { replyAcrossOutage(sim::TcpProfile::forLinux()); }
TEST(LossyRequests, OrphanDeliversItsReplyAfterAnOutageNs3) { replyAcrossOutage(sim::TcpProfile::forNs3()); }

} // namespace
