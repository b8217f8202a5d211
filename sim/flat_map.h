// A hash map of integer keys in one array (open addressing, linear probing, at most half
// full), for lookups made for every packet at every hop: std::unordered_map reaches a value
// through its bucket array and then a node allocated on its own, two cache misses in a world
// of 100,000 devices, where this is usually one. Insertion and lookup only (no erase), and no
// iteration, so its order can never reach an output. Internal to sim/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace sim {

template <class K, class V> class FlatMap {
  static_assert(std::is_unsigned_v<K>, "sim::FlatMap: unsigned integer keys");

public:
  const V* find(K key) const {
    if (slots_.empty())
      return nullptr;
    for (std::size_t i = home(key);; i = (i + 1) & mask()) {
      const Slot& s = slots_[i];
      if (!s.used)
        return nullptr;
      if (s.key == key)
        return &s.value;
    }
  }
  V* find(K key) { return const_cast<V*>(std::as_const(*this).find(key)); }
  bool contains(K key) const { return find(key) != nullptr; }

  // The value of `key`, made by V's default constructor if it was not there.
  V& operator[](K key) {
    if ((size_ + 1) * 2 > slots_.size())
      grow();
    std::size_t i = home(key);
    for (; slots_[i].used; i = (i + 1) & mask())
      if (slots_[i].key == key)
        return slots_[i].value;
    ++size_;
    slots_[i].used = true;
    slots_[i].key = key;
    return slots_[i].value;
  }

  std::size_t size() const { return size_; }
  void clear() {
    slots_.clear();
    size_ = 0;
  }

private:
  struct Slot {
    K key{};
    bool used = false;
    V value{};
  };

  std::size_t mask() const { return slots_.size() - 1; }
  // Fibonacci hashing: addresses and node ids are dense runs of integers, which the high bits
  // of the product spread over the table.
  std::size_t home(K key) const {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    std::size_t capacity = old.empty() ? 8 : old.size() * 2;
    slots_ = std::vector<Slot>(capacity);
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1)
      --shift_;
    size_ = 0;
    for (Slot& s : old)
      if (s.used)
        (*this)[s.key] = std::move(s.value);
  }

  std::vector<Slot> slots_; // a power of two in size
  std::size_t size_ = 0;
  unsigned shift_ = 64; // 64 - log2(capacity)
};

} // namespace sim
