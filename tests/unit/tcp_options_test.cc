// The OS backend's per-socket TCP options: what a profile sets is what the kernel reports.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "net/os/internal.h"

namespace {

using namespace std::chrono_literals;

struct Fd {
  int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  ~Fd() { close(fd); }
  int intOption(int name) const {
    int v = -1;
    socklen_t n = sizeof v;
    getsockopt(fd, IPPROTO_TCP, name, &v, &n);
    return v;
  }
  std::string congestion() const {
    char name[16] = {};
    socklen_t n = sizeof name;
    getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, &n);
    return std::string(name, strnlen(name, sizeof name));
  }
};

TEST(TcpOptions, UserTimeoutSynRetriesAndCongestionReachTheSocket) {
  net::os::TcpOptions o;
  o.userTimeout = 2500ms;
  o.synRetries = 2;
  o.congestion = "newreno"; // Linux calls it reno
  Fd s;
  ASSERT_GE(s.fd, 0);
  net::os::applyTcpOptions(s.fd, o, true);
  EXPECT_EQ(s.intOption(TCP_USER_TIMEOUT), 2500);
  EXPECT_EQ(s.intOption(TCP_SYNCNT), 2);
  EXPECT_EQ(s.congestion(), "reno");
}

TEST(TcpOptions, NothingSetLeavesTheHostsDefaults) {
  net::os::TcpOptions o;
  EXPECT_FALSE(net::os::hasSocketOptions(o));
  Fd s, plain;
  net::os::applyTcpOptions(s.fd, o, true);
  EXPECT_EQ(s.intOption(TCP_USER_TIMEOUT), 0);
  EXPECT_EQ(s.intOption(TCP_SYNCNT), plain.intOption(TCP_SYNCNT));
  EXPECT_EQ(s.congestion(), plain.congestion());
}

TEST(TcpOptions, AnAlgorithmTheHostLacksIsLeftAlone) {
  net::os::TcpOptions o;
  o.congestion = "no-such-algorithm";
  Fd s, plain;
  net::os::applyTcpOptions(s.fd, o, false);
  EXPECT_EQ(s.congestion(), plain.congestion());
}

} // namespace
