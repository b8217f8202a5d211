// Comma-separated values as written by the runner (RFC 4180 quoting), one record per line.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace visualize {

// Splits `line` into `fields` (reused). Throws InputError "file:line: ..." on an unterminated quote.
void splitCsv(const std::string& line, std::vector<std::string>& fields, const std::string& file, std::size_t lineNo);

// Reads a CSV stream record by record, skipping blank lines. The first record is the header;
// a later one with another number of fields is an InputError "file:line: ...".
class CsvReader {
public:
  CsvReader(std::istream& in, const std::string& file) : in_(in), file_(file) {}
  // The next record into `fields` (reused); false at the end of the stream.
  bool next(std::vector<std::string>& fields);
  bool atHeader() const { return records_ == 1; }  // the record just read is the header
  std::size_t columns() const { return columns_; } // the header's fields; 0 before it
  std::size_t lineNo() const { return lineNo_; }

private:
  std::istream& in_;
  const std::string& file_;
  std::string line_;
  std::size_t lineNo_ = 0, records_ = 0, columns_ = 0;
};

// Parses a number as written in a CSV cell; false when the cell is not one.
bool parseNumber(const std::string& cell, double& out);

} // namespace visualize
