// Tests for the `assert` built-in.
var assert = require('assert');

// Runs fn, which must throw an AssertionError; returns it.
function failure(fn) {
  var caught = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof assert.AssertionError)) {
    throw new Error('expected an AssertionError, got ' + caught);
  }
  return caught;
}

// The module is assert.ok; IoT.js's assert.assert too.
assert.strictEqual(typeof assert, 'function');
assert.strictEqual(assert.ok, assert);
assert.strictEqual(assert.assert, assert);
assert(true);
assert(1);
assert('x');
assert.ok({});
assert.assert([]);

// ok failures and AssertionError's fields.
(function () {
  var e = failure(function () { assert(false); });
  assert.ok(e instanceof Error);
  assert.strictEqual(e.name, 'AssertionError');
  assert.strictEqual(e.code, 'ERR_ASSERTION');
  assert.strictEqual(e.actual, false);
  assert.strictEqual(e.expected, true);
  assert.strictEqual(e.operator, '==');
  assert.strictEqual(e.generatedMessage, true);
  assert.strictEqual(e.message, 'false == true');
  assert.ok(/^AssertionError: false == true/.test(e.stack), e.stack);
  assert.strictEqual(String(e), 'AssertionError: false == true');

  e = failure(function () { assert.ok(0); });
  assert.strictEqual(e.message, '0 == true');
  e = failure(function () { assert.ok(''); });
  assert.strictEqual(e.message, "'' == true");
  e = failure(function () { assert.assert(null, "it's null"); });
  assert.strictEqual(e.message, "it's null");
  assert.strictEqual(e.generatedMessage, false);
  e = failure(function () { assert.ok(); });
  assert.ok(/No value argument/.test(e.message));
})();

// A message that is an Error is thrown as it is.
(function () {
  var mine = new TypeError('mine');
  assert.throws(function () { assert.ok(false, mine); }, function (e) { return e === mine; });
  assert.throws(function () { assert.equal(1, 2, mine); }, function (e) { return e === mine; });
})();

// AssertionError can be made directly.
(function () {
  var e = new assert.AssertionError({ actual: 1, expected: 2, operator: '===' });
  assert.ok(e instanceof assert.AssertionError);
  assert.ok(e instanceof Error);
  assert.strictEqual(e.message, '1 === 2');
  assert.strictEqual(e.generatedMessage, true);
  var m = new assert.AssertionError({ message: 'custom', actual: 'a' });
  assert.strictEqual(m.message, 'custom');
  assert.strictEqual(m.actual, 'a');
  assert.strictEqual(m.generatedMessage, false);
})();

// equal / notEqual use ==.
assert.equal(1, 1);
assert.equal(1, '1');
assert.equal(null, undefined);
assert.equal(NaN, NaN);
assert.notEqual(1, 2);
assert.notEqual(0, null);
(function () {
  var e = failure(function () { assert.equal(1, 2); });
  assert.strictEqual(e.message, '1 == 2');
  assert.strictEqual(e.operator, '==');
  assert.strictEqual(e.actual, 1);
  assert.strictEqual(e.expected, 2);
  e = failure(function () { assert.notEqual(1, '1'); });
  assert.strictEqual(e.message, "1 != '1'");
  e = failure(function () { assert.equal({}, {}); });
  assert.strictEqual(e.message, '{} == {}');
  e = failure(function () { assert.equal('a', 'b', 'my message'); });
  assert.strictEqual(e.message, 'my message');
  assert.throws(function () { assert.equal(1); }, TypeError);
})();

// strictEqual / notStrictEqual use === (NaN equals NaN, 0 and -0 differ).
assert.strictEqual(1, 1);
assert.strictEqual('a', 'a');
assert.strictEqual(NaN, NaN);
assert.notStrictEqual(1, '1');
assert.notStrictEqual(0, -0);
assert.notStrictEqual({}, {});
(function () {
  var e = failure(function () { assert.strictEqual(1, 2); });
  assert.strictEqual(e.message, '1 === 2');
  assert.strictEqual(e.operator, '===');
  e = failure(function () { assert.strictEqual(1, '1'); });
  assert.strictEqual(e.message, "1 === '1'");
  e = failure(function () { assert.notStrictEqual(1, 1); });
  assert.strictEqual(e.message, '1 !== 1');
  assert.strictEqual(e.operator, '!==');
  e = failure(function () { assert.strictEqual(0, -0); });
  assert.strictEqual(e.message, '0 === -0');
  // Long values are shortened in the message.
  var long = new Array(300).join('x');
  e = failure(function () { assert.strictEqual(long, 'y'); });
  assert.ok(e.message.length < 300, e.message);
  assert.ok(/\.\.\. === 'y'$/.test(e.message), e.message);
})();

// deepEqual: loose, own enumerable keys, element-wise arrays and buffers.
assert.deepEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 });
assert.deepEqual([1, 2, 3], [1, 2, 3]);
assert.deepEqual({ a: 1 }, { a: '1' });
assert.deepEqual([1], ['1']);
assert.deepEqual(Buffer.from('abc'), Buffer.from('abc'));
assert.deepEqual(new Date(5), new Date(5));
assert.deepEqual(/a/g, /a/g);
assert.deepEqual({}, {});
assert.deepEqual([], []);
assert.deepEqual(NaN, NaN);
assert.deepEqual(null, undefined);
assert.notDeepEqual({ a: 1 }, { a: 2 });
assert.notDeepEqual({ a: 1 }, { a: 1, b: 1 });
assert.notDeepEqual([1, 2], [1, 2, 3]);
assert.notDeepEqual(Buffer.from('abc'), Buffer.from('abd'));
assert.notDeepEqual(Buffer.from('ab'), Buffer.from('abc'));
assert.notDeepEqual(new Date(5), new Date(6));
assert.notDeepEqual(/a/g, /a/i);
assert.notDeepEqual([1], { 0: 1, length: 1 });
assert.notDeepEqual({ a: undefined }, { b: undefined });
assert.notDeepEqual(1, { valueOf: function () { return 1; } });
(function () {
  // Nested and circular structures.
  assert.deepEqual({ a: { b: { c: [1, { d: 2 }] } } }, { a: { b: { c: [1, { d: 2 }] } } });
  assert.notDeepEqual({ a: { b: { c: [1, { d: 2 }] } } }, { a: { b: { c: [1, { d: 3 }] } } });
  var x = { v: 1 };
  x.self = x;
  var y = { v: 1 };
  y.self = y;
  assert.deepEqual(x, y);
  var z = { v: 2 };
  z.self = z;
  assert.notDeepEqual(x, z);
  // The prototype does not matter to deepEqual.
  function P() { this.a = 1; }
  assert.deepEqual(new P(), { a: 1 });
  var e = failure(function () { assert.deepEqual({ a: 1 }, { a: 2 }); });
  assert.strictEqual(e.operator, 'deepEqual');
  assert.strictEqual(e.message, '{ a: 1 } deepEqual { a: 2 }');
  e = failure(function () { assert.notDeepEqual([1], [1]); });
  assert.strictEqual(e.operator, 'notDeepEqual');
})();

// deepStrictEqual: ===, same prototypes.
assert.deepStrictEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] });
assert.deepStrictEqual(Buffer.from([1, 2]), Buffer.from([1, 2]));
assert.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]));
assert.deepStrictEqual(NaN, NaN);
assert.deepStrictEqual(new Number(1), new Number(1));
assert.deepStrictEqual(new Error('m'), new Error('m'));
assert.notDeepStrictEqual({ a: 1 }, { a: '1' });
assert.notDeepStrictEqual([1], ['1']);
assert.notDeepStrictEqual(0, -0);
assert.notDeepStrictEqual(null, undefined);
assert.notDeepStrictEqual(Buffer.from([1, 2]), new Uint8Array([1, 2]));
assert.notDeepStrictEqual(new Error('a'), new TypeError('a'));
assert.notDeepStrictEqual(new Error('a'), new Error('b'));
assert.notDeepStrictEqual(new Number(1), new Number(2));
(function () {
  function P() { this.a = 1; }
  assert.notDeepStrictEqual(new P(), { a: 1 });
  var e = failure(function () { assert.deepStrictEqual([1, 2], [1, 3]); });
  assert.strictEqual(e.operator, 'deepStrictEqual');
  assert.deepStrictEqual(e.actual, [1, 2]);
  assert.deepStrictEqual(e.expected, [1, 3]);
  e = failure(function () { assert.notDeepStrictEqual({}, {}, 'same'); });
  assert.strictEqual(e.message, 'same');
  assert.strictEqual(e.operator, 'notDeepStrictEqual');
})();

// throws: any error, a class, a RegExp on String(err), a validation function, an object.
(function () {
  assert.throws(function () { throw new Error('x'); });
  assert.throws(function () { throw 'a string'; });
  assert.throws(function () { assert.equal(1, 2); }, assert.AssertionError);
  assert.throws(function () { throw new TypeError('t'); }, TypeError);
  assert.throws(function () { throw new TypeError('t'); }, Error);
  assert.throws(function () { throw new Error('Wrong value'); }, /^Error: Wrong value$/);
  assert.throws(function () { throw new RangeError('r'); }, function (e) { return e instanceof RangeError; });
  assert.throws(function () { var e = new Error('m'); e.code = 'E1'; throw e; }, { code: 'E1', message: 'm' });
  assert.throws(function () { throw new Error('hello world'); }, { message: /world/ });
  assert.throws(function () { throw new Error('x'); }, 'just a message');

  // Nothing thrown.
  var e = failure(function () { assert.throws(function () {}); });
  assert.strictEqual(e.message, 'Missing expected exception.');
  assert.strictEqual(e.operator, 'throws');
  e = failure(function () { assert.throws(function () {}, TypeError); });
  assert.strictEqual(e.message, 'Missing expected exception (TypeError).');
  e = failure(function () { assert.throws(function () {}, TypeError, 'needed'); });
  assert.strictEqual(e.message, 'Missing expected exception (TypeError): needed');

  // The wrong error.
  e = failure(function () { assert.throws(function () { assert.equal(1, 2); }, TypeError); });
  assert.ok(/instance of "TypeError"/.test(e.message), e.message);
  assert.ok(e.actual instanceof assert.AssertionError);
  e = failure(function () { assert.throws(function () { throw new Error('abc'); }, /xyz/); });
  assert.ok(/did not match/.test(e.message), e.message);
  e = failure(function () { assert.throws(function () { throw new Error('abc'); }, function () { return false; }); });
  assert.ok(/validate/.test(e.message), e.message);
  e = failure(function () { assert.throws(function () { throw new Error('abc'); }, { message: 'abd' }); });
  assert.ok(/message/.test(e.message), e.message);
  e = failure(function () { assert.throws(function () { throw new Error('abc'); }, /xyz/, 'custom'); });
  assert.strictEqual(e.message, 'custom');

  // A validation function that throws: its error comes out.
  assert.throws(function () {
    assert.throws(function () { throw new Error('inner'); }, function () { throw new SyntaxError('v'); });
  }, SyntaxError);

  // The block must be a function.
  assert.throws(function () { assert.throws('not a function'); }, TypeError);
})();

// doesNotThrow.
(function () {
  assert.doesNotThrow(function () {});
  assert.doesNotThrow(function () { assert.ok(1); }, 'message');
  var e = failure(function () { assert.doesNotThrow(function () { throw new Error('oops'); }); });
  assert.ok(/^Got unwanted exception\./.test(e.message), e.message);
  assert.ok(/oops/.test(e.message), e.message);
  assert.strictEqual(e.operator, 'doesNotThrow');
  e = failure(function () { assert.doesNotThrow(function () { throw new TypeError('t'); }, TypeError, 'why'); });
  assert.ok(/^Got unwanted exception \(TypeError\): why/.test(e.message), e.message);
  // An error of another class than the one named goes through untouched.
  assert.throws(function () {
    assert.doesNotThrow(function () { throw new RangeError('r'); }, TypeError);
  }, RangeError);
  assert.throws(function () { assert.doesNotThrow(5); }, TypeError);
})();

// fail.
(function () {
  var e = failure(function () { assert.fail(); });
  assert.strictEqual(e.message, 'Failed');
  e = failure(function () { assert.fail('boom'); });
  assert.strictEqual(e.message, 'boom');
  assert.strictEqual(e.operator, 'fail');
  e = failure(function () { assert.fail(1, 2, undefined, '>'); });
  assert.strictEqual(e.message, '1 > 2');
  assert.strictEqual(e.actual, 1);
  assert.strictEqual(e.expected, 2);
  assert.strictEqual(e.operator, '>');
  e = failure(function () { assert.fail(1, 2, 'given'); });
  assert.strictEqual(e.message, 'given');
  var mine = new RangeError('r');
  assert.throws(function () { assert.fail(mine); }, function (x) { return x === mine; });
})();

// ifError.
(function () {
  assert.ifError(null);
  assert.ifError(undefined);
  var e = failure(function () { assert.ifError(new Error('bad')); });
  assert.ok(/bad/.test(e.message), e.message);
  assert.strictEqual(e.operator, 'ifError');
  e = failure(function () { assert.ifError('str'); });
  assert.ok(/'str'/.test(e.message), e.message);
  failure(function () { assert.ifError(0); });
  failure(function () { assert.ifError(false); });
})();

// match / doesNotMatch.
(function () {
  assert.match('abc', /b/);
  assert.doesNotMatch('abc', /x/);
  failure(function () { assert.match('abc', /x/); });
  failure(function () { assert.doesNotMatch('abc', /b/); });
  failure(function () { assert.match(5, /5/); });
})();

// assert.strict: strict comparisons under the loose names.
(function () {
  var strict = assert.strict;
  strict(true);
  strict.equal(1, 1);
  failure(function () { strict.equal(1, '1'); });
  failure(function () { strict.deepEqual({ a: 1 }, { a: '1' }); });
  strict.notEqual(1, '1');
  strict.notDeepEqual([1], ['1']);
  assert.strictEqual(strict.strict, strict);
  assert.strictEqual(strict.throws, assert.throws);
  failure(function () { strict(0); });
})();

// A failure inside an async callback is still an AssertionError.
var asyncFailure = null;
setTimeout(function () {
  try {
    assert.strictEqual('late', 'later');
  } catch (e) {
    asyncFailure = e;
  }
}, 1);
process.on('exit', function () {
  assert.ok(asyncFailure instanceof assert.AssertionError);
  assert.strictEqual(asyncFailure.message, "'late' === 'later'");
});
