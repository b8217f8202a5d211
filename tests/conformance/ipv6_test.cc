// IPv6 where the backend has it (Env::kIpv6): listening on and connecting to the server's
// IPv6 address, families in lookup() and the addresses, and a listener on every address
// that serves IPv4 and IPv6 clients alike.
#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Ipv6);

TYPED_TEST(Ipv6, EchoOverIpv6) {
  if (!TypeParam::kIpv6)
    GTEST_SKIP() << "no IPv6 on this backend";
  auto& hosts = this->env;
  Log log;
  int lookupFamily = 0;
  std::string lookupAddress, echoed;
  net::Address remote, local, acceptedRemote;
  auto server = echoServer(hosts.server());
  server->on(net::ev::connection, [&](std::shared_ptr<net::Socket> s) { acceptedRemote = s->remote(); });
  server->listen(0, hosts.serverAddress6(), [&] {
    EXPECT_EQ(server->address().family, 6);
    EXPECT_EQ(server->address().address, hosts.serverAddress6());
    auto c = hosts.client().connect(server->address().port, hosts.serverAddress6());
    record(*c, log, "client");
    c->on(net::ev::lookup, [&](const net::MaybeError& err, const std::string& address, int family) {
      EXPECT_FALSE(err);
      lookupAddress = address;
      lookupFamily = family;
    });
    c->on(net::ev::connect, [&, c] {
      remote = c->remote();
      local = c->local();
      c->end("over six");
    });
    c->on(net::ev::data, [&](const net::Buffer& b) { echoed += b.toString(); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(lookupFamily, 6);
  EXPECT_EQ(lookupAddress, hosts.serverAddress6());
  EXPECT_EQ(remote.family, 6);
  EXPECT_EQ(remote.address, hosts.serverAddress6());
  EXPECT_EQ(local.family, 6);
  EXPECT_EQ(acceptedRemote.family, 6);
  EXPECT_EQ(acceptedRemote.port, local.port);
  EXPECT_EQ(echoed, "over six");
  EXPECT_EQ(log.events(),
            (std::vector<std::string>{"client:lookup", "client:connect", "client:data", "client:end", "client:close"}));
}

// A server listening on every address serves an IPv4 and an IPv6 client.
TYPED_TEST(Ipv6, EveryAddressServesBothFamilies) {
  if (!TypeParam::kIpv6)
    GTEST_SKIP() << "no IPv6 on this backend";
  auto& hosts = this->env;
  std::vector<std::string> echoed;
  int closed = 0;
  auto server = echoServer(hosts.server());
  server->listen(0, [&] {
    for (const std::string& host : {hosts.serverAddress(), hosts.serverAddress6()}) {
      net::ConnectOptions o;
      o.port = server->address().port;
      o.host = host;
      auto c = hosts.client().connect(o);
      c->on(net::ev::connect, [c, host] { c->end(host); });
      c->on(net::ev::data, [&](const net::Buffer& b) { echoed.push_back(b.toString()); });
      c->on(net::ev::close, [&](bool hadError) {
        EXPECT_FALSE(hadError);
        if (++closed == 2)
          server->close();
      });
    }
  });
  ASSERT_TRUE(hosts.run());
  std::sort(echoed.begin(), echoed.end());
  std::vector<std::string> expected = {hosts.serverAddress(), hosts.serverAddress6()};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(echoed, expected);
}

// Refused and reset work the same over IPv6.
TYPED_TEST(Ipv6, RefusedOverIpv6) {
  if (!TypeParam::kIpv6)
    GTEST_SKIP() << "no IPv6 on this backend";
  auto& hosts = this->env;
  Log log;
  auto server = hosts.server().createServer();
  net::Server* raw = server.get();
  server->listen(0, hosts.serverAddress6(), [&, raw] {
    int port = raw->address().port;
    raw->close([&, port](const net::MaybeError&) {
      auto c = hosts.client().connect(port, hosts.serverAddress6());
      record(*c, log, "client");
    });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup", "client:error:ECONNREFUSED", "client:close!"}));
}

} // namespace
} // namespace conformance
