// Overlapping faults (issue 10, defect 4): each fault's undo gives back what that fault took
// and nothing else. Two partitions, a link taken down twice, nested loss and delay changes,
// crashes that overlap, and what the explicit linkUp, heal and reboot end.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// Records, at exact times, whether the link between two nodes is up.
struct Probe {
  sim::World& world;
  sim::Node& a;
  sim::Node& b;
  std::map<net::Time, bool> up;
  void at(net::Time t) {
    world.at(t, [this, t] { up[t] = world.linkIsUp(a, b); });
  }
};

// A server echoing on port 7, a client one 1 ms, 100 Mbit/s link away, connected at 0 s.
class Overlap : public ::testing::Test {
protected:
  Overlap() {
    world.trace().keep();
    world.link(server, client, {100'000'000, 1ms});
  }

  std::shared_ptr<net::Socket> start() {
    srv = server.net().createServer([](std::shared_ptr<net::Socket> s) {
      s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
      s->on(net::ev::error, [](const net::Error&) {});
    });
    srv->listen(7);
    auto c = client.net().connect(7, "server");
    c->on(net::ev::connect, [c] { c->write("hello"); });
    c->on(net::ev::data, [this](const net::Buffer& b) {
      received += b.toString();
      dataAt = client.net().now();
    });
    c->on(net::ev::error, [this](const net::Error& e) { code = std::string(e.code()); });
    return c;
  }

  // The trace's fault lines, "what target" at their times.
  std::vector<std::pair<net::Time, std::string>> faults() {
    std::vector<std::pair<net::Time, std::string>> out;
    for (const auto& e : world.trace().select("", "fault"))
      out.emplace_back(e.t, e.code);
    return out;
  }

  sim::World world;
  sim::Node& server = world.node("server");
  sim::Node& client = world.node("client");
  std::shared_ptr<net::Server> srv;
  std::string received, code;
  net::Time dataAt{-1};
};

// Two partitions of the server start together, for 3 s and for 300 s: the short one's undo
// leaves the long one's cut, so the connection stays cut until 300 s have passed.
TEST_F(Overlap, ShortPartitionInsideALongOneDoesNotEndIt) {
  const net::Time begin = 1s;
  const net::Duration shortFor = 3s, longFor = 300s;
  auto c = start();
  sim::FaultId shortId = 0, longId = 0;
  world.at(begin, [&] {
    shortId = world.partition({&server});
    longId = world.partition({&server});
  });
  world.at(begin + shortFor, [&] { world.undo(shortId); });
  world.at(begin + longFor, [&] { world.undo(longId); });
  Probe probe{world, server, client, {}};
  for (net::Time t :
       {begin - 1ns, begin, begin + shortFor, begin + shortFor + 1s, begin + longFor - 1ns, begin + longFor})
    probe.at(t);
  // Written during both partitions, after the short one's end: no answer until the long one's.
  net::Time writeAt = begin + shortFor + 1s;
  world.at(writeAt, [&] { c->write(" again"); });
  net::Time echoedBefore{-1};
  world.at(begin + longFor - 1ns, [&] { echoedBefore = dataAt; });
  // A new connection during the long partition fails (SYN retries give up before it ends).
  std::string lateCode;
  world.at(writeAt, [&] {
    auto late = client.net().connect(7, "server");
    late->on(net::ev::error, [&](const net::Error& e) { lateCode = std::string(e.code()); });
  });
  world.at(begin + longFor + 200s, [&] {
    c->end();
    srv->close();
  });
  world.run(3600s);

  EXPECT_TRUE(probe.up.at(begin - 1ns));
  EXPECT_FALSE(probe.up.at(begin));
  EXPECT_FALSE(probe.up.at(begin + shortFor)); // the short one is undone: the long one holds
  EXPECT_FALSE(probe.up.at(begin + shortFor + 1s));
  EXPECT_FALSE(probe.up.at(begin + longFor - 1ns));
  EXPECT_TRUE(probe.up.at(begin + longFor));
  EXPECT_EQ(lateCode, "ETIMEDOUT");
  EXPECT_LT(echoedBefore, begin); // only "hello" came back before the long partition ended
  EXPECT_EQ(received, "hello again");
  EXPECT_EQ(code, "");
  // The retransmission after the heal carried it: at most one maximum RTO (120 s) later.
  EXPECT_GT(dataAt, begin + longFor);
  EXPECT_LT(dataAt, begin + longFor + 121s);
  // The trace has the lines the explicit calls write, one per call.
  auto f = faults();
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0], std::make_pair(begin, std::string("partition server")));
  EXPECT_EQ(f[1], std::make_pair(begin, std::string("partition server")));
  EXPECT_EQ(f[2], std::make_pair(begin + shortFor, std::string("heal ")));
  EXPECT_EQ(f[3], std::make_pair(begin + longFor, std::string("heal ")));
}

// Partitions of different sides overlap: each undo restores only the links its own side cut.
TEST_F(Overlap, PartitionsOfDifferentSidesEachCutTheirOwnLinks) {
  sim::Node& third = world.node("third");
  world.link(server, third, {100'000'000, 1ms});
  sim::FaultId p1 = 0, p2 = 0;
  std::map<net::Time, std::pair<bool, bool>> up; // server-client, server-third
  auto probe = [&](net::Time t) {
    world.at(t, [&, t] { up[t] = {world.linkIsUp(server, client), world.linkIsUp(server, third)}; });
  };
  world.at(1s, [&] { p1 = world.partition({&client}); });          // cuts server-client
  world.at(2s, [&] { p2 = world.partition({&client, &server}); }); // cuts server-third
  world.at(3s, [&] { world.undo(p1); });
  world.at(4s, [&] { world.undo(p2); });
  for (net::Time t : {net::Time(1s), net::Time(2s), net::Time(3s), net::Time(4s)})
    probe(t);
  world.run(10s);
  EXPECT_EQ(up.at(1s), std::make_pair(false, true));
  EXPECT_EQ(up.at(2s), std::make_pair(false, false));
  EXPECT_EQ(up.at(3s), std::make_pair(true, false));
  EXPECT_EQ(up.at(4s), std::make_pair(true, true));
}

// A link taken down by two faults is up only when both are undone, in either order.
TEST_F(Overlap, LinkDownTwiceIsUpOnlyAfterBothUndo) {
  const net::Time first = 1s, second = 2s;
  const net::Duration firstFor = 10s, secondFor = 30s;
  sim::FaultId a = 0, b = 0;
  world.at(first, [&] { a = world.linkDown(server, client); });
  world.at(second, [&] { b = world.linkDown(server, client); });
  world.at(first + firstFor, [&] { world.undo(a); });
  world.at(second + secondFor, [&] { world.undo(b); });
  Probe probe{world, server, client, {}};
  for (net::Time t : {first - 1ns, first, second, first + firstFor, second + secondFor - 1ns, second + secondFor})
    probe.at(t);
  // A connection tried once the first is undone gets through only after the second.
  net::Time connectedAt{-1};
  srv = server.net().createServer([](std::shared_ptr<net::Socket> s) { s->end(); });
  srv->listen(7);
  world.at(first + firstFor + 1s, [&] {
    auto c = client.net().connect(7, "server");
    c->on(net::ev::connect, [&, c] {
      connectedAt = client.net().now();
      c->end();
    });
  });
  world.at(110s, [&] { srv->close(); });
  world.run(120s);
  EXPECT_TRUE(probe.up.at(first - 1ns));
  EXPECT_FALSE(probe.up.at(first));
  EXPECT_FALSE(probe.up.at(second));
  EXPECT_FALSE(probe.up.at(first + firstFor));
  EXPECT_FALSE(probe.up.at(second + secondFor - 1ns));
  EXPECT_TRUE(probe.up.at(second + secondFor));
  EXPECT_GT(connectedAt, second + secondFor);
  auto f = faults();
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[2], std::make_pair(first + firstFor, std::string("link-up server-client")));
  EXPECT_EQ(f[3], std::make_pair(second + secondFor, std::string("link-up server-client")));
}

// A linkDown inside a partition, and a partition inside a linkDown: each undo leaves the other.
TEST_F(Overlap, LinkDownAndPartitionHoldTheLinkTogether) {
  sim::FaultId d = 0, p = 0;
  world.at(1s, [&] { d = world.linkDown(server, client); });
  world.at(2s, [&] { p = world.partition({&server}); });
  world.at(3s, [&] { world.undo(d); });
  world.at(5s, [&] { d = world.linkDown(server, client); });
  world.at(6s, [&] { world.undo(p); });
  world.at(7s, [&] { world.undo(d); });
  Probe probe{world, server, client, {}};
  for (net::Time t : {net::Time(3s), net::Time(4s), net::Time(6s), net::Time(7s)})
    probe.at(t);
  world.run(10s);
  EXPECT_FALSE(probe.up.at(3s));
  EXPECT_FALSE(probe.up.at(4s));
  EXPECT_FALSE(probe.up.at(6s));
  EXPECT_TRUE(probe.up.at(7s));
}

// The explicit calls end every hold of their kind: linkUp whatever holds the link, heal every
// partition (not a linkDown); an undo of a fault they ended changes nothing, and an id given
// back twice is an error.
TEST_F(Overlap, ExplicitLinkUpAndHealEndEveryHoldOfTheirKind) {
  sim::FaultId d = 0, p = 0, q = 0;
  std::map<net::Time, bool> up;
  auto probe = [&](net::Time t) { world.at(t, [&, t] { up[t] = world.linkIsUp(server, client); }); };
  world.at(1s, [&] {
    d = world.linkDown(server, client);
    p = world.partition({&server});
  });
  world.at(2s, [&] { world.linkUp(server, client); });
  world.at(3s, [&] { world.undo(d); }); // ended already: nothing changes
  world.at(4s, [&] {
    world.undo(p);
    d = world.linkDown(server, client);
    p = world.partition({&server});
    q = world.partition({&client});
  });
  world.at(5s, [&] { world.heal(); }); // the partitions end, the linkDown holds
  world.at(6s, [&] {
    world.undo(q);
    world.undo(d);
  });
  world.at(7s, [&] {
    world.undo(p);
    EXPECT_THROW(world.undo(p), std::invalid_argument);
    EXPECT_THROW(world.undo(0), std::invalid_argument);
  });
  for (net::Time t : {net::Time(2s), net::Time(3s), net::Time(4s), net::Time(5s), net::Time(6s), net::Time(7s)})
    probe(t);
  world.run(10s);
  EXPECT_TRUE(up.at(2s));
  EXPECT_TRUE(up.at(3s));
  EXPECT_FALSE(up.at(4s));
  EXPECT_FALSE(up.at(5s));
  EXPECT_TRUE(up.at(6s));
  EXPECT_TRUE(up.at(7s));
}

// loss 0.5 for 10 s inside loss 0.2 for 60 s: a stack per link, the top in force. Undoing the
// top gives back the value under it; undoing an entry a later change overrode changes nothing.
TEST_F(Overlap, NestedLossChangesRestoreTheValueInForceBefore) {
  const double configured = 0, outer = 0.2, inner = 0.5;
  const net::Time outerAt = 1s, innerAt = 5s;
  const net::Duration outerFor = 60s, innerFor = 10s;
  sim::FaultId o = 0, i = 0;
  world.at(outerAt, [&] { o = world.setLoss(server, client, outer); });
  world.at(innerAt, [&] { i = world.setLoss(server, client, inner); });
  world.at(innerAt + innerFor, [&] { world.undo(i); });
  world.at(outerAt + outerFor, [&] { world.undo(o); });
  std::map<net::Time, double> loss;
  for (net::Time t : {outerAt - 1ns, outerAt, innerAt - 1ns, innerAt, innerAt + innerFor - 1ns, innerAt + innerFor,
                      outerAt + outerFor - 1ns, outerAt + outerFor})
    world.at(t, [&, t] { loss[t] = world.loss(server, client); });
  world.run(100s);
  EXPECT_EQ(loss.at(outerAt - 1ns), configured);
  EXPECT_EQ(loss.at(outerAt), outer);
  EXPECT_EQ(loss.at(innerAt - 1ns), outer);
  EXPECT_EQ(loss.at(innerAt), inner);
  EXPECT_EQ(loss.at(innerAt + innerFor - 1ns), inner);
  EXPECT_EQ(loss.at(innerAt + innerFor), outer); // the value in force before the inner one
  EXPECT_EQ(loss.at(outerAt + outerFor - 1ns), outer);
  EXPECT_EQ(loss.at(outerAt + outerFor), configured);
  auto f = faults();
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[2], std::make_pair(innerAt + innerFor, "loss=" + std::to_string(outer) + " server-client"));
  EXPECT_EQ(f[3], std::make_pair(outerAt + outerFor, "loss=" + std::to_string(configured) + " server-client"));
}

// Two changes that overlap without nesting, and an explicit change inside one: the undo of an
// entry below the top changes nothing in force.
TEST_F(Overlap, OverriddenChangeUndoneChangesNothingInForce) {
  sim::Node& far = world.node("far");
  world.link(client, far, {100'000'000, 7ms, 0.01});
  sim::FaultId a = 0, b = 0, c = 0;
  world.at(1s, [&] { a = world.setDelay(client, far, 50ms); });
  world.at(2s, [&] { b = world.setDelay(client, far, 80ms); });
  world.at(3s, [&] { world.undo(a); });
  world.at(4s, [&] { world.undo(b); });
  world.at(5s, [&] { c = world.setLoss(client, far, 0.3); });
  world.at(6s, [&] { world.setLoss(client, far, 0.1); }); // explicit: never undone
  world.at(7s, [&] { world.undo(c); });
  std::map<net::Time, std::pair<net::Duration, double>> in;
  for (int s = 1; s <= 7; ++s)
    world.at(net::Time(std::chrono::seconds(s)), [&, s] {
      in[net::Time(std::chrono::seconds(s))] = {world.delay(client, far), world.loss(client, far)};
    });
  world.run(10s);
  EXPECT_EQ(in.at(1s), std::make_pair(net::Duration(50ms), 0.01));
  EXPECT_EQ(in.at(2s), std::make_pair(net::Duration(80ms), 0.01));
  EXPECT_EQ(in.at(3s), std::make_pair(net::Duration(80ms), 0.01)); // the later change stays
  EXPECT_EQ(in.at(4s), std::make_pair(net::Duration(7ms), 0.01));  // configured
  EXPECT_EQ(in.at(5s), std::make_pair(net::Duration(7ms), 0.3));
  EXPECT_EQ(in.at(6s), std::make_pair(net::Duration(7ms), 0.1));
  EXPECT_EQ(in.at(7s), std::make_pair(net::Duration(7ms), 0.1)); // the explicit one stays
}

// A node crashed by two faults reboots when both are undone; an explicit reboot ends both.
// A crash and a partition are independent: a node rebooted inside a partition is still cut off.
TEST_F(Overlap, CrashesOverlapAndStayIndependentOfPartitions) {
  sim::FaultId c1 = 0, c2 = 0, p = 0;
  std::map<net::Time, std::pair<bool, bool>> state; // server crashed, link up
  world.at(1s, [&] {
    c1 = world.crash(server);
    c2 = world.crash(server);
    p = world.partition({&server});
  });
  world.at(2s, [&] { world.undo(c1); });
  world.at(3s, [&] { world.undo(c2); });
  world.at(5s, [&] {
    world.undo(p);
    c1 = world.crash(server);
    c2 = world.crash(server);
  });
  world.at(6s, [&] { world.reboot(server); });
  world.at(7s, [&] { world.undo(c1); }); // ended by the reboot: nothing happens
  for (int s = 1; s <= 7; ++s)
    world.at(net::Time(std::chrono::seconds(s)), [&, s] {
      state[net::Time(std::chrono::seconds(s))] = {world.crashed(server), world.linkIsUp(server, client)};
    });
  world.run(10s);
  EXPECT_EQ(state.at(1s), std::make_pair(true, false));
  EXPECT_EQ(state.at(2s), std::make_pair(true, false));
  EXPECT_EQ(state.at(3s), std::make_pair(false, false)); // rebooted, still partitioned
  EXPECT_EQ(state.at(5s), std::make_pair(true, true));
  EXPECT_EQ(state.at(6s), std::make_pair(false, true));
  EXPECT_EQ(state.at(7s), std::make_pair(false, true));
  // One crash line and one reboot line per time the node went down and came back.
  std::vector<std::pair<net::Time, std::string>> lines;
  for (const auto& f : faults())
    if (f.second.rfind("crash", 0) == 0 || f.second.rfind("reboot", 0) == 0)
      lines.push_back(f);
  std::vector<std::pair<net::Time, std::string>> expected{
      {1s, "crash server"}, {3s, "reboot server"}, {5s, "crash server"}, {6s, "reboot server"}};
  EXPECT_EQ(lines, expected);
}

// On a shared segment: two partitions and two linkDowns of one pair, each undo its own.
TEST(OverlapSegment, PairsAndPartitionsOnAMediumUndoTheirOwnCuts) {
  sim::World world;
  std::vector<sim::Node*> m;
  for (const char* n : {"gateway", "a", "b"})
    m.push_back(&world.node(n));
  world.segment(m, {10'000'000, 1us});
  sim::Node &gw = *m[0], &a = *m[1], &b = *m[2];
  sim::FaultId p1 = 0, p2 = 0, d1 = 0, d2 = 0;
  using Row = std::vector<bool>; // gateway-a, gateway-b, a-b
  std::map<net::Time, Row> up;
  world.at(1s, [&] {
    p1 = world.partition({&gw});
    p2 = world.partition({&gw, &a});
    d1 = world.linkDown(a, b);
    d2 = world.linkDown(a, b);
  });
  world.at(2s, [&] {
    world.undo(p1); // gateway-a back; gateway-b still cut by p2
    world.undo(d1); // a-b still cut by p2 and d2
  });
  world.at(3s, [&] { world.undo(p2); });
  world.at(4s, [&] { world.undo(d2); });
  world.at(5s, [&] {
    p1 = world.partition({&gw});
    world.linkUp(gw, a); // explicit: this pair joins again, the partition holds the rest
  });
  world.at(6s, [&] { world.undo(p1); });
  for (int s = 1; s <= 6; ++s)
    world.at(net::Time(std::chrono::seconds(s)), [&, s] {
      up[net::Time(std::chrono::seconds(s))] = {world.linkIsUp(gw, a), world.linkIsUp(gw, b), world.linkIsUp(a, b)};
    });
  world.run(10s);
  EXPECT_EQ(up.at(1s), (Row{false, false, false}));
  EXPECT_EQ(up.at(2s), (Row{true, false, false}));
  EXPECT_EQ(up.at(3s), (Row{true, true, false}));
  EXPECT_EQ(up.at(4s), (Row{true, true, true}));
  EXPECT_EQ(up.at(5s), (Row{true, false, true}));
  EXPECT_EQ(up.at(6s), (Row{true, true, true}));
}

} // namespace
