// The queues behind a socket and a context, and the worlds' own per-socket and per-device
// queues (sim/). Not part of the API.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace net::detail {

// A first-in first-out queue that allocates nothing while it has never held anything:
// std::deque allocates its map and a first block (576 bytes in libstdc++) when it is
// constructed, and every socket has three queues (writes, unsent data, read buffer) that
// most sockets of a large run barely use (and a simulated device's queue disc four more). A vector and the index of its
// front: pop_front() moves the live elements down once the front has passed half the vector, so each element is moved
// O(1) times on average.
template <class T> class Fifo {
public:
  Fifo() = default;
  Fifo(Fifo&& o) noexcept : items_(std::move(o.items_)), head_(o.head_) { o.clear(); }
  Fifo& operator=(Fifo&& o) noexcept {
    items_ = std::move(o.items_);
    head_ = o.head_;
    o.clear();
    return *this;
  }
  Fifo(const Fifo&) = delete;
  Fifo& operator=(const Fifo&) = delete;

  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  T& front() { return items_[head_]; }
  template <class... A> void emplace_back(A&&... args) { items_.emplace_back(std::forward<A>(args)...); }
  void push_back(T value) { items_.push_back(std::move(value)); }
  // Removes the front element; it is destroyed once the queue is consistent again, so that
  // its destructor may use the queue.
  void pop_front() {
    [[maybe_unused]] T gone = std::move(items_[head_]);
    ++head_;
    if (head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    } else if (head_ >= 16 && head_ * 2 >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  void clear() {
    items_.clear();
    head_ = 0;
  }
  // The elements, front first.
  auto begin() { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  auto end() { return items_.end(); }

private:
  std::vector<T> items_;
  std::size_t head_ = 0; // items_[0, head_) are moved-from, waiting to be dropped
};

} // namespace net::detail
