// process.on('uncaughtException'): the listener gets what was thrown (an Error or any value),
// from a timer, an immediate, a tick, a socket listener or the main script itself; the
// process goes on (later callbacks run) and exits with status 0.
var assert = require('assert');
var net = require('net');

var caught = [];
var after = [];

process.on('uncaughtException', function (err) {
  assert.strictEqual(this, process);
  caught.push(err instanceof Error ? err.message : err);
});

setTimeout(function () { throw new Error('from a timer'); }, 5);
setTimeout(function () { after.push('timer after the throw'); }, 10);
setImmediate(function () { throw 'a string from an immediate'; });
process.nextTick(function () { throw new TypeError('from a tick'); });
process.nextTick(function () { after.push('the next tick still runs'); });

// From a socket's 'error' with no 'error' listener: the error itself.
var s = net.connect(1, 'no-such-host.invalid');
s.on('close', function () { after.push('socket close after its unhandled error'); });

// A ReferenceError, the IoT.js docs' example.
setTimeout(function () {
  nonExistentFunctionCall(); // eslint-disable-line no-undef
}, 15);

process.on('exit', function (code) {
  assert.strictEqual(code, 0);
  assert.deepStrictEqual(after.sort(), ['socket close after its unhandled error', 'the next tick still runs',
                                        'timer after the throw']);
  assert.strictEqual(caught.length, 6, JSON.stringify(caught));
  assert.strictEqual(caught[0], 'from the main script');
  assert.ok(caught.indexOf('from a timer') >= 0);
  assert.ok(caught.indexOf('a string from an immediate') >= 0);
  assert.ok(caught.indexOf('from a tick') >= 0);
  assert.ok(caught.some(function (m) { return /ENOTFOUND/.test(m); }), JSON.stringify(caught));
  assert.ok(caught.some(function (m) { return /nonExistentFunctionCall/.test(m); }), JSON.stringify(caught));
});

// Last: thrown from the main script itself (the rest of the script does not run).
throw new Error('from the main script');
