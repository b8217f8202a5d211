// The simulated backend's loop services: ns-3's clock and events, names from the world.
#include "sim/backend.h"

#include <ns3/inet-socket-address.h>
#include <ns3/node.h>
#include <ns3/simulator.h>
#include <ns3/tcp-socket-factory.h>

#include "sim/listener.h"
#include "sim/stream.h"
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

  // Node names and literal IPv4 addresses; the answer takes no simulated time.
  void resolve(const std::string& host, int family, ResolveCallback cb) override {
    std::string ip = family == 6 ? std::string() : host == "localhost" ? "127.0.0.1" : world_.addressOf(host);
    if (ip.empty() && family != 6 && isIpv4Literal(host))
      ip = host;
    if (ip.empty()) {
      net::Error e{net::Errc::NotFound, "getaddrinfo ENOTFOUND " + host};
      post([cb = std::move(cb), e] { cb(e, {}); });
      return;
    }
    post([cb = std::move(cb), a = net::Address{ip, 4, 0}] { cb(std::nullopt, {a}); });
  }

  std::unique_ptr<net::backend::Stream> stream() override {
    return std::make_unique<SimStream>(newSocket(), false, lingerer_);
  }

  std::unique_ptr<net::backend::Listener> listen(const net::Address& local, int /*backlog*/,
                                                 net::backend::ListenerSink* sink, net::MaybeError& err) override {
    auto socket = newSocket();
    ns3::Ipv4Address ip = local.address.empty() || local.address == "0.0.0.0" || local.address == "::"
                              ? ns3::Ipv4Address::GetAny()
                              : ns3::Ipv4Address(local.address.c_str());
    if (local.family == 6 || socket->Bind(ns3::InetSocketAddress(ip, local.port)) != 0 || socket->Listen() != 0) {
      std::string where = (local.address.empty() ? "0.0.0.0" : local.address) + ":" + std::to_string(local.port);
      if (socket->GetErrno() == ns3::Socket::ERROR_ADDRINUSE)
        err = net::Error{net::Errc::AddressInUse, "listen EADDRINUSE: address already in use " + where};
      else
        err = net::Error{net::Errc::AddressNotAvailable, "listen EADDRNOTAVAIL " + where};
      socket->Close();
      return nullptr;
    }
    return std::make_unique<SimListener>(socket, sink, lingerer_);
  }

private:
  static bool isIpv4Literal(const std::string& s) {
    int dots = 0;
    for (char c : s) {
      if (c == '.')
        ++dots;
      else if (c < '0' || c > '9')
        return false;
    }
    return dots == 3;
  }

  ns3::Ptr<TcpSocket> newSocket() { return TcpSocket::create(ns3::PeekPointer(node_), sockets_); }

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
