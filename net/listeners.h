// Listener lists behind Socket::on / Server::on. Internal to net.h, not part of the API.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace net::detail {

template <class Sig> class Listeners;

template <class... A> class Listeners<void(A...)> {
public:
  using Fn = std::function<void(A...)>;

  void add(Fn fn, bool once) {
    if (fn)
      entries_.push_back(Entry{std::make_shared<Fn>(std::move(fn)), once});
  }
  bool empty() const { return countLive() == 0; }
  void clear() {
    for (auto& e : entries_)
      e.fn = nullptr;
    if (depth_ == 0)
      entries_.clear();
  }

  // Listeners added during an emission run from the next emission on (as in Node).
  void emit(A... args) {
    const std::size_t n = entries_.size();
    ++depth_;
    for (std::size_t i = 0; i < n && i < entries_.size(); ++i) {
      Entry& e = entries_[i];
      if (!e.fn)
        continue;
      // The local reference keeps the listener (and what it captures) alive while it runs,
      // even if it clears the list (a socket abandoned by Context::reset() from inside it).
      std::shared_ptr<Fn> fn = e.fn;
      if (e.once)
        e.fn = nullptr;
      (*fn)(args...);
    }
    if (--depth_ == 0)
      compact();
  }

private:
  struct Entry {
    std::shared_ptr<Fn> fn; // null once removed
    bool once;
  };
  std::size_t countLive() const {
    std::size_t n = 0;
    for (auto& e : entries_)
      n += e.fn ? 1 : 0;
    return n;
  }
  void compact() {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [](const Entry& e) { return !e.fn; }),
                   entries_.end());
  }
  // A vector: an empty list costs nothing (thousands of sockets have eight lists each), and
  // emit() indexes it and holds the running listener itself, so growth during a call is safe.
  std::vector<Entry> entries_;
  int depth_ = 0;
};

} // namespace net::detail
