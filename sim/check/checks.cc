#include "sim/check/checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace sim::check {

namespace {

// The context of one connection's checks.
struct Ctx {
  const Capture& cap;
  const Connection& c;
  std::size_t ci;
  Violations& out;

  const Segment& seg(std::size_t i) const { return cap.segments[i]; }
  int from(std::size_t i) const { return c.senderOf(seg(i)); }
  // Sequence numbers of side x's space, relative to its ISN.
  std::int64_t seqOf(std::size_t i) const { return c.side[from(i)].rel(seg(i).seq); }
  std::int64_t endOf(std::size_t i) const { return seqOf(i) + seg(i).space(); }
  // The ACK number of segment i, in its receiver's space.
  std::int64_t ackOf(std::size_t i) const { return c.side[1 - from(i)].rel(seg(i).ack); }
  // Where the FIN of segment i sits: after its SYN and its data.
  std::int64_t finOf(std::size_t i) const {
    return seqOf(i) + ((seg(i).flags & kSyn) ? 1 : 0) + static_cast<std::int64_t>(seg(i).len);
  }
  bool has(std::size_t i, std::uint8_t flag) const { return (seg(i).flags & flag) != 0; }
  // "server-0.pcap #12 at 0.004200 s"
  std::string ref(std::size_t i) const {
    char t[48];
    std::snprintf(t, sizeof t, " at %.6f s", static_cast<double>(seg(i).timeNs) / 1e9);
    return cap.files[seg(i).file].name + " #" + std::to_string(seg(i).number) + t;
  }
  void flag(Rule r, std::size_t i, const std::string& message) const { out.push_back({r, ci, i, message}); }

  // A segment is captured when it leaves the node's device, possibly long after TCP built it
  // (queue disc, device queue, a SystemC NIC's host queue). Its TSval tells when it was built:
  // with a 1 ms timestamp clock (ns-3's, Linux's) it was built before (TSval + 1) ms + offset,
  // the offset being the smallest (capture time - TSval ms) over the side's segments.
  std::optional<std::int64_t> offset[2];
  Ctx(const Capture& cp, const Connection& cn, std::size_t i, Violations& o) : cap(cp), c(cn), ci(i), out(o) {
    for (int x = 0; x < 2; ++x)
      for (std::size_t k : c.side[x].view)
        if (from(k) == x && seg(k).hasTs) {
          std::int64_t e = seg(k).timeNs - static_cast<std::int64_t>(seg(k).tsval) * 1'000'000;
          offset[x] = offset[x] ? std::min(*offset[x], e) : e;
        }
  }
  // The latest time segment i can have been built (its capture time at most).
  std::int64_t builtBy(std::size_t i) const {
    const Segment& s = seg(i);
    int x = from(i);
    if (!s.hasTs || !offset[x])
      return s.timeNs;
    return std::min(s.timeNs, (static_cast<std::int64_t>(s.tsval) + 1) * 1'000'000 + *offset[x]);
  }
  // The earliest (within a tick of the clock estimate).
  std::int64_t builtAfter(std::size_t i) const {
    const Segment& s = seg(i);
    int x = from(i);
    if (!s.hasTs || !offset[x])
      return s.timeNs;
    return std::min(s.timeNs, static_cast<std::int64_t>(s.tsval) * 1'000'000 + *offset[x] - 1'000'000);
  }
  // True when segment i was certainly built before segment j was captured at the same node.
  bool builtBefore(std::size_t i, std::size_t j) const { return !after(seg(i), seg(j)) || builtBy(i) < seg(j).timeNs; }
  // True when segment i may have been built before segment j was captured at the same node
  // (its TSval allows it): such a segment is not held to what j changed.
  bool mayBeBuiltBefore(std::size_t i, std::size_t j) const {
    return !after(seg(i), seg(j)) || builtAfter(i) < seg(j).timeNs;
  }
};

std::string num(std::int64_t v) { return std::to_string(v); }

std::string ms(std::int64_t ns) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f ms", static_cast<double>(ns) / 1e6);
  return b;
}

// TSval order (RFC 7323 5.2: modulo 2^32).
bool tsAtLeast(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) >= 0; }

// What a receiver has of the sender's sequence space, in order and beyond.
struct Reassembly {
  std::int64_t next; // RCV.NXT: everything before it arrived
  std::map<std::int64_t, std::int64_t> beyond;
  explicit Reassembly(std::int64_t start) : next(start) {}
  void add(std::int64_t from, std::int64_t to) {
    if (to <= next)
      return;
    if (from > next) {
      auto& e = beyond[from];
      e = std::max(e, to);
      return;
    }
    next = to;
    while (!beyond.empty() && beyond.begin()->first <= next) {
      next = std::max(next, beyond.begin()->second);
      beyond.erase(beyond.begin());
    }
  }
};

std::int64_t firstSeq(const Side& s) { return s.haveIsn ? 0 : 1; }

} // namespace

const char* ruleName(Rule r) {
  switch (r) {
  case Rule::FinOnce: return "fin-once";
  case Rule::FinAckPlusOne: return "fin-ack-plus-one";
  case Rule::QuietAfterClose: return "quiet-after-close";
  case Rule::TsEcr: return "tsecr-echo";
  case Rule::RtoBounds: return "rto-bounds";
  case Rule::Stream: return "stream";
  }
  return "?";
}

// Rule 1. RFC 9293 3.5 (RFC 793 3.5): a FIN occupies one sequence number after the last data
// byte, so it cannot move once sent; RFC 9293 3.8.1 / RFC 6298 5: a segment is retransmitted
// only while it is unacknowledged. Flags a FIN at another position than the side's first FIN,
// and a FIN built again after the peer's ACK of it (ack >= FIN seq + 1) reached the sender
// (a copy captured later but built before, queued in the node, is not flagged).
void checkFinOnce(const Capture& cap, const Connection& c, std::size_t ci, Violations& out) {
  Ctx x{cap, c, ci, out};
  for (int me = 0; me < 2; ++me) {
    std::optional<std::int64_t> fin;
    std::size_t firstFin = 0;
    std::optional<std::size_t> ackedBy;
    for (std::size_t i : c.side[me].view) {
      if (x.has(i, kRst))
        continue;
      if (x.from(i) == me && x.has(i, kFin)) {
        std::int64_t pos = x.finOf(i);
        if (!fin) {
          fin = pos;
          firstFin = i;
        } else if (pos != *fin) {
          x.flag(Rule::FinOnce, i,
                 "FIN at seq " + num(pos) + ", but this side's first FIN (" + x.ref(firstFin) + ") is at seq " +
                     num(*fin) + ": a FIN's position cannot move (RFC 793 3.5)");
        } else if (ackedBy && !x.mayBeBuiltBefore(i, *ackedBy)) {
          x.flag(Rule::FinOnce, i,
                 "FIN retransmitted after the peer's ACK of it arrived (ack " + num(x.ackOf(*ackedBy)) + ", " +
                     x.ref(*ackedBy) + "): only an unacknowledged FIN is retransmitted (RFC 6298 5, RFC 793 3.7)");
        }
      } else if (x.from(i) != me && x.has(i, kAck) && fin && !ackedBy && x.ackOf(i) >= *fin + 1) {
        ackedBy = i;
      }
    }
  }
}

// Rule 2. RFC 793 3.5 and 3.9 (SEGMENT ARRIVES, eighth: "advance RCV.NXT over the FIN"): once
// a FIN has arrived with everything before it, the receiver's ACKs acknowledge FIN seq + 1.
// ACKs the peer built before the FIN arrived at its device (sent earlier, or queued: their
// TSval tells) are in flight and not flagged.
void checkFinAckPlusOne(const Capture& cap, const Connection& c, std::size_t ci, Violations& out) {
  Ctx x{cap, c, ci, out};
  for (int sender = 0; sender < 2; ++sender) {
    int receiver = 1 - sender;
    Reassembly r(firstSeq(c.side[sender]));
    std::optional<std::size_t> inOrder;
    std::int64_t fin = 0;
    for (std::size_t i : c.side[receiver].view) {
      if (x.has(i, kRst))
        continue;
      if (x.from(i) == sender) {
        r.add(x.seqOf(i), x.endOf(i));
        if (x.has(i, kFin) && !inOrder && r.next >= x.finOf(i) + 1) {
          inOrder = i;
          fin = x.finOf(i);
        }
      } else if (inOrder && x.has(i, kAck) && !x.mayBeBuiltBefore(i, *inOrder) && x.ackOf(i) < fin + 1) {
        x.flag(Rule::FinAckPlusOne, i,
               "acknowledges seq " + num(x.ackOf(i)) + " only, but the FIN at seq " + num(fin) + " arrived in order (" +
                   x.ref(*inOrder) + "): every later ACK must acknowledge FIN seq + 1 = " + num(fin + 1) +
                   " (RFC 793 3.5, 3.9)");
      }
    }
  }
}

// Rule 3. RFC 793 3.5 (TIME-WAIT, LAST-ACK, CLOSED): once both FINs are acknowledged a side
// sends nothing but the ACK of a retransmitted FIN (or of any segment that still arrives) and
// RSTs: no data, no SYN, no FIN at a new position.
void checkQuietAfterClose(const Capture& cap, const Connection& c, std::size_t ci, Violations& out) {
  Ctx x{cap, c, ci, out};
  for (int me = 0; me < 2; ++me) {
    std::optional<std::int64_t> myFin, peerFin;
    bool myFinAcked = false, peerFinAcked = false, closed = false, toAnswer = false;
    std::optional<std::size_t> closedAt;
    for (std::size_t i : c.side[me].view) {
      bool rst = x.has(i, kRst);
      if (x.from(i) != me) {
        if (closed)
          toAnswer = true;
        if (!rst && x.has(i, kFin) && !peerFin)
          peerFin = x.finOf(i);
        if (!rst && x.has(i, kAck) && myFin && x.ackOf(i) >= *myFin + 1)
          myFinAcked = true;
      } else {
        if (closed && !rst) {
          std::string when = "after both FINs were acknowledged (" + x.ref(*closedAt) + ")";
          if (x.seg(i).len > 0 || x.has(i, kSyn))
            x.flag(Rule::QuietAfterClose, i,
                   std::string(x.seg(i).len > 0 ? "data" : "a SYN") + " sent " + when + " (RFC 793 3.5)");
          else if (x.has(i, kFin) && x.finOf(i) != *myFin)
            x.flag(Rule::QuietAfterClose, i,
                   "a new FIN at seq " + num(x.finOf(i)) + " (the FIN was at " + num(*myFin) + ") " + when +
                       " (RFC 793 3.5)");
          else if (!x.has(i, kFin) && !toAnswer && !x.builtBefore(i, *closedAt))
            x.flag(Rule::QuietAfterClose, i,
                   "an ACK that answers nothing (no segment arrived from the peer since this side's last one) " + when +
                       " (RFC 793 3.9: an ACK answers a retransmitted FIN)");
          toAnswer = false;
        }
        if (!rst && x.has(i, kFin) && !myFin)
          myFin = x.finOf(i);
        if (!rst && x.has(i, kAck) && peerFin && x.ackOf(i) >= *peerFin + 1)
          peerFinAcked = true;
      }
      if (!closed && myFinAcked && peerFinAcked) {
        closed = true;
        closedAt = i;
      }
    }
  }
}

// Rule 4. RFC 7323 4.3: TS.Recent takes SEG.TSval when SEG.TSval >= TS.Recent and SEG.SEQ <=
// Last.ACK.sent (the last ACK number this side sent), for a segment inside the window (RFC 7323
// appendix D, R2 before R3: here one that does not end before Last.ACK.sent, RFC 793 3.3's test
// with Last.ACK.sent as its left edge, as Linux's tcp_sequence: a retransmission whose ACK was
// lost updates TS.Recent, a wholly old duplicate does not), and from a SYN unconditionally
// (RFC 7323 3.2). Every segment with ACK and TS echoes TS.Recent in its
// TSecr: the value TS.Recent had when TCP built the segment. A segment is captured when it
// leaves the device, so any value TS.Recent held between the earliest and the latest time its
// TSval allows for its building is accepted (Ctx::builtAfter, builtBy).
void checkTsEcr(const Capture& cap, const Connection& c, std::size_t ci, Violations& out) {
  Ctx x{cap, c, ci, out};
  for (int me = 0; me < 2; ++me) {
    int peer = 1 - me;
    std::vector<std::pair<std::int64_t, std::size_t>> history; // (capture time, segment) of each update
    std::vector<std::size_t> received;                         // the peer's segments with TS, in order
    std::optional<std::int64_t> lastAckSent;
    bool handshakeDone = false; // this side has sent a segment without SYN
    for (std::size_t i : c.side[me].view) {
      const Segment& s = x.seg(i);
      if (s.flags & kRst)
        continue;
      if (x.from(i) == peer) {
        std::int64_t seq = x.seqOf(i), end = x.endOf(i);
        if (!s.hasTs)
          continue;
        received.push_back(i);
        std::optional<std::uint32_t> recent;
        if (!history.empty())
          recent = x.seg(history.back().second).tsval;
        // A SYN sets TS.Recent while this side is in the handshake (Linux's tcp_check_req
        // takes a retransmitted SYN's); once it has completed it, a SYN again is answered
        // with a challenge ACK and changes nothing (RFC 5961 4.2).
        bool update = ((s.flags & kSyn) && !handshakeDone) ||
                      (!(s.flags & kSyn) && recent && lastAckSent && end >= *lastAckSent && seq <= *lastAckSent &&
                       tsAtLeast(s.tsval, *recent));
        if (update && (!recent || s.tsval != *recent))
          history.emplace_back(s.timeNs, i);
        continue;
      }
      if (!(s.flags & kSyn))
        handshakeDone = true;
      if (s.flags & kAck) {
        if (s.hasTs && !history.empty()) {
          // The values held from builtAfter(i) to builtBy(i).
          std::int64_t lo = x.builtAfter(i), hi = x.builtBy(i);
          auto first = std::upper_bound(history.begin(), history.end(), std::make_pair(lo, SIZE_MAX));
          if (first != history.begin())
            --first; // the value in force at lo
          bool ok = false;
          for (auto h = first; h != history.end() && (h == first || h->first <= hi); ++h)
            ok = ok || x.seg(h->second).tsval == s.tsecr;
          // Last.ACK.sent is what this side had built, and its ACKs may leave the device
          // well after they were built (a queue behind data): a newer TSecr is right when
          // it is the TSval of a peer segment that had arrived by then and that this ACK
          // covers (SEG.SEQ <= its ACK: a pure ACK counts too), and is not older than the
          // value in force.
          if (!ok && tsAtLeast(s.tsecr, x.seg(first->second).tsval)) {
            std::int64_t acked = c.side[peer].rel(s.ack);
            for (auto r = received.rbegin(); r != received.rend() && !ok; ++r) {
              const Segment& q = x.seg(*r);
              ok = q.timeNs <= hi && q.tsval == s.tsecr && x.seqOf(*r) <= acked;
            }
          }
          // The value in force when the segment was captured, for the message.
          auto now = std::upper_bound(history.begin(), history.end(), std::make_pair(s.timeNs, SIZE_MAX));
          const auto& latest = now == history.begin() ? *now : *std::prev(now);
          if (!ok)
            x.flag(Rule::TsEcr, i,
                   "TSecr " + std::to_string(s.tsecr) + ", but TS.Recent was " +
                       std::to_string(x.seg(latest.second).tsval) + ", the TSval of the peer's latest acceptable " +
                       "segment at or before Last.ACK.sent (" + x.ref(latest.second) +
                       ") (RFC 7323 4.3: TSecr echoes TS.Recent)");
        }
        lastAckSent = c.side[peer].rel(s.ack);
      }
    }
  }
}

// Rule 5. RFC 6298: SRTT and RTTVAR from RTT samples of segments sent once (Karn, 3), RTO =
// max(minRto, SRTT + 4 RTTVAR) (2.2-2.4; the initial RTO before a sample, 2.1), doubled per
// timeout (5.5) up to a cap, the timer restarted by an ACK of new data (5.3). A retransmission
// of the oldest unacknowledged segment without 3 duplicate ACKs or a SACK before it (RFC 5681
// 3.2, RFC 6675) and outside a recovery is a timeout: its interval since the timer's start
// must be at least the minimum RTO and at most rtoSlack times the backed-off RTO.
void checkRtoBounds(const Capture& cap, const Connection& c, std::size_t ci, const Options& o, Violations& out) {
  Ctx x{cap, c, ci, out};
  for (int me = 0; me < 2; ++me) {
    struct Sent {
      std::int64_t end, first, last, lastBuilt; // lastBuilt: the last copy built after it
      int copies;
    };
    std::map<std::int64_t, Sent> sent; // by start
    std::int64_t una = firstSeq(c.side[me]), max = una;
    bool sampled = false;
    double srtt = 0, rttvar = 0;
    int dupAcks = 0, backoff = 0;
    bool sackSeen = false, recovery = false;
    int peerSyns = 0; // the peer's SYNs not yet answered (each may get its SYN-ACK)
    std::int64_t recover = 0, lastAdvance = INT64_MIN;
    for (std::size_t i : c.side[me].view) {
      const Segment& s = x.seg(i);
      if (s.flags & kRst)
        continue;
      if (x.from(i) != me) {
        if (s.flags & kSyn)
          ++peerSyns;
        if (!(s.flags & kAck))
          continue;
        std::int64_t a = x.ackOf(i);
        if (a > una) {
          // Karn: a sample only when every newly acknowledged segment was sent once.
          bool clean = true;
          std::int64_t newest = INT64_MIN;
          for (auto it = sent.begin(); it != sent.end() && it->first < a; ++it) {
            if (it->second.end <= una)
              continue;
            clean = clean && it->second.copies == 1;
            newest = std::max(newest, it->second.first);
          }
          // With timestamps the stack measures from when it built the echoed segment (RFC 7323
          // RTTM): queueing in front of its device included, and with no retransmission
          // ambiguity, so such a sample counts even when Karn's rule gives none.
          bool rttm = s.hasTs && x.offset[me] && newest != INT64_MIN;
          if ((clean || rttm) && newest != INT64_MIN) {
            double r = clean ? static_cast<double>(s.timeNs - newest) : 0;
            if (rttm)
              r = std::max(
                  r, static_cast<double>(s.timeNs - (static_cast<std::int64_t>(s.tsecr) * 1'000'000 + *x.offset[me])));
            if (!sampled) {
              srtt = r;
              rttvar = r / 2;
              sampled = true;
            } else {
              rttvar = 0.75 * rttvar + 0.25 * std::fabs(srtt - r);
              srtt = 0.875 * srtt + 0.125 * r;
            }
          }
          una = a;
          dupAcks = 0;
          sackSeen = false;
          backoff = 0;
          lastAdvance = s.timeNs;
          if (recovery && a >= recover)
            recovery = false;
          while (!sent.empty() && sent.begin()->second.end <= una)
            sent.erase(sent.begin());
        } else if (a == una && s.len == 0 && !(s.flags & (kSyn | kFin)) && max > una) {
          ++dupAcks;
        }
        if (!s.sack.empty())
          sackSeen = true;
        continue;
      }
      std::uint32_t space = s.space();
      if (space == 0)
        continue;
      std::int64_t start = x.seqOf(i), end = start + space;
      if (start >= max) {
        sent[start] = {end, s.timeNs, s.timeNs, x.builtAfter(i), 1};
        max = end;
        continue;
      }
      // A retransmission: the copies it repeats, and when the last of them was sent.
      std::int64_t previous = INT64_MIN, previousBuilt = INT64_MIN;
      for (auto& [from, e] : sent)
        if (from < end && e.end > start) {
          previous = std::max(previous, e.last);
          previousBuilt = std::max(previousBuilt, e.lastBuilt);
          e.last = s.timeNs;
          e.lastBuilt = x.builtAfter(i);
          ++e.copies;
        }
      if (previous == INT64_MIN)
        previous = previousBuilt = s.timeNs;
      max = std::max(max, end);
      bool answer = (s.flags & kSyn) && peerSyns > 0; // a SYN-ACK repeated for a repeated SYN
      peerSyns = (s.flags & kSyn) && peerSyns > 0 ? peerSyns - 1 : 0;
      if (dupAcks >= 3 || sackSeen) { // fast retransmit
        recovery = true;
        recover = max;
        dupAcks = 0;
        sackSeen = false;
        continue;
      }
      if (answer || start > una || end <= una || (recovery && lastAdvance > previous))
        continue; // not the oldest, or clocked by an ACK in a recovery
      // Captures lag the building of a segment (queues): the interval TCP's timer saw lies
      // between `shortest` and `longest`.
      std::int64_t since = std::max(previous, lastAdvance), interval = s.timeNs - since;
      std::int64_t longest = x.builtBy(i) - std::max(previousBuilt, lastAdvance);
      std::int64_t shortest = x.builtAfter(i) - since;
      double rto = sampled ? std::max(static_cast<double>(o.minRtoNs), srtt + 4 * rttvar)
                           : static_cast<double>(std::max(o.minRtoNs, o.initialRtoNs));
      double bound = std::min(rto * std::pow(2.0, backoff), static_cast<double>(o.maxRtoNs));
      std::string evidence =
          " after " + ms(interval) + " (timer started " +
          (since == lastAdvance ? "by the last new ACK" : "by the previous copy") + ", backoff " +
          std::to_string(backoff) + ", " +
          (sampled ? "SRTT " + ms(static_cast<std::int64_t>(srtt)) + " RTTVAR " + ms(static_cast<std::int64_t>(rttvar))
                   : std::string("no RTT sample yet")) +
          ", RTO " + ms(static_cast<std::int64_t>(bound)) + ")";
      if (longest + 1000 < o.minRtoNs) // pcap times are in microseconds
        x.flag(Rule::RtoBounds, i,
               "retransmission without a loss signal (no 3 duplicate ACKs, no SACK: a timeout)" + evidence +
                   ", shorter than the minimum RTO " + ms(o.minRtoNs) + " (RFC 6298 2.4)");
      else if (static_cast<double>(shortest) > o.rtoSlack * bound)
        x.flag(Rule::RtoBounds, i,
               "retransmission timeout" + evidence + ", more than " + std::to_string(o.rtoSlack).substr(0, 4) +
                   " x the RTO (RFC 6298 2, 5.5)");
      ++backoff;
      recovery = true;
      recover = max;
    }
  }
}

// Rule 6. RFC 793 3.3 and 3.9: RCV.NXT only advances, over bytes that arrived in order. So a
// receiver's ACK number never goes back, never exceeds what the sender has sent (data, SYN and
// FIN), and never passes a hole in what reached the receiver's device.
void checkStream(const Capture& cap, const Connection& c, std::size_t ci, Violations& out) {
  Ctx x{cap, c, ci, out};
  for (int sender = 0; sender < 2; ++sender) {
    int receiver = 1 - sender;
    // What the sender had sent by each time, from its own view.
    std::vector<std::pair<std::int64_t, std::int64_t>> sentBy; // (time, highest end so far)
    std::int64_t high = firstSeq(c.side[sender]);
    for (std::size_t i : c.side[sender].view)
      if (x.from(i) == sender && !x.has(i, kRst) && x.endOf(i) > high) {
        high = x.endOf(i);
        sentBy.emplace_back(x.seg(i).timeNs, high);
      }
    Reassembly r(firstSeq(c.side[sender]));
    bool received = false;
    std::optional<std::size_t> last;
    for (std::size_t i : c.side[receiver].view) {
      if (x.has(i, kRst))
        continue;
      if (x.from(i) == sender) {
        r.add(x.seqOf(i), x.endOf(i));
        received = true;
        continue;
      }
      if (!x.has(i, kAck))
        continue;
      std::int64_t a = x.ackOf(i), t = x.seg(i).timeNs;
      auto upTo = std::upper_bound(sentBy.begin(), sentBy.end(), std::make_pair(t, INT64_MAX));
      std::int64_t sentMax = upTo == sentBy.begin() ? firstSeq(c.side[sender]) : std::prev(upTo)->second;
      if (last && a < x.ackOf(*last))
        x.flag(Rule::Stream, i,
               "ACK went back to " + num(a) + " from " + num(x.ackOf(*last)) + " (" + x.ref(*last) +
                   "): RCV.NXT only advances (RFC 793 3.3)");
      else if (a > sentMax)
        x.flag(Rule::Stream, i,
               "acknowledges seq " + num(a) + ", beyond all the peer had sent by then (up to " + num(sentMax) +
                   ", SYN and FIN counted) (RFC 793 3.3)");
      else if (received && a > r.next)
        x.flag(Rule::Stream, i,
               "acknowledges seq " + num(a) + ", but only up to " + num(r.next) +
                   " had arrived in order: bytes skipped over a hole (RFC 793 3.9)");
      if (!last || a > x.ackOf(*last))
        last = i;
    }
  }
}

SideCounts& SideCounts::operator+=(const SideCounts& o) {
  segments += o.segments;
  fins += o.fins;
  pureFinRetransmissions += o.pureFinRetransmissions;
  rsts += o.rsts;
  syns += o.syns;
  dataSegments += o.dataSegments;
  retransmissions += o.retransmissions;
  return *this;
}

Report check(Capture capture, const Options& options) {
  Report r;
  r.capture = std::move(capture);
  r.connections = reconstruct(r.capture);
  for (std::size_t ci = 0; ci < r.connections.size(); ++ci) {
    const Connection& c = r.connections[ci];
    Violations v;
    checkFinOnce(r.capture, c, ci, v);
    checkFinAckPlusOne(r.capture, c, ci, v);
    checkQuietAfterClose(r.capture, c, ci, v);
    checkTsEcr(r.capture, c, ci, v);
    checkRtoBounds(r.capture, c, ci, options, v);
    checkStream(r.capture, c, ci, v);
    r.violations.insert(r.violations.end(), v.begin(), v.end());
    ConnectionSummary sum;
    Violations unused;
    Ctx x{r.capture, c, ci, unused};
    for (int me = 0; me < 2; ++me) {
      std::set<std::int64_t> fins;
      std::int64_t sentUpTo = INT64_MIN; // the highest end of this side's sequence space sent so far
      for (std::size_t i : c.side[me].view) {
        if (x.from(i) != me)
          continue;
        SideCounts& n = sum.side[me];
        ++n.segments;
        if (x.has(i, kRst))
          ++n.rsts;
        if (x.has(i, kSyn))
          ++n.syns;
        if (x.seg(i).len > 0)
          ++n.dataSegments;
        if (!x.has(i, kRst) && x.seg(i).space() > 0) {
          n.retransmissions += x.seqOf(i) < sentUpTo ? 1 : 0;
          sentUpTo = std::max(sentUpTo, x.endOf(i));
        }
        if (x.has(i, kFin)) {
          ++n.fins;
          if (x.seg(i).len == 0 && !x.has(i, kSyn) && !fins.insert(x.finOf(i)).second)
            ++n.pureFinRetransmissions;
          fins.insert(x.finOf(i));
        }
      }
      r.total[me] += sum.side[me];
    }
    r.summaries.push_back(sum);
  }
  return r;
}

std::string describeSegment(const Connection& c, const Segment& s) {
  int from = c.senderOf(s);
  std::string t = "[" + flagText(s.flags) + "] seq " + std::to_string(c.side[from].rel(s.seq));
  if (s.flags & kAck)
    t += " ack " + std::to_string(c.side[1 - from].rel(s.ack));
  t += " len " + std::to_string(s.len);
  if (s.hasTs)
    t += " TSval " + std::to_string(s.tsval) + " TSecr " + std::to_string(s.tsecr);
  return t;
}

std::string describe(const Report& r, const Violation& v) {
  const Segment& s = r.capture.segments[v.segment];
  const Connection& c = r.connections[v.connection];
  char t[48];
  std::snprintf(t, sizeof t, " t=%.6f s ", static_cast<double>(s.timeNs) / 1e9);
  return "rule " + std::to_string(static_cast<int>(v.rule)) + " " + ruleName(v.rule) + ": " +
         r.capture.files[s.file].name + " #" + std::to_string(s.number) + t + s.src.text() + " > " + s.dst.text() +
         " " + describeSegment(c, s) + ": " + v.message;
}

} // namespace sim::check
