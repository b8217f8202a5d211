// Run ids, their locks, and the removal of what dead runs left.
#include "sim/kernel/run_claim.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>
#include <set>

namespace sim::kernel {

namespace {

constexpr const char* kLockDir = "/run/netbed";

std::string lockPath(const std::string& id) { return std::string(kLockDir) + "/" + id + ".lock"; }

bool isId(const std::string& s) {
  if (s.size() != 6)
    return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  return true;
}

// The id in "netbed-ID-NODE" or "netbed-ID~segments"; empty for any other name.
std::string idOf(const std::string& ns) {
  std::string prefix = kNamespacePrefix;
  if (ns.compare(0, prefix.size(), prefix) != 0 || ns.size() < prefix.size() + 7)
    return "";
  std::string id = ns.substr(prefix.size(), 6);
  char after = ns[prefix.size() + 6];
  return isId(id) && (after == '-' || after == '~') ? id : "";
}

// True when no live run holds the lock of `id` (the lock file is then removed).
bool dead(const std::string& id) {
  std::string path = lockPath(id);
  Fd f(open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (!f)
    return true; // no lock at all: a run without one never names its namespaces
  if (flock(f.get(), LOCK_EX | LOCK_NB) != 0)
    return false;
  unlink(path.c_str());
  return true;
}

} // namespace

RunClaim::RunClaim() {
  std::random_device rd;
  mkdir(kLockDir, 0755);
  for (int attempt = 0; attempt < 100; ++attempt) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06x", static_cast<unsigned>(rd()) & 0xffffffu);
    id_ = buf;
    if (!namedNamespaces(kNamespacePrefix + id_).empty())
      continue; // left by a dead run not yet cleaned up: not ours
    Fd f(open(lockPath(id_).c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!f) {
      if (errno == EEXIST)
        continue;
      return; // no writable /run/netbed: unnamed namespaces
    }
    if (flock(f.get(), LOCK_EX | LOCK_NB) == 0) {
      lock_ = std::move(f);
      return;
    }
  }
}

RunClaim::~RunClaim() {
  if (lock_)
    unlink(lockPath(id_).c_str());
}

Cleanup cleanupDeadRuns() {
  Cleanup c;
  std::set<std::string> ids;
  for (const auto& ns : namedNamespaces(kNamespacePrefix))
    if (std::string id = idOf(ns); !id.empty())
      ids.insert(id);
  if (DIR* d = opendir(kLockDir)) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() == 11 && n.compare(6, 5, ".lock") == 0 && isId(n.substr(0, 6)))
        ids.insert(n.substr(0, 6));
    }
    closedir(d);
  }
  for (const auto& id : ids) {
    if (!dead(id))
      continue;
    c.runs.push_back(id);
    for (const auto& ns : namedNamespaces(kNamespacePrefix + id))
      if (idOf(ns) == id && removeNamedNamespace(ns))
        c.namespaces.push_back(ns);
  }
  return c;
}

} // namespace sim::kernel
