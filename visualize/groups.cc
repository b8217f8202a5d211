#include "visualize/groups.h"

namespace visualize {

std::string groupFromName(std::string_view name) {
  std::size_t end = name.size();
  while (end > 0 && name[end - 1] >= '0' && name[end - 1] <= '9')
    --end;
  if (end == name.size() || end == 0)
    return std::string(name);
  std::size_t cut = end;
  while (cut > 0 && (name[cut - 1] == '-' || name[cut - 1] == '_' || name[cut - 1] == '.'))
    --cut;
  return std::string(name.substr(0, cut == 0 ? end : cut));
}

} // namespace visualize
