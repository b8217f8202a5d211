// A hash map in one array (open addressing, linear probing, at most half full), for lookups
// made for every packet at every hop: std::unordered_map reaches a value through its bucket
// array and then a node allocated on its own, two cache misses in a world of 100,000
// devices, where this is usually one. No iteration, so its order can never reach an output.
// Keys: unsigned integers, or any type with == and a Hash giving 64 bits. Internal to sim/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace sim {

template <class K> struct IntegerHash {
  static_assert(std::is_unsigned_v<K>, "sim::FlatMap: unsigned integer keys, or a Hash of the key");
  std::uint64_t operator()(K key) const { return static_cast<std::uint64_t>(key); }
};

template <class K, class V, class Hash = IntegerHash<K>> class FlatMap {
public:
  // Pointers into the map hold until the next insertion or erasure.
  const V* find(const K& key) const {
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
  V* find(const K& key) { return const_cast<V*>(std::as_const(*this).find(key)); }
  bool contains(const K& key) const { return find(key) != nullptr; }

  // The value of `key`, made by V's default constructor if it was not there.
  V& operator[](const K& key) {
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

  // Removes `key` (false if it was not there): the entries after it in its run move back
  // into the hole where their home slot allows, so that no lookup needs a tombstone.
  bool erase(const K& key) {
    if (slots_.empty())
      return false;
    std::size_t hole = home(key);
    for (;; hole = (hole + 1) & mask()) {
      if (!slots_[hole].used)
        return false;
      if (slots_[hole].key == key)
        break;
    }
    for (std::size_t j = (hole + 1) & mask(); slots_[j].used; j = (j + 1) & mask()) {
      std::size_t h = home(slots_[j].key);
      bool staysAfterHole = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j);
      if (!staysAfterHole) {
        slots_[hole].key = slots_[j].key;
        slots_[hole].value = std::move(slots_[j].value);
        hole = j;
      }
    }
    slots_[hole] = Slot{};
    --size_;
    return true;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
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
  std::size_t home(const K& key) const {
    return static_cast<std::size_t>((Hash{}(key)*0x9E3779B97F4A7C15ull) >> shift_);
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    std::size_t capacity = old.empty() ? 2 : old.size() * 2; // most devices' queue discs see one flow
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
