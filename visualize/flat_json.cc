#include "visualize/flat_json.h"

#include <cerrno>
#include <cstdlib>

namespace visualize {

namespace {

class Scanner {
public:
  explicit Scanner(std::string_view s) : s_(s) {}

  [[noreturn]] void fail(const std::string& what) const { throw FlatJsonError(pos_ + 1, what); }
  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n'))
      ++pos_;
  }
  bool atEnd() const { return pos_ >= s_.size(); }
  char peek() const { return atEnd() ? '\0' : s_[pos_]; }
  void expect(char c, const char* what) {
    skipSpace();
    if (peek() != c)
      fail(std::string("expected ") + what +
           (atEnd() ? ", found the end of the line" : ", found '" + std::string(1, peek()) + "'"));
    ++pos_;
  }

  void string(std::string& out) {
    out.clear();
    if (peek() != '"')
      fail("expected a string");
    ++pos_;
    for (;;) {
      if (atEnd())
        fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"')
        return;
      if (static_cast<unsigned char>(c) < 0x20)
        fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (atEnd())
        fail("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': appendUtf8(out, hex4()); break;
      default: --pos_; fail("invalid escape '\\" + std::string(1, e) + "'");
      }
    }
  }

  void value(FlatValue& v) {
    skipSpace();
    char c = peek();
    std::size_t start = pos_;
    if (c == '"') {
      v.type = FlatValue::Type::String;
      string(v.text);
    } else if (c == '{' || c == '[') {
      v.type = FlatValue::Type::Nested;
      skipNested();
      v.text.assign(s_.substr(start, pos_ - start));
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number(v);
    } else if (word("true") || word("false")) {
      v.type = FlatValue::Type::Bool;
      v.text.assign(s_.substr(start, pos_ - start));
      v.number = v.text == "true" ? 1 : 0;
    } else if (word("null")) {
      v.type = FlatValue::Type::Null;
      v.text = "null";
    } else {
      fail(atEnd() ? "expected a value, found the end of the line" : "expected a value");
    }
  }

  std::size_t pos() const { return pos_; }

private:
  bool word(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w)
      return false;
    pos_ += w.size();
    return true;
  }

  unsigned hex4() {
    if (pos_ + 4 > s_.size())
      fail("truncated \\u escape");
    unsigned u = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      u <<= 4;
      if (h >= '0' && h <= '9')
        u |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f')
        u |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        u |= static_cast<unsigned>(h - 'A' + 10);
      else
        fail("invalid \\u escape");
    }
    return u;
  }

  static void appendUtf8(std::string& out, unsigned u) {
    if (u < 0x80) {
      out += static_cast<char>(u);
    } else if (u < 0x800) {
      out += static_cast<char>(0xc0 | (u >> 6));
      out += static_cast<char>(0x80 | (u & 0x3f));
    } else {
      out += static_cast<char>(0xe0 | (u >> 12));
      out += static_cast<char>(0x80 | ((u >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (u & 0x3f));
    }
  }

  void number(FlatValue& v) {
    std::size_t start = pos_;
    if (peek() == '-')
      ++pos_;
    bool integral = true;
    while (!atEnd()) {
      char c = s_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        integral = false;
        ++pos_;
      } else {
        break;
      }
    }
    v.text.assign(s_.substr(start, pos_ - start));
    errno = 0;
    char* end = nullptr;
    if (integral) {
      long long i = std::strtoll(v.text.c_str(), &end, 10);
      if (end != v.text.c_str() + v.text.size() || v.text == "-")
        throw FlatJsonError(start + 1, "invalid number '" + v.text + "'");
      if (errno == ERANGE)
        throw FlatJsonError(start + 1, "integer out of range '" + v.text + "'");
      v.type = FlatValue::Type::Integer;
      v.integer = i;
      v.number = static_cast<double>(i);
    } else {
      double d = std::strtod(v.text.c_str(), &end);
      if (end != v.text.c_str() + v.text.size())
        throw FlatJsonError(start + 1, "invalid number '" + v.text + "'");
      v.type = FlatValue::Type::Number;
      v.number = d;
    }
  }

  // Skips an object or array, strings included, checking only that brackets balance.
  void skipNested() {
    std::string open;
    std::string scratch;
    do {
      if (atEnd())
        fail("unterminated nested value");
      char c = s_[pos_];
      if (c == '"') {
        string(scratch);
        continue;
      }
      if (c == '{' || c == '[') {
        open += c;
      } else if (c == '}' || c == ']') {
        if (open.empty() || (c == '}') != (open.back() == '{'))
          fail("mismatched bracket");
        open.pop_back();
      }
      ++pos_;
    } while (!open.empty());
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

} // namespace

FlatObject::Field& FlatObject::next() {
  if (used_ == fields_.size())
    fields_.emplace_back();
  return fields_[used_++];
}

void FlatObject::parse(std::string_view line) {
  used_ = 0;
  Scanner sc(line);
  sc.expect('{', "'{' (each line is one JSON object)");
  sc.skipSpace();
  if (sc.peek() == '}') {
    sc.expect('}', "'}'");
  } else {
    for (;;) {
      sc.skipSpace();
      Field& f = next();
      sc.string(f.key);
      sc.expect(':', "':' after a key");
      sc.value(f.value);
      sc.skipSpace();
      if (sc.peek() == ',') {
        sc.expect(',', "','");
        continue;
      }
      sc.expect('}', "',' or '}'");
      break;
    }
  }
  sc.skipSpace();
  if (!sc.atEnd())
    sc.fail("unexpected text after the object");
}

const FlatValue* FlatObject::find(std::string_view key) const {
  for (std::size_t i = 0; i < used_; ++i)
    if (fields_[i].key == key)
      return &fields_[i].value;
  return nullptr;
}

std::string describe(const FlatValue& v) {
  std::string t = v.type == FlatValue::Type::String ? "\"" + v.text + "\"" : v.text;
  if (t.size() > 40)
    t = t.substr(0, 37) + "...";
  return t;
}

} // namespace visualize
