#include "sim/trace.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace sim {

namespace {

void appendQuoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

void appendNumber(std::string& out, std::uint64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

void appendNumber(std::string& out, std::int64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

void appendEndpoint(std::string& out, const net::Address& a) {
  out += '"';
  out += a.address; // an address literal: nothing to escape
  out += ':';
  appendNumber(out, static_cast<std::uint64_t>(a.port));
  out += '"';
}

} // namespace

void Trace::open(const std::string& path) {
  file_ = std::make_unique<std::ofstream>(path, std::ios::binary);
  if (!*file_)
    throw std::runtime_error("cannot write the trace to " + path);
}

void Trace::record(const std::string& node, const net::EventRecord& r) {
  // One buffer for every line: an event costs no allocation once it has grown.
  std::string& line = line_;
  line.assign("{\"t\":");
  appendNumber(line, static_cast<std::int64_t>(r.t.count()));
  line += ",\"node\":";
  appendQuoted(line, node);
  line += ",\"obj\":";
  appendNumber(line, r.obj);
  line += ",\"kind\":\"";
  line += r.kind;
  line += "\",\"ev\":\"";
  line += r.ev;
  line += '"';
  if (r.ev == "data") {
    line += ",\"bytes\":";
    appendNumber(line, static_cast<std::uint64_t>(r.bytes));
  }
  if (r.error) {
    line += ",\"code\":\"";
    line += r.error->code();
    line += "\",\"message\":";
    appendQuoted(line, r.error->message);
  }
  if (r.socket) {
    line += ",\"socket\":";
    appendNumber(line, r.socket);
  }
  if (r.peer) {
    line += ",\"peer\":";
    appendEndpoint(line, *r.peer);
  }
  if (r.local) {
    line += ",\"local\":";
    appendEndpoint(line, *r.local);
  }
  line += '}';
  emit(line);
  if (keep_)
    events_.push_back(Event{r.t, node, r.obj, std::string(r.ev), r.bytes,
                            r.error ? std::string(r.error->code()) : std::string(), std::string(r.kind)});
}

std::vector<Trace::Event> Trace::select(const std::string& node, const std::string& ev) const {
  std::vector<Event> out;
  for (const auto& e : events_)
    if ((node.empty() || e.node == node) && (ev.empty() || e.ev == ev))
      out.push_back(e);
  return out;
}

void Trace::fault(net::Time t, const std::string& what, const std::string& target,
                  const std::vector<std::string>& nodes) {
  std::string line = "{\"t\":" + std::to_string(t.count()) + ",\"ev\":\"fault\",\"fault\":";
  appendQuoted(line, what);
  line += ",\"target\":";
  appendQuoted(line, target);
  line += ",\"nodes\":[";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (i)
      line += ',';
    appendQuoted(line, nodes[i]);
  }
  line += "]}";
  emit(line);
  if (keep_)
    events_.push_back(Event{t, std::string(), 0, "fault", 0, what + " " + target, std::string()});
}

void Trace::nic(net::Time t, const std::string& node, std::uint32_t device, const std::string& cause,
                std::uint32_t bytes) {
  std::string line = "{\"t\":" + std::to_string(t.count()) + ",\"node\":";
  appendQuoted(line, node);
  line += ",\"ev\":\"nic\",\"device\":" + std::to_string(device) + ",\"cause\":";
  appendQuoted(line, cause);
  line += ",\"bytes\":" + std::to_string(bytes) + '}';
  emit(line);
  if (keep_)
    events_.push_back(Event{t, node, device, "nic", bytes, cause, std::string()});
}

void Trace::console(net::Time t, const std::string& node, const std::string& stream, const std::string& text) {
  std::string line = "{\"t\":" + std::to_string(t.count()) + ",\"node\":";
  appendQuoted(line, node);
  line += ",\"ev\":\"console\",\"stream\":";
  appendQuoted(line, stream);
  line += ",\"text\":";
  appendQuoted(line, text);
  line += '}';
  emit(line);
  if (keep_)
    events_.push_back(Event{t, node, 0, "console", text.size(), stream, std::string()});
}

void Trace::emit(const std::string& line) {
  for (unsigned char c : line) {
    hash_ ^= c;
    hash_ *= 0x100000001b3ull;
  }
  hash_ ^= '\n';
  hash_ *= 0x100000001b3ull;
  ++lines_;
  bytes_ += line.size() + 1;
  if (file_)
    *file_ << line << '\n';
  if (lineFn_)
    lineFn_(line);
  if (limitFn_ && bytes_ > limit_) {
    auto fn = std::move(limitFn_);
    limitFn_ = nullptr;
    fn();
  }
}

std::string Trace::hash() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
  return buf;
}

} // namespace sim
