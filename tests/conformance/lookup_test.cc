// Rule 2: resolving the host comes first and emits 'lookup' (err, address, family), even
// for a literal address; a name that does not resolve gives 'error' ENOTFOUND, then 'close'.
#include <algorithm>

#include "tests/conformance/util.h"

namespace conformance {
namespace {

CONFORMANCE_SUITE(Lookup);

// What a socket's 'lookup' event carried and how many times it came (watch() listens).
struct Seen {
  int count = 0;
  net::MaybeError err;
  std::string address;
  int family = -1;
  void watch(net::Socket& s) {
    s.on(net::ev::lookup, [this](const net::MaybeError& e, const std::string& a, int f) {
      ++count;
      err = e;
      address = a;
      family = f;
    });
  }
};

TYPED_TEST(Lookup, LiteralAddressStillEmitsLookup) {
  auto& hosts = this->env;
  Log log;
  Seen seen;
  auto server = echoServer(hosts.server());
  server->listen(0, hosts.serverAddress(), [&] {
    auto c = log.call([&] { return hosts.client().connect(server->address().port, hosts.serverAddress()); });
    seen.watch(*c);
    c->on(net::ev::lookup, [c](const net::MaybeError&, const std::string&, int) { EXPECT_TRUE(c->connecting()); });
    record(*c, log, "client");
    c->on(net::ev::connect, [c] { c->end(); });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(seen.count, 1);
  EXPECT_FALSE(seen.err);
  EXPECT_EQ(seen.address, hosts.serverAddress());
  EXPECT_EQ(seen.family, 4);
  EXPECT_TRUE(log.before("client:lookup", "client:connect")) << log.str();
}

TYPED_TEST(Lookup, HostNameGivesTheAddressConnectedTo) {
  auto& hosts = this->env;
  Log log;
  Seen seen;
  std::string remote;
  auto server = echoServer(hosts.server());
  server->listen(0, [&] { // every address: whichever the name resolves to
    auto c = hosts.client().connect(server->address().port, hosts.serverName());
    seen.watch(*c);
    record(*c, log, "client");
    c->on(net::ev::connect, [&, c] {
      remote = c->remoteAddress();
      c->end();
    });
    c->on(net::ev::close, [&](bool) { server->close(); });
  });
  ASSERT_TRUE(hosts.run());
  EXPECT_EQ(seen.count, 1);
  EXPECT_FALSE(seen.err);
  EXPECT_FALSE(seen.address.empty());
  EXPECT_TRUE(seen.family == 4 || seen.family == 6) << seen.family;
  EXPECT_EQ(seen.address, remote);
  EXPECT_TRUE(log.before("client:lookup", "client:connect")) << log.str();
  EXPECT_EQ(log.events().back(), "client:close") << log.str();
}

TYPED_TEST(Lookup, UnresolvableNameGivesNotFoundThenClose) {
  auto& hosts = this->env;
  Log log;
  Seen seen;
  net::Error error;
  bool hadError = false;
  auto c = log.call([&] { return hosts.client().connect(80, "no-such-host.invalid", [&] { log.add("cb"); }); });
  seen.watch(*c);
  record(*c, log, "client");
  c->on(net::ev::error, [&](const net::Error& e) { error = e; });
  c->on(net::ev::close, [&](bool e) { hadError = e; });
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  EXPECT_EQ(log.events(), (std::vector<std::string>{"client:lookup!", "client:error:ENOTFOUND", "client:close!"}));
  ASSERT_TRUE(seen.err);
  EXPECT_EQ(seen.err->errc, net::Errc::NotFound);
  EXPECT_EQ(error.errc, net::Errc::NotFound);
  EXPECT_EQ(error.code(), "ENOTFOUND");
  EXPECT_FALSE(error.message.empty());
  EXPECT_TRUE(hadError);
  EXPECT_TRUE(c->destroyed());
}

// The family option restricts the lookup.
TYPED_TEST(Lookup, FamilyOption) {
  auto& hosts = this->env;
  std::vector<int> families;
  int closed = 0;
  auto server = echoServer(hosts.server());
  server->listen(0, [&] { // every address, IPv6 too where the host has it
    std::vector<std::pair<std::string, int>> targets = {{hosts.serverAddress(), 4}, {hosts.serverAddress(), 0}};
    if (TypeParam::kIpv6)
      targets.push_back({hosts.serverAddress6(), 6});
    for (auto& [host, family] : targets) {
      net::ConnectOptions o;
      o.port = server->address().port;
      o.host = host;
      o.family = family;
      auto c = hosts.client().connect(o);
      c->on(net::ev::lookup,
            [&](const net::MaybeError& err, const std::string&, int f) { families.push_back(err ? -1 : f); });
      c->on(net::ev::connect, [c] { c->end(); });
      c->on(net::ev::close, [&, n = targets.size()](bool hadError) {
        EXPECT_FALSE(hadError);
        if (static_cast<std::size_t>(++closed) == n)
          server->close();
      });
    }
  });
  ASSERT_TRUE(hosts.run());
  std::sort(families.begin(), families.end());
  if (TypeParam::kIpv6)
    EXPECT_EQ(families, (std::vector<int>{4, 4, 6}));
  else
    EXPECT_EQ(families, (std::vector<int>{4, 4}));
}

// Context::lookup (dns.lookup of the JavaScript binding) resolves as connect() does: the
// address connect() would use first, ENOTFOUND for a name that does not resolve, always from
// the loop (rule 1), and a lookup in flight keeps its host busy until answered.
TYPED_TEST(Lookup, ContextLookupResolvesAsConnectDoes) {
  auto& hosts = this->env;
  Log log;
  std::vector<std::string> got;
  log.call([&] {
    hosts.client().lookup(hosts.serverName(), 4, [&](const net::MaybeError& err, const std::vector<net::Address>& a) {
      log.add("name");
      got.push_back(err ? std::string(err->code()) : a.front().address + "/" + std::to_string(a.front().family));
    });
    hosts.client().lookup(hosts.serverAddress(), 0,
                          [&](const net::MaybeError& err, const std::vector<net::Address>& a) {
                            log.add("literal");
                            got.push_back(err ? std::string(err->code()) : a.front().address);
                          });
    hosts.client().lookup(
        "no-such-host.invalid", 0, [&](const net::MaybeError& err, const std::vector<net::Address>& a) {
          log.add("unknown");
          got.push_back(err ? std::string(err->code()) + " " + err->message : "resolved " + std::to_string(a.size()));
        });
    return 0;
  });
  EXPECT_TRUE(hosts.client().busy());
  ASSERT_TRUE(hosts.run());
  EXPECT_TRUE(log.reentered().empty()) << log.str();
  ASSERT_EQ(got.size(), 3u) << log.str();
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got[0], hosts.serverAddress());
  EXPECT_EQ(got[1], hosts.serverAddress() + "/4");
  EXPECT_EQ(got[2], "ENOTFOUND getaddrinfo ENOTFOUND no-such-host.invalid");
  EXPECT_THROW(hosts.client().lookup("x", 5, [](const net::MaybeError&, const std::vector<net::Address>&) {}),
               net::ArgumentError);
  EXPECT_THROW(hosts.client().lookup("", 0, [](const net::MaybeError&, const std::vector<net::Address>&) {}),
               net::ArgumentError);
}

} // namespace
} // namespace conformance
