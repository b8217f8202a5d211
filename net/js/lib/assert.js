// assert: Node.js's assert module (the legacy, non-strict one), as IoT.js tests use it.

var util = require('util');
var toStr = Object.prototype.toString;
var hasOwn = Object.prototype.hasOwnProperty;

// Each side of a generated message, shortened as in Node's legacy messages.
function show(v) {
  var s = util.inspect(v);
  return s.length > 128 ? s.substring(0, 125) + '...' : s;
}

// new AssertionError({ message, actual, expected, operator }). The object is made by
// `new Error` so that Duktape gives it a stack trace, then given this prototype.
function AssertionError(options) {
  options = options || {};
  var generated = options.message === undefined || options.message === null;
  var err = new Error(generated ?
    show(options.actual) + ' ' + options.operator + ' ' + show(options.expected) :
    String(options.message));
  Object.setPrototypeOf(err, AssertionError.prototype);
  err.generatedMessage = generated;
  err.code = 'ERR_ASSERTION';
  err.actual = options.actual;
  err.expected = options.expected;
  err.operator = options.operator;
  return err;
}
util.inherits(AssertionError, Error);
AssertionError.prototype.name = 'AssertionError';

// A message that is an Error is thrown instead of an AssertionError, as in Node.
function fail(actual, expected, message, operator) {
  if (message instanceof Error) throw message;
  throw new AssertionError({
    actual: actual, expected: expected, message: message, operator: operator
  });
}

function requireArgs(n) {
  if (n < 2) {
    var e = new TypeError('The "actual" and "expected" arguments must be specified');
    e.code = 'ERR_MISSING_ARGS';
    throw e;
  }
}

function ok(value, message) {
  if (arguments.length === 0) {
    fail(undefined, true, 'No value argument passed to `assert.ok()`', '==');
  }
  if (!value) fail(value, true, message, '==');
}

// assert(value[, message]) is assert.ok; IoT.js also has assert.assert.
var assert = module.exports = ok;
assert.ok = ok;
assert.assert = ok;
assert.AssertionError = AssertionError;

// assert.equal and its kin: fails, with `operator` in the message, unless
// test(actual, expected) is `want`.
function comparison(test, want, operator) {
  return function (actual, expected, message) {
    requireArgs(arguments.length);
    if (!test(actual, expected) === want) fail(actual, expected, message, operator);
  };
}

// ==, except that NaN equals NaN (as in Node)
function looseEqual(a, b) {
  return a == b || (a !== a && b !== b);
}

function sameValue(a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
}

assert.equal = comparison(looseEqual, true, '==');
assert.notEqual = comparison(looseEqual, false, '!=');
assert.strictEqual = comparison(sameValue, true, '===');
assert.notStrictEqual = comparison(sameValue, false, '!==');

// ---- deep equality ----------------------------------------------------------------------

// memoA/memoB hold the pairs being compared further up, so cycles compare equal.
function deepEqual(a, b, strict, memoA, memoB) {
  if (a === b) return !strict || a !== 0 || 1 / a === 1 / b;
  var aObj = typeof a === 'object' && a !== null, bObj = typeof b === 'object' && b !== null;
  if (!aObj || !bObj) {
    if (typeof a === 'number' && typeof b === 'number') return a !== a && b !== b;   // NaN
    if (strict || aObj || bObj) return false;
    return a == b;
  }
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  var tag = toStr.call(a);
  if (tag !== toStr.call(b)) return false;
  if (tag === '[object Date]' && a.getTime() !== b.getTime()) return false;
  if (tag === '[object RegExp]' && (String(a) !== String(b) || a.lastIndex !== b.lastIndex)) return false;
  if ((tag === '[object Number]' || tag === '[object String]' || tag === '[object Boolean]') &&
      !sameValue(a.valueOf(), b.valueOf())) return false;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (a instanceof ArrayBuffer) {
    if (!(b instanceof ArrayBuffer)) return false;
    a = new Uint8Array(a);
    b = new Uint8Array(b);
  }
  if (ArrayBuffer.isView(a) && !(a instanceof DataView)) {
    // Buffers and typed arrays: element by element (Object.keys would list every index).
    if (!ArrayBuffer.isView(b) || a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) {
      if (strict ? !sameValue(a[i], b[i]) : a[i] != b[i] && !sameValue(a[i], b[i])) return false;
    }
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b) || (Array.isArray(a) && a.length !== b.length)) return false;
  var ka = Object.keys(a), kb = Object.keys(b), k;
  if (ka.length !== kb.length) return false;
  for (k = 0; k < ka.length; k++) if (!hasOwn.call(b, ka[k])) return false;
  memoA = memoA || [];
  memoB = memoB || [];
  for (k = 0; k < memoA.length; k++) if (memoA[k] === a && memoB[k] === b) return true;
  memoA.push(a);
  memoB.push(b);
  for (k = 0; k < ka.length; k++) {
    if (!deepEqual(a[ka[k]], b[ka[k]], strict, memoA, memoB)) return false;
  }
  memoA.pop();
  memoB.pop();
  return true;
}

function deepLoose(a, b) {
  return deepEqual(a, b, false);
}

function deepStrict(a, b) {
  return deepEqual(a, b, true);
}

assert.deepEqual = comparison(deepLoose, true, 'deepEqual');
assert.notDeepEqual = comparison(deepLoose, false, 'notDeepEqual');
assert.deepStrictEqual = comparison(deepStrict, true, 'deepStrictEqual');
assert.notDeepStrictEqual = comparison(deepStrict, false, 'notDeepStrictEqual');

// ---- throws -----------------------------------------------------------------------------

function checkBlock(fn) {
  if (typeof fn !== 'function') {
    var e = new TypeError('The "fn" argument must be of type function. Received ' + show(fn));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
}

function isErrorClass(f) {
  return f === Error || (f.prototype !== undefined && f.prototype instanceof Error);
}

// Checks a thrown `err` against `expected`: a class, a RegExp (tested on String(err)),
// a validation function (must return true) or an object whose properties must match.
function checkError(err, expected, message, operator) {
  var keys, i, k, want;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && err instanceof expected) return;
    if (isErrorClass(expected)) {
      fail(err, expected, message || 'The error is expected to be an instance of "' + expected.name +
           '". Received "' + (err && err.constructor && err.constructor.name) + '"', operator);
    }
    var result = expected.call({}, err);
    if (result !== true) {
      fail(err, expected, message || 'The "validate" function is expected to return "true". ' +
           'Received ' + show(result), operator);
    }
  } else if (toStr.call(expected) === '[object RegExp]') {
    if (!expected.test(String(err))) {
      fail(err, expected, message || 'The input did not match the regular expression ' +
           String(expected) + '. Input:\n\n' + show(String(err)) + '\n', operator);
    }
  } else if (typeof expected === 'object' && expected !== null) {
    keys = Object.keys(expected);
    if (expected instanceof Error) keys.push('name', 'message');
    for (i = 0; i < keys.length; i++) {
      k = keys[i];
      want = expected[k];
      if (err === null || err === undefined ||
          (toStr.call(want) === '[object RegExp]' && typeof err[k] === 'string' ?
            !want.test(err[k]) : !deepEqual(err[k], want, true))) {
        fail(err, expected, message || 'The error\'s "' + k + '" property is ' +
             show(err == null ? undefined : err[k]) + ', expected ' + show(want), operator);
      }
    }
  }
}

assert.throws = function (fn, expected, message) {
  checkBlock(fn);
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  var threw = false, err;
  try {
    fn();
  } catch (e) {
    threw = true;
    err = e;
  }
  if (!threw) {
    fail(undefined, expected, 'Missing expected exception' +
         (typeof expected === 'function' && expected.name ? ' (' + expected.name + ')' : '') +
         (message ? ': ' + message : '.'), 'throws');
  }
  if (expected !== undefined) checkError(err, expected, message, 'throws');
};

assert.doesNotThrow = function (fn, expected, message) {
  checkBlock(fn);
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  try {
    fn();
  } catch (err) {
    // An error of another class than `expected` is not this assertion's business.
    if (typeof expected === 'function' && expected.prototype !== undefined &&
        !(err instanceof expected) && isErrorClass(expected)) throw err;
    fail(err, expected, 'Got unwanted exception' +
         (typeof expected === 'function' && expected.name ? ' (' + expected.name + ')' : '') +
         (message ? ': ' + message : '.') + '\nActual message: "' + (err && err.message) + '"',
         'doesNotThrow');
  }
};

// fail([message]) or the legacy fail(actual, expected[, message[, operator]]).
assert.fail = function (actual, expected, message, operator) {
  if (arguments.length === 0) fail(undefined, undefined, 'Failed', 'fail');
  if (arguments.length === 1) fail(undefined, undefined, actual, 'fail');
  fail(actual, expected, message, operator === undefined ? '!=' : operator);
};

assert.ifError = function (value) {
  if (value !== null && value !== undefined) {
    fail(value, null, 'ifError got unwanted exception: ' +
         (value && typeof value.message === 'string' ? value.message : show(value)), 'ifError');
  }
};

assert.match = function (string, regexp, message) {
  if (typeof string !== 'string' || !regexp.test(string)) {
    fail(string, regexp, message || 'The input did not match the regular expression ' +
         String(regexp) + '. Input:\n\n' + show(string) + '\n', 'match');
  }
};

assert.doesNotMatch = function (string, regexp, message) {
  if (typeof string !== 'string' || regexp.test(string)) {
    fail(string, regexp, message || 'The input was expected to not match the regular expression ' +
         String(regexp) + '. Input:\n\n' + show(string) + '\n', 'doesNotMatch');
  }
};

// assert.strict: the same functions, with the strict comparisons under the loose names.
function strict(value, message) {
  if (arguments.length === 0) ok();
  ok(value, message);
}
Object.keys(assert).forEach(function (name) { strict[name] = assert[name]; });
strict.equal = assert.strictEqual;
strict.notEqual = assert.notStrictEqual;
strict.deepEqual = assert.deepStrictEqual;
strict.notDeepEqual = assert.notDeepStrictEqual;
strict.strict = strict;
assert.strict = strict;
