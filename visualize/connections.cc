#include "visualize/connections.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace visualize {

namespace {

using Key = std::pair<std::int32_t, std::uint64_t>; // node, socket id

std::string ipOf(const std::string& address) {
  std::size_t colon = address.rfind(':');
  return colon == std::string::npos ? address : address.substr(0, colon);
}

class Builder {
public:
  Builder(const Trace& trace, Connections& out) : trace_(trace), out_(out) {
    for (std::size_t i = 0; i < trace.nodes.size(); ++i)
      nodeIndex_[trace.nodes[i]] = static_cast<std::int32_t>(i);
    out_.faultsOfNode.resize(trace.nodes.size());
    pending_.resize(trace.nodes.size());
  }

  void scan() {
    for (std::size_t i = 0; i < trace_.events.size(); ++i) {
      const TraceEvent& e = trace_.events[i];
      auto index = static_cast<std::uint32_t>(i);
      if (e.ev == Ev::fault)
        fault(e, index);
      else if (e.ev == Ev::nic)
        continue;
      else if (e.server)
        serverEvent(e, index);
      else
        socketEvent(e, index);
    }
    std::sort(out_.faultedNodes.begin(), out_.faultedNodes.end());
    out_.faultedNodes.erase(std::unique(out_.faultedNodes.begin(), out_.faultedNodes.end()), out_.faultedNodes.end());
  }

private:
  void fault(const TraceEvent& e, std::uint32_t index) {
    const std::string& kind = trace_.str(e.code);
    for (std::int32_t node : faultTargets(trace_.str(e.detail), nodeIndex_)) {
      out_.faultsOfNode[static_cast<std::size_t>(node)].push_back(index);
      out_.faultedNodes.push_back(node);
      if (kind == "crash" || kind == "reboot")
        dropSockets(node, kind == "crash" ? e.t : -1);
    }
  }

  // A crash ends every socket of the node silently; a reboot starts the ids again.
  void dropSockets(std::int32_t node, std::int64_t crashT) {
    auto it = active_.lower_bound({node, 0});
    while (it != active_.end() && it->first.first == node) {
      SocketLife& s = out_.sockets[static_cast<std::size_t>(it->second)];
      if (crashT >= 0 && !s.closed)
        s.vanishedT = crashT;
      it = active_.erase(it);
    }
    pending_[static_cast<std::size_t>(node)].clear();
  }

  std::int32_t open(std::int32_t node, std::uint64_t obj, bool accepted) {
    auto index = static_cast<std::int32_t>(out_.sockets.size());
    SocketLife s;
    s.node = node;
    s.obj = obj;
    s.accepted = accepted;
    out_.sockets.push_back(std::move(s));
    active_[{node, obj}] = index;
    return index;
  }

  void accept(SocketLife& s, const TraceEvent& e, std::uint32_t index) {
    s.events.push_back(index);
    s.connectT = e.t;
    s.peer = e.peer;
    s.local = e.local;
  }

  void serverEvent(const TraceEvent& e, std::uint32_t index) {
    if (e.ev != Ev::connection)
      return; // listening, close and errors of the listening handle are not a connection's
    if (e.hasSocket) {
      std::int32_t s = open(e.node, e.socket, true);
      accept(out_.sockets[static_cast<std::size_t>(s)], e, index);
    } else {
      pending_[static_cast<std::size_t>(e.node)].push_back(index);
    }
  }

  void socketEvent(const TraceEvent& e, std::uint32_t index) {
    std::int32_t s;
    if (e.ev == Ev::connection) {
      s = open(e.node, e.obj, true);
      accept(out_.sockets[static_cast<std::size_t>(s)], e, index);
      return;
    }
    auto it = active_.find({e.node, e.obj});
    if (it != active_.end()) {
      s = it->second;
    } else {
      auto& pending = pending_[static_cast<std::size_t>(e.node)];
      bool fromAccept = !pending.empty() && e.ev != Ev::lookup && e.ev != Ev::connect;
      s = open(e.node, e.obj, fromAccept);
      if (fromAccept) {
        accept(out_.sockets[static_cast<std::size_t>(s)], trace_.events[pending.front()], pending.front());
        pending.pop_front();
        ++out_.acceptedByOrder;
      }
    }
    SocketLife& life = out_.sockets[static_cast<std::size_t>(s)];
    life.events.push_back(index);
    if (e.ev == Ev::connect) {
      life.connectT = e.t;
      life.peer = e.peer;
      life.local = e.local;
    } else if (e.ev == Ev::lookup && life.peer < 0 && e.peer >= 0) {
      life.peer = e.peer; // the address looked up, until 'connect' says which one was used
    } else if (e.ev == Ev::close) {
      life.closed = true;
      active_.erase({e.node, e.obj});
    }
  }

  const Trace& trace_;
  Connections& out_;
  std::map<std::string, std::int32_t> nodeIndex_;
  std::map<Key, std::int32_t> active_;
  std::vector<std::deque<std::uint32_t>> pending_; // 'connection' events waiting for their socket
};

class Pairer {
public:
  Pairer(const Trace& trace, Connections& c) : trace_(trace), c_(c) {}

  struct Pair {
    std::int32_t client, server;
    Pairing how;
  };

  std::vector<Pair> run() {
    std::vector<std::int32_t> clients, servers;
    for (std::size_t i = 0; i < c_.sockets.size(); ++i) {
      const SocketLife& s = c_.sockets[i];
      if (s.accepted)
        servers.push_back(static_cast<std::int32_t>(i));
      else
        clients.push_back(static_cast<std::int32_t>(i));
      learn(s);
    }
    std::vector<bool> serverTaken(c_.sockets.size(), false), clientTaken(c_.sockets.size(), false);
    std::vector<Pair> pairs;
    // Exact: the addresses of both ends match.
    std::map<std::pair<std::int32_t, std::int32_t>, std::deque<std::int32_t>> byAddresses;
    for (std::int32_t s : servers) {
      const SocketLife& life = sock(s);
      if (life.local >= 0 && life.peer >= 0)
        byAddresses[{life.peer, life.local}].push_back(s);
    }
    for (std::int32_t cl : clients) {
      const SocketLife& life = sock(cl);
      if (life.connectT < 0 || life.local < 0 || life.peer < 0)
        continue;
      auto it = byAddresses.find({life.local, life.peer});
      if (it == byAddresses.end() || it->second.empty())
        continue;
      std::int32_t s = it->second.front();
      it->second.pop_front();
      serverTaken[static_cast<std::size_t>(s)] = clientTaken[static_cast<std::size_t>(cl)] = true;
      pairs.push_back({cl, s, Pairing::exact});
      learnPair(cl, s);
    }
    // By time: what is left, each client with the first consistent server end at or after its 'connect'.
    std::vector<std::int32_t> freeServers;
    for (std::int32_t s : servers)
      if (!serverTaken[static_cast<std::size_t>(s)])
        freeServers.push_back(s);
    std::stable_sort(freeServers.begin(), freeServers.end(),
                     [&](std::int32_t a, std::int32_t b) { return sock(a).connectT < sock(b).connectT; });
    std::vector<std::int32_t> freeClients;
    for (std::int32_t cl : clients)
      if (!clientTaken[static_cast<std::size_t>(cl)] && sock(cl).connectT >= 0)
        freeClients.push_back(cl);
    std::stable_sort(freeClients.begin(), freeClients.end(),
                     [&](std::int32_t a, std::int32_t b) { return sock(a).connectT < sock(b).connectT; });
    std::vector<bool> used(freeServers.size(), false);
    constexpr std::size_t kScan = 10'000; // bounds the search; a pair further away stays unpaired
    for (std::int32_t cl : freeClients) {
      std::int64_t tc = sock(cl).connectT;
      auto first = std::lower_bound(freeServers.begin(), freeServers.end(), tc,
                                    [&](std::int32_t s, std::int64_t t) { return sock(s).connectT < t; });
      auto from = static_cast<std::size_t>(first - freeServers.begin());
      std::int64_t found = -1;
      for (std::size_t k = from, n = 0; k < freeServers.size() && n < kScan && found < 0; ++k)
        if (!used[k] && (++n, consistent(cl, freeServers[k])))
          found = static_cast<std::int64_t>(k);
      for (std::size_t k = from, n = 0; k > 0 && n < kScan && found < 0; --k)
        if (!used[k - 1] && (++n, consistent(cl, freeServers[k - 1])))
          found = static_cast<std::int64_t>(k - 1);
      if (found < 0)
        continue;
      auto k = static_cast<std::size_t>(found);
      used[k] = true;
      std::int32_t s = freeServers[k];
      serverTaken[static_cast<std::size_t>(s)] = clientTaken[static_cast<std::size_t>(cl)] = true;
      pairs.push_back({cl, s, Pairing::timeOrder});
      learnPair(cl, s);
      ++c_.pairedByTime;
    }
    for (std::int32_t cl : clients)
      if (!clientTaken[static_cast<std::size_t>(cl)])
        pairs.push_back({cl, -1, Pairing::clientOnly});
    for (std::int32_t s : servers)
      if (!serverTaken[static_cast<std::size_t>(s)])
        pairs.push_back({-1, s, Pairing::serverOnly});
    return pairs;
  }

private:
  const SocketLife& sock(std::int32_t i) const { return c_.sockets[static_cast<std::size_t>(i)]; }
  std::string ip(std::int32_t address) const { return address < 0 ? std::string() : ipOf(trace_.str(address)); }

  void learn(const SocketLife& s) {
    if (s.local >= 0) {
      nodeOfIp_.emplace(ip(s.local), s.node);
      ipOfNode_.emplace(s.node, ip(s.local));
    }
  }
  void learnPair(std::int32_t cl, std::int32_t s) {
    const SocketLife& c = sock(cl);
    const SocketLife& v = sock(s);
    if (c.peer >= 0)
      nodeOfIp_.emplace(ip(c.peer), v.node);
    if (v.peer >= 0) {
      nodeOfIp_.emplace(ip(v.peer), c.node);
      ipOfNode_.emplace(c.node, ip(v.peer));
    }
  }

  bool consistent(std::int32_t cl, std::int32_t s) const {
    const SocketLife& c = sock(cl);
    const SocketLife& v = sock(s);
    if (c.node == v.node && c.peer >= 0 && v.peer >= 0 && ip(c.peer) != ip(v.peer))
      return false;
    if (v.local >= 0 && c.peer >= 0 && v.local != c.peer)
      return false;
    if (c.local >= 0 && v.peer >= 0 && c.local != v.peer)
      return false;
    if (c.peer >= 0)
      if (auto it = nodeOfIp_.find(ip(c.peer)); it != nodeOfIp_.end() && it->second != v.node)
        return false;
    if (v.peer >= 0) {
      if (auto it = nodeOfIp_.find(ip(v.peer)); it != nodeOfIp_.end() && it->second != c.node)
        return false;
      if (auto it = ipOfNode_.find(c.node); it != ipOfNode_.end() && it->second != ip(v.peer))
        return false;
    }
    return true;
  }

  const Trace& trace_;
  Connections& c_;
  std::map<std::string, std::int32_t> nodeOfIp_;
  std::map<std::int32_t, std::string> ipOfNode_;
};

Connection describe(const Trace& trace, const Connections& c, const Pairer::Pair& p, std::int64_t endOfRun) {
  Connection k;
  k.client = p.client;
  k.server = p.server;
  k.pairing = p.how;
  bool anyError = false, anyTimeout = false;
  std::int64_t firstError = -1;
  k.start = INT64_MAX;
  k.end = 0;
  for (int side = 0; side < 2; ++side) {
    std::int32_t index = side == 0 ? p.client : p.server;
    if (index < 0)
      continue;
    const SocketLife& s = c.sockets[static_cast<std::size_t>(index)];
    (side == 0 ? k.clientNode : k.serverNode) = s.node;
    if (side == 0) {
      k.clientAddr = s.local;
      k.serverAddr = s.peer;
    } else {
      if (k.clientAddr < 0)
        k.clientAddr = s.peer;
      if (k.serverAddr < 0)
        k.serverAddr = s.local;
    }
    for (std::uint32_t i : s.events) {
      const TraceEvent& e = trace.events[i];
      k.start = std::min(k.start, e.t);
      k.end = std::max(k.end, e.t);
      if (e.ev == Ev::data)
        (side == 0 ? k.bytesToClient : k.bytesToServer) += e.bytes;
      else if (e.ev == Ev::end)
        (side == 0 ? k.clientEndT : k.serverEndT) = e.t;
      else if (e.ev == Ev::timeout)
        anyTimeout = true;
      else if ((e.ev == Ev::error || (e.ev == Ev::lookup && e.code >= 0)) && (firstError < 0 || e.t < firstError)) {
        anyError = true;
        firstError = e.t;
        k.errorCode = e.code;
      }
    }
    if (s.vanishedT >= 0)
      k.end = std::max(k.end, s.vanishedT);
  }
  if (k.start == INT64_MAX)
    k.start = k.end = 0;
  const SocketLife* client = p.client >= 0 ? &c.sockets[static_cast<std::size_t>(p.client)] : nullptr;
  const SocketLife* server = p.server >= 0 ? &c.sockets[static_cast<std::size_t>(p.server)] : nullptr;
  auto done = [](const SocketLife* s) { return s->closed || s->vanishedT >= 0; };
  if (anyError)
    k.status = Status::error;
  else if (anyTimeout)
    k.status = Status::timeout;
  else if (client && !server && client->connectT < 0)
    k.status = Status::failed;
  else if (client && server)
    k.status = client->closed && server->closed                                                   ? Status::closed
               : done(client) != done(server) || client->vanishedT >= 0 || server->vanishedT >= 0 ? Status::halfOpen
                                                                                                  : Status::open;
  else
    k.status = (client ? client : server)->closed ? Status::closed : Status::open;
  std::int64_t until = k.status == Status::open || k.status == Status::halfOpen ? endOfRun : k.end;
  for (std::int32_t node : {k.clientNode, k.serverNode}) {
    if (node < 0)
      continue;
    for (std::uint32_t f : c.faultsOfNode[static_cast<std::size_t>(node)]) {
      std::int64_t t = trace.events[f].t;
      if (t >= k.start && t <= until)
        k.faults.push_back(f);
    }
  }
  std::sort(k.faults.begin(), k.faults.end());
  k.faults.erase(std::unique(k.faults.begin(), k.faults.end()), k.faults.end());
  return k;
}

} // namespace

const char* statusName(Status s) {
  switch (s) {
  case Status::closed: return "closed";
  case Status::open: return "open";
  case Status::halfOpen: return "half-open";
  case Status::timeout: return "timeout";
  case Status::error: return "error";
  case Status::failed: return "failed";
  }
  return "?";
}

const char* pairingName(Pairing p) {
  switch (p) {
  case Pairing::exact: return "exact";
  case Pairing::timeOrder: return "time-order";
  case Pairing::clientOnly: return "client-only";
  case Pairing::serverOnly: return "server-only";
  }
  return "?";
}

std::vector<std::int32_t> faultTargets(const std::string& target,
                                       const std::map<std::string, std::int32_t>& nodeIndex) {
  std::vector<std::int32_t> out;
  if (auto it = nodeIndex.find(target); it != nodeIndex.end())
    return {it->second};
  for (std::size_t dash = target.find('-'); dash != std::string::npos; dash = target.find('-', dash + 1)) {
    auto a = nodeIndex.find(target.substr(0, dash));
    auto b = nodeIndex.find(target.substr(dash + 1));
    if (a != nodeIndex.end() && b != nodeIndex.end())
      return {a->second, b->second};
  }
  std::string token;
  for (std::size_t i = 0; i <= target.size(); ++i) {
    char ch = i < target.size() ? target[i] : ',';
    if (ch == ',' || ch == ' ' || ch == ';') {
      if (auto it = nodeIndex.find(token); it != nodeIndex.end())
        out.push_back(it->second);
      token.clear();
    } else {
      token += ch;
    }
  }
  return out;
}

Connections reconstruct(const Trace& trace, std::int64_t endOfRun) {
  Connections out;
  Builder(trace, out).scan();
  Pairer pairer(trace, out);
  for (const Pairer::Pair& p : pairer.run())
    out.list.push_back(describe(trace, out, p, endOfRun));
  std::stable_sort(out.list.begin(), out.list.end(),
                   [](const Connection& a, const Connection& b) { return a.start < b.start; });
  for (std::size_t i = 0; i < out.list.size(); ++i)
    out.list[i].id = static_cast<std::uint32_t>(i + 1);
  return out;
}

} // namespace visualize
