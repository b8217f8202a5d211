// buffer: Node.js's Buffer on top of Duktape's built-in one.
//
// Duktape has a Node-v6-style Buffer (a Uint8Array with its own prototype) whose string
// conversions are CESU-8 and ignore the encoding. The buffers the C++ side delivers are
// instances of it, so this Buffer is a new constructor that shares the built-in
// prototype, and fixes that prototype in place: `instanceof Buffer` and every method
// here work on native buffers too. Every Buffer is a Uint8Array whose prototype is that
// shared one; they are made by `wrap`, never by the built-in constructor.
//
// Exports Buffer itself with `Buffer.Buffer` and `Buffer.kMaxLength`, so both Node's
// `require('buffer').Buffer` and IoT.js's `var Buffer = require('buffer')` work.

var G = (function () { return this; })();
var proto = G.Buffer.prototype;           // the built-in Buffer's prototype
var u8sub = Uint8Array.prototype.subarray;
var kMaxLength = 0x7ffffffe;              // Duktape's largest buffer

function Buffer(arg, encodingOrOffset, length) {
  // IoT.js allows `new Buffer(...)`; Node's deprecated `Buffer(...)` is the same.
  if (typeof arg === 'number') return Buffer.alloc(arg);
  return Buffer.from(arg, encodingOrOffset, length);
}
Buffer.prototype = proto;
proto.constructor = Buffer;
Buffer.poolSize = 8192;
Buffer.kMaxLength = kMaxLength;
Buffer.Buffer = Buffer;

// Gives a Uint8Array (or a Duktape plain buffer) the Buffer prototype, in place.
function wrap(bytes) {
  bytes = Object(bytes);
  Object.setPrototypeOf(bytes, proto);
  return bytes;
}

function typeError(code, message) {
  var e = new TypeError(message);
  e.code = code;
  return e;
}

function rangeError(name, value, lo, hi) {
  var e = new RangeError('The value of "' + name + '" is out of range. It must be >= ' + lo +
                         ' and <= ' + hi + '. Received ' + value);
  e.code = 'ERR_OUT_OF_RANGE';
  return e;
}

function describe(v) {
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an instance of ' + ((v.constructor && v.constructor.name) || 'Object');
  return 'type ' + typeof v + (typeof v === 'function' ? '' : ' (' + String(v) + ')');
}

function isUint8(v) {
  return v instanceof Uint8Array;
}

function toInt(v, dflt) {
  if (v === undefined) return dflt;
  v = +v;
  if (v !== v) return 0;
  return v < 0 ? Math.ceil(v) : Math.floor(v);
}

// ---- encodings --------------------------------------------------------------------------

// Canonical name, or undefined if unknown.
function encodingName(enc) {
  if (enc === undefined || enc === null || enc === '') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'ascii': return 'ascii';
    case 'latin1': case 'binary': return 'latin1';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
  }
  return undefined;
}

function checkEncoding(enc) {
  var name = encodingName(enc);
  if (name === undefined) throw typeError('ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
  return name;
}

var encoder, decoder;   // created on first use

// Node's base64 decoding is lenient: whitespace and other stray characters are skipped,
// the URL-safe alphabet is accepted, padding is optional, and decoding stops at '='.
function base64Clean(str) {
  var eq = str.indexOf('=');
  if (eq >= 0) str = str.substring(0, eq);
  str = str.replace(/[^A-Za-z0-9+\/\-_]/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (str.length % 4 === 1) str = str.substring(0, str.length - 1);  // a lone 6 bits: no byte
  while (str.length % 4) str += '=';
  return str;
}

// Node stops hex decoding at the first character pair that is not two hex digits.
function hexClean(str) {
  var n = str.length & ~1;
  var m = /[^0-9a-fA-F]/.exec(str);
  if (m && m.index < n) n = m.index & ~1;
  return str.substring(0, n);
}

// string -> Uint8Array (or plain buffer), `enc` already canonical.
function encode(str, enc) {
  var out, i, c;
  switch (enc) {
    case 'utf8':
      if (!encoder) encoder = new TextEncoder();
      return encoder.encode(str);       // lone surrogates become EF BF BD, as in Node
    case 'hex':
      return Duktape.dec('hex', hexClean(str));
    case 'base64': case 'base64url':
      return Duktape.dec('base64', base64Clean(str));
    case 'ascii': case 'latin1':
      out = new Uint8Array(str.length);
      for (i = 0; i < str.length; i++) out[i] = str.charCodeAt(i);   // low byte kept
      return out;
    case 'utf16le':
      out = new Uint8Array(str.length * 2);
      for (i = 0; i < str.length; i++) {
        c = str.charCodeAt(i);
        out[2 * i] = c & 255;
        out[2 * i + 1] = c >>> 8;
      }
      return out;
  }
}

// String.fromCharCode over a byte range, in chunks to bound the argument count.
function charCodes(bytes, mask) {
  var s = '', i, j, end, chunk;
  for (i = 0; i < bytes.length; i += 8192) {
    end = Math.min(i + 8192, bytes.length);
    if (mask === 255) {
      s += String.fromCharCode.apply(null, u8sub.call(bytes, i, end));
    } else {
      chunk = [];
      for (j = i; j < end; j++) chunk.push(bytes[j] & mask);
      s += String.fromCharCode.apply(null, chunk);
    }
  }
  return s;
}

// Uint8Array -> string, `enc` already canonical.
function decode(bytes, enc) {
  var s, codes, i, j, end;
  switch (enc) {
    case 'utf8':
      // ignoreBOM: Node keeps a leading BOM; invalid sequences become U+FFFD.
      if (!decoder) decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      return decoder.decode(bytes);
    case 'hex':
      return Duktape.enc('hex', bytes);
    case 'base64':
      return Duktape.enc('base64', bytes);
    case 'base64url':
      return Duktape.enc('base64', bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    case 'latin1':
      return charCodes(bytes, 255);
    case 'ascii':
      return charCodes(bytes, 127);
    case 'utf16le':
      s = '';
      for (i = 0; i + 1 < bytes.length; i += 16384) {
        end = Math.min(i + 16384, bytes.length - 1);
        codes = [];
        for (j = i; j < end; j += 2) codes.push(bytes[j] | (bytes[j + 1] << 8));
        s += String.fromCharCode.apply(null, codes);
      }
      return s;
  }
}

function utf8Length(str) {
  var n = 0, i, c, d;
  for (i = 0; i < str.length; i++) {
    c = str.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < str.length &&
             (d = str.charCodeAt(i + 1)) >= 0xdc00 && d < 0xe000) {
      n += 4;                                  // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;                             // BMP, or a lone surrogate (EF BF BD)
  }
  return n;
}

// ---- Buffer's static methods ------------------------------------------------------------

function checkSize(size) {
  if (typeof size !== 'number') {
    throw typeError('ERR_INVALID_ARG_TYPE',
                    'The "size" argument must be of type number. Received ' + describe(size));
  }
  if (!(size >= 0 && size <= kMaxLength)) throw rangeError('size', size, 0, kMaxLength);
  return Math.floor(size);
}

Buffer.alloc = function (size, fill, encoding) {
  var buf = wrap(new Uint8Array(checkSize(size)));
  if (fill !== undefined && fill !== 0 && buf.length > 0) buf.fill(fill, encoding);
  return buf;
};

// Zero-filled too: Duktape has no uninitialized allocation.
Buffer.allocUnsafe = Buffer.allocUnsafeSlow = function (size) {
  return wrap(new Uint8Array(checkSize(size)));
};

Buffer.from = function (value, encodingOrOffset, length) {
  if (typeof value === 'string') return wrap(encode(value, checkEncoding(encodingOrOffset)));
  if (typeof value === 'object' && value !== null) {
    if (value instanceof ArrayBuffer) return fromArrayBuffer(value, encodingOrOffset, length);
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return copyOf(value);
    var prim = typeof value.valueOf === 'function' ? value.valueOf() : value;   // new String('x')
    if (prim !== value && (typeof prim === 'string' || (typeof prim === 'object' && prim !== null))) {
      return Buffer.from(prim, encodingOrOffset, length);
    }
    if (typeof value.length === 'number') return copyOf(value);
    if (value.type === 'Buffer' && Array.isArray(value.data)) return copyOf(value.data);  // toJSON()
  }
  throw typeError('ERR_INVALID_ARG_TYPE', 'The first argument must be of type string or an ' +
                  'instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ' +
                  describe(value));
};

// Array, array-like or typed array: elements are copied, each taken modulo 256.
function copyOf(items) {
  var buf = wrap(new Uint8Array(Math.max(0, items.length | 0)));
  buf.set(items);
  return buf;
}

// Shares the ArrayBuffer's memory, as in Node.
function fromArrayBuffer(ab, offset, length) {
  var e;
  offset = toInt(offset, 0);
  if (offset < 0 || offset > ab.byteLength) {
    e = new RangeError('"offset" is outside of buffer bounds');
    e.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
    throw e;
  }
  length = toInt(length, ab.byteLength - offset);
  if (length < 0) length = 0;
  if (length > ab.byteLength - offset) {
    e = new RangeError('"length" is outside of buffer bounds');
    e.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
    throw e;
  }
  return wrap(new Uint8Array(ab, offset, length));
}

Buffer.isBuffer = function (obj) {
  return obj instanceof Buffer;
};

Buffer.isEncoding = function (enc) {
  return typeof enc === 'string' && enc !== '' && encodingName(enc) !== undefined;
};

Buffer.byteLength = function (value, encoding) {
  if (typeof value !== 'string') {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
    throw typeError('ERR_INVALID_ARG_TYPE', 'The "string" argument must be of type string or an ' +
                    'instance of Buffer or ArrayBuffer. Received ' + describe(value));
  }
  var enc = encodingName(encoding) || 'utf8';   // Node: an unknown encoding counts as utf8
  switch (enc) {
    case 'utf8': return utf8Length(value);
    case 'ascii': case 'latin1': return value.length;
    case 'utf16le': return value.length * 2;
    case 'hex': return value.length >>> 1;
    default: return (base64Clean(value).replace(/=+$/, '').length * 3) >>> 2;
  }
};

Buffer.concat = function (list, totalLength) {
  var i, pos = 0, buf, item;
  if (!Array.isArray(list)) {
    throw typeError('ERR_INVALID_ARG_TYPE',
                    'The "list" argument must be an instance of Array. Received ' + describe(list));
  }
  if (totalLength === undefined) {
    totalLength = 0;
    for (i = 0; i < list.length; i++) {
      if (!isUint8(list[i])) {
        throw typeError('ERR_INVALID_ARG_TYPE', 'The "list[' + i + ']" argument must be an ' +
                        'instance of Buffer or Uint8Array. Received ' + describe(list[i]));
      }
      totalLength += list[i].length;
    }
  }
  buf = Buffer.alloc(totalLength);
  for (i = 0; i < list.length && pos < buf.length; i++) {
    item = list[i];
    if (!isUint8(item)) {
      throw typeError('ERR_INVALID_ARG_TYPE', 'The "list[' + i + ']" argument must be an ' +
                      'instance of Buffer or Uint8Array. Received ' + describe(item));
    }
    if (item.length > buf.length - pos) item = u8sub.call(item, 0, buf.length - pos);
    buf.set(item, pos);
    pos += item.length;
  }
  return buf;
};

function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  var n = Math.min(aEnd - aStart, bEnd - bStart), i;
  for (i = 0; i < n; i++) {
    if (a[aStart + i] !== b[bStart + i]) return a[aStart + i] < b[bStart + i] ? -1 : 1;
  }
  var la = aEnd - aStart, lb = bEnd - bStart;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

function checkUint8(name, v) {
  if (!isUint8(v)) {
    throw typeError('ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be an instance of ' +
                    'Buffer or Uint8Array. Received ' + describe(v));
  }
}

Buffer.compare = function (a, b) {
  checkUint8('buf1', a);
  checkUint8('buf2', b);
  return compareBytes(a, 0, a.length, b, 0, b.length);
};

// ---- prototype methods ------------------------------------------------------------------

// Also IoT.js's toString(start[, end]).
proto.toString = function (encoding, start, end) {
  if (typeof encoding === 'number') {
    end = start;
    start = encoding;
    encoding = undefined;
  }
  var enc = checkEncoding(encoding);
  var len = this.length;
  start = Math.min(Math.max(toInt(start, 0), 0), len);
  end = Math.min(Math.max(toInt(end, len), 0), len);
  if (end <= start) return '';
  return decode(start === 0 && end === len ? this : u8sub.call(this, start, end), enc);
};

proto.toLocaleString = proto.toString;

// write(string[, offset[, length]][, encoding]); returns the number of bytes written.
// Never writes part of a character.
proto.write = function (string, offset, length, encoding) {
  if (typeof string !== 'string') {
    throw typeError('ERR_INVALID_ARG_TYPE',
                    'The "string" argument must be of type string. Received ' + describe(string));
  }
  if (typeof offset === 'string') {
    encoding = offset;
    offset = length = undefined;
  } else if (typeof length === 'string') {
    encoding = length;
    length = undefined;
  }
  var enc = checkEncoding(encoding);
  offset = toInt(offset, 0);
  if (offset < 0 || offset > this.length) throw rangeError('offset', offset, 0, this.length);
  var room = this.length - offset;
  length = toInt(length, room);
  if (length < 0) throw rangeError('length', length, 0, this.length);
  if (length > room) length = room;
  var bytes = encode(string, enc);
  var n = Math.min(bytes.length, length);
  if (n < bytes.length) {
    if (enc === 'utf8') while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;   // back to a lead byte
    else if (enc === 'utf16le') n &= ~1;
  }
  this.set(n === bytes.length ? bytes : u8sub.call(bytes, 0, n), offset);
  return n;
};

// fill(value[, offset[, end]][, encoding]): value is a number (mod 256), a string or bytes.
proto.fill = function (value, offset, end, encoding) {
  var len = this.length, bytes, i, done;
  if (typeof offset === 'string') {
    encoding = offset;
    offset = end = undefined;
  } else if (typeof end === 'string') {
    encoding = end;
    end = undefined;
  }
  offset = toInt(offset, 0);
  end = toInt(end, len);
  if (offset < 0 || offset > len) throw rangeError('offset', offset, 0, len);
  if (end < 0 || end > len) throw rangeError('end', end, 0, len);
  if (end <= offset) return this;
  if (typeof value === 'string') {
    var enc = checkEncoding(encoding);
    if (value === '') bytes = [0];
    else {
      bytes = encode(value, enc);
      if (bytes.length === 0) {
        throw typeError('ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received '" +
                        value + "'");
      }
    }
  } else if (isUint8(value)) {
    if (value.length === 0) {
      throw typeError('ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received " +
                      describe(value));
    }
    bytes = new Uint8Array(value);   // a copy: value may overlap this buffer
  } else {
    value = value & 255;
    for (i = offset; i < end; i++) this[i] = value;
    return this;
  }
  if (bytes.length === 1) {
    for (i = offset; i < end; i++) this[i] = bytes[0];
    return this;
  }
  // Write the pattern once, then double the filled part by copying it.
  done = Math.min(bytes.length, end - offset);
  this.set(bytes.length > done ? u8sub.call(bytes, 0, done) : bytes, offset);
  while (done < end - offset) {
    i = Math.min(done, end - offset - done);
    this.set(u8sub.call(this, offset, offset + i), offset + done);
    done += i;
  }
  return this;
};

proto.equals = function (other) {
  checkUint8('otherBuffer', other);
  if (this === other) return true;
  return this.length === other.length && compareBytes(this, 0, this.length, other, 0, other.length) === 0;
};

proto.compare = function (target, targetStart, targetEnd, sourceStart, sourceEnd) {
  checkUint8('target', target);
  targetStart = toInt(targetStart, 0);
  targetEnd = toInt(targetEnd, target.length);
  sourceStart = toInt(sourceStart, 0);
  sourceEnd = toInt(sourceEnd, this.length);
  if (targetStart < 0) throw rangeError('targetStart', targetStart, 0, target.length);
  if (targetEnd > target.length) throw rangeError('targetEnd', targetEnd, 0, target.length);
  if (sourceStart < 0) throw rangeError('sourceStart', sourceStart, 0, this.length);
  if (sourceEnd > this.length) throw rangeError('sourceEnd', sourceEnd, 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
};

// copy(target[, targetStart[, sourceStart[, sourceEnd]]]); overlapping ranges are fine.
proto.copy = function (target, targetStart, sourceStart, sourceEnd) {
  checkUint8('target', target);
  targetStart = toInt(targetStart, 0);
  sourceStart = toInt(sourceStart, 0);
  sourceEnd = toInt(sourceEnd, this.length);
  if (targetStart < 0) throw rangeError('targetStart', targetStart, 0, target.length);
  if (sourceStart < 0 || sourceStart > this.length) {
    throw rangeError('sourceStart', sourceStart, 0, this.length);
  }
  if (sourceEnd < 0) throw rangeError('sourceEnd', sourceEnd, 0, this.length);
  if (sourceEnd > this.length) sourceEnd = this.length;
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  var n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
  target.set(u8sub.call(this, sourceStart, sourceStart + n), targetStart);
  return n;
};

// As in Node, slice() is subarray(): the result shares this buffer's memory.
proto.slice = proto.subarray = function (start, end) {
  return wrap(u8sub.call(this, start, end));
};

function needleOf(value, encoding) {
  if (typeof value === 'number') return [value & 255];   // a byte, taken modulo 256
  if (typeof value === 'string') return encode(value, checkEncoding(encoding));
  if (isUint8(value)) return value;
  throw typeError('ERR_INVALID_ARG_TYPE', 'The "value" argument must be one of type number or ' +
                  'string or an instance of Buffer or Uint8Array. Received ' + describe(value));
}

function search(buf, value, byteOffset, encoding, forward) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  }
  var needle = needleOf(value, encoding);
  var len = buf.length, n = needle.length, i, j;
  var from = byteOffset === undefined ? NaN : +byteOffset;
  if (from !== from) from = forward ? 0 : len;
  from = from < 0 ? Math.ceil(from) : Math.floor(from);
  if (from < 0) from += len;
  if (forward) {
    if (from < 0) from = 0;
    if (n === 0) return Math.min(from, len);
    for (i = from; i <= len - n; i++) {
      for (j = 0; j < n && buf[i + j] === needle[j]; j++) {}
      if (j === n) return i;
    }
  } else {
    if (from < 0) return -1;
    if (n === 0) return Math.min(from, len);
    for (i = Math.min(from, len - n); i >= 0; i--) {
      for (j = 0; j < n && buf[i + j] === needle[j]; j++) {}
      if (j === n) return i;
    }
  }
  return -1;
}

proto.indexOf = function (value, byteOffset, encoding) {
  return search(this, value, byteOffset, encoding, true);
};

proto.lastIndexOf = function (value, byteOffset, encoding) {
  return search(this, value, byteOffset, encoding, false);
};

proto.includes = function (value, byteOffset, encoding) {
  return search(this, value, byteOffset, encoding, true) !== -1;
};

// The built-in integer writers store value modulo 2^n; Node throws for a value out of
// range (IoT.js too, unless noAssert). Their offset checks are kept.
function checkValue(value, lo, hi) {
  var v = +value;
  if (v > hi || v < lo) throw rangeError('value', value, lo, hi);
}

function checkedWriter(name, lo, hi) {
  var write = proto[name];
  proto[name] = function (value, offset, noAssert) {
    if (!noAssert) checkValue(value, lo, hi);
    return write.call(this, value, offset === undefined ? 0 : offset, noAssert);
  };
}

function checkedVarWriter(name, signed) {
  var write = proto[name];
  proto[name] = function (value, offset, byteLength, noAssert) {
    if (!noAssert && byteLength >= 1 && byteLength <= 6) {
      var range = Math.pow(2, 8 * byteLength);
      if (signed) checkValue(value, -range / 2, range / 2 - 1);
      else checkValue(value, 0, range - 1);
    }
    return write.call(this, value, offset, byteLength, noAssert);
  };
}

checkedWriter('writeUInt8', 0, 0xff);
checkedWriter('writeInt8', -0x80, 0x7f);
checkedWriter('writeUInt16LE', 0, 0xffff);
checkedWriter('writeUInt16BE', 0, 0xffff);
checkedWriter('writeInt16LE', -0x8000, 0x7fff);
checkedWriter('writeInt16BE', -0x8000, 0x7fff);
checkedWriter('writeUInt32LE', 0, 0xffffffff);
checkedWriter('writeUInt32BE', 0, 0xffffffff);
checkedWriter('writeInt32LE', -0x80000000, 0x7fffffff);
checkedWriter('writeInt32BE', -0x80000000, 0x7fffffff);
checkedVarWriter('writeUIntLE', false);
checkedVarWriter('writeUIntBE', false);
checkedVarWriter('writeIntLE', true);
checkedVarWriter('writeIntBE', true);

// Node's lower-case aliases (readUint8, writeUint32LE, ...).
Object.getOwnPropertyNames(proto).forEach(function (name) {
  if (/^(read|write)UInt/.test(name)) proto[name.replace('UInt', 'Uint')] = proto[name];
});

G.Buffer = Buffer;

module.exports = Buffer;
