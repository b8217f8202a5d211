// The 'exit' event: emitted once, when the loop is empty, to every listener in order, with
// the exit code (process.exitCode); a listener may still change process.exitCode, which
// becomes the status; nothing scheduled from an 'exit' listener runs.
// (The exit statuses themselves: exit_codes.sh and exit/*.js.)
var assert = require('assert');

var calls = [];
var lastTimerRan = false;

assert.strictEqual(process.exitCode, undefined);

setTimeout(function () {
  lastTimerRan = true;
  process.exitCode = 9;
}, 20);

process.on('exit', function (code) {
  calls.push('first:' + code);
  assert.strictEqual(this, process);
  assert.strictEqual(lastTimerRan, true, "'exit' waits for the loop to be empty");
  assert.strictEqual(code, 9);
  assert.strictEqual(process.exitCode, 9);
  // Work scheduled now never runs: if it did, it would throw (exit status 1).
  setTimeout(function () { throw new Error('a timer set in an exit listener ran'); }, 0);
  setImmediate(function () { throw new Error('an immediate set in an exit listener ran'); });
  process.nextTick(function () { throw new Error('a tick queued in an exit listener ran'); });
  // The status is read after the listeners: this makes the run pass.
  process.exitCode = 0;
});
process.once('exit', function (code) {
  calls.push('second:' + code);
});
process.on('exit', function () {
  assert.deepStrictEqual(calls, ['first:9', 'second:9']);
  calls.push('third');
});
process.on('exit', function () {
  assert.deepStrictEqual(calls, ['first:9', 'second:9', 'third']);
});
