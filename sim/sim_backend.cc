// The simulated backend's loop services: ns-3's clock and events, names from the world.
#include "sim/sim_backend.h"

#include <ns3/inet-socket-address.h>
#include <ns3/inet6-socket-address.h>
#include <ns3/node.h>
#include <ns3/simulator.h>
#include <ns3/tcp-socket-factory.h>

#include "sim/sim_listener.h"
#include "sim/sim_stream.h"
#include "sim/world.h"

namespace sim {

namespace {

class SimTimer final : public net::backend::Timer {
public:
  explicit SimTimer(std::function<void()> fire) : fire_(std::move(fire)) {}
  ~SimTimer() override { event_.Cancel(); }
  void start(net::Duration delay) override {
    event_.Cancel();
    event_ = ns3::Simulator::Schedule(ns3::NanoSeconds(delay.count()), &SimTimer::fire, this);
  }
  void stop() override { event_.Cancel(); }

private:
  void fire() { fire_(); }
  std::function<void()> fire_;
  ns3::EventId event_;
};

class SimBackend final : public net::Backend {
public:
  SimBackend(World& world, ns3::Node* node) : world_(world), node_(node) {}
  ~SimBackend() override { *alive_ = false; }

  net::Time now() const override { return net::Time(ns3::Simulator::Now().GetTimeStep()); }

  void post(std::function<void()> fn) override {
    ns3::Simulator::ScheduleNow([alive = alive_, fn = std::move(fn)] {
      if (*alive)
        fn();
    });
  }

  std::unique_ptr<net::backend::Timer> timer(std::function<void()> fire) override {
    return std::make_unique<SimTimer>(std::move(fire));
  }

  // Node names and literal addresses; the answer takes no simulated time. A name has its
  // IPv4 address first, then its IPv6 one when the world has IPv6.
  void resolve(const std::string& host, int family, ResolveCallback cb) override {
    std::vector<net::Address> found;
    ns3::Address literal;
    if (toNs3(host, 0, literal)) {
      int f = ns3::Inet6SocketAddress::IsMatchingType(literal) ? 6 : 4;
      if (family == 0 || family == f)
        found.push_back(net::Address{host, f, 0});
    } else {
      bool self = host == "localhost";
      std::string v4 = self ? "127.0.0.1" : world_.addressOf(host);
      std::string v6 = !world_.ipv6() ? "" : self ? "::1" : world_.addressOf6(host);
      if (family != 6 && !v4.empty())
        found.push_back(net::Address{v4, 4, 0});
      if (family != 4 && !v6.empty())
        found.push_back(net::Address{v6, 6, 0});
    }
    if (found.empty()) {
      net::Error e{net::Errc::NotFound, "getaddrinfo ENOTFOUND " + host};
      post([cb = std::move(cb), e] { cb(e, {}); });
      return;
    }
    post([cb = std::move(cb), found] { cb(std::nullopt, found); });
  }

  std::unique_ptr<net::backend::Stream> stream() override {
    return std::make_unique<SimStream>(newSocket(), false, lingerer_);
  }

  std::unique_ptr<net::backend::Listener> listen(const net::Address& local, int /*backlog*/,
                                                 net::backend::ListenerSink* sink, net::MaybeError& err) override {
    auto port = static_cast<std::uint16_t>(local.port);
    // Every address: IPv4, and IPv6 on the same port when the world has it (dual stack).
    std::vector<ns3::Address> binds;
    if (local.address.empty()) {
      binds.push_back(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), port));
      if (world_.ipv6())
        binds.push_back(ns3::Inet6SocketAddress(ns3::Ipv6Address::GetAny(), port));
    } else if (ns3::Address a; toNs3(local.address, port, a) && (world_.ipv6() || local.family != 6)) {
      binds.push_back(a);
    }
    std::vector<ns3::Ptr<TcpSocket>> sockets;
    ns3::Socket::SocketErrno failure = binds.empty() ? ns3::Socket::ERROR_ADDRNOTAVAIL : ns3::Socket::ERROR_NOTERROR;
    for (auto& where : binds) {
      if (failure != ns3::Socket::ERROR_NOTERROR)
        break;
      auto socket = newSocket();
      sockets.push_back(socket);
      if (ns3::Inet6SocketAddress::IsMatchingType(where)) {
        auto a6 = ns3::Inet6SocketAddress::ConvertFrom(where);
        if (sockets.size() > 1) // the port the IPv4 socket got
          a6.SetPort(toAddress(sockName(sockets.front())).port);
        if (socket->Bind(a6) != 0 || socket->Listen() != 0)
          failure = socket->GetErrno();
      } else if (socket->Bind(where) != 0 || socket->Listen() != 0) {
        failure = socket->GetErrno();
      }
    }
    if (failure != ns3::Socket::ERROR_NOTERROR) {
      std::string where = (local.address.empty() ? "0.0.0.0" : local.address) + ":" + std::to_string(local.port);
      if (failure == ns3::Socket::ERROR_ADDRINUSE)
        err = net::Error{net::Errc::AddressInUse, "listen EADDRINUSE: address already in use " + where};
      else
        err = net::Error{net::Errc::AddressNotAvailable, "listen EADDRNOTAVAIL " + where};
      for (auto& s : sockets)
        s->Close();
      return nullptr;
    }
    return std::make_unique<SimListener>(std::move(sockets), sink, lingerer_);
  }

private:
  static ns3::Address sockName(const ns3::Ptr<TcpSocket>& socket) {
    ns3::Address a;
    socket->GetSockName(a);
    return a;
  }

  ns3::Ptr<TcpSocket> newSocket() { return TcpSocket::create(ns3::PeekPointer(node_), sockets_, world_.tcp()); }

public:
  void crash() { sockets_.killAll(); }

private:
  World& world_;
  ns3::Ptr<ns3::Node> node_;
  SocketRegistry sockets_;
  Lingerer lingerer_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace

std::unique_ptr<net::Backend> makeBackend(World& world, ns3::Node* node) {
  return std::make_unique<SimBackend>(world, node);
}

void crash(net::Backend& backend) { static_cast<SimBackend&>(backend).crash(); }

} // namespace sim
