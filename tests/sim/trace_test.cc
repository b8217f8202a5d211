// The trace pairs the two ends of a connection: the client's 'connect' names its local
// address, the server's 'connection' names the accepted socket and both addresses.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/trace.h"
#include "sim/world.h"

namespace {

using namespace std::chrono_literals;

std::string field(const std::string& line, const std::string& key) {
  auto at = line.find("\"" + key + "\":");
  if (at == std::string::npos)
    return {};
  at += key.size() + 3;
  auto end = line[at] == '"' ? line.find('"', at + 1) + 1 : line.find_first_of(",}", at);
  return line.substr(at, end - at);
}

TEST(Trace, ConnectAndConnectionNameBothEnds) {
  sim::World world;
  std::vector<std::string> lines;
  world.trace().onLine([&](const std::string& l) { lines.push_back(l); });
  world.link(world.node("gateway"), world.node("sensor"));
  auto server = world.node("gateway").net().createServer([](std::shared_ptr<net::Socket> s) { s->end("ok"); });
  server->listen(80);
  auto client = world.node("sensor").net().connect(80, "gateway");
  client->on(net::ev::data, [](const net::Buffer&) {});
  client->on(net::ev::close, [server](bool) { server->close(); });
  ASSERT_TRUE(world.run(10s));

  std::string connect, connection;
  for (const auto& l : lines) {
    if (field(l, "ev") == "\"connect\"")
      connect = l;
    if (field(l, "ev") == "\"connection\"")
      connection = l;
  }
  ASSERT_FALSE(connect.empty());
  ASSERT_FALSE(connection.empty());
  EXPECT_EQ(field(connect, "peer"), "\"10.0.0.1:80\"");
  EXPECT_EQ(field(connect, "local"), field(connection, "peer"));
  EXPECT_EQ(field(connect, "peer"), field(connection, "local"));
  EXPECT_EQ(field(connection, "kind"), "\"server\"");

  // The accepted socket's own events carry the id the 'connection' line names.
  const std::string accepted = field(connection, "socket");
  ASSERT_FALSE(accepted.empty());
  EXPECT_NE(accepted, field(connection, "obj"));
  int closes = 0;
  for (const auto& l : lines)
    if (field(l, "node") == "\"gateway\"" && field(l, "obj") == accepted && field(l, "ev") == "\"close\"")
      ++closes;
  EXPECT_EQ(closes, 1);
}

} // namespace

namespace {

TEST(Trace, NetAnimFileNamesAndPlacesEveryNode) {
  std::string path = ::testing::TempDir() + "netbed-netanim.xml";
  {
    sim::World world;
    auto& gw = world.node("gateway");
    for (int i = 1; i <= 3; ++i)
      world.link(gw, world.node("sensor-" + std::to_string(i)));
    world.netanim(path);
    EXPECT_THROW(world.netanim(path), std::invalid_argument);
    auto server = gw.net().createServer([](std::shared_ptr<net::Socket> s) { s->end("ok"); });
    server->listen(80);
    auto c = world.node("sensor-2").net().connect(80, "gateway");
    c->on(net::ev::data, [](const net::Buffer&) {});
    c->on(net::ev::close, [server](bool) { server->close(); });
    ASSERT_TRUE(world.run(10s));
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string xml = text.str();
  EXPECT_NE(xml.find("<anim "), std::string::npos);
  EXPECT_NE(xml.find("</anim>"), std::string::npos); // written to the end
  for (const char* name : {"gateway", "sensor-1", "sensor-2", "sensor-3"})
    EXPECT_NE(xml.find(std::string("descr=\"") + name + "\""), std::string::npos) << name;
  EXPECT_NE(xml.find("<p "), std::string::npos); // packets were drawn
}

} // namespace
