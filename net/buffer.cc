#include <algorithm>

#include "net/net.h"

namespace net {

Buffer Buffer::alloc(std::size_t size, std::uint8_t fill) { return Buffer(std::vector<std::uint8_t>(size, fill)); }

Buffer Buffer::concat(const std::vector<Buffer>& parts) {
  Buffer out;
  std::size_t total = 0;
  for (const auto& p : parts)
    total += p.size();
  out.bytes_.reserve(total);
  for (const auto& p : parts)
    out.append(p);
  return out;
}

Buffer Buffer::slice(std::size_t begin, std::size_t end) const {
  end = std::min(end, bytes_.size());
  begin = std::min(begin, end);
  return Buffer(bytes_.data() + begin, end - begin);
}

void Buffer::append(const void* data, std::size_t size) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  bytes_.insert(bytes_.end(), p, p + size);
}

} // namespace net
