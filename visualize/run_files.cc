#include "visualize/run_files.h"

#include <algorithm>
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

} // namespace

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
  const json& nodes = array(j, file, "nodes");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string key = "nodes[" + std::to_string(i) + "]";
    if (!nodes[i].is_object())
      bad(file, key, "expected an object");
    Topology::Node n;
    n.name = text(nodes[i], file, key, "name", true);
    n.group = text(nodes[i], file, key, "group", false, n.name);
    n.nic = text(nodes[i], file, key, "nic", false, "unknown");
    t.nodes.push_back(std::move(n));
  }
  const json& links = array(j, file, "links");
  for (std::size_t i = 0; i < links.size(); ++i) {
    std::string key = "links[" + std::to_string(i) + "]";
    if (!links[i].is_object())
      bad(file, key, "expected an object");
    Topology::Link l;
    l.a = text(links[i], file, key, "a", true);
    l.b = text(links[i], file, key, "b", true);
    l.kind = text(links[i], file, key, "kind", false, "p2p");
    l.bandwidth = number(links[i], file, key, "bandwidth");
    l.delayNs = static_cast<std::int64_t>(number(links[i], file, key, "delayNs"));
    l.loss = number(links[i], file, key, "loss");
    t.links.push_back(std::move(l));
  }
  const json& segments = array(j, file, "segments");
  for (std::size_t i = 0; i < segments.size(); ++i) {
    std::string key = "segments[" + std::to_string(i) + "]";
    if (!segments[i].is_object())
      bad(file, key, "expected an object");
    Topology::Segment s;
    s.name = text(segments[i], file, key, "name", false, "segment-" + std::to_string(i + 1));
    const json& members = array(segments[i], file + ": " + key, "members");
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (!members[m].is_string())
        bad(file, key + ".members[" + std::to_string(m) + "]", "expected a node name");
      s.members.push_back(members[m].get<std::string>());
    }
    s.bandwidth = number(segments[i], file, key, "bandwidth");
    s.delayNs = static_cast<std::int64_t>(number(segments[i], file, key, "delayNs"));
    s.loss = number(segments[i], file, key, "loss");
    t.segments.push_back(std::move(s));
  }
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
  std::string line;
  std::vector<std::string> cells;
  std::size_t lineNo = 0;
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
  std::size_t columns = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty() || line == "\r")
      continue;
    splitCsv(line, cells, file, lineNo);
    if (columns == 0) {
      columns = cells.size();
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
    if (cells.size() != columns)
      throw InputError(file, lineNo,
                       std::to_string(cells.size()) + " fields, the header has " + std::to_string(columns));
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
  if (columns == 0)
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
