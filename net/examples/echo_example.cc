// An echo server, and a client that sends a few lines, reads each echo back, then
// half-closes. Both run in one process on the OS backend: `echo [count]`.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "net/os.h"

// The server: every byte a client sends comes back.
static std::shared_ptr<net::Server> echoServer(net::Context& net) {
  return net.createServer([](std::shared_ptr<net::Socket> socket) {
    socket->on(net::ev::data, [socket](const net::Buffer& chunk) { socket->write(chunk); });
  });
}

// The client: sends `count` lines, each after the previous echo, then ends its side.
static std::shared_ptr<net::Socket> echoClient(net::Context& net, int port, int count) {
  auto socket = net.connect(port, "127.0.0.1");
  auto sent = std::make_shared<int>(0);
  auto pending = std::make_shared<std::string>();
  auto sendNext = [socket, sent, count] {
    if (*sent == count) {
      socket->end();
      return;
    }
    ++*sent;
    socket->write("hello " + std::to_string(*sent) + "\n");
  };
  socket->on(net::ev::connect, [sendNext] {
    std::printf("client: connected\n");
    sendNext();
  });
  socket->on(net::ev::data, [pending, sendNext](const net::Buffer& chunk) {
    *pending += chunk.toString();
    for (std::size_t nl; (nl = pending->find('\n')) != std::string::npos; sendNext()) {
      std::printf("client: echo \"%s\"\n", pending->substr(0, nl).c_str());
      pending->erase(0, nl + 1);
    }
  });
  socket->on(net::ev::end, [] { std::printf("client: the server ended its side\n"); });
  socket->on(net::ev::error, [](const net::Error& e) { std::printf("client: error %s\n", e.what().c_str()); });
  return socket;
}

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 5;
  net::os::Loop loop;
  auto net = loop.context();
  auto server = echoServer(*net);
  server->listen(0, "127.0.0.1", [&] {
    std::printf("server: listening on 127.0.0.1:%d\n", server->address().port);
    auto client = echoClient(*net, server->address().port, count);
    client->on(net::ev::close, [server](bool hadError) {
      std::printf("client: closed%s\n", hadError ? " after an error" : "");
      server->close([](const net::MaybeError&) { std::printf("server: closed\n"); });
    });
  });
  loop.run();
  return 0;
}
