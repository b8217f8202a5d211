// Tests for the `util` built-in: inherits, format, inspect and the type predicates.
var assert = require('assert');
var util = require('util');

var format = util.format;
var inspect = util.inspect;

// ---- inherits ---------------------------------------------------------------------------

(function () {
  function Base(x) { this.x = x; }
  Base.prototype.getX = function () { return this.x; };
  function Derived(x) { Base.call(this, x); }
  Derived.prototype.own = function () { return 'own'; };   // defined before inherits: kept
  util.inherits(Derived, Base);
  Derived.prototype.twice = function () { return 2 * this.x; };
  var d = new Derived(21);
  assert.strictEqual(Derived.super_, Base);
  assert.ok(d instanceof Derived);
  assert.ok(d instanceof Base);
  assert.strictEqual(d.getX(), 21);
  assert.strictEqual(d.twice(), 42);
  assert.strictEqual(d.own(), 'own');
  assert.strictEqual(d.constructor, Derived);
  assert.strictEqual(Object.keys(Derived).indexOf('super_'), -1);   // not enumerable
  assert.throws(function () { util.inherits(null, Base); }, TypeError);
  assert.throws(function () { util.inherits(Derived, null); }, TypeError);
  assert.throws(function () { util.inherits(Derived, {}); }, TypeError);
})();

// Error subclasses made with inherits.
(function () {
  function MyError(msg) { this.message = msg; }
  util.inherits(MyError, Error);
  MyError.prototype.name = 'MyError';
  var e = new MyError('m');
  assert.ok(e instanceof Error);
  assert.ok(util.isError(e));
  assert.strictEqual(String(e), 'MyError: m');
})();

// ---- predicates -------------------------------------------------------------------------

(function () {
  assert.strictEqual(util.isNull(null), true);
  assert.strictEqual(util.isNull(undefined), false);
  assert.strictEqual(util.isUndefined(undefined), true);
  assert.strictEqual(util.isUndefined(null), false);
  assert.strictEqual(util.isNullOrUndefined(null), true);
  assert.strictEqual(util.isNullOrUndefined(undefined), true);
  assert.strictEqual(util.isNullOrUndefined(0), false);
  assert.strictEqual(util.isNumber(1), true);
  assert.strictEqual(util.isNumber(NaN), true);
  assert.strictEqual(util.isNumber('1'), false);
  assert.strictEqual(util.isBoolean(false), true);
  assert.strictEqual(util.isBoolean(0), false);
  assert.strictEqual(util.isString(''), true);
  assert.strictEqual(util.isString(new String('')), false);
  assert.strictEqual(util.isObject({}), true);
  assert.strictEqual(util.isObject([]), true);
  assert.strictEqual(util.isObject(null), false);
  assert.strictEqual(util.isObject(function () {}), false);
  assert.strictEqual(util.isFunction(function () {}), true);
  assert.strictEqual(util.isFunction({}), false);
  assert.strictEqual(util.isBuffer(Buffer.from('x')), true);
  assert.strictEqual(util.isBuffer(new Buffer(2)), true);
  assert.strictEqual(util.isBuffer(new Uint8Array(2)), false);
  assert.strictEqual(util.isBuffer('x'), false);
  assert.strictEqual(util.isArray([]), true);
  assert.strictEqual(util.isArray({ length: 0 }), false);
  assert.strictEqual(util.isError(new TypeError('t')), true);
  assert.strictEqual(util.isError({ message: 'x', name: 'Error' }), false);
  assert.strictEqual(util.isRegExp(/x/), true);
  assert.strictEqual(util.isRegExp('/x/'), false);
  assert.strictEqual(util.isDate(new Date()), true);
  assert.strictEqual(util.isDate(Date.now()), false);
  assert.strictEqual(util.isPrimitive(1), true);
  assert.strictEqual(util.isPrimitive('s'), true);
  assert.strictEqual(util.isPrimitive(null), true);
  assert.strictEqual(util.isPrimitive(undefined), true);
  assert.strictEqual(util.isPrimitive(Symbol('s')), true);
  assert.strictEqual(util.isPrimitive({}), false);
  assert.strictEqual(util.isPrimitive(function () {}), false);
  assert.strictEqual(util.isSymbol(Symbol('s')), true);
})();

// ---- format -----------------------------------------------------------------------------

// Plain strings and no arguments.
assert.strictEqual(format(), '');
assert.strictEqual(format('plain'), 'plain');
assert.strictEqual(format('%s'), '%s');            // no argument: left as is
assert.strictEqual(format('%%'), '%%');            // a lone format string is returned as is
assert.strictEqual(format('%s:%s', 'foo'), 'foo:%s');
assert.strictEqual(format('%% %s', 'x'), '% x');
assert.strictEqual(format('%s %%', 'x'), 'x %');
assert.strictEqual(format('%s %% %s', 'a'), 'a % %s');
assert.strictEqual(format('100%'), '100%');
assert.strictEqual(format('100%', 1), '100% 1');
assert.strictEqual(format('%x %s', 1), '%x 1');    // unknown placeholder: kept, nothing consumed

// %s
assert.strictEqual(format('%s', 'str'), 'str');
assert.strictEqual(format('%s', 42), '42');
assert.strictEqual(format('%s', -0), '-0');
assert.strictEqual(format('%s', null), 'null');
assert.strictEqual(format('%s', undefined), 'undefined');
assert.strictEqual(format('%s', true), 'true');
assert.strictEqual(format('%s', Symbol('q')), 'Symbol(q)');
assert.strictEqual(format('%s', { a: 1 }), '{ a: 1 }');
assert.strictEqual(format('%s', { a: { b: 1 } }), '{ a: [Object] }');   // depth 0
assert.strictEqual(format('%s', [1, [2]]), '[ 1, [Array] ]');
assert.strictEqual(format('%s', { toString: function () { return 'custom'; } }), 'custom');
assert.strictEqual(format('%s', Buffer.from('text')), 'text');       // Buffer has its own toString
assert.strictEqual(format('%s', new Date(0)), '1970-01-01T00:00:00.000Z');
assert.strictEqual(format('%s and %s', 'a', 'b'), 'a and b');

// %d %i %f
assert.strictEqual(format('%d', 42), '42');
assert.strictEqual(format('%d', 1.5), '1.5');
assert.strictEqual(format('%d', '42'), '42');
assert.strictEqual(format('%d', '42abc'), 'NaN');
assert.strictEqual(format('%d', -0), '-0');
assert.strictEqual(format('%d', {}), 'NaN');
assert.strictEqual(format('%d', Symbol('s')), 'NaN');
assert.strictEqual(format('%i', 42.9), '42');
assert.strictEqual(format('%i', '42abc'), '42');
assert.strictEqual(format('%i', -3.7), '-3');
assert.strictEqual(format('%i', 'x'), 'NaN');
assert.strictEqual(format('%f', '1.25'), '1.25');
assert.strictEqual(format('%f', '1.5e2x'), '150');
assert.strictEqual(format('%f', 'abc'), 'NaN');

// %j
assert.strictEqual(format('%j', { a: [1, 'x'] }), '{"a":[1,"x"]}');
assert.strictEqual(format('%j', 'str'), '"str"');
assert.strictEqual(format('%j', undefined), 'undefined');
(function () {
  var circ = {};
  circ.self = circ;
  assert.strictEqual(format('%j', circ), '[Circular]');
})();

// %o %O %c
assert.strictEqual(format('%O', { a: { b: { c: { d: 1 } } } }), '{ a: { b: { c: [Object] } } }');
assert.strictEqual(format('%o', { a: { b: { c: { d: 1 } } } }), '{\n  a: { b: { c: { d: 1 } } }\n}');
assert.strictEqual(format('%c%s', 'color: red', 'x'), 'x');

// Arguments beyond the placeholders: strings as they are, anything else inspected.
assert.strictEqual(format('a', 'b', 'c'), 'a b c');
assert.strictEqual(format('%s', 'a', 'b'), 'a b');
assert.strictEqual(format('%s', 'a', { b: 1 }, [2], 'c'), "a { b: 1 } [ 2 ] c");
assert.strictEqual(format('', 'x'), ' x');

// A first argument that is not a string: everything inspected (strings among the rest raw).
assert.strictEqual(format(1, 2), '1 2');
assert.strictEqual(format({ a: 'x' }, 'raw'), "{ a: 'x' } raw");
assert.strictEqual(format(null, undefined), 'null undefined');
assert.strictEqual(format(['s']), "[ 's' ]");
assert.strictEqual(format(Buffer.from('hi')), '<Buffer 68 69>');
assert.strictEqual(format(function named() {}), '[Function: named]');

// ---- inspect ----------------------------------------------------------------------------

// Primitives; strings are quoted.
assert.strictEqual(inspect(1), '1');
assert.strictEqual(inspect(-0), '-0');
assert.strictEqual(inspect(NaN), 'NaN');
assert.strictEqual(inspect(true), 'true');
assert.strictEqual(inspect(null), 'null');
assert.strictEqual(inspect(undefined), 'undefined');
assert.strictEqual(inspect('str'), "'str'");
assert.strictEqual(inspect(Symbol('sym')), 'Symbol(sym)');

// Quoting and escaping.
assert.strictEqual(inspect("it's"), '"it\'s"');
assert.strictEqual(inspect('it\'s "q"'), '`it\'s "q"`');
assert.strictEqual(inspect('a\nb\tc\\'), "'a\\nb\\tc\\\\'");
assert.strictEqual(inspect('\x01\x7f'), "'\\x01\\x7F'");
assert.strictEqual(inspect('\u00e9'), "'\u00e9'");

// Objects and arrays.
assert.strictEqual(inspect({}), '{}');
assert.strictEqual(inspect([]), '[]');
assert.strictEqual(inspect({ a: 1, b: 'two', c: null }), "{ a: 1, b: 'two', c: null }");
assert.strictEqual(inspect([1, 'a', undefined]), "[ 1, 'a', undefined ]");
assert.strictEqual(inspect({ 'a-b': 1, _ok: 2, $: 3, '1x': 4 }), "{ 'a-b': 1, _ok: 2, '$': 3, '1x': 4 }");
assert.strictEqual(inspect([[1, [2]], { x: [] }]), '[ [ 1, [ 2 ] ], { x: [] } ]');
assert.strictEqual(inspect([1, , 3]), '[ 1, <1 empty item>, 3 ]');
assert.strictEqual(inspect(new Array(3)), '[ <3 empty items> ]');
(function () {
  var arr = [1, 2];
  arr.extra = 'x';
  assert.strictEqual(inspect(arr), "[ 1, 2, extra: 'x' ]");
})();

// Depth: 2 by default, then [Object] / [Array].
assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }), '{ a: { b: { c: [Object] } } }');
assert.strictEqual(inspect([[[[1]]]]), '[ [ [ [Array] ] ] ]');
assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), '{ a: [Object] }');
assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }, { depth: null }),
                   '{\n  a: { b: { c: { d: 1 } } }\n}');
assert.strictEqual(inspect({ a: { b: { c: { d: 2 } } } }, false, 3),
                   '{\n  a: { b: { c: { d: 2 } } }\n}');
assert.strictEqual(inspect({ a: { b: { c: {} } } }), '{ a: { b: { c: {} } } }');

// Long content breaks into one entry per line, indented by two per level.
assert.strictEqual(inspect({ key1: 'a fairly long string value', key2: 'another fairly long string' }),
                   "{\n  key1: 'a fairly long string value',\n  key2: 'another fairly long string'\n}");
assert.strictEqual(inspect({ outer: { key1: 'a fairly long string value', key2: 'another long string' } }),
                   "{\n  outer: { key1: 'a fairly long string value', key2: 'another long string' }\n}");
assert.strictEqual(inspect({ outer: { key1: 'a fairly long string value', key2: 'another long string!!!!' } }),
                   "{\n  outer: {\n    key1: 'a fairly long string value',\n    key2: 'another long string!!!!'\n  }\n}");
assert.strictEqual(inspect({ a: 1 }, { breakLength: Infinity }), '{ a: 1 }');

// Arrays longer than 100 elements are cut.
(function () {
  var big = [];
  for (var i = 0; i < 102; i++) big.push(0);
  var out = inspect(big);
  assert.ok(/\.\.\. 2 more items\n\]$/.test(out), out);
  assert.ok(/\.\.\. 1 more item$/.test(inspect(big.slice(0, 101), { breakLength: Infinity }).slice(0, -2)));
})();

// Circular references.
(function () {
  var o = { name: 'o' };
  o.self = o;
  assert.strictEqual(inspect(o), "{ name: 'o', self: [Circular] }");
  var a = [1];
  a.push(a);
  assert.strictEqual(inspect(a), '[ 1, [Circular] ]');
  // The same object twice, not nested, is not circular.
  var shared = { s: 1 };
  assert.strictEqual(inspect([shared, shared]), '[ { s: 1 }, { s: 1 } ]');
})();

// Functions.
assert.strictEqual(inspect(function foo() {}), '[Function: foo]');
assert.strictEqual(inspect(function () {}), '[Function (anonymous)]');
assert.strictEqual(inspect({ f: function bar() {} }), '{ f: [Function: bar] }');
(function () {
  function withProps() {}
  withProps.x = 1;
  assert.strictEqual(inspect(withProps), '[Function: withProps] { x: 1 }');
})();

// Errors: the stack, or [name: message] without one.
(function () {
  var e = new Error('boom');
  assert.strictEqual(inspect(e), e.stack);
  assert.ok(/^Error: boom/.test(inspect(e)));
  var t = new TypeError('bad');
  assert.ok(/^TypeError: bad/.test(inspect(t)));
  var fake = Object.create(Error.prototype);
  fake.message = 'nostack';
  Object.defineProperty(fake, 'stack', { value: '' });
  assert.strictEqual(inspect(fake), '[Error: nostack]');
  var coded = new Error('c');
  coded.code = 'ECODE';
  assert.ok(/\{\n  code: 'ECODE'\n\}$/.test(inspect(coded)), inspect(coded));
  // Nested: the stack lines are indented.
  var nested = inspect({ err: e });
  assert.ok(/^\{\n  err: Error: boom\n      at /.test(nested), nested);
})();

// Buffers and typed arrays.
assert.strictEqual(inspect(Buffer.from('hi')), '<Buffer 68 69>');
assert.strictEqual(inspect(Buffer.alloc(0)), '<Buffer >');
assert.strictEqual(inspect([Buffer.from([1, 255])]), '[ <Buffer 01 ff> ]');
(function () {
  var long = inspect(Buffer.alloc(53));
  assert.ok(/^<Buffer (00 ){49}00 \.\.\. 3 more bytes>$/.test(long), long);
})();
assert.strictEqual(inspect(new Uint8Array([1, 2, 3])), 'Uint8Array(3) [ 1, 2, 3 ]');
assert.strictEqual(inspect(new Uint8Array(0)), 'Uint8Array(0) []');
assert.strictEqual(inspect(new ArrayBuffer(2)), 'ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }');

// Other built-ins.
assert.strictEqual(inspect(new Date(0)), '1970-01-01T00:00:00.000Z');
assert.strictEqual(inspect(new Date(NaN)), 'Invalid Date');
assert.strictEqual(inspect(/a+b/gi), '/a+b/gi');
assert.strictEqual(inspect(new Number(3)), '[Number: 3]');
assert.strictEqual(inspect(new String('ab')), "[String: 'ab']");
assert.strictEqual(inspect(new Boolean(true)), '[Boolean: true]');

// Constructor names and null prototypes.
(function () {
  function Point(x, y) { this.x = x; this.y = y; }
  assert.strictEqual(inspect(new Point(1, 2)), 'Point { x: 1, y: 2 }');
  assert.strictEqual(inspect(new Point()), 'Point { x: undefined, y: undefined }');
  function Empty() {}
  assert.strictEqual(inspect(new Empty()), 'Empty {}');
  assert.strictEqual(inspect({ p: { q: new Point(1, 2) } }, { depth: 1 }), '{ p: { q: [Point] } }');
  var bare = Object.create(null);
  assert.strictEqual(inspect(bare), '[Object: null prototype] {}');
  bare.k = 1;
  assert.strictEqual(inspect(bare), '[Object: null prototype] { k: 1 }');
})();

// Accessors are not called.
(function () {
  var o = {};
  var calls = 0;
  Object.defineProperty(o, 'g', { get: function () { calls++; return 1; }, enumerable: true });
  Object.defineProperty(o, 's', { set: function () {}, enumerable: true });
  Object.defineProperty(o, 'gs', { get: function () { return 1; }, set: function () {}, enumerable: true });
  Object.defineProperty(o, 'hidden', { value: 1, enumerable: false });
  assert.strictEqual(inspect(o), '{ g: [Getter], s: [Setter], gs: [Getter/Setter] }');
  assert.strictEqual(calls, 0);
})();

// Symbol keys.
(function () {
  var o = {};
  o[Symbol('k')] = 1;
  assert.strictEqual(inspect(o), '{ [Symbol(k)]: 1 }');
})();

// util.inspect.custom.
(function () {
  var o = {};
  o[inspect.custom] = function (depth) { return 'CUSTOM(' + depth + ')'; };
  assert.strictEqual(inspect(o), 'CUSTOM(2)');
  assert.strictEqual(inspect({ inner: o }), '{ inner: CUSTOM(1) }');
  assert.strictEqual(inspect(o, { customInspect: false }).indexOf('CUSTOM'), -1);
  assert.strictEqual(inspect.custom, Symbol['for']('nodejs.util.inspect.custom'));
})();

// Long strings are cut at maxStringLength.
assert.strictEqual(inspect('abcdef', { maxStringLength: 2 }), "'ab'... 4 more characters");

// deprecate() wraps, debuglog() gives a function.
(function () {
  var fn = util.deprecate(function (a) { return a + 1; }, 'old');
  var savedError = console.error;
  var warnings = 0;
  console.error = function () { warnings++; };
  try {
    assert.strictEqual(fn(1), 2);
    assert.strictEqual(fn(2), 3);
  } finally {
    console.error = savedError;
  }
  assert.strictEqual(warnings, 1);
  assert.strictEqual(typeof util.debuglog('x'), 'function');
})();

// console.log goes through format without throwing on any value.
(function () {
  var cyc = { a: [1, { b: 2 }] };
  cyc.me = cyc;
  console.log('util test: %s %d %j', 'formatted', 7, { ok: true }, cyc, Buffer.from('ok'));
})();

var formattedLater = null;
setTimeout(function () { formattedLater = format('%s=%d', 'late', 5); }, 1);
process.on('exit', function () {
  assert.strictEqual(formattedLater, 'late=5');
});
