#include <string>
#include <utility>
#include <vector>

#include "visualize/report.h"
#include "visualize/web_assets.h"

namespace visualize {

namespace {

// Fills the template's markers, each found in the template itself (never in what was inserted).
std::string fill(std::string_view page, const std::vector<std::pair<std::string_view, std::string_view>>& parts) {
  std::string out;
  std::size_t from = 0;
  for (const auto& [marker, with] : parts) {
    std::size_t at = page.find(marker, from);
    if (at == std::string_view::npos)
      throw std::logic_error("web/report.html has no " + std::string(marker) + " after the previous marker");
    out += page.substr(from, at - from);
    out += with;
    from = at + marker.size();
  }
  out += page.substr(from);
  return out;
}

} // namespace

std::string renderPage(const nlohmann::json& data) {
  static constexpr std::string_view kScripts[] = {"util.js",        "charts.js",   "topology.js", "timeline.js",
                                                  "connections.js", "sequence.js", "metrics.js",  "sweep.js",
                                                  "compare.js",     "main.js"};
  std::string js;
  for (std::string_view name : kScripts) {
    js += "\n// ---- ";
    js += name;
    js += " ----\n";
    js += web::asset(name);
  }
  // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block.
  std::string json = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(json.size() + json.size() / 50);
  for (char c : json) {
    if (c == '<')
      safe += "\\u003c";
    else
      safe += c;
  }
  std::string title = data.value("title", std::string("netbed report"));
  std::string escaped;
  for (char c : title)
    escaped += c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c);
  return fill(
      web::asset("report.html"),
      {{"{{TITLE}}", escaped}, {"/*{{CSS}}*/", web::asset("report.css")}, {"/*{{DATA}}*/", safe}, {"/*{{JS}}*/", js}});
}

} // namespace visualize
