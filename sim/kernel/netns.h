// Network namespaces: made, named (bind-mounted under /run/netns as `ip netns add` does, so
// `ip netns exec NAME ...` reaches a node while a run is on), entered for a while by the
// calling thread, and removed. A socket belongs to the namespace its thread was in when it
// was created: InNamespace around the socket's creation puts it in a node.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sim::kernel {

// A file descriptor, closed once.
class Fd {
public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset();

private:
  int fd_ = -1;
};

// The calling thread is in namespace `ns` for the guard's life, then back where it was.
// Throws std::system_error when the namespace cannot be entered.
class InNamespace {
public:
  explicit InNamespace(int ns);
  ~InNamespace();
  InNamespace(const InNamespace&) = delete;
  InNamespace& operator=(const InNamespace&) = delete;

private:
  Fd home_;
};

// The namespace the calling thread is in.
Fd currentNamespace();
// A new, empty network namespace (only a loopback, down). With a name, it is also
// /run/netns/NAME. Throws std::system_error.
Fd newNamespace(const std::string& name = "");
// Removes /run/netns/NAME (the namespace itself ends with its last user); false when absent.
bool removeNamedNamespace(const std::string& name);
// The names under /run/netns that start with `prefix`, sorted.
std::vector<std::string> namedNamespaces(const std::string& prefix);
// The namespace's cookie (SO_NETNS_COOKIE): the same for every socket made in it.
std::uint64_t namespaceCookie(int ns);
// The cookie of the namespace a socket was made in; 0 when `fd` is no socket.
std::uint64_t socketCookie(int fd);
// Writes a sysctl (a path under /proc/sys/, "net/ipv4/ip_forward") of the namespace the
// calling thread is in; false when the kernel has no such setting or refuses the value.
bool writeSysctl(const std::string& key, const std::string& value);

} // namespace sim::kernel
