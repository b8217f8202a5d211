// Timers as Node schedules them: setTimeout in deadline order (equal delays in call order),
// extra arguments, `this` the Timeout, clearTimeout, setInterval until cleared (also from
// inside its own callback), setImmediate after the current callback and before timers,
// clearImmediate, nextTick before both, refresh(). (Times: test_timers_clock.js.)
var assert = require('assert');
var timers = require('timers');

var log = [];

// The module and the globals are the same functions.
['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']
  .forEach(function (name) {
    assert.strictEqual(typeof global[name], 'function', name);
    assert.strictEqual(timers[name], global[name], name);
  });

// 1. Deadline order; equal delays in call order.
setTimeout(function () { log.push('t30'); }, 30);
setTimeout(function () { log.push('t10'); }, 10);
setTimeout(function () { log.push('t20'); }, 20);
for (var i = 0; i < 5; ++i)
  setTimeout(function (n) { log.push('same' + n); }, 15, i);

// 2. Extra arguments, and `this` is the Timeout that setTimeout returned.
var argsSeen = null, thisOk = null;
var t = setTimeout(function (a, b, c) {
  argsSeen = [a, b, c, arguments.length];
  thisOk = this === t;
}, 5, 'x', 2, null);

// 3. clearTimeout before it fires; clearing twice, or something else, is harmless.
var cleared = setTimeout(function () { log.push('cleared-ran'); }, 12);
clearTimeout(cleared);
clearTimeout(cleared);
clearTimeout(undefined);
clearTimeout(null);
clearTimeout({});

// 4. setInterval repeats until cleared from outside, or from inside its own callback.
var ticksOutside = 0, ticksInside = 0, intervalThis = null, intervalArgs = null;
var outside = setInterval(function () {
  ticksOutside++;
}, 10);
setTimeout(function () { clearInterval(outside); log.push('outside-cleared'); }, 55);
var inside = setInterval(function (tag) {
  intervalThis = this === inside;
  intervalArgs = tag;
  if (++ticksInside === 3) clearInterval(this);
}, 7, 'tag');

// 5. setImmediate runs after the current callback, before timers that are due; nextTick
// runs before both. Checked from inside a timer callback, where Node's order is fixed.
var order = [];
setTimeout(function () {
  setTimeout(function () { order.push('timeout0'); }, 0);
  setImmediate(function (a, b) { order.push('immediate:' + a + b); }, 'p', 'q');
  var im = setImmediate(function () { order.push('cleared-immediate'); });
  clearImmediate(im);
  process.nextTick(function () { order.push('tick'); });
  order.push('current');
}, 40);

// 6. Immediates run in FIFO order; one added by an immediate runs after those queued.
var fifo = [];
setImmediate(function () {
  fifo.push(1);
  setImmediate(function () { fifo.push(4); });
});
setImmediate(function () { fifo.push(2); });
setImmediate(function () { fifo.push(3); });

// 7. refresh() restarts the timer from now with its delay, and returns it.
var refreshed = [];
var r = setTimeout(function () { refreshed.push('fired'); }, 30);
setTimeout(function () {
  refreshed.push('refresh');
  assert.strictEqual(r.refresh(), r);
}, 20);
setTimeout(function () { refreshed.push('t45'); }, 45);

// 8. A timer cleared by an earlier timer due at the same time does not run.
var victim;
setTimeout(function () { clearTimeout(victim); }, 25);
victim = setTimeout(function () { log.push('victim-ran'); }, 25);

// 9. Timeout objects chain ref()/unref() and have hasRef().
var chained = setTimeout(function () {}, 1);
assert.strictEqual(chained.unref(), chained);
assert.strictEqual(chained.ref(), chained);
assert.strictEqual(typeof chained.hasRef(), 'boolean');

process.on('exit', function () {
  assert.deepStrictEqual(log.filter(function (e) { return e !== 'outside-cleared'; }),
                         ['t10', 'same0', 'same1', 'same2', 'same3', 'same4', 't20', 't30']);
  assert.deepStrictEqual(argsSeen, ['x', 2, null, 3]);
  assert.strictEqual(thisOk, true);
  assert.ok(ticksOutside >= 1 && ticksOutside <= 5, 'interval ran ' + ticksOutside + ' times');
  assert.strictEqual(ticksInside, 3);
  assert.strictEqual(intervalThis, true);
  assert.strictEqual(intervalArgs, 'tag');
  assert.deepStrictEqual(order, ['current', 'tick', 'immediate:pq', 'timeout0']);
  assert.deepStrictEqual(fifo, [1, 2, 3, 4]);
  assert.deepStrictEqual(refreshed, ['refresh', 't45', 'fired']);
  // A callback that is not a function throws a TypeError at the call.
  // KNOWN DEVIATION (runtime, net/js/lib/timers.js checkCallback): Node's error also has
  // code ERR_INVALID_ARG_TYPE; netbed's has no code. (Checked last, so the rest is checked.)
  ['setTimeout', 'setInterval', 'setImmediate'].forEach(function (name) {
    assert.throws(function () { global[name]('not a function', 1); }, TypeError, name);
    assert.throws(function () { global[name]('not a function', 1); }, function (e) {
      return e.code === 'ERR_INVALID_ARG_TYPE';
    }, name + ': code ERR_INVALID_ARG_TYPE');
  });
});

// close() on an armed Timeout cancels it and returns it; many arguments reach the callback;
// clearImmediate() on a Timeout leaves it armed (as Node).
(function () {
  var t = setTimeout(function () { throw new Error('a closed timeout fired'); }, 1000);
  assert.strictEqual(t.close(), t);
  var args = [];
  for (var i = 0; i < 70; i++) args.push(i);
  var count = -1, last = -1, kept = false;
  setTimeout.apply(null, [function () { count = arguments.length; last = arguments[69]; }, 1].concat(args));
  var t2 = setTimeout(function () { kept = true; }, 5);
  clearImmediate(t2);
  process.on('exit', function () {
    assert.strictEqual(count, 70);
    assert.strictEqual(last, 69);
    assert.ok(kept, 'clearImmediate cleared a Timeout');
  });
})();
