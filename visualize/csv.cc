#include "visualize/csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "visualize/input_error.h"

namespace visualize {

void splitCsv(const std::string& line, std::vector<std::string>& fields, const std::string& file, std::size_t lineNo) {
  fields.clear();
  std::string cell;
  bool quoted = false;
  std::size_t end = line.size();
  if (end > 0 && line[end - 1] == '\r')
    --end;
  for (std::size_t i = 0; i < end; ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < end && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == ',') {
      fields.push_back(cell);
      cell.clear();
    } else if (c == '"' && cell.empty()) {
      quoted = true;
    } else {
      cell += c;
    }
  }
  if (quoted)
    throw InputError(file, lineNo, "unterminated quoted field (field " + std::to_string(fields.size() + 1) + ")");
  fields.push_back(cell);
}

bool CsvReader::next(std::vector<std::string>& fields) {
  while (std::getline(in_, line_)) {
    ++lineNo_;
    if (line_.empty() || line_ == "\r")
      continue;
    splitCsv(line_, fields, file_, lineNo_);
    if (++records_ == 1)
      columns_ = fields.size();
    else if (fields.size() != columns_)
      throw InputError(file_, lineNo_,
                       std::to_string(fields.size()) + " fields, the header has " + std::to_string(columns_));
    return true;
  }
  return false;
}

bool parseNumber(const std::string& cell, double& out) {
  if (cell.empty())
    return false;
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size() || errno == ERANGE || !std::isfinite(d))
    return false;
  out = d;
  return true;
}

} // namespace visualize
