// Namespaces through unshare(2), setns(2) and bind mounts, as iproute2's `ip netns` does.
#include "sim/kernel/netns.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace sim::kernel {

namespace {

constexpr const char* kRunDir = "/run/netns";

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

// /run/netns as iproute2 makes it: a shared mount, so that a namespace bound there is seen
// from every mount namespace (`ip netns exec` makes one of its own).
void prepareRunDir() {
  mkdir(kRunDir, 0755);
  if (mount("", kRunDir, "none", MS_SHARED | MS_REC, nullptr) == 0)
    return;
  if (errno != EINVAL || mount(kRunDir, kRunDir, "none", MS_BIND | MS_REC, nullptr) != 0 ||
      mount("", kRunDir, "none", MS_SHARED | MS_REC, nullptr) != 0)
    fail(std::string("make ") + kRunDir + " a shared mount");
}

} // namespace

Fd currentNamespace() {
  Fd fd(open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
  if (!fd)
    fail("open /proc/thread-self/ns/net");
  return fd;
}

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    reset();
    fd_ = o.release();
  }
  return *this;
}

void Fd::reset() {
  if (fd_ >= 0)
    close(fd_);
  fd_ = -1;
}

InNamespace::InNamespace(int ns) : home_(currentNamespace()) {
  if (setns(ns, CLONE_NEWNET) != 0)
    fail("setns");
}

InNamespace::~InNamespace() {
  // Going home cannot fail while the home namespace is held open.
  (void)setns(home_.get(), CLONE_NEWNET);
}

Fd newNamespace(const std::string& name) {
  Fd home = currentNamespace();
  if (!name.empty())
    prepareRunDir();
  if (unshare(CLONE_NEWNET) != 0)
    fail("unshare(CLONE_NEWNET)");
  Fd ns = currentNamespace();
  int err = 0;
  std::string what;
  if (!name.empty()) {
    std::string path = std::string(kRunDir) + "/" + name;
    int f = open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
    if (f < 0) {
      err = errno;
      what = "create " + path;
    } else {
      close(f);
      if (mount("/proc/thread-self/ns/net", path.c_str(), "none", MS_BIND, nullptr) != 0) {
        err = errno;
        what = "bind " + path;
        unlink(path.c_str());
      }
    }
  }
  if (setns(home.get(), CLONE_NEWNET) != 0)
    fail("setns back home");
  if (err)
    throw std::system_error(err, std::generic_category(), what);
  return ns;
}

bool removeNamedNamespace(const std::string& name) {
  std::string path = std::string(kRunDir) + "/" + name;
  umount2(path.c_str(), MNT_DETACH);
  return unlink(path.c_str()) == 0;
}

std::vector<std::string> namedNamespaces(const std::string& prefix) {
  std::vector<std::string> names;
  if (DIR* d = opendir(kRunDir)) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.compare(0, prefix.size(), prefix) == 0 && n != "." && n != "..")
        names.push_back(n);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::uint64_t socketCookie(int fd) {
  std::uint64_t cookie = 0;
  socklen_t len = sizeof cookie;
#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71 // Linux 5.14; glibc 2.36's headers lack it
#endif
  if (getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, &cookie, &len) != 0)
    return 0;
  return cookie;
}

std::uint64_t namespaceCookie(int ns) {
  InNamespace in(ns);
  Fd s(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!s)
    fail("socket");
  return socketCookie(s.get());
}

bool writeSysctl(const std::string& key, const std::string& value) {
  std::string path = "/proc/sys/" + key;
  Fd f(open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!f)
    return false;
  return write(f.get(), value.data(), value.size()) == static_cast<ssize_t>(value.size());
}

} // namespace sim::kernel
