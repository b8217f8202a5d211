// Specs from text parameters (scenario files).
#include <stdexcept>
#include <string>

#include "model/nic.h"

namespace model {

namespace {

template <class Spec> struct Field {
  const char* name;
  std::uint64_t Spec::*u64 = nullptr;
  std::uint32_t Spec::*u32 = nullptr;
};

template <class Spec> Field<Spec> f64(const char* n, std::uint64_t Spec::*m) { return {n, m, nullptr}; }
template <class Spec> Field<Spec> f32(const char* n, std::uint32_t Spec::*m) { return {n, nullptr, m}; }

std::vector<Field<GenericNic>> genericFields() {
  using G = GenericNic;
  return {f64("lineRate", &G::lineRate),         f32("wireOverheadBytes", &G::wireOverheadBytes),
          f32("txFifoFrames", &G::txFifoFrames), f32("txFifoBytes", &G::txFifoBytes),
          f32("rxRingFrames", &G::rxRingFrames), f32("rxRingBytes", &G::rxRingBytes),
          f64("dmaSetupNs", &G::dmaSetupNs),     f64("dmaPsPerByte", &G::dmaPsPerByte),
          f64("irqLatencyNs", &G::irqLatencyNs)};
}

std::vector<Field<SpiEthernetNic>> spiFields() {
  using S = SpiEthernetNic;
  return {f64("wireRate", &S::wireRate),           f32("bufferBytes", &S::bufferBytes),
          f32("rxStatusBytes", &S::rxStatusBytes), f32("txStatusBytes", &S::txStatusBytes),
          f32("minFrameBytes", &S::minFrameBytes), f32("wireOverheadBytes", &S::wireOverheadBytes),
          f64("spiClockHz", &S::spiClockHz),       f64("spiFrameOverheadNs", &S::spiFrameOverheadNs),
          f64("irqLatencyNs", &S::irqLatencyNs),   f32("hostQueueFrames", &S::hostQueueFrames)};
}

std::vector<Field<RadioNic>> radioFields() {
  using R = RadioNic;
  return {f64("airRate", &R::airRate),
          f32("maxFrameBytes", &R::maxFrameBytes),
          f32("macOverheadBytes", &R::macOverheadBytes),
          f32("phyOverheadBytes", &R::phyOverheadBytes),
          f32("firstFragHeaderBytes", &R::firstFragHeaderBytes),
          f32("nextFragHeaderBytes", &R::nextFragHeaderBytes),
          f64("turnaroundNs", &R::turnaroundNs),
          f32("txQueuePackets", &R::txQueuePackets),
          f32("rxQueuePackets", &R::rxQueuePackets),
          f64("hostRxNs", &R::hostRxNs),
          f32("mtu", &R::mtu),
          f32("csmaCa", &R::csmaCa),
          f32("macMinBE", &R::macMinBE),
          f32("macMaxBE", &R::macMaxBE),
          f32("macMaxCsmaBackoffs", &R::macMaxCsmaBackoffs),
          f64("unitBackoffNs", &R::unitBackoffNs),
          f64("ccaNs", &R::ccaNs),
          f32("fixedBackoff", &R::fixedBackoff),
          f32("macAck", &R::macAck),
          f32("ackBytes", &R::ackBytes),
          f64("ackWaitNs", &R::ackWaitNs),
          f32("macMaxFrameRetries", &R::macMaxFrameRetries),
          f64("sifsNs", &R::sifsNs),
          f64("lifsNs", &R::lifsNs),
          f32("maxSifsFrameBytes", &R::maxSifsFrameBytes)};
}

std::uint64_t number(const std::string& kind, const std::string& key, const std::string& text, std::uint64_t max) {
  bool ok = !text.empty() && text.size() <= 20;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (v > (max - digit) / 10) {
      ok = false;
      break;
    }
    v = v * 10 + digit;
  }
  if (!ok)
    throw std::invalid_argument("nic spec (" + kind + "): " + key + ": '" + text +
                                "': an unsigned decimal integer up to " + std::to_string(max) + " expected");
  return v;
}

template <class Spec>
Spec fill(const std::string& kind, const std::vector<Field<Spec>>& fields,
          const std::map<std::string, std::string>& params) {
  Spec spec;
  for (const auto& [key, value] : params) {
    const Field<Spec>* f = nullptr;
    for (const auto& candidate : fields)
      if (key == candidate.name)
        f = &candidate;
    if (!f) {
      std::string known;
      for (const auto& candidate : fields)
        known += (known.empty() ? "" : ", ") + std::string(candidate.name);
      throw std::invalid_argument("nic spec (" + kind + "): unknown parameter '" + key +
                                  "' (expected one of: " + known + ")");
    }
    if (f->u64)
      spec.*(f->u64) = number(kind, key, value, UINT64_MAX);
    else
      spec.*(f->u32) = static_cast<std::uint32_t>(number(kind, key, value, UINT32_MAX));
  }
  return spec;
}

template <class Spec> std::vector<std::string> names(const std::vector<Field<Spec>>& fields) {
  std::vector<std::string> v;
  for (const auto& f : fields)
    v.emplace_back(f.name);
  return v;
}

} // namespace

NicSpec makeSpec(const std::string& kind, const std::map<std::string, std::string>& params) {
  NicSpec spec;
  if (kind == "generic")
    spec = fill(kind, genericFields(), params);
  else if (kind == "spi-ethernet")
    spec = fill(kind, spiFields(), params);
  else if (kind == "radio")
    spec = fill(kind, radioFields(), params);
  else
    throw std::invalid_argument("nic spec: unknown kind '" + kind + "' (expected generic, spi-ethernet or radio)");
  validate(spec);
  return spec;
}

std::vector<std::string> parameterNames(const std::string& kind) {
  if (kind == "generic")
    return names(genericFields());
  if (kind == "spi-ethernet")
    return names(spiFields());
  if (kind == "radio")
    return names(radioFields());
  return {};
}

} // namespace model
