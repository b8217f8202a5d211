// Quantities with units as scenario files write them: durations ("5ms"), bandwidths
// ("250kbps"), sizes ("16KiB"). Shared by the scenario loader and the applications' defaults.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sim::apps::units {

// "0", "250ns", "10us", "5ms", "1.5s", "2min", "1h" -> nanoseconds. A sign is accepted (the
// caller checks the range, so that "-5ms" is reported as negative rather than malformed).
bool parseDuration(std::string_view text, std::int64_t& ns);
// "9600bps", "250kbps", "10Mbps", "1Gbps" or a plain number of bit/s.
bool parseBandwidth(std::string_view text, std::int64_t& bps);
// "64", "64B", "1kB", "16KiB", "1MB", "1MiB", "1GiB" -> bytes.
bool parseBytes(std::string_view text, std::int64_t& bytes);
// A plain decimal number ("0.05", "1e-3", "5%").
bool parseNumber(std::string_view text, double& value);
bool parseInteger(std::string_view text, std::int64_t& value);

// The shortest exact spelling: 5000000 -> "5ms", 1500000000 -> "1500ms".
std::string formatDuration(std::int64_t ns);

} // namespace sim::apps::units
