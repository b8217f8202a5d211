// A user's test, as README.md shows it: three hosts, a client and a server, exact times.
// Also built against the installed package (tests/testing/installed/, by custom_app.sh).
#include "sim/testing.h"

using namespace sim::testing;

TEST_F(Network, ReplyCrossesARouterAtExactTimes) {
  hosts({"sensor", "router", "gateway"});
  auto up = link("sensor", "router", {250'000, 5ms}), down = link("router", "gateway", {10'000'000, 1ms});
  auto server = net("gateway").createServer([](std::shared_ptr<net::Socket> s) { s->end("ok"); });
  server->listen(80);
  net("sensor").connect(80, "gateway")->on(net::ev::data, [server](const net::Buffer&) { server->close(); });
  ASSERT_TRUE(run(10s));
  Time accepted = 2 * wireTime({up, down}, syn) + wireTime({up, down}, 0); // SYN there, SYN-ACK back, ACK there
  EXPECT_EQ(event("gateway", Kind::server, "connection").t, accepted);
  EXPECT_EQ(event("sensor", Kind::socket, "data").t, accepted + kSendDelay + wireTime({down, up}, 2)); // "ok", FIN
  EXPECT_EQ(event("gateway", Kind::server, "close").t, event("gateway", Kind::socket, "close").t);
}
