#include "visualize/run_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "visualize/csv.h"
#include "visualize/input_error.h"

namespace visualize {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& file, const std::string& key, const std::string& what) {
  throw InputError(file + ": " + key + ": " + what);
}

std::string text(const json& j, const std::string& file, const std::string& key, const char* name, bool required,
                 const std::string& fallback = {}) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required)
      bad(file, key + "." + name, "missing (expected a string)");
    return fallback;
  }
  if (!it->is_string())
    bad(file, key + "." + name, "expected a string, found " + it->dump());
  return it->get<std::string>();
}

double number(const json& j, const std::string& file, const std::string& key, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null())
    return 0;
  if (!it->is_number())
    bad(file, key + "." + name, "expected a number, found " + it->dump());
  return it->get<double>();
}

const json& array(const json& j, const std::string& file, const char* name) {
  static const json empty = json::array();
  auto it = j.find(name);
  if (it == j.end())
    return empty;
  if (!it->is_array())
    bad(file, name, "expected an array");
  return *it;
}

// each(element, key, index) for every element of the array `name` of j (none when it is
// missing); an element that is not an object is an InputError naming it ("nodes[3]").
template <class Each> void forEachObject(const json& j, const std::string& file, const char* name, Each each) {
  const json& elements = array(j, file, name);
  for (std::size_t i = 0; i < elements.size(); ++i) {
    std::string key = std::string(name) + "[" + std::to_string(i) + "]";
    if (!elements[i].is_object())
      bad(file, key, "expected an object");
    each(elements[i], key, i);
  }
}

} // namespace

std::string fileIn(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

std::optional<json> readJsonFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string content = buffer.str();
  try {
    return json::parse(content);
  } catch (const json::parse_error& e) {
    std::size_t byte = std::min(e.byte == 0 ? 0 : e.byte - 1, content.size());
    std::size_t line = 1 + static_cast<std::size_t>(
                               std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(byte), '\n'));
    std::size_t lineStart = content.rfind('\n', byte == 0 ? 0 : byte - 1);
    std::size_t column = lineStart == std::string::npos ? byte + 1 : byte - lineStart;
    std::string what = e.what();
    std::size_t cut = what.find("syntax error");
    throw InputError(path, line,
                     "column " + std::to_string(column) + ": " + (cut == std::string::npos ? what : what.substr(cut)));
  }
}

Topology parseTopology(const json& j, const std::string& file) {
  if (!j.is_object())
    throw InputError(file + ": expected an object with \"nodes\" and \"links\"");
  Topology t;
  forEachObject(j, file, "nodes", [&](const json& e, const std::string& key, std::size_t) {
    Topology::Node n;
    n.name = text(e, file, key, "name", true);
    n.group = text(e, file, key, "group", false, n.name);
    n.nic = text(e, file, key, "nic", false, "unknown");
    t.nodes.push_back(std::move(n));
  });
  forEachObject(j, file, "links", [&](const json& e, const std::string& key, std::size_t) {
    Topology::Link l;
    l.a = text(e, file, key, "a", true);
    l.b = text(e, file, key, "b", true);
    l.kind = text(e, file, key, "kind", false, "p2p");
    l.bandwidth = number(e, file, key, "bandwidth");
    l.delayNs = static_cast<std::int64_t>(number(e, file, key, "delayNs"));
    l.loss = number(e, file, key, "loss");
    t.links.push_back(std::move(l));
  });
  forEachObject(j, file, "segments", [&](const json& e, const std::string& key, std::size_t i) {
    Topology::Segment s;
    s.name = text(e, file, key, "name", false, "segment-" + std::to_string(i + 1));
    const json& members = array(e, file + ": " + key, "members");
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (!members[m].is_string())
        bad(file, key + ".members[" + std::to_string(m) + "]", "expected a node name");
      s.members.push_back(members[m].get<std::string>());
    }
    s.bandwidth = number(e, file, key, "bandwidth");
    s.delayNs = static_cast<std::int64_t>(number(e, file, key, "delayNs"));
    s.loss = number(e, file, key, "loss");
    t.segments.push_back(std::move(s));
  });
  return t;
}

void checkSummary(const json& j, const std::string& file) {
  if (!j.is_object())
    throw InputError(file + ": expected an object");
  auto expectType = [&](const char* key, bool (json::*is)() const noexcept, const char* what) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_null() && !((*it).*is)())
      bad(file, key, std::string("expected ") + what + ", found " + it->dump().substr(0, 60));
  };
  expectType("scenario", &json::is_object, "an object");
  expectType("time", &json::is_object, "an object");
  expectType("trace", &json::is_object, "an object");
  expectType("passed", &json::is_boolean, "true or false");
  expectType("complete", &json::is_boolean, "true or false");
  expectType("stopped", &json::is_string, "a string");
  expectType("expectations", &json::is_array, "an array");
  expectType("groups", &json::is_object, "an object");
  expectType("metrics", &json::is_object, "an object");
  expectType("nics", &json::is_array, "an array");
  expectType("outputs", &json::is_object, "an object");
  if (auto e = j.find("expectations"); e != j.end() && e->is_array())
    for (std::size_t i = 0; i < e->size(); ++i) {
      const json& x = (*e)[i];
      std::string key = "expectations[" + std::to_string(i) + "]";
      if (!x.is_object() || !x.contains("pass") || !x["pass"].is_boolean())
        bad(file, key, "expected an object with \"text\" and a boolean \"pass\"");
    }
  if (auto t = j.find("time"); t != j.end() && t->is_object())
    for (const char* key : {"simulatedNs", "wallSeconds", "events"})
      if (auto v = t->find(key); v != t->end() && !v->is_number())
        bad(file, std::string("time.") + key, "expected a number, found " + v->dump());
}

Metrics parseMetrics(std::istream& in, const std::string& file) {
  Metrics m;
  CsvReader csv(in, file);
  std::vector<std::string> cells;
  int col[5] = {-1, -1, -1, -1, -1};
  const char* names[5] = {"tNs", "node", "app", "metric", "value"};
  std::unordered_map<std::string, std::int32_t> nodes, apps, metrics;
  auto intern = [](std::unordered_map<std::string, std::int32_t>& index, std::vector<std::string>& out,
                   const std::string& s) {
    auto [it, added] = index.try_emplace(s, static_cast<std::int32_t>(out.size()));
    if (added)
      out.push_back(s);
    return it->second;
  };
  while (csv.next(cells)) {
    std::size_t lineNo = csv.lineNo();
    if (csv.atHeader()) {
      for (int c = 0; c < 5; ++c) {
        auto it = std::find(cells.begin(), cells.end(), names[c]);
        if (it == cells.end())
          throw InputError(file, lineNo,
                           std::string("header: missing column \"") + names[c] +
                               "\" (expected tNs,node,app,metric,value)");
        col[c] = static_cast<int>(it - cells.begin());
      }
      continue;
    }
    double t = 0, v = 0;
    const std::string& tCell = cells[static_cast<std::size_t>(col[0])];
    if (!parseNumber(tCell, t) || t < 0 || t != static_cast<double>(static_cast<std::int64_t>(t)))
      throw InputError(file, lineNo, "column tNs: expected a non-negative integer, found \"" + tCell + "\"");
    const std::string& vCell = cells[static_cast<std::size_t>(col[4])];
    if (!parseNumber(vCell, v))
      throw InputError(file, lineNo, "column value: expected a number, found \"" + vCell + "\"");
    m.t.push_back(static_cast<std::int64_t>(t));
    m.node.push_back(intern(nodes, m.nodes, cells[static_cast<std::size_t>(col[1])]));
    m.app.push_back(intern(apps, m.apps, cells[static_cast<std::size_t>(col[2])]));
    m.metric.push_back(intern(metrics, m.names, cells[static_cast<std::size_t>(col[3])]));
    m.value.push_back(v);
  }
  if (csv.columns() == 0)
    throw InputError(file + ": empty (expected the header tNs,node,app,metric,value)");
  return m;
}

std::optional<Metrics> readMetrics(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  return parseMetrics(in, path);
}

} // namespace visualize
