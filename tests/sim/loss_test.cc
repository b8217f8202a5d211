// Loss robustness at scale: many clients behind a gateway, every link lossy.
#include <gtest/gtest.h>

#include "sim/topology.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

// 1,000 clients, each behind the gateway on its own 5%-loss link, echo 10 messages of 64
// bytes through the server and half-close: every byte comes back, every socket closes.
// ns-3 3.37 alone leaves clients hanging here: lost FINs and ACKs around the close handshake
// (sim/tcp_socket.cc repairs them).
TEST(Loss, ThousandClientsAtFivePercentEchoEverythingAndClose) {
  constexpr int kClients = 1000, kMessages = 10;
  sim::World world(3);
  auto& server = world.node("server");
  auto& gateway = world.node("gateway");
  world.link(server, gateway, {100'000'000, 1ms, 0.05, 1000});
  auto clients = sim::star(world, gateway, "sensor", kClients, {500'000, 10ms, 0.05});

  int serverClosed = 0, clientsClosed = 0, complete = 0, errors = 0;
  auto srv = server.net().createServer([&](std::shared_ptr<net::Socket> s) {
    s->on(net::ev::data, [s](const net::Buffer& b) { s->write(b); });
    s->on(net::ev::error, [&](const net::Error&) { ++errors; });
    s->on(net::ev::close, [&](bool) { ++serverClosed; });
  });
  srv->listen(7);
  for (auto* node : clients) {
    auto c = node->net().connect(7, "server");
    auto got = std::make_shared<std::string>();
    auto sent = std::make_shared<int>(0);
    auto message = [](int i) { return std::string(63, static_cast<char>('a' + i % 26)) + "\n"; };
    c->on(net::ev::connect, [c, sent, message] { c->write(message((*sent)++)); });
    c->on(net::ev::data, [c, got, sent, message](const net::Buffer& b) {
      *got += b.toString();
      if (got->size() == static_cast<std::size_t>(*sent) * 64) {
        if (*sent == kMessages)
          c->end();
        else
          c->write(message((*sent)++));
      }
    });
    c->on(net::ev::end, [&, got, message] {
      std::string expected;
      for (int i = 0; i < kMessages; ++i)
        expected += message(i);
      complete += *got == expected ? 1 : 0;
    });
    c->on(net::ev::error, [&](const net::Error&) { ++errors; });
    c->on(net::ev::close, [&, srv](bool) {
      if (++clientsClosed == kClients)
        srv->close();
    });
  }
  EXPECT_TRUE(world.run(3600s));
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(complete, kClients);
  EXPECT_EQ(clientsClosed, kClients);
  EXPECT_EQ(serverClosed, kClients);
}

} // namespace
