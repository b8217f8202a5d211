// Node.js's Buffer as natives (buffer.js keeps only its constructor): every heap that loads
// `buffer` would pay a few hundred bytes per JavaScript function, natives cost it nothing.
//
// A Buffer is a Uint8Array whose prototype is Duktape's built-in Buffer prototype (the
// buffers the natives deliver are instances of it), so the methods go onto that prototype:
// `instanceof Buffer` and every method work on native buffers too. Duktape's own methods
// stay where they are right (the readers, slice, toJSON); its string conversions (CESU-8,
// encodings ignored) and its unchecked integer writers are replaced.
//
// Duktape keeps strings as CESU-8 (a character outside the BMP is a surrogate pair of 3+3
// bytes; strings made by C code may hold 4-byte UTF-8 too): encoding to UTF-8 joins valid
// pairs into 4 bytes and makes lone surrogates EF BF BD, decoding makes CESU-8 for
// duk_push_lstring, as Node's strings are UTF-16.
//
// These natives may throw (argument coercions run JavaScript): no C++ object with a
// destructor is alive across a duk_* call (Duktape unwinds by longjmp).
#include <cmath>
#include <cstdint>
#include <cstring>

#include "net/js/engine.h"

namespace net::js {

namespace {

constexpr double kMaxLength = 0x7ffffffe; // Duktape's largest buffer
constexpr const char* kCtor = "bufferCtor";
constexpr const char* kWriters = "bufferWriters";

enum class Enc { Utf8, Hex, Base64, Base64Url, Ascii, Latin1, Utf16le, Unknown };

// ---- values and errors -------------------------------------------------------------------

bool isString(duk_context* duk, duk_idx_t idx) {
  return duk_get_type(duk, idx) == DUK_TYPE_STRING && !duk_is_symbol(duk, idx);
}

bool truthy(duk_context* duk, duk_idx_t idx) {
  duk_dup(duk, idx);
  bool t = duk_to_boolean(duk, -1) != 0;
  duk_pop(duk);
  return t;
}

double number(duk_context* duk, duk_idx_t idx) {
  duk_dup(duk, idx);
  double v = duk_to_number(duk, -1);
  duk_pop(duk);
  return v;
}

// An offset argument: `dflt` when undefined, NaN as 0, else truncated (infinities kept).
double toInt(duk_context* duk, duk_idx_t idx, double dflt) {
  if (duk_is_undefined(duk, idx))
    return dflt;
  double v = number(duk, idx);
  return std::isnan(v) ? 0 : std::trunc(v);
}

// `v instanceof Uint8Array` (a Buffer, a Uint8Array or a Duktape plain buffer).
bool isUint8(duk_context* duk, duk_idx_t idx) {
  idx = duk_normalize_index(duk, idx);
  duk_get_global_string(duk, "Uint8Array");
  bool r = duk_instanceof(duk, idx, -1) != 0;
  duk_pop(duk);
  return r;
}

bool isInstance(duk_context* duk, duk_idx_t idx, const char* ctor) {
  idx = duk_normalize_index(duk, idx);
  duk_get_global_string(duk, ctor);
  bool r = duk_instanceof(duk, idx, -1) != 0;
  duk_pop(duk);
  return r;
}

struct Bytes {
  std::uint8_t* p;
  duk_size_t n;
};

// The bytes of a buffer value (empty when it is none, or a view its buffer no longer covers).
// Fetched again after anything that may run code or allocate.
Bytes bytesOf(duk_context* duk, duk_idx_t idx) {
  duk_size_t n = 0;
  void* p = duk_get_buffer_data(duk, idx, &n);
  return {static_cast<std::uint8_t*>(p), p ? n : 0};
}

// `this`, pushed; a TypeError unless it is a buffer.
duk_idx_t pushThisBuffer(duk_context* duk) {
  duk_push_this(duk);
  duk_require_buffer_data(duk, -1, nullptr);
  return duk_get_top_index(duk);
}

// Pushes a new Buffer of n zero bytes (a Uint8Array with the built-in Buffer prototype).
std::uint8_t* pushBuffer(duk_context* duk, duk_size_t n) {
  void* p = duk_push_fixed_buffer(duk, n);
  duk_push_buffer_object(duk, -1, 0, n, DUK_BUFOBJ_NODEJS_BUFFER);
  duk_remove(duk, -2);
  return static_cast<std::uint8_t*>(p);
}

const char* typeOf(duk_context* duk, duk_idx_t idx) {
  switch (duk_get_type(duk, idx)) {
  case DUK_TYPE_NULL: return "object";
  case DUK_TYPE_BOOLEAN: return "boolean";
  case DUK_TYPE_NUMBER: return "number";
  case DUK_TYPE_STRING: return duk_is_symbol(duk, idx) ? "symbol" : "string";
  case DUK_TYPE_OBJECT: return duk_is_function(duk, idx) ? "function" : "object";
  case DUK_TYPE_BUFFER: return "object";
  case DUK_TYPE_POINTER: return "pointer";
  case DUK_TYPE_LIGHTFUNC: return "function";
  default: return "undefined";
  }
}

// Pushes how Node's messages show a received value: "null", "an instance of Foo",
// "type number (5)", "type function".
void pushDescription(duk_context* duk, duk_idx_t idx) {
  idx = duk_normalize_index(duk, idx);
  if (duk_is_null(duk, idx)) {
    duk_push_string(duk, "null");
    return;
  }
  const char* type = typeOf(duk, idx);
  if (std::strcmp(type, "object") == 0) {
    // 'an instance of ' + ((v.constructor && v.constructor.name) || 'Object')
    duk_push_string(duk, "an instance of ");
    duk_get_prop_string(duk, idx, "constructor");
    if (truthy(duk, -1)) {
      duk_get_prop_string(duk, -1, "name");
      duk_remove(duk, -2);
    }
    if (!truthy(duk, -1)) {
      duk_pop(duk);
      duk_push_string(duk, "Object");
    }
    duk_concat(duk, 2);
    return;
  }
  duk_push_sprintf(duk, "type %s", type);
  if (std::strcmp(type, "function") == 0)
    return;
  duk_push_string(duk, " (");
  duk_get_global_string(duk, "String");
  duk_dup(duk, idx);
  duk_call(duk, 1);
  duk_push_string(duk, ")");
  duk_concat(duk, 4);
}

// Throws an error of `type` whose message is the string on the stack top, with err.code.
[[noreturn]] void throwWithCode(duk_context* duk, duk_errcode_t type, const char* code) {
  duk_push_error_object(duk, type, "%s", duk_get_string(duk, -1));
  duk_push_string(duk, code);
  duk_put_prop_string(duk, -2, "code");
  (void)duk_throw(duk);
  __builtin_unreachable(); // duk_throw longjmps; Duktape declares it noreturn for old GCCs only
}

// TypeError ERR_INVALID_ARG_TYPE: `prefix` + ". Received " + how the value at idx shows.
[[noreturn]] void throwArgType(duk_context* duk, duk_idx_t idx, const char* prefix) {
  idx = duk_normalize_index(duk, idx);
  duk_push_sprintf(duk, "%s. Received ", prefix);
  pushDescription(duk, idx);
  duk_concat(duk, 2);
  throwWithCode(duk, DUK_ERR_TYPE_ERROR, "ERR_INVALID_ARG_TYPE");
}

// RangeError ERR_OUT_OF_RANGE for `name`, showing the value on the stack top ('' + value).
[[noreturn]] void throwRange(duk_context* duk, const char* name, double lo, double hi) {
  duk_idx_t v = duk_get_top_index(duk);
  duk_push_sprintf(duk, "The value of \"%s\" is out of range. It must be >= ", name);
  duk_push_number(duk, lo);
  duk_push_string(duk, " and <= ");
  duk_push_number(duk, hi);
  duk_push_string(duk, ". Received ");
  duk_dup(duk, v);
  duk_to_primitive(duk, -1, DUK_HINT_NONE);
  duk_concat(duk, 6);
  throwWithCode(duk, DUK_ERR_RANGE_ERROR, "ERR_OUT_OF_RANGE");
}

[[noreturn]] void throwRangeNumber(duk_context* duk, const char* name, double value, double lo, double hi) {
  duk_push_number(duk, value);
  throwRange(duk, name, lo, hi);
}

void checkUint8(duk_context* duk, duk_idx_t idx, const char* name) {
  if (isUint8(duk, idx))
    return;
  duk_push_sprintf(duk, "The \"%s\" argument must be an instance of Buffer or Uint8Array", name);
  throwArgType(duk, idx, duk_get_string(duk, -1));
}

// ---- encoding names ----------------------------------------------------------------------

// undefined, null and '' are utf8; others by String(enc), case-insensitively.
Enc encodingOf(duk_context* duk, duk_idx_t idx) {
  if (duk_is_undefined(duk, idx) || duk_is_null(duk, idx))
    return Enc::Utf8;
  if (isString(duk, idx) && duk_get_length(duk, idx) == 0)
    return Enc::Utf8;
  static const struct {
    const char* name;
    Enc enc;
  } names[] = {
      {"utf8", Enc::Utf8},           {"utf-8", Enc::Utf8},    {"hex", Enc::Hex},         {"base64", Enc::Base64},
      {"base64url", Enc::Base64Url}, {"ascii", Enc::Ascii},   {"latin1", Enc::Latin1},   {"binary", Enc::Latin1},
      {"ucs2", Enc::Utf16le},        {"ucs-2", Enc::Utf16le}, {"utf16le", Enc::Utf16le}, {"utf-16le", Enc::Utf16le},
  };
  duk_dup(duk, idx);
  duk_size_t n = 0;
  const char* s = duk_to_lstring(duk, -1, &n);
  char low[12];
  Enc enc = Enc::Unknown;
  if (n < sizeof low) {
    // ASCII case folding is toLowerCase() here: no other character folds to these names.
    for (duk_size_t i = 0; i < n; ++i)
      low[i] = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    for (const auto& e : names)
      if (std::strlen(e.name) == n && std::memcmp(low, e.name, n) == 0)
        enc = e.enc;
  }
  duk_pop(duk);
  return enc;
}

Enc checkEncoding(duk_context* duk, duk_idx_t idx) {
  Enc enc = encodingOf(duk, idx);
  if (enc != Enc::Unknown)
    return enc;
  duk_push_string(duk, "Unknown encoding: ");
  duk_dup(duk, idx);
  duk_to_primitive(duk, -1, DUK_HINT_NONE);
  duk_concat(duk, 2);
  throwWithCode(duk, DUK_ERR_TYPE_ERROR, "ERR_UNKNOWN_ENCODING");
}

// ---- string -> bytes ---------------------------------------------------------------------

// Where encoded bytes go: counted only (out null), or written up to `limit`. A unit (one
// character's bytes) that does not fit ends the encoding: nothing is written by halves.
struct Out {
  std::uint8_t* out = nullptr;
  std::size_t n = 0;
  std::size_t limit = SIZE_MAX;
  bool put(const std::uint8_t* b, std::size_t k) {
    if (k > limit - n)
      return false;
    if (out)
      std::memcpy(out + n, b, k);
    n += k;
    return true;
  }
  bool put(std::uint8_t b) { return put(&b, 1); }
};

// One character of a Duktape string: its code point (U+FFFD for bytes that start no
// sequence). Extended UTF-8 as Duktape decodes it, up to 7 bytes.
std::uint32_t nextChar(const std::uint8_t*& p, const std::uint8_t* end) {
  std::uint8_t c = *p++;
  if (c < 0x80)
    return c;
  int extra = 0;
  std::uint64_t cp = 0;
  if (c < 0xc0)
    return 0xfffd;
  if (c < 0xe0) {
    extra = 1;
    cp = c & 0x1f;
  } else if (c < 0xf0) {
    extra = 2;
    cp = c & 0x0f;
  } else if (c < 0xf8) {
    extra = 3;
    cp = c & 0x07;
  } else if (c < 0xfc) {
    extra = 4;
    cp = c & 0x03;
  } else if (c < 0xfe) {
    extra = 5;
    cp = c & 0x01;
  } else if (c == 0xfe) {
    extra = 6;
  } else {
    return 0xfffd;
  }
  if (end - p < extra)
    return 0xfffd;
  for (int i = 0; i < extra; ++i) {
    if ((p[i] & 0xc0) != 0x80)
      return 0xfffd;
    cp = (cp << 6) | (p[i] & 0x3f);
  }
  p += extra;
  return cp > 0xffffffffu ? 0xffffffffu : static_cast<std::uint32_t>(cp);
}

int utf8Of(std::uint32_t cp, std::uint8_t* b) {
  if (cp < 0x80) {
    b[0] = static_cast<std::uint8_t>(cp);
    return 1;
  }
  if (cp < 0x800) {
    b[0] = static_cast<std::uint8_t>(0xc0 | (cp >> 6));
    b[1] = static_cast<std::uint8_t>(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    b[0] = static_cast<std::uint8_t>(0xe0 | (cp >> 12));
    b[1] = static_cast<std::uint8_t>(0x80 | ((cp >> 6) & 0x3f));
    b[2] = static_cast<std::uint8_t>(0x80 | (cp & 0x3f));
    return 3;
  }
  b[0] = static_cast<std::uint8_t>(0xf0 | (cp >> 18));
  b[1] = static_cast<std::uint8_t>(0x80 | ((cp >> 12) & 0x3f));
  b[2] = static_cast<std::uint8_t>(0x80 | ((cp >> 6) & 0x3f));
  b[3] = static_cast<std::uint8_t>(0x80 | (cp & 0x3f));
  return 4;
}

int hexValue(std::uint8_t c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

int base64Value(std::uint8_t c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

// Encodes the string bytes [s, end) as `enc` into out.
void encode(const std::uint8_t* s, const std::uint8_t* end, Enc enc, Out& out) {
  std::uint8_t b[4];
  switch (enc) {
  case Enc::Utf8:
    while (s < end) {
      std::uint32_t cp = nextChar(s, end);
      if (cp >= 0xd800 && cp < 0xdc00) {
        // A high surrogate: with a low one after it, one 4-byte character.
        const std::uint8_t* q = s;
        std::uint32_t lo = q < end ? nextChar(q, end) : 0;
        if (lo >= 0xdc00 && lo < 0xe000) {
          s = q;
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        } else {
          cp = 0xfffd;
        }
      } else if ((cp >= 0xdc00 && cp < 0xe000) || cp > 0x10ffff) {
        cp = 0xfffd;
      }
      if (!out.put(b, static_cast<std::size_t>(utf8Of(cp, b))))
        return;
    }
    return;
  case Enc::Hex:
    // Up to the first pair that is not two hex digits, as Node.
    for (; end - s >= 2; s += 2) {
      int hi = hexValue(s[0]), lo = hexValue(s[1]);
      if (hi < 0 || lo < 0 || !out.put(static_cast<std::uint8_t>(hi << 4 | lo)))
        return;
    }
    return;
  case Enc::Base64:
  case Enc::Base64Url: {
    // Node is lenient: up to the first '=', other characters skipped, both alphabets.
    std::uint32_t acc = 0;
    int bits = 0;
    for (; s < end && *s != '='; ++s) {
      int v = base64Value(*s);
      if (v < 0)
        continue;
      acc = (acc << 6) | static_cast<std::uint32_t>(v);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (!out.put(static_cast<std::uint8_t>(acc >> bits)))
          return;
        acc &= (1u << bits) - 1;
      }
    }
    return;
  }
  case Enc::Ascii:
  case Enc::Latin1:
    while (s < end)
      if (!out.put(static_cast<std::uint8_t>(nextChar(s, end)))) // the low byte, as Node
        return;
    return;
  case Enc::Utf16le:
    while (s < end) {
      std::uint32_t cp = nextChar(s, end);
      std::uint32_t units[2] = {cp, 0};
      int n = 1;
      if (cp > 0x10ffff) {
        units[0] = 0xfffd;
      } else if (cp > 0xffff) {
        units[0] = 0xd800 + ((cp - 0x10000) >> 10);
        units[1] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        n = 2;
      }
      for (int i = 0; i < n; ++i) {
        b[0] = static_cast<std::uint8_t>(units[i] & 0xff);
        b[1] = static_cast<std::uint8_t>(units[i] >> 8);
        if (!out.put(b, 2))
          return;
      }
    }
    return;
  case Enc::Unknown: return;
  }
}

// The string at idx: its internal bytes.
const std::uint8_t* stringBytes(duk_context* duk, duk_idx_t idx, std::size_t& n) {
  duk_size_t len = 0;
  const char* s = duk_get_lstring(duk, idx, &len);
  n = len;
  return reinterpret_cast<const std::uint8_t*>(s);
}

std::size_t encodedLength(duk_context* duk, duk_idx_t idx, Enc enc) {
  std::size_t n = 0;
  const std::uint8_t* s = stringBytes(duk, idx, n);
  Out count;
  encode(s, s + n, enc, count);
  return count.n;
}

// Pushes a new Buffer holding the string at idx encoded as enc.
void pushEncoded(duk_context* duk, duk_idx_t idx, Enc enc) {
  idx = duk_normalize_index(duk, idx);
  std::size_t need = encodedLength(duk, idx, enc);
  Out out;
  out.out = pushBuffer(duk, need);
  out.limit = need;
  std::size_t n = 0;
  const std::uint8_t* s = stringBytes(duk, idx, n);
  encode(s, s + n, enc, out);
}

// Pushes a plain buffer (temporary) holding the string at idx encoded as enc.
Bytes pushEncodedTemp(duk_context* duk, duk_idx_t idx, Enc enc) {
  idx = duk_normalize_index(duk, idx);
  std::size_t need = encodedLength(duk, idx, enc);
  Out out;
  out.out = static_cast<std::uint8_t*>(duk_push_fixed_buffer(duk, need));
  out.limit = need;
  std::size_t n = 0;
  const std::uint8_t* s = stringBytes(duk, idx, n);
  encode(s, s + n, enc, out);
  return {out.out, need};
}

// ---- bytes -> string ---------------------------------------------------------------------

// Where decoded text goes, as CESU-8 (Duktape's strings): counted only, or written.
struct Text {
  std::uint8_t* out = nullptr;
  std::size_t n = 0;
  void byte(std::uint8_t b) {
    if (out)
      out[n] = b;
    ++n;
  }
  void unit(std::uint32_t u) { // a UTF-16 code unit, surrogates included
    std::uint8_t b[4];
    int k = utf8Of(u, b);
    for (int i = 0; i < k; ++i)
      byte(b[i]);
  }
  void codepoint(std::uint32_t cp) {
    if (cp < 0x10000) {
      unit(cp);
      return;
    }
    unit(0xd800 + ((cp - 0x10000) >> 10));
    unit(0xdc00 + ((cp - 0x10000) & 0x3ff));
  }
};

// UTF-8 as the WHATWG decoder (TextDecoder, Node): each maximal invalid subsequence is one
// U+FFFD; a BOM is kept.
void decodeUtf8(const std::uint8_t* p, const std::uint8_t* end, Text& t) {
  std::uint32_t cp = 0;
  int needed = 0;
  std::uint8_t lower = 0x80, upper = 0xbf;
  while (p < end) {
    std::uint8_t x = *p++;
    if (needed == 0) {
      if (x < 0x80) {
        t.byte(x);
      } else if (x >= 0xc2 && x <= 0xdf) {
        needed = 1;
        cp = x & 0x1f;
      } else if (x >= 0xe0 && x <= 0xef) {
        if (x == 0xe0)
          lower = 0xa0;
        else if (x == 0xed)
          upper = 0x9f;
        needed = 2;
        cp = x & 0x0f;
      } else if (x >= 0xf0 && x <= 0xf4) {
        if (x == 0xf0)
          lower = 0x90;
        else if (x == 0xf4)
          upper = 0x8f;
        needed = 3;
        cp = x & 0x07;
      } else {
        t.unit(0xfffd);
      }
      continue;
    }
    if (x < lower || x > upper) {
      // The sequence so far is one U+FFFD; this byte starts again.
      needed = 0;
      lower = 0x80;
      upper = 0xbf;
      --p;
      t.unit(0xfffd);
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (x & 0x3f);
    if (--needed == 0)
      t.codepoint(cp);
  }
  if (needed)
    t.unit(0xfffd);
}

void decode(const std::uint8_t* p, const std::uint8_t* end, Enc enc, Text& t) {
  static const char digits[] = "0123456789abcdef";
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  switch (enc) {
  case Enc::Utf8: decodeUtf8(p, end, t); return;
  case Enc::Hex:
    for (; p < end; ++p) {
      t.byte(static_cast<std::uint8_t>(digits[*p >> 4]));
      t.byte(static_cast<std::uint8_t>(digits[*p & 15]));
    }
    return;
  case Enc::Base64:
  case Enc::Base64Url: {
    const char* alphabet = enc == Enc::Base64 ? b64 : b64url;
    for (; end - p >= 3; p += 3) {
      std::uint32_t v = static_cast<std::uint32_t>(p[0] << 16 | p[1] << 8 | p[2]);
      for (int shift = 18; shift >= 0; shift -= 6)
        t.byte(static_cast<std::uint8_t>(alphabet[(v >> shift) & 63]));
    }
    if (p < end) {
      std::uint32_t v = static_cast<std::uint32_t>(p[0] << 16 | (end - p > 1 ? p[1] << 8 : 0));
      int chars = end - p > 1 ? 3 : 2;
      for (int i = 0; i < chars; ++i)
        t.byte(static_cast<std::uint8_t>(alphabet[(v >> (18 - 6 * i)) & 63]));
      if (enc == Enc::Base64)
        for (int i = chars; i < 4; ++i)
          t.byte('=');
    }
    return;
  }
  case Enc::Ascii:
    for (; p < end; ++p)
      t.byte(*p & 0x7f); // the high bit dropped, as Node
    return;
  case Enc::Latin1:
    for (; p < end; ++p)
      t.unit(*p);
    return;
  case Enc::Utf16le:
    for (; end - p >= 2; p += 2) // an odd last byte is dropped
      t.unit(static_cast<std::uint32_t>(p[0] | p[1] << 8));
    return;
  case Enc::Unknown: return;
  }
}

// Pushes bytes [start, end) of the buffer at idx decoded as enc.
void pushDecoded(duk_context* duk, duk_idx_t idx, std::size_t start, std::size_t end, Enc enc) {
  idx = duk_normalize_index(duk, idx);
  Bytes b = bytesOf(duk, idx);
  if (end > b.n)
    end = b.n;
  if (start >= end) {
    duk_push_string(duk, "");
    return;
  }
  const std::uint8_t* p = b.p + start;
  std::size_t len = end - start;
  if (enc == Enc::Utf8 || enc == Enc::Latin1 || enc == Enc::Ascii) {
    std::size_t i = 0;
    while (i < len && p[i] < 0x80)
      ++i;
    if (i == len) { // ASCII: the bytes are the string
      duk_push_lstring(duk, reinterpret_cast<const char*>(p), len);
      return;
    }
  }
  Text count;
  decode(p, p + len, enc, count);
  Text t;
  t.out = static_cast<std::uint8_t*>(duk_push_fixed_buffer(duk, count.n));
  Bytes again = bytesOf(duk, idx); // an allocation may run finalizers
  if (again.p != b.p || again.n != b.n)
    (void)duk_type_error(duk, "buffer changed while it was decoded");
  decode(p, p + len, enc, t);
  duk_push_lstring(duk, reinterpret_cast<const char*>(t.out), t.n);
  duk_remove(duk, -2);
}

// ---- shared parts of the methods ----------------------------------------------------------

int compareBytes(const std::uint8_t* a, std::size_t na, const std::uint8_t* b, std::size_t nb) {
  std::size_t n = na < nb ? na : nb;
  int c = n ? std::memcmp(a, b, n) : 0;
  if (c)
    return c < 0 ? -1 : 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

// Buffer.alloc's size check; the size, floored.
duk_size_t checkSize(duk_context* duk, duk_idx_t idx) {
  if (!duk_is_number(duk, idx))
    throwArgType(duk, idx, "The \"size\" argument must be of type number");
  double size = duk_get_number(duk, idx);
  if (!(size >= 0 && size <= kMaxLength)) {
    duk_dup(duk, idx);
    throwRange(duk, "size", 0, kMaxLength);
  }
  return static_cast<duk_size_t>(std::floor(size));
}

// buf.fill(value[, offset[, end]][, encoding]) on the buffer at `buf`, the arguments at
// the given indices.
void fillBuffer(duk_context* duk, duk_idx_t buf, duk_idx_t value, duk_idx_t offset, duk_idx_t end, duk_idx_t encoding,
                duk_idx_t undef) {
  if (isString(duk, offset)) {
    encoding = offset;
    offset = end = undef;
  } else if (isString(duk, end)) {
    encoding = end;
    end = undef;
  }
  double len = static_cast<double>(bytesOf(duk, buf).n);
  double from = toInt(duk, offset, 0), to = toInt(duk, end, len);
  if (from < 0 || from > len)
    throwRangeNumber(duk, "offset", from, 0, len);
  if (to < 0 || to > len)
    throwRangeNumber(duk, "end", to, 0, len);
  if (to <= from)
    return;
  std::uint8_t byte = 0;
  bool single = true;
  if (isString(duk, value)) {
    Enc enc = checkEncoding(duk, encoding);
    if (duk_get_length(duk, value) > 0) {
      Bytes pattern = pushEncodedTemp(duk, value, enc);
      if (pattern.n == 0) {
        duk_push_string(duk, "The argument 'value' is invalid. Received '");
        duk_dup(duk, value);
        duk_push_string(duk, "'");
        duk_concat(duk, 3);
        throwWithCode(duk, DUK_ERR_TYPE_ERROR, "ERR_INVALID_ARG_VALUE");
      }
      single = false;
    } // '' fills zeros
  } else if (isUint8(duk, value)) {
    Bytes v = bytesOf(duk, value);
    if (v.n == 0) {
      duk_push_string(duk, "The argument 'value' is invalid. Received ");
      pushDescription(duk, value);
      duk_concat(duk, 2);
      throwWithCode(duk, DUK_ERR_TYPE_ERROR, "ERR_INVALID_ARG_VALUE");
    }
    // A copy: value may overlap the buffer.
    auto* copy = static_cast<std::uint8_t*>(duk_push_fixed_buffer(duk, v.n));
    std::memcpy(copy, bytesOf(duk, value).p, v.n);
    single = false;
  } else {
    duk_dup(duk, value);
    byte = static_cast<std::uint8_t>(duk_to_int32(duk, -1) & 255);
    duk_pop(duk);
  }
  Bytes dst = bytesOf(duk, buf);
  auto lo = static_cast<std::size_t>(from), hi = static_cast<std::size_t>(to);
  if (hi > dst.n)
    hi = dst.n;
  if (lo >= hi)
    return;
  if (single) {
    std::memset(dst.p + lo, byte, hi - lo);
    return;
  }
  Bytes pattern = bytesOf(duk, -1);
  std::size_t total = hi - lo, done = pattern.n < total ? pattern.n : total;
  std::memcpy(dst.p + lo, pattern.p, done);
  // Then the filled part doubles.
  while (done < total) {
    std::size_t k = done < total - done ? done : total - done;
    std::memcpy(dst.p + lo + done, dst.p + lo, k);
    done += k;
  }
}

// ---- Buffer's static methods --------------------------------------------------------------

duk_ret_t alloc(duk_context* duk) {
  // (size, fill, encoding)
  duk_size_t n = checkSize(duk, 0);
  pushBuffer(duk, n); // 3
  duk_push_undefined(duk);
  bool zero = duk_is_undefined(duk, 1) || (duk_is_number(duk, 1) && duk_get_number(duk, 1) == 0);
  if (!zero && n > 0)
    fillBuffer(duk, 3, 1, 2, 4, 4, 4); // buf.fill(fill, encoding)
  duk_set_top(duk, 4);
  return 1;
}

// Zero-filled too: Duktape has no uninitialized allocation.
duk_ret_t allocUnsafe(duk_context* duk) {
  pushBuffer(duk, checkSize(duk, 0));
  return 1;
}

// Array, array-like or typed array: elements copied, each taken modulo 256 (Uint8Array's set).
void pushCopyOf(duk_context* duk, duk_idx_t items) {
  items = duk_normalize_index(duk, items);
  duk_get_prop_string(duk, items, "length");
  duk_int32_t n = duk_to_int32(duk, -1);
  duk_pop(duk);
  bool bytes = duk_is_buffer_data(duk, items) && isUint8(duk, items);
  std::uint8_t* p = pushBuffer(duk, n > 0 ? static_cast<duk_size_t>(n) : 0);
  if (bytes) {
    Bytes src = bytesOf(duk, items);
    std::size_t k = n > 0 ? static_cast<std::size_t>(n) : 0;
    if (k > src.n)
      k = src.n;
    if (k)
      std::memcpy(p, src.p, k);
    return;
  }
  duk_push_string(duk, "set");
  duk_dup(duk, items);
  duk_call_prop(duk, -3, 1);
  duk_pop(duk);
}

// Shares the ArrayBuffer's memory, as in Node.
void pushFromArrayBuffer(duk_context* duk, duk_idx_t ab, duk_idx_t offset, duk_idx_t length) {
  double size = 0;
  duk_get_prop_string(duk, ab, "byteLength");
  size = duk_to_number(duk, -1);
  duk_pop(duk);
  double from = toInt(duk, offset, 0);
  if (from < 0 || from > size) {
    duk_push_string(duk, "\"offset\" is outside of buffer bounds");
    throwWithCode(duk, DUK_ERR_RANGE_ERROR, "ERR_BUFFER_OUT_OF_BOUNDS");
  }
  double n = toInt(duk, length, size - from);
  if (n < 0)
    n = 0;
  if (n > size - from) {
    duk_push_string(duk, "\"length\" is outside of buffer bounds");
    throwWithCode(duk, DUK_ERR_RANGE_ERROR, "ERR_BUFFER_OUT_OF_BOUNDS");
  }
  duk_push_buffer_object(duk, ab, static_cast<duk_size_t>(from), static_cast<duk_size_t>(n), DUK_BUFOBJ_NODEJS_BUFFER);
}

duk_ret_t from(duk_context* duk) {
  // (value, encodingOrOffset, length)
  if (isString(duk, 0)) {
    pushEncoded(duk, 0, checkEncoding(duk, 1));
    return 1;
  }
  if (std::strcmp(typeOf(duk, 0), "object") == 0 && !duk_is_null(duk, 0)) {
    if (isInstance(duk, 0, "ArrayBuffer")) {
      pushFromArrayBuffer(duk, 0, 1, 2);
      return 1;
    }
    if (duk_is_buffer_data(duk, 0) && !isInstance(duk, 0, "DataView")) {
      pushCopyOf(duk, 0);
      return 1;
    }
    // A boxed string or an object standing for one (new String('x')).
    duk_get_prop_string(duk, 0, "valueOf"); // 3
    if (duk_is_function(duk, 3)) {
      duk_dup(duk, 0);
      duk_call_method(duk, 0);
    } else {
      duk_pop(duk);
      duk_dup(duk, 0);
    }
    if (!duk_strict_equals(duk, 3, 0) &&
        (isString(duk, 3) || (std::strcmp(typeOf(duk, 3), "object") == 0 && !duk_is_null(duk, 3)))) {
      duk_push_current_function(duk); // through a call: Duktape bounds the recursion
      duk_push_undefined(duk);
      duk_dup(duk, 3);
      duk_dup(duk, 1);
      duk_dup(duk, 2);
      duk_call_method(duk, 3);
      return 1;
    }
    duk_pop(duk);
    duk_get_prop_string(duk, 0, "length");
    bool arrayLike = duk_is_number(duk, -1);
    duk_pop(duk);
    if (arrayLike) {
      pushCopyOf(duk, 0);
      return 1;
    }
    // The form toJSON() gives: { type: 'Buffer', data: [...] }.
    duk_get_prop_string(duk, 0, "type");
    bool typed = isString(duk, -1) && std::strcmp(duk_get_string(duk, -1), "Buffer") == 0;
    duk_pop(duk);
    if (typed) {
      duk_get_prop_string(duk, 0, "data");
      if (duk_is_array(duk, -1)) {
        pushCopyOf(duk, -1);
        return 1;
      }
      duk_pop(duk);
    }
  }
  throwArgType(duk, 0,
               "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an "
               "Array-like Object");
}

duk_ret_t isBuffer(duk_context* duk) {
  pushStashed(duk, kCtor);
  duk_push_boolean(duk, duk_instanceof(duk, 0, -1));
  return 1;
}

duk_ret_t isEncoding(duk_context* duk) {
  duk_push_boolean(duk, isString(duk, 0) && duk_get_length(duk, 0) > 0 && encodingOf(duk, 0) != Enc::Unknown);
  return 1;
}

duk_ret_t byteLength(duk_context* duk) {
  // (value, encoding)
  if (!isString(duk, 0)) {
    if (duk_is_buffer_data(duk, 0)) {
      duk_get_prop_string(duk, 0, "byteLength");
      return 1;
    }
    throwArgType(duk, 0, "The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer");
  }
  Enc enc = encodingOf(duk, 1);
  std::size_t n = 0;
  switch (enc) {
  case Enc::Ascii:
  case Enc::Latin1: n = duk_get_length(duk, 0); break;
  case Enc::Hex: n = duk_get_length(duk, 0) >> 1; break;
  case Enc::Unknown: n = encodedLength(duk, 0, Enc::Utf8); break; // as Node: utf8
  default: n = encodedLength(duk, 0, enc); break;
  }
  duk_push_number(duk, static_cast<double>(n));
  return 1;
}

duk_ret_t concat(duk_context* duk) {
  // (list, totalLength)
  if (!duk_is_array(duk, 0))
    throwArgType(duk, 0, "The \"list\" argument must be an instance of Array");
  auto count = static_cast<duk_uarridx_t>(duk_get_length(duk, 0));
  if (duk_is_undefined(duk, 1)) {
    double total = 0;
    for (duk_uarridx_t i = 0; i < count; ++i) {
      duk_get_prop_index(duk, 0, i);
      if (!isUint8(duk, -1)) {
        duk_push_sprintf(duk, "The \"list[%lu]\" argument must be an instance of Buffer or Uint8Array",
                         static_cast<unsigned long>(i));
        throwArgType(duk, -2, duk_get_string(duk, -1));
      }
      duk_get_prop_string(duk, -1, "length");
      total += duk_to_number(duk, -1);
      duk_pop_2(duk);
    }
    duk_push_number(duk, total);
    duk_replace(duk, 1);
  }
  duk_size_t n = checkSize(duk, 1);
  pushBuffer(duk, n); // 2
  duk_size_t pos = 0;
  for (duk_uarridx_t i = 0; i < count && pos < n; ++i) {
    duk_get_prop_index(duk, 0, i);
    if (!isUint8(duk, -1)) {
      duk_push_sprintf(duk, "The \"list[%lu]\" argument must be an instance of Buffer or Uint8Array",
                       static_cast<unsigned long>(i));
      throwArgType(duk, -2, duk_get_string(duk, -1));
    }
    Bytes item = bytesOf(duk, -1), dst = bytesOf(duk, 2);
    std::size_t k = item.n < dst.n - pos ? item.n : dst.n - pos;
    if (k)
      std::memmove(dst.p + pos, item.p, k);
    pos += k;
    duk_pop(duk);
  }
  duk_set_top(duk, 3);
  return 1;
}

duk_ret_t compareStatic(duk_context* duk) {
  checkUint8(duk, 0, "buf1");
  checkUint8(duk, 1, "buf2");
  Bytes a = bytesOf(duk, 0), b = bytesOf(duk, 1);
  duk_push_int(duk, compareBytes(a.p, a.n, b.p, b.n));
  return 1;
}

// ---- prototype methods --------------------------------------------------------------------

// toString([encoding[, start[, end]]]), and IoT.js's toString([start[, end]]).
duk_ret_t toString(duk_context* duk) {
  duk_idx_t self = pushThisBuffer(duk); // 3
  duk_push_undefined(duk);              // 4
  duk_idx_t encoding = 0, start = 1, end = 2;
  if (duk_is_number(duk, 0)) {
    encoding = 4;
    start = 0;
    end = 1;
  }
  Enc enc = checkEncoding(duk, encoding);
  double len = static_cast<double>(bytesOf(duk, self).n);
  double from = toInt(duk, start, 0), to = toInt(duk, end, len);
  from = from < 0 ? 0 : from > len ? len : from;
  to = to < 0 ? 0 : to > len ? len : to;
  if (to <= from) {
    duk_push_string(duk, "");
    return 1;
  }
  pushDecoded(duk, self, static_cast<std::size_t>(from), static_cast<std::size_t>(to), enc);
  return 1;
}

// write(string[, offset[, length]][, encoding]): the number of bytes written, never part of
// a character.
duk_ret_t write(duk_context* duk) {
  duk_idx_t self = pushThisBuffer(duk); // 4
  duk_push_undefined(duk);              // 5
  if (!isString(duk, 0))
    throwArgType(duk, 0, "The \"string\" argument must be of type string");
  duk_idx_t offset = 1, length = 2, encoding = 3;
  if (isString(duk, 1)) {
    encoding = 1;
    offset = length = 5;
  } else if (isString(duk, 2)) {
    encoding = 2;
    length = 5;
  }
  Enc enc = checkEncoding(duk, encoding);
  double len = static_cast<double>(bytesOf(duk, self).n);
  double at = toInt(duk, offset, 0);
  if (at < 0 || at > len)
    throwRangeNumber(duk, "offset", at, 0, len);
  double room = len - at;
  double max = toInt(duk, length, room);
  if (max < 0)
    throwRangeNumber(duk, "length", max, 0, len);
  if (max > room)
    max = room;
  Bytes dst = bytesOf(duk, self);
  auto pos = static_cast<std::size_t>(at);
  if (pos > dst.n)
    pos = dst.n;
  Out out;
  out.out = dst.p + pos;
  out.limit = static_cast<std::size_t>(max);
  if (out.limit > dst.n - pos)
    out.limit = dst.n - pos;
  std::size_t n = 0;
  const std::uint8_t* s = stringBytes(duk, 0, n);
  encode(s, s + n, enc, out);
  duk_push_number(duk, static_cast<double>(out.n));
  return 1;
}

duk_ret_t fill(duk_context* duk) {
  duk_idx_t self = pushThisBuffer(duk); // 4
  duk_push_undefined(duk);              // 5
  fillBuffer(duk, self, 0, 1, 2, 3, 5);
  duk_push_this(duk);
  return 1;
}

duk_ret_t equals(duk_context* duk) {
  duk_idx_t self = pushThisBuffer(duk);
  checkUint8(duk, 0, "otherBuffer");
  Bytes a = bytesOf(duk, self), b = bytesOf(duk, 0);
  duk_push_boolean(duk, duk_strict_equals(duk, self, 0) || (a.n == b.n && compareBytes(a.p, a.n, b.p, b.n) == 0));
  return 1;
}

// compare(target[, targetStart[, targetEnd[, sourceStart[, sourceEnd]]]])
duk_ret_t compare(duk_context* duk) {
  duk_idx_t self = pushThisBuffer(duk);
  checkUint8(duk, 0, "target");
  double tlen = static_cast<double>(bytesOf(duk, 0).n), slen = static_cast<double>(bytesOf(duk, self).n);
  double ts = toInt(duk, 1, 0), te = toInt(duk, 2, tlen), ss = toInt(duk, 3, 0), se = toInt(duk, 4, slen);
  if (ts < 0)
    throwRangeNumber(duk, "targetStart", ts, 0, tlen);
  if (te > tlen)
    throwRangeNumber(duk, "targetEnd", te, 0, tlen);
  if (ss < 0)
    throwRangeNumber(duk, "sourceStart", ss, 0, slen);
  if (se > slen)
    throwRangeNumber(duk, "sourceEnd", se, 0, slen);
  int r = 0;
  if (ss >= se)
    r = ts >= te ? 0 : -1;
  else if (ts >= te)
    r = 1;
  else {
    Bytes t = bytesOf(duk, 0), s = bytesOf(duk, self);
    auto a0 = static_cast<std::size_t>(ss), a1 = static_cast<std::size_t>(se);
    auto b0 = static_cast<std::size_t>(ts), b1 = static_cast<std::size_t>(te);
    a1 = a1 > s.n ? s.n : a1;
    b1 = b1 > t.n ? t.n : b1;
    a0 = a0 > a1 ? a1 : a0;
    b0 = b0 > b1 ? b1 : b0;
    r = compareBytes(s.p + a0, a1 - a0, t.p + b0, b1 - b0);
  }
  duk_push_int(duk, r);
  return 1;
}

// copy(target[, targetStart[, sourceStart[, sourceEnd]]]): overlapping ranges are fine.
duk_ret_t copy(duk_context* duk) {
  duk_idx_t self = pushThisBuffer(duk);
  checkUint8(duk, 0, "target");
  double tlen = static_cast<double>(bytesOf(duk, 0).n), slen = static_cast<double>(bytesOf(duk, self).n);
  double ts = toInt(duk, 1, 0), ss = toInt(duk, 2, 0), se = toInt(duk, 3, slen);
  if (ts < 0)
    throwRangeNumber(duk, "targetStart", ts, 0, tlen);
  if (ss < 0 || ss > slen)
    throwRangeNumber(duk, "sourceStart", ss, 0, slen);
  if (se < 0)
    throwRangeNumber(duk, "sourceEnd", se, 0, slen);
  if (se > slen)
    se = slen;
  if (ts >= tlen || ss >= se) {
    duk_push_int(duk, 0);
    return 1;
  }
  Bytes t = bytesOf(duk, 0), s = bytesOf(duk, self);
  auto from = static_cast<std::size_t>(ss), to = static_cast<std::size_t>(ts);
  std::size_t n = static_cast<std::size_t>(se - ss);
  if (n > static_cast<std::size_t>(tlen - ts))
    n = static_cast<std::size_t>(tlen - ts);
  if (from + n > s.n || to + n > t.n) // a buffer shrank meanwhile
    n = 0;
  if (n)
    std::memmove(t.p + to, s.p + from, n);
  duk_push_number(duk, static_cast<double>(n));
  return 1;
}

// indexOf / lastIndexOf / includes (magic 0, 1, 2) of (value[, byteOffset][, encoding]):
// value a byte (modulo 256), a string or bytes.
duk_ret_t search(duk_context* duk) {
  int mode = duk_get_current_magic(duk);
  bool forward = mode != 1;
  duk_idx_t self = pushThisBuffer(duk); // 3
  duk_push_undefined(duk);              // 4
  duk_idx_t offset = 1, encoding = 2;
  if (isString(duk, 1)) {
    encoding = 1;
    offset = 4;
  }
  std::uint8_t byte = 0;
  duk_idx_t needle = -1; // the index of the needle's bytes, or -1 for `byte`
  if (duk_is_number(duk, 0)) {
    byte = static_cast<std::uint8_t>(duk_to_int32(duk, 0) & 255);
  } else if (isString(duk, 0)) {
    pushEncodedTemp(duk, 0, checkEncoding(duk, encoding));
    needle = duk_get_top_index(duk);
  } else if (isUint8(duk, 0)) {
    needle = 0;
  } else {
    throwArgType(duk, 0,
                 "The \"value\" argument must be one of type number or string or an instance of Buffer or "
                 "Uint8Array");
  }
  double from = duk_is_undefined(duk, offset) ? NAN : number(duk, offset);
  Bytes hay = bytesOf(duk, self);
  Bytes pin = needle < 0 ? Bytes{&byte, 1} : bytesOf(duk, needle);
  auto len = static_cast<double>(hay.n), n = static_cast<double>(pin.n);
  if (std::isnan(from))
    from = forward ? 0 : len;
  from = std::trunc(from);
  if (from < 0)
    from += len;
  double found = -1;
  if (forward) {
    if (from < 0)
      from = 0;
    if (n == 0) {
      found = from < len ? from : len;
    } else if (from <= len - n) {
      auto at = static_cast<std::size_t>(from);
      std::size_t last = hay.n - pin.n;
      while (at <= last) {
        const void* hit = std::memchr(hay.p + at, pin.p[0], last - at + 1);
        if (!hit)
          break;
        at = static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - hay.p);
        if (std::memcmp(hay.p + at, pin.p, pin.n) == 0) {
          found = static_cast<double>(at);
          break;
        }
        ++at;
      }
    }
  } else if (from >= 0) {
    if (n == 0) {
      found = from < len ? from : len;
    } else {
      for (double i = from < len - n ? from : len - n; i >= 0; --i) {
        if (std::memcmp(hay.p + static_cast<std::size_t>(i), pin.p, pin.n) == 0) {
          found = i;
          break;
        }
      }
    }
  }
  if (mode == 2)
    duk_push_boolean(duk, found != -1);
  else
    duk_push_number(duk, found);
  return 1;
}

// The integer writers: Duktape's store the value modulo 2^n; Node throws for a value out of
// range (IoT.js too, unless noAssert). Duktape's (kept in the stash) do the rest.
struct Writer {
  const char* name;
  double lo, hi;
  int var; // 0: fixed size; 1, 2: (value, offset, byteLength, noAssert) unsigned, signed
};
constexpr Writer kWriterList[] = {
    {"writeUInt8", 0, 0xff, 0},
    {"writeInt8", -0x80, 0x7f, 0},
    {"writeUInt16LE", 0, 0xffff, 0},
    {"writeUInt16BE", 0, 0xffff, 0},
    {"writeInt16LE", -0x8000, 0x7fff, 0},
    {"writeInt16BE", -0x8000, 0x7fff, 0},
    {"writeUInt32LE", 0, 0xffffffff, 0},
    {"writeUInt32BE", 0, 0xffffffff, 0},
    {"writeInt32LE", -2147483648.0, 0x7fffffff, 0},
    {"writeInt32BE", -2147483648.0, 0x7fffffff, 0},
    {"writeUIntLE", 0, 0, 1},
    {"writeUIntBE", 0, 0, 1},
    {"writeIntLE", 0, 0, 2},
    {"writeIntBE", 0, 0, 2},
};

duk_ret_t checkedWrite(duk_context* duk) {
  int which = duk_get_current_magic(duk);
  const Writer& w = kWriterList[which];
  duk_idx_t nargs = w.var ? 4 : 3;
  if (!truthy(duk, nargs - 1)) {
    double lo = w.lo, hi = w.hi;
    bool check = true;
    if (w.var) {
      double size = number(duk, 2);
      check = size >= 1 && size <= 6;
      double range = std::pow(2.0, 8 * size);
      lo = w.var == 2 ? -range / 2 : 0;
      hi = w.var == 2 ? range / 2 - 1 : range - 1;
    }
    if (check) {
      double v = number(duk, 0);
      if (v > hi || v < lo) {
        duk_dup(duk, 0);
        throwRange(duk, "value", lo, hi);
      }
    }
  }
  duk_push_heap_stash(duk);
  duk_get_prop_string(duk, -1, kWriters);
  duk_get_prop_index(duk, -1, static_cast<duk_uarridx_t>(which));
  duk_push_this(duk);
  for (duk_idx_t i = 0; i < nargs; ++i)
    duk_dup(duk, i);
  if (!w.var && duk_is_undefined(duk, 1)) { // the offset defaults to 0
    duk_push_int(duk, 0);
    duk_replace(duk, -3);
  }
  duk_call_method(duk, nargs);
  return 1;
}

} // namespace

// bufferInit(Buffer): Buffer.prototype becomes Duktape's Buffer prototype, with the natives.
duk_ret_t bufferInit(duk_context* duk) {
  pushBuffer(duk, 0);
  duk_get_prototype(duk, -1); // [Buffer buf proto]
  duk_remove(duk, 1);         // [Buffer proto]
  duk_dup(duk, 1);
  duk_put_prop_string(duk, 0, "prototype");
  duk_dup(duk, 0);
  duk_put_prop_string(duk, 1, "constructor");
  duk_push_heap_stash(duk); // 2
  duk_dup(duk, 0);
  duk_put_prop_string(duk, 2, kCtor);

  const duk_function_list_entry statics[] = {
      {"alloc", alloc, 3},
      {"allocUnsafe", allocUnsafe, 1},
      {"allocUnsafeSlow", allocUnsafe, 1},
      {"from", from, 3},
      {"isBuffer", isBuffer, 1},
      {"isEncoding", isEncoding, 1},
      {"byteLength", byteLength, 2},
      {"concat", concat, 2},
      {"compare", compareStatic, 2},
      {nullptr, nullptr, 0},
  };
  putNatives(duk, 0, statics);
  const duk_function_list_entry methods[] = {
      {"toString", toString, 3}, {"toLocaleString", toString, 3}, {"write", write, 4}, {"fill", fill, 4},
      {"equals", equals, 1},     {"compare", compare, 5},         {"copy", copy, 4},   {nullptr, nullptr, 0},
  };
  putNatives(duk, 1, methods);
  const char* searches[] = {"indexOf", "lastIndexOf", "includes"};
  for (int i = 0; i < 3; ++i) {
    duk_push_c_lightfunc(duk, search, 3, 3, i);
    duk_put_prop_string(duk, 1, searches[i]);
  }
  // As in Node, subarray() is slice(): Duktape's, sharing the memory.
  duk_get_prop_string(duk, 1, "slice");
  duk_put_prop_string(duk, 1, "subarray");

  duk_push_array(duk); // 3: Duktape's writers
  duk_uarridx_t i = 0;
  for (const Writer& w : kWriterList) {
    duk_get_prop_string(duk, 1, w.name);
    duk_put_prop_index(duk, 3, i);
    duk_push_c_lightfunc(duk, checkedWrite, w.var ? 4 : 3, w.var ? 4 : 3, static_cast<duk_int_t>(i));
    duk_put_prop_string(duk, 1, w.name);
    ++i;
  }
  duk_put_prop_string(duk, 2, kWriters);

  // Node's lower-case aliases (readUint8, writeUint32LE, ...).
  static const char* const aliased[] = {
      "readUInt8",  "readUInt16LE",  "readUInt16BE",  "readUInt32LE",  "readUInt32BE",  "readUIntLE",  "readUIntBE",
      "writeUInt8", "writeUInt16LE", "writeUInt16BE", "writeUInt32LE", "writeUInt32BE", "writeUIntLE", "writeUIntBE",
  };
  for (const char* name : aliased) {
    char alias[32];
    std::size_t n = std::strlen(name);
    std::memcpy(alias, name, n + 1);
    char* u = std::strstr(alias, "UInt");
    u[1] = 'i';
    duk_get_prop_string(duk, 1, name);
    duk_put_prop_string(duk, 1, alias);
  }
  return 0;
}

} // namespace net::js
