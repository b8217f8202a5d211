// The delay line: delay, jitter and loss of the kernel world's links, in user space. Each
// direction of a link is an NFQUEUE verdict queue (its number: the receiving interface's
// index in the plan), fed by an nftables rule in the receiving node's table; one thread
// reads the queues' netlink sockets, holds each packet for the link's delay plus a jitter
// drawn uniformly from [0, jitter] (never released before the one ahead of it: order kept,
// as sim::World's jitter keeps it) and then accepts it, or drops it at once with the
// link's loss probability: independent, or in bursts that start with probability
// loss / burst and last 1 .. 2 * burst - 1 packets (mean `burst`, as sim::LinkSpec has it).
// Every draw comes from a generator per queue seeded from the scenario's seed and the
// queue's number. Needs nfnetlink_queue (probe.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "sim/kernel/netns.h"
#include "sim/kernel/plan.h"

namespace sim::kernel {

class DelayLine {
public:
  explicit DelayLine(std::uint64_t seed);
  ~DelayLine();
  DelayLine(const DelayLine&) = delete;
  DelayLine& operator=(const DelayLine&) = delete;

  // Queue `queue` read from a socket made in namespace `ns` (a new one each call: after a
  // reboot, the node's new namespace; the packets held for the old one are forgotten).
  // Throws std::runtime_error when the kernel refuses the queue.
  void open(std::uint16_t queue, int ns, const Shape& shape);
  bool has(std::uint16_t queue) const;
  // The values in force from now on (the packets held keep their release times).
  void set(std::uint16_t queue, const Shape& shape);

  struct Counts {
    std::uint64_t accepted = 0, dropped = 0;
  };
  Counts counts(std::uint16_t queue) const;

private:
  struct Queue;
  void run();
  void drain(Queue& q);
  void release(std::int64_t now);

  std::uint64_t seed_;
  mutable std::mutex mutex_;
  std::map<std::uint16_t, std::unique_ptr<Queue>> queues_;
  Fd wake_; // eventfd: the thread looks at the queues again
  bool stop_ = false;
  std::thread thread_;
};

} // namespace sim::kernel
