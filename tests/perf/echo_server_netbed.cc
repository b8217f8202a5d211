// The echo server of the ping-pong benchmark on netbed's `net` API, OS backend.
//
//   echo_server_netbed [port]     listens on 127.0.0.1 (port 0 or absent: any free port),
//                                 prints the bound port on stdout once listening, then
//                                 echoes every byte back until killed.
//
// The same program as echo_server.js (Node) and echo_server_uv.c (raw libuv): one 'data'
// listener that writes the chunk back, and nothing else.
#include <cstdio>
#include <cstdlib>

#include "net/os.h"

int main(int argc, char** argv) {
  int port = argc > 1 ? std::atoi(argv[1]) : 0;
  net::os::Loop loop;
  auto net = loop.context();
  auto server = net->createServer([](std::shared_ptr<net::Socket> socket) {
    socket->on(net::ev::data, [socket](const net::Buffer& chunk) { socket->write(chunk); });
    socket->on(net::ev::error, [](const net::Error&) {}); // a client that vanishes is not news
  });
  server->on(net::ev::error, [](const net::Error& e) {
    std::fprintf(stderr, "echo_server_netbed: %s\n", e.what().c_str());
    std::exit(1);
  });
  server->listen(port, "127.0.0.1", [&server] {
    std::printf("%d\n", server->address().port);
    std::fflush(stdout);
  });
  loop.run();
  return 0;
}
