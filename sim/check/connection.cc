#include "sim/check/connection.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace sim::check {

namespace {

// One transmission, whatever file captured it: IPv4 gives each datagram its own
// identification, IPv6 none (the TSval usually tells retransmissions apart).
using Transmission = std::tuple<Endpoint, Endpoint, std::uint32_t, std::uint32_t, std::uint32_t, std::uint8_t,
                                std::uint32_t, std::uint32_t>;

Transmission transmission(const Segment& s) { return {s.src, s.dst, s.ipId, s.seq, s.ack, s.flags, s.len, s.tsval}; }

// The node that owns each address: the node of the file that captured most of the address's
// transmissions first (a segment leaves its sender's device before it reaches anyone else).
std::map<Address, std::string> owners(const Capture& c) {
  std::map<Transmission, std::size_t> first; // -> index of the earliest capture
  for (std::size_t i = 0; i < c.segments.size(); ++i) {
    auto [it, fresh] = first.emplace(transmission(c.segments[i]), i);
    if (!fresh && c.segments[i].timeNs < c.segments[it->second].timeNs)
      it->second = i;
  }
  std::map<Address, std::map<std::string, std::size_t>> votes;
  for (const auto& [t, i] : first)
    ++votes[c.segments[i].src.address][c.files[c.segments[i].file].node];
  std::map<Address, std::string> owner;
  for (const auto& [address, byNode] : votes)
    owner[address] = std::max_element(byNode.begin(), byNode.end(), [](const auto& a, const auto& b) {
                       return a.second < b.second;
                     })->first;
  return owner;
}

bool isSyn(const Segment& s) { return (s.flags & kSyn) && !(s.flags & kAck); }

} // namespace

bool after(const Segment& later, const Segment& earlier) {
  return later.timeNs > earlier.timeNs ||
         (later.timeNs == earlier.timeNs && later.file == earlier.file && later.number > earlier.number);
}

std::vector<Connection> reconstruct(const Capture& capture) {
  const auto& segs = capture.segments;
  auto owner = owners(capture);
  // Segments of each 4-tuple (lower endpoint first), as seen by each endpoint's node.
  using Key = std::pair<Endpoint, Endpoint>;
  std::map<Key, std::vector<std::size_t>> byTuple;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const Segment& s = segs[i];
    Key k = s.src < s.dst ? Key{s.src, s.dst} : Key{s.dst, s.src};
    byTuple[k].push_back(i);
  }
  std::vector<Connection> out;
  for (auto& [key, all] : byTuple) {
    std::stable_sort(all.begin(), all.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(segs[a].timeNs, segs[a].file, segs[a].number) <
             std::tie(segs[b].timeNs, segs[b].file, segs[b].number);
    });
    // The connections of this tuple: one per client ISN, in the order of their first SYN.
    struct Found {
      Endpoint client;
      std::uint32_t isn;
      std::int64_t firstSyn;
    };
    std::vector<Found> found;
    for (std::size_t i : all)
      if (isSyn(segs[i]) && std::none_of(found.begin(), found.end(), [&](const Found& f) {
            return f.client == segs[i].src && f.isn == segs[i].seq;
          }))
        found.push_back({segs[i].src, segs[i].seq, segs[i].timeNs});
    bool noSyn = found.empty();
    if (noSyn)
      found.push_back({key.first, 0, segs[all.front()].timeNs});
    std::size_t base = out.size();
    for (const auto& f : found) {
      Connection c;
      c.handshake = !noSyn;
      c.side[0].endpoint = f.client;
      c.side[1].endpoint = f.client == key.first ? key.second : key.first;
      for (auto& side : c.side) {
        auto o = owner.find(side.endpoint.address);
        side.node = o == owner.end() ? "" : o->second;
      }
      out.push_back(std::move(c));
    }
    // Each side's view: the captures at its node; a segment belongs to the latest connection
    // whose SYN that node had seen (sent or received) by then.
    for (int x = 0; x < 2; ++x) {
      std::size_t current = base;
      for (std::size_t i : all) {
        const Segment& s = segs[i];
        if (capture.files[s.file].node != out[base].side[x].node)
          continue;
        if (!noSyn && isSyn(s)) {
          for (std::size_t k = base; k < out.size(); ++k)
            if (out[k].side[0].endpoint == s.src && found[k - base].isn == s.seq)
              current = k;
        }
        // Both sides of every connection of the tuple live on the same two nodes.
        Side& side = out[current].side[x];
        side.view.push_back(i);
      }
    }
    // The ISNs: each side's SYN, else its lowest sequence number seen.
    for (std::size_t k = base; k < out.size(); ++k) {
      Connection& c = out[k];
      for (int x = 0; x < 2; ++x) {
        Side& side = c.side[x];
        bool any = false;
        for (int y = 0; y < 2 && !side.haveIsn; ++y)
          for (std::size_t i : c.side[y].view) {
            const Segment& s = segs[i];
            if (s.src != side.endpoint)
              continue;
            if (s.flags & kSyn) {
              side.isn = s.seq;
              side.haveIsn = true;
              break;
            }
            if (!any || static_cast<std::int32_t>(s.seq - side.isn) < 0)
              side.isn = s.seq - 1; // as if a SYN came just before: data starts at 1
            any = true;
          }
      }
    }
  }
  return out;
}

} // namespace sim::check
