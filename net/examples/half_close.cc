// A request/response protocol whose request ends with the client's FIN: the server reads
// until 'end', then answers and ends its own side. The server needs allowHalfOpen, or its
// socket would end as soon as the client's FIN arrived and the reply could not be sent.
// Runs both sides in one process on the OS backend: `half_close`.
#include <algorithm>
#include <cstdio>
#include <string>

#include "net/os.h"

int main() {
  net::os::Loop loop;
  auto net = loop.context();

  // Server: reverses whatever the client sent, once the client has finished sending.
  auto server = net->createServer({/*allowHalfOpen=*/true}, [](std::shared_ptr<net::Socket> socket) {
    auto request = std::make_shared<std::string>();
    socket->on(net::ev::data, [request](const net::Buffer& chunk) { *request += chunk.toString(); });
    socket->on(net::ev::end, [socket, request] {
      std::printf("server: request complete (%zu bytes), replying\n", request->size());
      std::string reply(request->rbegin(), request->rend());
      socket->end(reply); // the reply, then our FIN
    });
  });

  server->listen(0, "127.0.0.1", [&] {
    auto client = net->connect(server->address().port, "127.0.0.1");
    auto reply = std::make_shared<std::string>();
    client->on(net::ev::connect, [client] {
      client->write("!desolc-flah ,olleh");
      client->end(); // FIN: the request is complete; we can still read
    });
    client->on(net::ev::data, [reply](const net::Buffer& chunk) { *reply += chunk.toString(); });
    client->on(net::ev::end, [reply] { std::printf("client: reply \"%s\"\n", reply->c_str()); });
    client->on(net::ev::close, [server](bool hadError) {
      std::printf("client: closed%s\n", hadError ? " after an error" : "");
      server->close();
    });
  });
  loop.run();
  return 0;
}
