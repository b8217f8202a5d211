// The delay line's thread: the queues' netlink sockets (libmnl, the messages of
// libnetfilter-queue), a timer for the next release (ppoll), verdicts.
#include "sim/kernel/delay_line.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

extern "C" {
#include <libnetfilter_queue/libnetfilter_queue.h>
}

#include <cerrno>
#include <cstring>
#include <ctime>
#include <deque>
#include <random>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace sim::kernel {

namespace {

constexpr std::uint32_t kMaxHeld = 65536;  // packets a queue may hold in the kernel
constexpr int kReceiveBuffer = 16 << 20;   // the socket's: a burst of packets while the thread sleeps
constexpr std::size_t kBuffer = 64 * 1024; // one read (a queued packet's message is ~100 bytes)
constexpr std::size_t kBatch = 16 * 1024;  // verdicts sent at once

std::int64_t nowNs() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

struct Socket {
  explicit Socket(int ns) {
    InNamespace in(ns);
    nl = mnl_socket_open(NETLINK_NETFILTER);
    if (!nl)
      throw std::system_error(errno, std::generic_category(), "delay line: netlink socket");
    if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
      int e = errno;
      mnl_socket_close(nl);
      throw std::system_error(e, std::generic_category(), "delay line: netlink bind");
    }
    int size = kReceiveBuffer;
    if (setsockopt(fd(), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
      setsockopt(fd(), SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    int one = 1;
    mnl_socket_setsockopt(nl, NETLINK_NO_ENOBUFS, &one, sizeof one);
  }
  ~Socket() { mnl_socket_close(nl); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return mnl_socket_get_fd(nl); }

  // Sends one configuration message and waits for its acknowledgement.
  void configure(nlmsghdr* nlh, const std::string& what) {
    nlh->nlmsg_flags |= NLM_F_ACK;
    if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
      throw std::system_error(errno, std::generic_category(), "delay line: " + what);
    std::vector<char> buf(8192);
    ssize_t n = mnl_socket_recvfrom(nl, buf.data(), buf.size());
    if (n < 0 ||
        mnl_cb_run(buf.data(), static_cast<std::size_t>(n), 0, mnl_socket_get_portid(nl), nullptr, nullptr) < 0)
      throw std::runtime_error("delay line: " + what + ": " + std::strerror(errno) +
                               " (is nfnetlink_queue in this kernel?)");
  }

  mnl_socket* nl;
};

} // namespace

struct DelayLine::Queue {
  struct Held {
    std::int64_t release;
    std::uint32_t id;
  };
  std::uint16_t number = 0;
  Shape shape;
  std::unique_ptr<Socket> socket;
  std::mt19937_64 rng;
  std::uint64_t burstLeft = 0; // packets of the current loss burst still to drop
  std::int64_t last = 0;       // the release time of the packet last held
  std::deque<Held> held;
  Counts counts;

  double uniform() { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

  bool lose() {
    if (burstLeft > 0) {
      --burstLeft;
      return true;
    }
    if (shape.loss <= 0)
      return false;
    if (shape.burst <= 1)
      return uniform() < shape.loss;
    if (uniform() >= shape.loss / shape.burst)
      return false;
    // 1 .. 2 * burst - 1 packets, uniformly: a mean of `burst`.
    auto length = 1 + static_cast<std::uint64_t>(uniform() * (2 * shape.burst - 1));
    burstLeft = length - 1;
    return true;
  }

  void verdict(std::uint32_t id, int what) {
    char buf[256];
    nlmsghdr* nlh = nfq_nlmsg_put(buf, NFQNL_MSG_VERDICT, number);
    nfq_nlmsg_verdict_put(nlh, static_cast<int>(id), what);
    mnl_socket_sendto(socket->nl, nlh, nlh->nlmsg_len);
  }
};

DelayLine::DelayLine(std::uint64_t seed) : seed_(seed), wake_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!wake_)
    throw std::system_error(errno, std::generic_category(), "delay line: eventfd");
  thread_ = std::thread([this] { run(); });
}

DelayLine::~DelayLine() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  std::uint64_t one = 1;
  if (write(wake_.get(), &one, sizeof one) < 0) {
  }
  thread_.join();
}

void DelayLine::open(std::uint16_t number, int ns, const Shape& shape) {
  auto socket = std::make_unique<Socket>(ns);
  char buf[8192];
  nlmsghdr* nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, number);
  nfq_nlmsg_cfg_put_cmd(nlh, AF_INET, NFQNL_CFG_CMD_BIND);
  socket->configure(nlh, "binding NFQUEUE " + std::to_string(number));
  nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, number);
  nfq_nlmsg_cfg_put_params(nlh, NFQNL_COPY_META, 0);
  nfq_nlmsg_cfg_put_qmaxlen(nlh, kMaxHeld);
  socket->configure(nlh, "configuring NFQUEUE " + std::to_string(number));
  fcntl(socket->fd(), F_SETFL, fcntl(socket->fd(), F_GETFL) | O_NONBLOCK);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& q = queues_[number];
    if (!q) {
      q = std::make_unique<Queue>();
      q->number = number;
      q->rng.seed(seed_ * 0x9e3779b97f4a7c15ull ^ (0x51ed270b27a8f1c3ull + number));
    }
    q->shape = shape;
    q->socket = std::move(socket); // the old one's packets went with its namespace
    q->held.clear();
    q->last = 0;
    q->burstLeft = 0;
  }
  std::uint64_t one = 1;
  if (write(wake_.get(), &one, sizeof one) < 0) {
  }
}

bool DelayLine::has(std::uint16_t queue) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queues_.count(queue) > 0;
}

void DelayLine::set(std::uint16_t queue, const Shape& shape) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = queues_.find(queue);
  if (it == queues_.end())
    throw std::invalid_argument("delay line: no queue " + std::to_string(queue));
  it->second->shape = shape;
  if (shape.burst <= 1)
    it->second->burstLeft = 0;
}

DelayLine::Counts DelayLine::counts(std::uint16_t queue) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = queues_.find(queue);
  return it == queues_.end() ? Counts{} : it->second->counts;
}

// Every message waiting on the queue's socket: a packet each, dropped at once or held from
// the time it was read.
void DelayLine::drain(Queue& q) {
  std::vector<char> buf(kBuffer);
  struct Ctx {
    Queue* q;
    std::int64_t now;
  } ctx{&q, 0};
  auto onPacket = [](const nlmsghdr* nlh, void* data) -> int {
    auto* c = static_cast<Ctx*>(data);
    nlattr* attr[NFQA_MAX + 1] = {};
    if (nfq_nlmsg_parse(nlh, attr) < 0 || !attr[NFQA_PACKET_HDR])
      return MNL_CB_OK;
    auto* ph = static_cast<nfqnl_msg_packet_hdr*>(mnl_attr_get_payload(attr[NFQA_PACKET_HDR]));
    std::uint32_t id = ntohl(ph->packet_id);
    Queue& queue = *c->q;
    if (queue.lose()) {
      queue.verdict(id, NF_DROP);
      ++queue.counts.dropped;
      return MNL_CB_OK;
    }
    std::int64_t hold = queue.shape.delayNs;
    if (queue.shape.jitterNs > 0)
      hold += static_cast<std::int64_t>(queue.uniform() * static_cast<double>(queue.shape.jitterNs));
    std::int64_t release = std::max(c->now + hold, queue.last);
    queue.last = release;
    queue.held.push_back({release, id});
    return MNL_CB_OK;
  };
  for (;;) {
    ssize_t n = recv(q.socket->fd(), buf.data(), buf.size(), MSG_DONTWAIT);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;           // EAGAIN: nothing more; ENOBUFS cannot happen (NETLINK_NO_ENOBUFS)
    ctx.now = nowNs(); // after the read: never before the packet came (a thread preempted before it)
    mnl_cb_run(buf.data(), static_cast<std::size_t>(n), 0, 0, onPacket, &ctx);
  }
}

// Every held packet whose time has come is accepted, a batch of verdicts per send.
void DelayLine::release(std::int64_t now) {
  std::vector<char> buf(kBatch + 512);
  for (auto& [number, q] : queues_) {
    std::size_t used = 0;
    auto flush = [&] {
      if (used)
        mnl_socket_sendto(q->socket->nl, buf.data(), used);
      used = 0;
    };
    while (!q->held.empty() && q->held.front().release <= now) {
      nlmsghdr* nlh = nfq_nlmsg_put(buf.data() + used, NFQNL_MSG_VERDICT, number);
      nfq_nlmsg_verdict_put(nlh, static_cast<int>(q->held.front().id), NF_ACCEPT);
      used += MNL_ALIGN(nlh->nlmsg_len);
      q->held.pop_front();
      ++q->counts.accepted;
      if (used >= kBatch)
        flush();
    }
    flush();
  }
}

void DelayLine::run() {
  std::vector<pollfd> fds;
  std::vector<std::uint16_t> numbers;
  for (;;) {
    std::int64_t next = -1;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_)
        return;
      fds.assign(1, pollfd{wake_.get(), POLLIN, 0});
      numbers.assign(1, 0);
      for (auto& [number, q] : queues_) {
        fds.push_back(pollfd{q->socket->fd(), POLLIN, 0});
        numbers.push_back(number);
        if (!q->held.empty() && (next < 0 || q->held.front().release < next))
          next = q->held.front().release;
      }
    }
    timespec timeout{};
    if (next >= 0) {
      std::int64_t wait = std::max<std::int64_t>(0, next - nowNs());
      timeout.tv_sec = wait / 1'000'000'000;
      timeout.tv_nsec = wait % 1'000'000'000;
    }
    int ready = ppoll(fds.data(), fds.size(), next >= 0 ? &timeout : nullptr, nullptr);
    if (ready < 0 && errno != EINTR)
      throw std::system_error(errno, std::generic_category(), "delay line: ppoll");
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_)
      return;
    if (fds[0].revents & POLLIN) {
      std::uint64_t count = 0;
      if (read(wake_.get(), &count, sizeof count) < 0) {
      }
    }
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (!(fds[i].revents & POLLIN))
        continue;
      auto it = queues_.find(numbers[i]);
      if (it != queues_.end() && it->second->socket->fd() == fds[i].fd)
        drain(*it->second);
    }
    release(nowNs());
  }
}

} // namespace sim::kernel
