// The files of visualize/web/, embedded at build time (embed_web.cmake writes the definition).
#pragma once

#include <string_view>

namespace visualize::web {

// The content of web/<name>; throws std::logic_error for a name that was not embedded.
std::string_view asset(std::string_view name);

} // namespace visualize::web
