// FqCoDel: ns-3 3.37's FqCoDelQueueDisc and CoDelQueueDisc, step for step, on plain flows.
#include "sim/fq_codel.h"

#include "model/type_id.h"

#include <ns3/boolean.h>
#include <ns3/hash.h>
#include <ns3/ipv4-queue-disc-item.h>
#include <ns3/net-device-queue-interface.h>
#include <ns3/net-device.h>
#include <ns3/simulator.h>
#include <ns3/string.h>
#include <ns3/traffic-control-helper.h>
#include <ns3/uinteger.h>

namespace sim {

namespace {

// CoDel's arithmetic, as ns-3 (from Linux) does it.
constexpr int kCoDelShift = 10;
constexpr int kRecInvSqrtShift = 32 - 16;
// The reasons ns-3's statistics give: a flow's CoDel is a child queue disc there.
const char* const kOverlimitDrop = "Overlimit drop";
const char* const kFlowOverlimitDrop = "(Dropped by child queue disc) Overlimit drop";
const char* const kTargetExceededDrop = "(Dropped by child queue disc) Target exceeded drop";
const char* const kTargetExceededMark = "(Marked by child queue disc) Target exceeded mark";

std::uint32_t toCoDel(ns3::Time t) { return static_cast<std::uint32_t>(t.GetNanoSeconds() >> kCoDelShift); }
std::uint32_t coDelNow() { return toCoDel(ns3::Simulator::Now()); }
bool after(std::uint32_t a, std::uint32_t b) { return static_cast<std::int64_t>(a) - static_cast<std::int64_t>(b) > 0; }
bool afterEq(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::int64_t>(a) - static_cast<std::int64_t>(b) >= 0;
}
bool before(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::int64_t>(a) - static_cast<std::int64_t>(b) < 0;
}

std::uint32_t reciprocalDivide(std::uint32_t a, std::uint32_t r) {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(a) * r) >> 32);
}

std::uint16_t newtonStep(std::uint16_t recInvSqrt, std::uint32_t count) {
  std::uint32_t invsqrt = static_cast<std::uint32_t>(recInvSqrt) << kRecInvSqrtShift;
  std::uint32_t invsqrt2 = static_cast<std::uint32_t>((static_cast<std::uint64_t>(invsqrt) * invsqrt) >> 32);
  std::uint64_t val = (3ULL << 32) - (static_cast<std::uint64_t>(count) * invsqrt2);
  val >>= 2;
  val = (val * invsqrt) >> (32 - 2 + 1);
  return static_cast<std::uint16_t>(val >> kRecInvSqrtShift);
}

std::uint32_t controlLaw(std::uint32_t t, std::uint32_t interval, std::uint32_t recInvSqrt) {
  return t + reciprocalDivide(interval, recInvSqrt << kRecInvSqrtShift);
}

constexpr std::uint16_t kRecInvSqrtStart = static_cast<std::uint16_t>(~0U >> kRecInvSqrtShift);

} // namespace

NS_OBJECT_ENSURE_REGISTERED(FlowQueue);
NS_OBJECT_ENSURE_REGISTERED(FqCoDel);

// --- FlowQueue ----------------------------------------------------------------------------

ns3::TypeId FlowQueue::GetTypeId() {
  return model::typeIdOf<FlowQueue, ns3::Queue<ns3::QueueDiscItem>>("sim::FlowQueue", "TrafficControl");
}

FlowQueue::FlowQueue() { SetMaxSize(ns3::QueueSize(ns3::QueueSizeUnit::PACKETS, 0xffffffffu)); }

bool FlowQueue::append(ns3::Ptr<ns3::QueueDiscItem> item, Position& at) {
  Iterator it;
  if (!DoEnqueue(GetContainer().end(), item, it))
    return false;
  at = it;
  return true;
}

ns3::Ptr<ns3::QueueDiscItem> FlowQueue::take(Position at) { return DoDequeue(at); }

bool FlowQueue::Enqueue(ns3::Ptr<ns3::QueueDiscItem> item) { return DoEnqueue(GetContainer().end(), item); }
ns3::Ptr<ns3::QueueDiscItem> FlowQueue::Dequeue() { return DoDequeue(GetContainer().begin()); }
ns3::Ptr<ns3::QueueDiscItem> FlowQueue::Remove() { return DoRemove(GetContainer().begin()); }
ns3::Ptr<const ns3::QueueDiscItem> FlowQueue::Peek() const { return DoPeek(GetContainer().begin()); }

// --- the flow hash -------------------------------------------------------------------

std::uint32_t flowHash(const ns3::QueueDiscItem& item, std::uint32_t perturbation) {
  const auto* ip = dynamic_cast<const ns3::Ipv4QueueDiscItem*>(&item);
  if (!ip)
    return item.Hash(perturbation);
  const ns3::Ipv4Header& h = ip->GetHeader();
  const std::uint8_t protocol = h.GetProtocol();
  std::uint8_t buf[17] = {};
  h.GetSource().Serialize(buf);
  h.GetDestination().Serialize(buf + 4);
  buf[8] = protocol;
  if ((protocol == 6 || protocol == 17) && h.GetFragmentOffset() == 0) {
    // ns-3 reads the ports of a header it deserializes in full: a short packet is its case.
    if (ip->GetPacket()->GetSize() < (protocol == 6 ? 20u : 8u))
      return item.Hash(perturbation);
    ip->GetPacket()->CopyData(buf + 9, 4);
  }
  buf[13] = static_cast<std::uint8_t>(perturbation >> 24);
  buf[14] = static_cast<std::uint8_t>(perturbation >> 16);
  buf[15] = static_cast<std::uint8_t>(perturbation >> 8);
  buf[16] = static_cast<std::uint8_t>(perturbation);
  return ns3::Hash32(reinterpret_cast<const char*>(buf), sizeof buf);
}

// --- FqCoDel ------------------------------------------------------------------------------

ns3::TypeId FqCoDel::GetTypeId() {
  static ns3::TypeId tid =
      model::newTypeId<FqCoDel, ns3::QueueDisc>("sim::FqCoDel", "TrafficControl")
          .AddAttribute("UseEcn", "True to use ECN (packets are marked instead of being dropped)",
                        ns3::BooleanValue(true), ns3::MakeBooleanAccessor(&FqCoDel::useEcn_), ns3::MakeBooleanChecker())
          .AddAttribute("Interval", "The CoDel algorithm interval for each flow", ns3::StringValue("100ms"),
                        ns3::MakeTimeAccessor(&FqCoDel::interval_), ns3::MakeTimeChecker())
          .AddAttribute("Target", "The CoDel algorithm target queue delay for each flow", ns3::StringValue("5ms"),
                        ns3::MakeTimeAccessor(&FqCoDel::target_), ns3::MakeTimeChecker())
          .AddAttribute("MaxSize", "The maximum number of packets accepted by this queue disc",
                        ns3::QueueSizeValue(ns3::QueueSize("10240p")),
                        ns3::MakeQueueSizeAccessor(&ns3::QueueDisc::SetMaxSize, &ns3::QueueDisc::GetMaxSize),
                        ns3::MakeQueueSizeChecker())
          .AddAttribute("Flows", "The number of queues into which the incoming packets are classified",
                        ns3::UintegerValue(1024), ns3::MakeUintegerAccessor(&FqCoDel::flows_),
                        ns3::MakeUintegerChecker<std::uint32_t>())
          .AddAttribute("DropBatchSize", "The maximum number of packets dropped from the fat flow",
                        ns3::UintegerValue(64), ns3::MakeUintegerAccessor(&FqCoDel::dropBatch_),
                        ns3::MakeUintegerChecker<std::uint32_t>())
          .AddAttribute("Perturbation", "The salt of the hash that classifies packets", ns3::UintegerValue(0),
                        ns3::MakeUintegerAccessor(&FqCoDel::perturbation_), ns3::MakeUintegerChecker<std::uint32_t>());
  return tid;
}

FqCoDel::FqCoDel() : ns3::QueueDisc(ns3::QueueDiscSizePolicy::MULTIPLE_QUEUES, ns3::QueueSizeUnit::PACKETS) {}

bool FqCoDel::CheckConfig() {
  if (GetNQueueDiscClasses() > 0 || GetNInternalQueues() > 0 || GetNPacketFilters() > 0)
    return false;
  // The quantum is the device's MTU, as ns-3 sets it when none is given.
  ns3::Ptr<ns3::NetDeviceQueueInterface> ndqi = GetNetDeviceQueueInterface();
  ns3::Ptr<ns3::NetDevice> dev;
  if (!quantum_ && ndqi && (dev = ndqi->GetObject<ns3::NetDevice>()))
    quantum_ = dev->GetMtu();
  if (!quantum_)
    return false;
  queue_ = ns3::CreateObject<FlowQueue>();
  AddInternalQueue(queue_);
  return true;
}

void FqCoDel::InitializeParams() {
  intervalCoDel_ = toCoDel(interval_);
  targetCoDel_ = toCoDel(target_);
}

ns3::Ptr<ns3::QueueDiscItem> FqCoDel::takeFront(Flow& f) {
  if (passing_ && &f == &flowsMade_[passingFlow_]) { // its enqueue and take leave f.bytes as it is
    ns3::Ptr<ns3::QueueDiscItem> item = passing_;
    passing_ = nullptr;
    return item;
  }
  if (f.items.empty())
    return nullptr;
  ns3::Ptr<ns3::QueueDiscItem> item = queue_->take(f.items.front());
  f.items.pop_front();
  f.bytes -= item->GetSize();
  return item;
}

bool FqCoDel::passes() const {
  return GetNPackets() == 0 && targetCoDel_ > 0 && GetMaxSize().GetUnit() == ns3::QueueSizeUnit::PACKETS &&
         GetMaxSize().GetValue() >= 1;
}

// What QueueDisc::Enqueue and the first dequeue of QueueDisc::Run do to a packet arriving at an
// empty queue disc: DoEnqueue activates its flow (no limit is reached by one packet), DoDequeue
// walks the flow lists to it, CoDel lets it go (sojourn 0, below the target) and the flow pays
// its size; then Run stops, the queue disc being empty.
ns3::Ptr<ns3::QueueDiscItem> FqCoDel::passThrough(ns3::Ptr<ns3::QueueDiscItem> item) {
  passingFlow_ = activate(*item);
  item->SetTimeStamp(ns3::Simulator::Now());
  passing_ = item;
  ns3::Ptr<ns3::QueueDiscItem> out = DoDequeue();
  NS_ABORT_MSG_IF(out != item || passing_, "sim::FqCoDel::passThrough: the packet did not pass");
  return out;
}

std::uint32_t FqCoDel::activate(const ns3::QueueDiscItem& item) {
  std::uint32_t h = flowHash(item, perturbation_) % flows_;
  std::uint32_t index;
  if (const std::uint32_t* found = byHash_.find(h)) {
    index = *found;
  } else {
    index = static_cast<std::uint32_t>(flowsMade_.size());
    flowsMade_.emplace_back();
    flowsMade_.back().recInvSqrt = kRecInvSqrtStart;
    byHash_[h] = index;
  }
  Flow& f = flowsMade_[index];
  if (f.status == Status::Inactive) {
    f.status = Status::New;
    f.deficit = static_cast<std::int32_t>(quantum_);
    newFlows_.push_back(index);
  }
  return index;
}

bool FqCoDel::DoEnqueue(ns3::Ptr<ns3::QueueDiscItem> item) {
  Flow& f = flowsMade_[activate(*item)];
  // The flow's own CoDel queue holds as many packets as the whole queue disc.
  if (f.items.size() + 1 > GetMaxSize().GetValue()) {
    DropBeforeEnqueue(item, kFlowOverlimitDrop);
  } else {
    FlowQueue::Position at;
    if (queue_->append(item, at)) {
      f.items.push_back(at);
      f.bytes += item->GetSize();
    }
  }
  if (GetCurrentSize() > GetMaxSize())
    fatFlowDrop();
  return true; // as ns-3's: also when the flow's queue dropped it
}

// The flow with the most bytes (the first of them, in the order the flows were made) loses
// packets from its head until half its backlog is gone, at most dropBatch_ of them.
void FqCoDel::fatFlowDrop() {
  std::uint32_t maxBacklog = 0, index = 0;
  for (std::uint32_t i = 0; i < flowsMade_.size(); ++i)
    if (flowsMade_[i].bytes > maxBacklog) {
      maxBacklog = flowsMade_[i].bytes;
      index = i;
    }
  Flow& f = flowsMade_[index];
  std::uint32_t len = 0, count = 0, threshold = maxBacklog >> 1;
  do {
    ns3::Ptr<ns3::QueueDiscItem> item = takeFront(f);
    DropAfterDequeue(item, kOverlimitDrop);
    len += item->GetSize();
  } while (++count < dropBatch_ && len < threshold);
}

ns3::Ptr<ns3::QueueDiscItem> FqCoDel::DoDequeue() {
  std::uint32_t index = 0;
  ns3::Ptr<ns3::QueueDiscItem> item;
  do {
    bool found = false;
    while (!found && !newFlows_.empty()) {
      index = newFlows_.front();
      Flow& f = flowsMade_[index];
      if (f.deficit <= 0) {
        f.deficit += static_cast<std::int32_t>(quantum_);
        f.status = Status::Old;
        oldFlows_.push_back(index);
        newFlows_.pop_front();
      } else {
        found = true;
      }
    }
    while (!found && !oldFlows_.empty()) {
      index = oldFlows_.front();
      Flow& f = flowsMade_[index];
      if (f.deficit <= 0) {
        f.deficit += static_cast<std::int32_t>(quantum_);
        oldFlows_.push_back(index);
        oldFlows_.pop_front();
      } else {
        found = true;
      }
    }
    if (!found)
      return nullptr;
    Flow& f = flowsMade_[index];
    item = codelDequeue(f);
    if (!item) {
      if (!newFlows_.empty()) {
        f.status = Status::Old;
        oldFlows_.push_back(index);
        newFlows_.pop_front();
      } else {
        f.status = Status::Inactive;
        oldFlows_.pop_front();
      }
    }
  } while (!item);
  flowsMade_[index].deficit -= static_cast<std::int32_t>(item->GetSize());
  return item;
}

bool FqCoDel::okToDrop(Flow& f, const ns3::Ptr<ns3::QueueDiscItem>& item, std::uint32_t now) {
  if (!item) {
    f.firstAboveTime = 0;
    return false;
  }
  std::uint32_t sojourn = toCoDel(ns3::Simulator::Now() - item->GetTimeStamp());
  if (before(sojourn, targetCoDel_) || f.bytes < minBytes_) {
    f.firstAboveTime = 0;
    return false;
  }
  bool ok = false;
  if (f.firstAboveTime == 0)
    f.firstAboveTime = now + intervalCoDel_;
  else if (after(now, f.firstAboveTime))
    ok = true;
  return ok;
}

ns3::Ptr<ns3::QueueDiscItem> FqCoDel::codelDequeue(Flow& f) {
  ns3::Ptr<ns3::QueueDiscItem> item = takeFront(f);
  if (!item) {
    f.dropping = false;
    return nullptr;
  }
  std::uint32_t now = coDelNow();
  bool ok = okToDrop(f, item, now);
  if (f.dropping) {
    if (!ok) {
      f.dropping = false;
    } else if (afterEq(now, f.dropNext)) {
      while (f.dropping && afterEq(now, f.dropNext)) {
        ++f.count;
        f.recInvSqrt = newtonStep(f.recInvSqrt, f.count);
        if (useEcn_ && Mark(item, kTargetExceededMark)) {
          f.dropNext = controlLaw(now, intervalCoDel_, f.recInvSqrt);
          return item;
        }
        DropAfterDequeue(item, kTargetExceededDrop);
        item = takeFront(f);
        if (!okToDrop(f, item, now))
          f.dropping = false;
        else
          f.dropNext = controlLaw(f.dropNext, intervalCoDel_, f.recInvSqrt);
      }
    }
  } else if (ok) {
    if (!(useEcn_ && Mark(item, kTargetExceededMark))) {
      DropAfterDequeue(item, kTargetExceededDrop);
      item = takeFront(f);
      okToDrop(f, item, now);
    }
    f.dropping = true;
    // Back into dropping soon after leaving it: resume near the rate that controlled the
    // queue last time.
    int delta = static_cast<int>(f.count - f.lastCount);
    if (delta > 1 && before(now - f.dropNext, 16 * intervalCoDel_)) {
      f.count = static_cast<std::uint32_t>(delta);
      f.recInvSqrt = newtonStep(f.recInvSqrt, f.count);
    } else {
      f.count = 1;
      f.recInvSqrt = kRecInvSqrtStart;
    }
    f.lastCount = f.count;
    f.dropNext = controlLaw(now, intervalCoDel_, f.recInvSqrt);
  }
  return item;
}

void installFqCoDel(const ns3::Ptr<ns3::NetDevice>& device, std::size_t txQueues) {
  if (txQueues != 1) {
    ns3::TrafficControlHelper::Default(txQueues).Install(device);
    return;
  }
  ns3::TrafficControlHelper helper;
  helper.SetRootQueueDisc("sim::FqCoDel");
  helper.Install(device);
}

} // namespace sim
