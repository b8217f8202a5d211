// Tests for the `buffer` built-in (Buffer on top of Duktape's built-in one).
var assert = require('assert');
var buffer = require('buffer');

function hex(buf) { return buf.toString('hex'); }

// Module shape: Node's require('buffer').Buffer and IoT.js's require('buffer') alike,
// and the global Buffer is this one.
assert.strictEqual(typeof buffer.Buffer, 'function');
assert.strictEqual(buffer.Buffer, Buffer);
assert.strictEqual(buffer, Buffer);
assert.strictEqual(typeof buffer.kMaxLength, 'number');
assert.ok(buffer.kMaxLength >= 0x3fffffff);

// A buffer as the native side makes it (an instance of Duktape's built-in Buffer: a
// Uint8Array with the built-in prototype, which this Buffer shares).
function nativeBuffer(bytes) {
  var u = new Uint8Array(bytes);
  Object.setPrototypeOf(u, Object.getPrototypeOf(Buffer.from('')));
  return u;
}

// ---- construction -----------------------------------------------------------------------

// new Buffer(size | array | buffer | string[, encoding]) as IoT.js documents it.
(function () {
  var b = new Buffer(5);
  assert.strictEqual(b.length, 5);
  assert.strictEqual(hex(b), '0000000000');
  assert.ok(b instanceof Buffer);
  assert.ok(b instanceof Uint8Array);

  var a = new Buffer([65, 256 + 65, 65 - 256, 65.1]);
  assert.strictEqual(a.toString(), 'AAAA');

  var src = new Buffer('copy');
  var c = new Buffer(src);
  c[0] = 0x43;
  assert.strictEqual(src.toString(), 'copy');       // a copy, not shared
  assert.strictEqual(c.toString(), 'Copy');

  assert.strictEqual(new Buffer('t\u00e9st').length, 5);
  assert.strictEqual(hex(new Buffer('t\u00e9st')), '74c3a97374');
  assert.strictEqual(new Buffer('4142', 'hex').toString(), 'AB');
  assert.strictEqual(new Buffer(String.fromCharCode(65)).length, 1);
  assert.strictEqual(new Buffer(String.fromCharCode(128)).length, 2);
  assert.strictEqual(new Buffer(String.fromCharCode(2048)).length, 3);
  assert.strictEqual(Buffer(3).length, 3);           // without new
})();

// Characters outside the BMP are 4 bytes of UTF-8 (the built-in gives CESU-8's 6).
(function () {
  var smile = '\ud83d\ude00';
  var b = Buffer.from(smile);
  assert.strictEqual(b.length, 4);
  assert.strictEqual(hex(b), 'f09f9880');
  assert.strictEqual(b.toString(), smile);
  assert.strictEqual(new Buffer('a' + smile + 'b').length, 6);
  assert.strictEqual(Buffer.byteLength(smile), 4);
  assert.strictEqual(Buffer.byteLength('a' + smile + '\u00e9'), 7);
  // Lone surrogates become U+FFFD (EF BF BD), as in Node.
  assert.strictEqual(hex(Buffer.from('\ud800')), 'efbfbd');
  assert.strictEqual(hex(Buffer.from('\ude00x')), 'efbfbd78');
  assert.strictEqual(Buffer.byteLength('\ud800'), 3);
  assert.strictEqual(Buffer.byteLength('\ud800\ud800'), 6);
})();

// Buffer.from.
(function () {
  assert.strictEqual(Buffer.from('abc').toString(), 'abc');
  assert.strictEqual(hex(Buffer.from([1, 2, 255, 256, -1])), '0102ff00ff');
  assert.strictEqual(hex(Buffer.from({ length: 2, 0: 7, 1: 8 })), '0708');
  assert.strictEqual(hex(Buffer.from(new Uint16Array([0x102, 3]))), '0203');   // element-wise
  assert.strictEqual(Buffer.from(new String('boxed')).toString(), 'boxed');
  var json = Buffer.from('js').toJSON();
  assert.strictEqual(Buffer.from(json).toString(), 'js');

  var orig = Buffer.from('orig');
  var copy = Buffer.from(orig);
  copy[0] = 0x4f;
  assert.strictEqual(orig.toString(), 'orig');

  // ArrayBuffer: shared memory, with offset and length.
  var ab = new ArrayBuffer(8);
  var view = Buffer.from(ab, 2, 3);
  assert.strictEqual(view.length, 3);
  view[0] = 0x61;
  assert.strictEqual(new Uint8Array(ab)[2], 0x61);
  assert.strictEqual(Buffer.from(ab).length, 8);
  assert.strictEqual(Buffer.from(ab, 6).length, 2);
  assert.throws(function () { Buffer.from(ab, 9); }, RangeError);
  assert.throws(function () { Buffer.from(ab, 4, 5); }, RangeError);

  assert.throws(function () { Buffer.from(5); }, TypeError);
  assert.throws(function () { Buffer.from(null); }, TypeError);
  assert.throws(function () { Buffer.from(undefined); }, TypeError);
  assert.throws(function () { Buffer.from({}); }, TypeError);
})();

// Buffer.alloc / allocUnsafe.
(function () {
  assert.strictEqual(hex(Buffer.alloc(3)), '000000');
  assert.strictEqual(hex(Buffer.alloc(3, 1)), '010101');
  assert.strictEqual(hex(Buffer.alloc(3, 257)), '010101');
  assert.strictEqual(Buffer.alloc(5, 'ab').toString(), 'ababa');
  assert.strictEqual(hex(Buffer.alloc(4, 'a1b2', 'hex')), 'a1b2a1b2');
  assert.strictEqual(hex(Buffer.alloc(5, Buffer.from([1, 2]))), '0102010201');
  assert.strictEqual(Buffer.alloc(0).length, 0);
  assert.strictEqual(Buffer.allocUnsafe(4).length, 4);
  assert.ok(Buffer.allocUnsafe(1) instanceof Buffer);
  assert.strictEqual(Buffer.alloc(2.7).length, 2);
  assert.throws(function () { Buffer.alloc(-1); }, RangeError);
  assert.throws(function () { Buffer.alloc(NaN); }, RangeError);
  assert.throws(function () { Buffer.alloc('5'); }, TypeError);
  assert.throws(function () { new Buffer(-5); }, RangeError);
  assert.throws(function () { Buffer.alloc(buffer.kMaxLength + 1); }, RangeError);
})();

// ---- encodings --------------------------------------------------------------------------

// utf8 decoding: invalid sequences become U+FFFD, a BOM is kept.
(function () {
  assert.strictEqual(Buffer.from([0xff, 0x41]).toString(), '\ufffdA');
  assert.strictEqual(Buffer.from([0xf0, 0x9f, 0x41]).toString(), '\ufffdA');
  assert.strictEqual(Buffer.from([0xe2, 0x82]).toString(), '\ufffd');
  assert.strictEqual(Buffer.from([0xc0, 0x80]).toString(), '\ufffd\ufffd');
  assert.strictEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x41]).toString(), '\ufeffA');
  assert.strictEqual(Buffer.from([0xc8, 0x80]).toString().length, 1);
  assert.strictEqual(Buffer.from('x', 'utf-8').toString('UTF-8'), 'x');
})();

// hex: odd length and invalid digits truncate.
(function () {
  assert.strictEqual(hex(Buffer.from('0aFf', 'hex')), '0aff');
  assert.strictEqual(hex(Buffer.from('abc', 'hex')), 'ab');
  assert.strictEqual(hex(Buffer.from('12zz34', 'hex')), '12');
  assert.strictEqual(hex(Buffer.from('1z', 'hex')), '');
  assert.strictEqual(Buffer.from('', 'hex').length, 0);
  assert.strictEqual(Buffer.from([0, 15, 16, 255]).toString('hex'), '000f10ff');
})();

// base64: padded or not, whitespace and stray characters skipped, URL-safe alphabet.
(function () {
  assert.strictEqual(Buffer.from('hello').toString('base64'), 'aGVsbG8=');
  assert.strictEqual(Buffer.from('aGVsbG8=', 'base64').toString(), 'hello');
  assert.strictEqual(Buffer.from('aGVsbG8', 'base64').toString(), 'hello');
  assert.strictEqual(Buffer.from(' aGVs\nbG8=\r\n', 'base64').toString(), 'hello');
  assert.strictEqual(Buffer.from('aGV\tsbG8', 'base64').toString(), 'hello');
  assert.strictEqual(hex(Buffer.from('-_8', 'base64')), 'fbff');
  assert.strictEqual(hex(Buffer.from('QQ', 'base64')), '41');
  assert.strictEqual(hex(Buffer.from('Q', 'base64')), '');
  assert.strictEqual(Buffer.from('', 'base64').length, 0);
  assert.strictEqual(Buffer.from([0xfb, 0xff]).toString('base64'), '+/8=');
  assert.strictEqual(Buffer.from([0xfb, 0xff]).toString('base64url'), '-_8');
  assert.strictEqual(hex(Buffer.from('-_8', 'base64url')), 'fbff');
  assert.strictEqual(Buffer.alloc(0).toString('base64'), '');
})();

// ascii, latin1/binary, ucs2/utf16le.
(function () {
  assert.strictEqual(hex(Buffer.from('\u00e9A', 'latin1')), 'e941');
  assert.strictEqual(hex(Buffer.from('\u00e9A', 'binary')), 'e941');
  assert.strictEqual(hex(Buffer.from('\u0100', 'latin1')), '00');       // low byte kept
  assert.strictEqual(Buffer.from([0xe9, 0x41]).toString('latin1'), '\u00e9A');
  assert.strictEqual(Buffer.from([0xe9, 0x41]).toString('binary'), '\u00e9A');
  assert.strictEqual(Buffer.from([0xe9, 0x41]).toString('ascii'), 'iA');  // high bit dropped
  assert.strictEqual(hex(Buffer.from('hi', 'ascii')), '6869');
  assert.strictEqual(hex(Buffer.from('h\u00e9', 'ucs2')), '6800e900');
  assert.strictEqual(hex(Buffer.from('\ud83d\ude00', 'utf16le')), '3dd800de');
  assert.strictEqual(Buffer.from('6800e900', 'hex').toString('utf16le'), 'h\u00e9');
  assert.strictEqual(Buffer.from('6800e9', 'hex').toString('ucs2'), 'h');   // odd byte dropped
  assert.strictEqual(Buffer.from('x', 'UCS-2').length, 2);
  // Long content (decoded in chunks).
  var big = Buffer.alloc(20000, 'xy');
  assert.strictEqual(big.toString('latin1').length, 20000);
  assert.strictEqual(big.toString('ascii').slice(-2), 'xy');
  assert.strictEqual(big.toString('ucs2').length, 10000);
  assert.strictEqual(big.toString().length, 20000);
})();

// Unknown encodings throw TypeError 'Unknown encoding: x'.
(function () {
  assert.throws(function () { Buffer.from('a', 'nope'); }, function (e) {
    return e instanceof TypeError && e.message === 'Unknown encoding: nope';
  });
  assert.throws(function () { Buffer.from('a').toString('utf9'); }, /Unknown encoding: utf9/);
  assert.throws(function () { Buffer.alloc(2).write('a', 'x'); }, TypeError);
  assert.throws(function () { Buffer.alloc(2).fill('a', 'x'); }, TypeError);
})();

// isEncoding and byteLength.
(function () {
  var names = ['utf8', 'utf-8', 'UTF8', 'hex', 'base64', 'base64url', 'ascii', 'latin1', 'binary',
               'ucs2', 'ucs-2', 'utf16le', 'utf-16le'];
  for (var i = 0; i < names.length; i++) assert.strictEqual(Buffer.isEncoding(names[i]), true, names[i]);
  assert.strictEqual(Buffer.isEncoding('utf9'), false);
  assert.strictEqual(Buffer.isEncoding(''), false);
  assert.strictEqual(Buffer.isEncoding(null), false);
  assert.strictEqual(Buffer.isEncoding(8), false);

  assert.strictEqual(Buffer.byteLength('abc'), 3);
  assert.strictEqual(Buffer.byteLength('\u00e9'), 2);
  assert.strictEqual(Buffer.byteLength('\u20ac'), 3);
  assert.strictEqual(Buffer.byteLength('4142', 'hex'), 2);
  assert.strictEqual(Buffer.byteLength('aGVsbG8=', 'base64'), 5);
  assert.strictEqual(Buffer.byteLength('aGVsbG8', 'base64'), 5);
  assert.strictEqual(Buffer.byteLength('ab', 'ucs2'), 4);
  assert.strictEqual(Buffer.byteLength('\u00e9\u00e9', 'latin1'), 2);
  assert.strictEqual(Buffer.byteLength(Buffer.alloc(7)), 7);
  assert.strictEqual(Buffer.byteLength(new ArrayBuffer(3)), 3);
  assert.strictEqual(Buffer.byteLength(String.fromCharCode(2048)), 3);
  assert.throws(function () { Buffer.byteLength(5); }, TypeError);
})();

// ---- static helpers ---------------------------------------------------------------------

(function () {
  var joined = Buffer.concat([new Buffer('He'), new Buffer('llo'), new Buffer(' wo'), new Buffer('rld')]);
  assert.strictEqual(joined.toString(), 'Hello world');
  assert.ok(joined instanceof Buffer);
  assert.strictEqual(Buffer.concat([]).length, 0);
  assert.strictEqual(Buffer.concat([Buffer.from('ab'), new Uint8Array([0x63])]).toString(), 'abc');
  assert.strictEqual(Buffer.concat([Buffer.from('abc'), Buffer.from('def')], 4).toString(), 'abcd');
  assert.strictEqual(hex(Buffer.concat([Buffer.from('a')], 3)), '610000');
  var one = Buffer.from('one');
  var c = Buffer.concat([one]);
  c[0] = 0x4f;
  assert.strictEqual(one.toString(), 'one');            // always a copy
  assert.throws(function () { Buffer.concat('ab'); }, TypeError);
  assert.throws(function () { Buffer.concat(['ab']); }, TypeError);

  assert.strictEqual(Buffer.isBuffer(Buffer.alloc(1)), true);
  assert.strictEqual(Buffer.isBuffer(new Uint8Array(1)), false);
  assert.strictEqual(Buffer.isBuffer('str'), false);
  assert.strictEqual(Buffer.isBuffer(null), false);

  assert.strictEqual(Buffer.compare(Buffer.from('a'), Buffer.from('b')), -1);
  assert.strictEqual(Buffer.compare(Buffer.from('b'), Buffer.from('a')), 1);
  assert.strictEqual(Buffer.compare(Buffer.from('ab'), Buffer.from('ab')), 0);
  assert.strictEqual(Buffer.compare(Buffer.from('a'), Buffer.from('ab')), -1);
  var sorted = [Buffer.from('c'), Buffer.from('a'), Buffer.from('b')].sort(Buffer.compare);
  assert.strictEqual(Buffer.concat(sorted).toString(), 'abc');
  assert.throws(function () { Buffer.compare('a', Buffer.from('a')); }, TypeError);
})();

// ---- prototype methods ------------------------------------------------------------------

// toString([encoding[, start[, end]]]) and IoT.js's toString([start[, end]]).
(function () {
  var b = Buffer.from('DEFG');
  assert.strictEqual(b.toString(), 'DEFG');
  assert.strictEqual(b.toString('utf8', 1, 3), 'EF');
  assert.strictEqual(b.toString(1, 3), 'EF');
  assert.strictEqual(b.toString(2), 'FG');
  assert.strictEqual(b.toString('hex'), '44454647');
  assert.strictEqual(b.toString('hex', 3), '47');
  assert.strictEqual(b.toString(undefined, 1), 'EFG');
  assert.strictEqual(b.toString('utf8', -5, 100), 'DEFG');
  assert.strictEqual(b.toString('utf8', 3, 1), '');
  assert.strictEqual(b.toString('utf8', 4), '');
  assert.strictEqual(String(b), 'DEFG');
  assert.strictEqual('' + b, 'DEFG');
  // A multi-byte character cut by the range.
  assert.strictEqual(Buffer.from('\u00e9').toString('utf8', 0, 1), '\ufffd');
})();

// write(string[, offset[, length]][, encoding]).
(function () {
  var b = new Buffer('......');
  assert.strictEqual(b.write('AB'), 2);
  assert.strictEqual(b.write('XY', 3), 2);
  assert.strictEqual(b.toString(), 'AB.XY.');

  b = new Buffer('......');
  assert.strictEqual(b.write('ABCDEF', 1, 3), 3);
  assert.strictEqual(b.toString(), '.ABC..');

  b = Buffer.alloc(4);
  assert.strictEqual(b.write('ffee', 'hex'), 2);
  assert.strictEqual(hex(b), 'ffee0000');
  assert.strictEqual(b.write('01', 3, 'hex'), 1);
  assert.strictEqual(b.write('aabbcc', 1, 1, 'hex'), 1);
  assert.strictEqual(hex(b), 'ffaa0001');

  // Too long: truncated, and never part of a character.
  b = Buffer.alloc(5, '.');
  assert.strictEqual(b.write('\u00e9\u00e9\u00e9'), 4);
  assert.strictEqual(b.toString('hex'), 'c3a9c3a92e');
  assert.strictEqual(Buffer.alloc(3).write('\ud83d\ude00'), 0);
  assert.strictEqual(Buffer.alloc(3).write('ab', 'ucs2'), 2);
  assert.strictEqual(Buffer.alloc(2).write('abc', 2), 0);

  assert.throws(function () { Buffer.alloc(2).write('a', 3); }, RangeError);
  assert.throws(function () { Buffer.alloc(2).write('a', -1); }, RangeError);
  assert.throws(function () { Buffer.alloc(2).write(5); }, TypeError);
})();

// equals / compare.
(function () {
  var b1 = new Buffer('AB');
  var b2 = new Buffer('4142', 'hex');
  var b3 = new Buffer('A');
  assert.strictEqual(b1.equals(b2), true);
  assert.strictEqual(b1.equals(b3), false);
  assert.strictEqual(b1.equals(new Uint8Array([0x41, 0x42])), true);
  assert.throws(function () { b1.equals('AB'); }, TypeError);

  assert.strictEqual(b1.compare(b1), 0);
  assert.strictEqual(b1.compare(b3), 1);
  assert.strictEqual(b1.compare(new Buffer('B')), -1);
  assert.strictEqual(b3.compare(b1), -1);
  // compare(target, targetStart, targetEnd, sourceStart, sourceEnd)
  var x = Buffer.from('abcdef');
  var y = Buffer.from('xxcdxx');
  assert.strictEqual(x.compare(y, 2, 4, 2, 4), 0);
  assert.strictEqual(x.compare(y, 2, 4, 0, 2), -1);
  assert.strictEqual(x.compare(y, 0, 0), 1);
  assert.strictEqual(x.compare(y, 0, 0, 0, 0), 0);
  assert.throws(function () { x.compare(y, -1); }, RangeError);
  assert.throws(function () { x.compare(y, 0, 7); }, RangeError);
})();

// copy(target[, targetStart[, sourceStart[, sourceEnd]]]).
(function () {
  var b1 = new Buffer('Hello XY world!');
  var b2 = new Buffer('<JS>');
  assert.strictEqual(b2.copy(b1, 6, 1, 3), 2);
  assert.strictEqual(b1.toString(), 'Hello JS world!');
  var t = Buffer.alloc(3, '.');
  assert.strictEqual(Buffer.from('abcdef').copy(t), 3);
  assert.strictEqual(t.toString(), 'abc');
  assert.strictEqual(Buffer.from('xyz').copy(t, 2), 1);
  assert.strictEqual(t.toString(), 'abx');
  assert.strictEqual(Buffer.from('xyz').copy(t, 5), 0);
  assert.strictEqual(Buffer.from('xyz').copy(t, 0, 2, 1), 0);
  assert.strictEqual(Buffer.from('xyz').copy(t, 0, 1, 100), 2);
  assert.strictEqual(t.toString(), 'yzx');
  // Overlapping, within one buffer.
  var o = Buffer.from('abcdef');
  o.copy(o, 2, 0, 4);
  assert.strictEqual(o.toString(), 'ababcd');
  o = Buffer.from('abcdef');
  o.copy(o, 0, 2);
  assert.strictEqual(o.toString(), 'cdefef');
  // Into a plain Uint8Array.
  var u = new Uint8Array(2);
  Buffer.from('hi').copy(u);
  assert.strictEqual(u[1], 0x69);
  assert.throws(function () { Buffer.from('a').copy('x'); }, TypeError);
  assert.throws(function () { Buffer.from('a').copy(t, -1); }, RangeError);
  assert.throws(function () { Buffer.from('a').copy(t, 0, -1); }, RangeError);
})();

// fill(value[, offset[, end]][, encoding]).
(function () {
  var b = new Buffer('Hello');
  assert.strictEqual(b.fill(65), b);
  assert.strictEqual(b.toString(), 'AAAAA');
  b.fill(66 - 256);
  assert.strictEqual(b.toString(), 'BBBBB');
  b.fill('x', 1, 3);
  assert.strictEqual(b.toString(), 'BxxBB');
  b.fill('yz', 2);
  assert.strictEqual(b.toString(), 'Bxyzy');
  b.fill('4142', 'hex');
  assert.strictEqual(b.toString(), 'ABABA');
  b.fill('\u00e9');
  assert.strictEqual(hex(b), 'c3a9c3a9c3');
  b.fill('');
  assert.strictEqual(hex(b), '0000000000');
  b.fill(Buffer.from([1, 2, 3]), 1);
  assert.strictEqual(hex(b), '0001020301');
  b.fill(9, 4, 4);
  assert.strictEqual(hex(b), '0001020301');
  assert.throws(function () { b.fill(0, -1); }, RangeError);
  assert.throws(function () { b.fill(0, 0, 6); }, RangeError);
  assert.throws(function () { b.fill('zz', 'hex'); }, TypeError);
  // A long fill (the pattern doubles).
  var big = Buffer.alloc(1000).fill('abc');
  assert.strictEqual(big.toString().slice(-4), 'abca');
  assert.strictEqual(big.toString().indexOf('abcabc'), 0);
  assert.strictEqual(big[999], 'abc'.charCodeAt(999 % 3));
})();

// slice / subarray share memory, as Node.
(function () {
  var b = new Buffer('This is JavaScript!!!');
  var s = b.slice(8, 18);
  assert.strictEqual(s.toString(), 'JavaScript');
  assert.ok(s instanceof Buffer);
  s[0] = 0x6a;
  assert.strictEqual(b.toString(), 'This is javaScript!!!');
  var sub = b.subarray(0, 4);
  assert.ok(sub instanceof Buffer);
  assert.strictEqual(sub.toString(), 'This');
  sub[0] = 0x74;
  assert.strictEqual(b[0], 0x74);
  assert.strictEqual(b.slice(-3).toString(), '!!!');
  assert.strictEqual(b.slice(-100, 2).toString(), 'th');
  assert.strictEqual(b.slice(5, 2).length, 0);
  assert.strictEqual(b.slice(0, 1000).length, b.length);
  assert.strictEqual(b.slice().length, b.length);
  // A slice of a slice.
  assert.strictEqual(b.slice(8).slice(4, 10).toString(), 'Script');
  assert.strictEqual(b.slice(8).slice(4, 10).toString('hex'), '536372697074');
})();

// indexOf / lastIndexOf / includes: a byte, a string or a buffer.
(function () {
  var b = Buffer.from('this is a buffer');
  assert.strictEqual(b.indexOf('this'), 0);
  assert.strictEqual(b.indexOf('is'), 2);
  assert.strictEqual(b.indexOf('is', 3), 5);
  assert.strictEqual(b.indexOf(Buffer.from('a buffer')), 8);
  assert.strictEqual(b.indexOf(97), 8);
  assert.strictEqual(b.indexOf(97 + 256), 8);
  assert.strictEqual(b.indexOf('zz'), -1);
  assert.strictEqual(b.indexOf('buffer', -6), 10);
  assert.strictEqual(b.indexOf('this', -6), -1);
  assert.strictEqual(b.indexOf('7468', 'hex'), 0);
  assert.strictEqual(b.indexOf('6572', 0, 'hex'), 14);
  assert.strictEqual(b.indexOf(''), 0);
  assert.strictEqual(b.indexOf('', 3), 3);
  assert.strictEqual(b.indexOf('', 100), b.length);
  assert.strictEqual(b.lastIndexOf('is'), 5);
  assert.strictEqual(b.lastIndexOf('is', 4), 2);
  assert.strictEqual(b.lastIndexOf('f'), 13);
  assert.strictEqual(b.lastIndexOf('this', -1), 0);
  assert.strictEqual(b.lastIndexOf('x'), -1);
  assert.strictEqual(b.includes('buf'), true);
  assert.strictEqual(b.includes('buf', 11), false);
  assert.strictEqual(b.includes(0x20), true);
  assert.strictEqual(b.includes(Buffer.from('nope')), false);
  assert.strictEqual(Buffer.from('\u00e9t\u00e9').indexOf('t\u00e9'), 2);
  assert.throws(function () { b.indexOf({}); }, TypeError);
})();

// toJSON, length, indexing.
(function () {
  var b = Buffer.from([1, 2, 3]);
  assert.deepStrictEqual(b.toJSON(), { type: 'Buffer', data: [1, 2, 3] });
  assert.strictEqual(JSON.stringify(b), '{"type":"Buffer","data":[1,2,3]}');
  assert.strictEqual(b.length, 3);
  assert.strictEqual(b[1], 2);
  b[1] = 300;
  assert.strictEqual(b[1], 44);
  assert.strictEqual(b[5], undefined);
  b.length = 10;                         // read-only
  assert.strictEqual(b.length, 3);
})();

// Integer reads and writes (the built-in ones, with Node's range checks).
(function () {
  var b = new Buffer('ABCDEF');
  assert.strictEqual(b.readUInt8(1).toString(16), '42');
  assert.strictEqual(b.readUInt16LE(1).toString(16), '4342');
  assert.strictEqual(b.readUInt16BE(1).toString(16), '4243');
  assert.strictEqual(b.readUInt32LE(0).toString(16), '44434241');
  assert.strictEqual(b.readUint8(0), 0x41);                  // lower-case alias

  var w = new Buffer('....');
  assert.strictEqual(w.writeUInt8(65, 2), 3);
  assert.strictEqual(w.toString(), '..A.');
  w = new Buffer('......');
  assert.strictEqual(w.writeUInt16LE(0x4142, 1), 3);
  assert.strictEqual(w.toString(), '.BA...');
  w = new Buffer('......');
  assert.strictEqual(w.writeUInt32LE(0x41424344, 1), 5);
  assert.strictEqual(w.toString(), '.DCBA.');

  var n = Buffer.alloc(8);
  assert.strictEqual(n.writeInt8(-2, 0), 1);
  assert.strictEqual(n.readInt8(0), -2);
  assert.strictEqual(n.readUInt8(0), 254);
  n.writeInt16BE(-300, 0);
  assert.strictEqual(n.readInt16BE(0), -300);
  n.writeInt32LE(-123456789, 0);
  assert.strictEqual(n.readInt32LE(0), -123456789);
  n.writeUInt32BE(0xdeadbeef, 4);
  assert.strictEqual(n.readUInt32BE(4), 0xdeadbeef);
  assert.strictEqual(n.readInt32BE(4), -559038737);
  n.writeUIntBE(0x123456789a, 0, 5);
  assert.strictEqual(n.readUIntBE(0, 5), 0x123456789a);
  n.writeIntLE(-5, 0, 3);
  assert.strictEqual(n.readIntLE(0, 3), -5);
  n.writeDoubleLE(1.5, 0);
  assert.strictEqual(n.readDoubleLE(0), 1.5);
  n.writeFloatBE(-2.5, 4);
  assert.strictEqual(n.readFloatBE(4), -2.5);
  assert.strictEqual(Buffer.from([5]).readUInt8(), 5);       // offset defaults to 0

  // Offsets out of bounds: RangeError.
  assert.throws(function () { b.readUInt8(6); }, RangeError);
  assert.throws(function () { b.readUInt8(-1); }, RangeError);
  assert.throws(function () { b.readUInt16LE(5); }, RangeError);
  assert.throws(function () { b.readUInt32BE(3); }, RangeError);
  assert.throws(function () { b.writeUInt8(1, 6); }, RangeError);
  assert.throws(function () { b.writeUInt16BE(1, 5); }, RangeError);
  assert.throws(function () { b.writeDoubleLE(1, 0); }, RangeError);
  assert.throws(function () { b.readUIntBE(0, 7); }, RangeError);
  // Values out of range: RangeError (unless IoT.js's noAssert).
  assert.throws(function () { n.writeUInt8(256, 0); }, RangeError);
  assert.throws(function () { n.writeUInt8(-1, 0); }, RangeError);
  assert.throws(function () { n.writeInt8(128, 0); }, RangeError);
  assert.throws(function () { n.writeUInt16LE(0x10000, 0); }, RangeError);
  assert.throws(function () { n.writeInt16BE(-0x8001, 0); }, RangeError);
  assert.throws(function () { n.writeUInt32LE(0x100000000, 0); }, RangeError);
  assert.throws(function () { n.writeInt32BE(0x80000000, 0); }, RangeError);
  assert.throws(function () { n.writeUIntLE(256, 0, 1); }, RangeError);
  assert.throws(function () { n.writeIntBE(0x800000, 0, 3); }, RangeError);
  assert.throws(function () { n.writeUInt8(256, 0); }, /out of range/);
  n.writeUInt8(0x1ff, 0, true);
  assert.strictEqual(n[0], 0xff);
})();

// Native buffers (the C++ side's) are Buffers, with all of the methods above.
(function () {
  var nb = nativeBuffer([0x68, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  assert.ok(nb instanceof Buffer);
  assert.ok(Buffer.isBuffer(nb));
  assert.strictEqual(nb.toString(), 'h\u00e9\ud83d\ude00');
  assert.strictEqual(nb.toString('hex'), '68c3a9f09f9880');
  assert.strictEqual(nb.toString('base64'), 'aMOp8J+YgA==');
  assert.strictEqual(nb.slice(0, 3).toString(), 'h\u00e9');
  assert.ok(nb.slice(1) instanceof Buffer);
  assert.strictEqual(nb.indexOf(0xc3), 1);
  assert.strictEqual(nb.equals(Buffer.from('h\u00e9\ud83d\ude00')), true);
  assert.strictEqual(Buffer.concat([nb, Buffer.from('!')]).toString(), 'h\u00e9\ud83d\ude00!');
  assert.strictEqual(nb.readUInt16BE(0), 0x68c3);
  assert.strictEqual(nb.constructor, Buffer);
  var copied = Buffer.from(nb);
  copied[0] = 0;
  assert.strictEqual(nb[0], 0x68);
})();

// Buffers in a later tick behave the same.
var laterText = null;
setTimeout(function () {
  laterText = Buffer.concat([Buffer.from('la'), Buffer.from('ter')]).toString('base64');
}, 1);
process.on('exit', function () {
  assert.strictEqual(laterText, 'bGF0ZXI=');
});

// The natives (buffer_binding.cc): surrogates, views with an offset, round trips.
(function () {
  // UTF-8 decoding makes JavaScript's surrogate pairs; invalid sequences one U+FFFD each.
  var s = Buffer.from([0xf0, 0x9f, 0x98, 0x80]).toString();
  assert.strictEqual(s.length, 2);
  assert.strictEqual(s.charCodeAt(0), 0xd83d);
  assert.strictEqual(s.charCodeAt(1), 0xde00);
  assert.strictEqual(Buffer.from([0xed, 0xa0, 0x80]).toString(), '\ufffd\ufffd\ufffd');   // no surrogates in UTF-8
  assert.strictEqual(Buffer.from([0xf4, 0x90, 0x80, 0x80]).toString(), '\ufffd\ufffd\ufffd\ufffd');
  assert.strictEqual(Buffer.from([0xe1, 0x80, 0x41]).toString(), '\ufffdA');
  assert.strictEqual(Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0x80]).toString(), '\ud83d\ude00\ufffd');
  assert.strictEqual(hex(Buffer.from('\ud83d\ude00\ud83d')), 'f09f9880efbfbd');
  assert.strictEqual(Buffer.from('\ud83d\ude00', 'ucs2').toString('ucs2'), '\ud83d\ude00');
  assert.strictEqual(Buffer.from('\u00e9\u00ff', 'latin1').toString('latin1'), '\u00e9\u00ff');
  // Every byte through hex, base64, base64url and latin1 and back.
  var all = Buffer.alloc(256);
  for (var i = 0; i < 256; i++) all[i] = i;
  ['hex', 'base64', 'base64url', 'latin1', 'binary'].forEach(function (enc) {
    assert.ok(Buffer.from(all.toString(enc), enc).equals(all), enc);
  });
  assert.strictEqual(all.toString('base64url').indexOf('='), -1);
  var text = 'a\u00e9\u20ac\ud83d\ude00z';
  assert.strictEqual(Buffer.from(text).toString(), text);
  assert.strictEqual(Buffer.from(text, 'utf16le').toString('utf16le'), text);
  // Typed-array views with an offset: only their own bytes.
  var u = new Uint8Array([0x61, 0x62, 0x63, 0x64]).subarray(1, 3);
  assert.strictEqual(Buffer.from(u).toString(), 'bc');
  assert.strictEqual(Buffer.concat([u, u]).toString(), 'bcbc');
  assert.strictEqual(Buffer.from('xbcx').indexOf(u), 1);
  assert.strictEqual(Buffer.prototype.toString.call(u, 'hex'), '6263');
  var view = Buffer.from('abcdef').slice(2);
  assert.strictEqual(view.toString('hex', 1, 3), '6465');
  assert.strictEqual(view.write('XY', 1), 2);
  assert.strictEqual(view.toString(), 'cXYf');
  assert.strictEqual(view.fill('z', 3).toString(), 'cXYz');
  assert.strictEqual(view.lastIndexOf(Buffer.from('XY')), 1);
  assert.strictEqual(view.compare(Buffer.from('cXYz')), 0);
  // A fill pattern that overlaps the buffer it fills.
  var o = Buffer.from('abcdef');
  o.fill(o.slice(0, 2), 1);
  assert.strictEqual(o.toString(), 'aababa');
  // The lower-case aliases check ranges as the others.
  assert.throws(function () { Buffer.alloc(2).writeUint16LE(0x10000, 0); }, RangeError);
  assert.throws(function () { Buffer.alloc(4).writeUintBE(0x1000000, 0, 3); }, /It must be >= 0 and <= 16777215/);
  assert.strictEqual(Buffer.alloc(2).writeUint16BE(0x102), 2);
  // Errors carry Node's codes.
  assert.throws(function () { Buffer.from(5); }, function (e) { return e.code === 'ERR_INVALID_ARG_TYPE' &&
    /Received type number \(5\)$/.test(e.message); });
  assert.throws(function () { Buffer.concat([Buffer.alloc(1), {}]); }, /"list\[1\]" argument .* Received an instance of Object/);
  assert.throws(function () { Buffer.alloc(1).fill(0, 2); }, function (e) { return e.code === 'ERR_OUT_OF_RANGE'; });
  assert.throws(function () { Buffer.from('a', 'x'); }, function (e) { return e.code === 'ERR_UNKNOWN_ENCODING'; });
  assert.throws(function () { Buffer.from(new ArrayBuffer(2), 3); }, function (e) {
    return e instanceof RangeError && e.code === 'ERR_BUFFER_OUT_OF_BOUNDS';
  });
})();
