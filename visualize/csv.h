// Comma-separated values as written by the runner (RFC 4180 quoting), one record per line.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace visualize {

// Splits `line` into `fields` (reused). Throws InputError "file:line: ..." on an unterminated quote.
void splitCsv(const std::string& line, std::vector<std::string>& fields, const std::string& file, std::size_t lineNo);

// Parses a number as written in a CSV cell; false when the cell is not one.
bool parseNumber(const std::string& cell, double& out);

} // namespace visualize
