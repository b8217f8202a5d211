// The basic exchange: connect, data both ways, end, close on both sides.
#include <algorithm>

#include "tests/conformance/env.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Echo);

TYPED_TEST(Echo, RoundTripThenCloseOnBothEnds) {
  std::string serverGot, clientGot;
  std::vector<std::string> order;
  auto server = this->env.server().createServer([&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [&, s](const net::Buffer& b) {
      serverGot += b.toString();
      s->write(b);
    });
    s->on(net::ev::end, [&] { order.push_back("server end"); });
    s->on(net::ev::close, [&](bool hadError) {
      EXPECT_FALSE(hadError);
      order.push_back("server close");
    });
  });
  server->listen(0, this->env.serverAddress(), [&] {
    auto c = this->env.client().connect(server->address().port, this->env.serverAddress());
    c->on(net::ev::connect, [&, c] {
      order.push_back("client connect");
      c->write("ping");
    });
    c->on(net::ev::data, [&, c](const net::Buffer& b) {
      clientGot += b.toString();
      if (clientGot == "ping")
        c->end();
    });
    c->on(net::ev::end, [&] { order.push_back("client end"); });
    c->on(net::ev::close, [&, server](bool hadError) {
      EXPECT_FALSE(hadError);
      order.push_back("client close");
      server->close();
    });
  });
  ASSERT_TRUE(this->env.run());
  EXPECT_EQ(serverGot, "ping");
  EXPECT_EQ(clientGot, "ping");
  // The server sees the FIN and ends its own side (allowHalfOpen false); on each socket
  // 'end' precedes 'close'.
  auto at = [&](const std::string& e) { return std::find(order.begin(), order.end(), e) - order.begin(); };
  ASSERT_EQ(order.size(), 5u);
  EXPECT_EQ(order[0], "client connect");
  EXPECT_LT(at("server end"), at("server close"));
  EXPECT_LT(at("client end"), at("client close"));
  EXPECT_LT(at("server end"), at("client end"));
}

} // namespace
} // namespace conformance
