// process.nextTick(fn[, ...args]): after the current operation, before immediates and
// timers; in FIFO order; ticks added by ticks run before anything else; extra arguments
// are passed on.
var assert = require('assert');

var order = [];
var args = null;

setTimeout(function () { order.push('timeout'); }, 0);
setImmediate(function () {
  order.push('immediate');
  // From inside a callback too: the tick runs before the next immediate.
  process.nextTick(function () { order.push('tick-in-immediate'); });
});
setImmediate(function () { order.push('immediate2'); });
process.nextTick(function (a, b, c) {
  args = Array.prototype.slice.call(arguments);
  order.push('tick1');
  process.nextTick(function () { order.push('tick-nested'); });
}, 'a', 2, undefined);
process.nextTick(function () { order.push('tick2'); });
order.push('sync');

assert.throws(function () { process.nextTick('not a function'); }, TypeError);

// A tick queued from a timer callback runs before the next timer, even one due at once.
var timerOrder = [];
setTimeout(function () {
  process.nextTick(function () { timerOrder.push('tick'); });
  timerOrder.push('t1');
}, 5);
setTimeout(function () { timerOrder.push('t2'); }, 5);

process.on('exit', function () {
  assert.deepStrictEqual(args, ['a', 2, undefined]);
  assert.strictEqual(args.length, 3);
  assert.deepStrictEqual(order.slice(0, 4), ['sync', 'tick1', 'tick2', 'tick-nested']);
  // From the main script Node runs the immediates and a 1 ms timeout in either order; the
  // tick queued by the first immediate runs before the second.
  var i = order.indexOf('immediate');
  assert.deepStrictEqual(order.slice(i, i + 3), ['immediate', 'tick-in-immediate', 'immediate2']);
  assert.ok(order.indexOf('timeout') > 3);
  assert.strictEqual(order.length, 8);
  assert.deepStrictEqual(timerOrder, ['t1', 'tick', 't2']);
});
