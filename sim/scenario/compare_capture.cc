// Packet sockets in a kernel-backend run's namespaces (compare_capture.h).
#include "sim/scenario/compare_capture.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/nsfs.h>
#include <poll.h>
#include <sched.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "ns3/pcap-file.h"
#include "sim/kernel/netns.h"

namespace sim::scenario {

namespace {

constexpr const char* kRunDir = "/run/netns";
constexpr std::uint32_t kSnapLen = 65535;

// A classic pcap file (microseconds, Ethernet), written by ns-3's PcapFile as sim::World's are.
struct PcapOut {
  std::unique_ptr<ns3::PcapFile> f;
  void open(const std::string& path) {
    f = std::make_unique<ns3::PcapFile>();
    f->Open(path, std::ios::out | std::ios::binary);
    if (f->Fail())
      throw std::system_error(errno, std::generic_category(), path);
    f->Init(1, kSnapLen); // DLT_EN10MB
  }
  // A frame longer than the snapshot (a GSO burst) is kept cut, its length then the part kept.
  void record(const timespec& t, const unsigned char* data, std::uint32_t caught) {
    f->Write(static_cast<std::uint32_t>(t.tv_sec), static_cast<std::uint32_t>(t.tv_nsec / 1000), data, caught);
  }
  void close() {
    if (f)
      f->Close();
    f.reset();
  }
};

bool isNetNamespace(int fd) { return ioctl(fd, NS_GET_NSTYPE) == CLONE_NEWNET; }

} // namespace

struct KernelCapture::State {
  std::vector<std::string> nodes;
  std::string outDir, prefix; // "netbed-ID-"
  std::vector<PcapOut> files;
  struct Socket {
    int fd;
    std::size_t node;
  };
  std::vector<Socket> sockets;
  int inotify = -1, stop[2] = {-1, -1};
  std::thread thread;
  bool started = false;

  // A packet socket in /run/netns/PREFIXNODE, waiting up to `waitMs` for the name to be a
  // namespace (a reboot binds it just after making the file); false when it is none.
  bool open(std::size_t node, int waitMs) {
    std::string path = std::string(kRunDir) + "/" + prefix + nodes[node];
    for (int tried = 0;; ++tried) {
      kernel::Fd ns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
      if (ns && isNetNamespace(ns.get())) {
        kernel::InNamespace in(ns.get());
        int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL));
        if (fd < 0)
          throw std::system_error(errno, std::generic_category(), "packet socket in " + path);
        int on = 1, buffer = 8 << 20;
        setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
        setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof buffer);
        sockets.push_back({fd, node});
        return true;
      }
      if (tried >= waitMs)
        return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  void drain(const Socket& s) {
    static unsigned char frame[kSnapLen];
    for (;;) {
      sockaddr_ll from{};
      iovec iov{frame, sizeof frame};
      alignas(cmsghdr) unsigned char control[CMSG_SPACE(sizeof(timespec))];
      msghdr m{};
      m.msg_name = &from;
      m.msg_namelen = sizeof from;
      m.msg_iov = &iov;
      m.msg_iovlen = 1;
      m.msg_control = control;
      m.msg_controllen = sizeof control;
      ssize_t n = recvmsg(s.fd, &m, MSG_TRUNC | MSG_DONTWAIT);
      if (n < 0)
        return;
      if (from.sll_hatype == ARPHRD_LOOPBACK)
        continue;
      timespec t{};
      for (cmsghdr* c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS)
          std::memcpy(&t, CMSG_DATA(c), sizeof t);
      if (t.tv_sec == 0)
        clock_gettime(CLOCK_REALTIME, &t);
      auto length = static_cast<std::uint32_t>(n);
      files[s.node].record(t, frame, std::min(length, kSnapLen));
    }
  }

  // A name made again under /run/netns: a rebooted node's fresh namespace.
  void renamed() {
    alignas(inotify_event) char buf[4096];
    ssize_t n = read(inotify, buf, sizeof buf);
    for (ssize_t at = 0; at < n;) {
      auto* e = reinterpret_cast<inotify_event*>(buf + at);
      std::string name = e->len ? e->name : "";
      for (std::size_t node = 0; node < nodes.size(); ++node)
        if (name == prefix + nodes[node])
          open(node, 500);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
    }
  }

  void loop() {
    for (;;) {
      std::vector<pollfd> fds = {{stop[0], POLLIN, 0}, {inotify, POLLIN, 0}};
      for (const auto& s : sockets)
        fds.push_back({s.fd, POLLIN, 0});
      if (poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR)
        return;
      std::size_t count = sockets.size();
      for (std::size_t i = 0; i < count; ++i)
        if (fds[i + 2].revents & POLLIN)
          drain(sockets[i]);
      if (fds[1].revents & POLLIN)
        renamed();
      if (fds[0].revents & POLLIN)
        return;
    }
  }
};

KernelCapture::KernelCapture(std::vector<std::string> nodes, std::string outDir) : s_(std::make_unique<State>()) {
  s_->nodes = std::move(nodes);
  s_->outDir = std::move(outDir);
}

KernelCapture::~KernelCapture() { finish(); }

bool KernelCapture::start(const std::string& prefix, std::string& why) {
  if (s_->started)
    return true;
  if (prefix.empty()) {
    why = "the run's namespaces are unnamed: no packet capture";
    return false;
  }
  s_->prefix = prefix;
  std::filesystem::create_directories(s_->outDir + "/pcap");
  s_->files.resize(s_->nodes.size());
  for (std::size_t i = 0; i < s_->nodes.size(); ++i)
    s_->files[i].open(s_->outDir + "/pcap/" + s_->nodes[i] + "-0.pcap");
  s_->inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (s_->inotify < 0 || inotify_add_watch(s_->inotify, kRunDir, IN_CREATE | IN_MOVED_TO) < 0 || pipe(s_->stop) != 0)
    throw std::system_error(errno, std::generic_category(), "netbed compare: watching /run/netns");
  for (std::size_t i = 0; i < s_->nodes.size(); ++i)
    if (!s_->open(i, 0)) {
      why = "cannot enter " + std::string(kRunDir) + "/" + s_->prefix + s_->nodes[i] + ": no packet capture";
      for (auto& f : s_->files)
        f.close();
      s_->files.clear();
      std::filesystem::remove_all(s_->outDir + "/pcap");
      return false;
    }
  s_->started = true;
  s_->thread = std::thread([this] { s_->loop(); });
  return true;
}

std::vector<std::string> KernelCapture::finish() {
  std::vector<std::string> written;
  if (s_->thread.joinable()) {
    char x = 0;
    if (write(s_->stop[1], &x, 1) != 1)
      std::perror("netbed compare: stopping the capture");
    s_->thread.join();
    for (const auto& s : s_->sockets)
      s_->drain(s);
  }
  for (const auto& s : s_->sockets)
    close(s.fd);
  s_->sockets.clear();
  for (int fd : {s_->inotify, s_->stop[0], s_->stop[1]})
    if (fd >= 0)
      close(fd);
  s_->inotify = s_->stop[0] = s_->stop[1] = -1;
  for (std::size_t i = 0; i < s_->files.size(); ++i)
    if (s_->files[i].f) {
      s_->files[i].close();
      written.push_back("pcap/" + s_->nodes[i] + "-0.pcap");
    }
  std::sort(written.begin(), written.end());
  return written;
}

} // namespace sim::scenario
