// FQ-CoDel as ns-3 3.37's FqCoDelQueueDisc decides it (flow hashing, DRR over new and old
// flows, CoDel per flow, the fat-flow drop on overload), without its per-flow objects: ns-3
// makes a CoDelQueueDisc, its DropTail queue and a flow object through attribute factories for
// every flow of every device, which cost a run of 10,000 devices a third of its time and a
// quarter of its memory. Here a flow is a few words, and one list holds every packet of the
// device's queue disc.
//
// Equal decisions: the same packets are sent, dropped or ECN-marked at the same times, in the
// same order (tests/sim/fq_codel_test.cc runs both on the same arrivals). Not modelled: the
// set-associative hash, the CE threshold and L4S (netbed sets none of them; ns-3's defaults
// leave them off), packet filters (netbed adds none).
#pragma once

#include <ns3/net-device.h>
#include <ns3/queue-disc.h>
#include <ns3/queue.h>

#include "net/fifo.h"
#include "sim/flat_map.h"

#include <cstdint>
#include <list>
#include <vector>

namespace sim {

// Every packet of the queue disc in one list; each flow keeps the positions of its own. The
// queue disc counts its packets through this queue's traces, as through any internal queue.
class FlowQueue : public ns3::Queue<ns3::QueueDiscItem> {
public:
  using Position = std::list<ns3::Ptr<ns3::QueueDiscItem>>::const_iterator;
  static ns3::TypeId GetTypeId();
  FlowQueue();
  // Appends; false (and the item dropped before enqueue) only past the queue's own size.
  bool append(ns3::Ptr<ns3::QueueDiscItem> item, Position& at);
  ns3::Ptr<ns3::QueueDiscItem> take(Position at);

  bool Enqueue(ns3::Ptr<ns3::QueueDiscItem> item) override;
  ns3::Ptr<ns3::QueueDiscItem> Dequeue() override;
  ns3::Ptr<ns3::QueueDiscItem> Remove() override;
  ns3::Ptr<const ns3::QueueDiscItem> Peek() const override;
};

class FqCoDel : public ns3::QueueDisc {
public:
  static ns3::TypeId GetTypeId();
  FqCoDel();
  // As ns-3's SetQuantum; by default the device's MTU.
  void SetQuantum(std::uint32_t quantum) { quantum_ = quantum; }

  // A packet that arrives while the queue disc holds none and the device's queue is not
  // stopped leaves at once: Enqueue and Run send it to the device before anything else
  // happens. passes() says the queue disc is empty and that its limits and CoDel's target let
  // a lone packet through; then passThrough(item) makes every decision Enqueue and Run would
  // (the flow's activation, the walk over the flow lists, CoDel's state, the deficit) and
  // returns the item, for the caller to send as Run would (sim::TrafficControlLayer::Send,
  // which also knows the device queue and that the queue disc is not running). Such a packet
  // is not counted in the queue disc's statistics and not shown by its Enqueue, Dequeue and
  // SojournTime traces; it can be neither dropped nor marked.
  bool passes() const;
  ns3::Ptr<ns3::QueueDiscItem> passThrough(ns3::Ptr<ns3::QueueDiscItem> item);

private:
  enum class Status : std::uint8_t { Inactive, New, Old };
  struct Flow {
    std::int32_t deficit = 0;
    Status status = Status::Inactive;
    net::detail::Fifo<FlowQueue::Position> items; // a Fifo: nothing allocated until a packet queues
    std::uint32_t bytes = 0;
    // CoDel's state (times in CoDel units: ns >> 10, wrapping in 32 bits).
    std::uint32_t count = 0, lastCount = 0, firstAboveTime = 0, dropNext = 0;
    std::uint16_t recInvSqrt;
    bool dropping = false;
  };

  bool DoEnqueue(ns3::Ptr<ns3::QueueDiscItem> item) override;
  ns3::Ptr<ns3::QueueDiscItem> DoDequeue() override;
  bool CheckConfig() override;
  void InitializeParams() override;

  std::uint32_t activate(const ns3::QueueDiscItem& item); // the item's flow, made New if it was Inactive
  ns3::Ptr<ns3::QueueDiscItem> takeFront(Flow& f);
  ns3::Ptr<ns3::QueueDiscItem> codelDequeue(Flow& f);
  bool okToDrop(Flow& f, const ns3::Ptr<ns3::QueueDiscItem>& item, std::uint32_t now);
  void fatFlowDrop();

  // Attributes, as ns-3's FqCoDelQueueDisc names them.
  bool useEcn_ = true;
  ns3::Time interval_, target_;
  std::uint32_t flows_ = 1024, dropBatch_ = 64, perturbation_ = 0, quantum_ = 0, minBytes_ = 1500;
  std::uint32_t intervalCoDel_ = 0, targetCoDel_ = 0;

  ns3::Ptr<FlowQueue> queue_;
  std::vector<Flow> flowsMade_;                  // in the order first used
  FlatMap<std::uint32_t, std::uint32_t> byHash_; // hash bucket -> index into flowsMade_
  net::detail::Fifo<std::uint32_t> newFlows_, oldFlows_;
  ns3::Ptr<ns3::QueueDiscItem> passing_; // the packet passing through, seen as its flow's head
  std::uint32_t passingFlow_ = 0;
};

// The item's Hash(perturbation), without deserializing the transport header for an IPv4 item:
// ns-3 peeks a whole TcpHeader (its options made as objects through attribute factories) to
// read the two ports, the packet's first four bytes. The same 17 bytes go to the same murmur3.
std::uint32_t flowHash(const ns3::QueueDiscItem& item, std::uint32_t perturbation);

// Installs the root queue disc TrafficControlHelper::Default would, with this FqCoDel in
// place of ns-3's (a multi-queue device keeps ns-3's mq of FqCoDelQueueDiscs).
void installFqCoDel(const ns3::Ptr<ns3::NetDevice>& device, std::size_t txQueues);

} // namespace sim
