// Tests for the `events` built-in (EventEmitter).
var assert = require('assert');
var EventEmitter = require('events');
var util = require('util');

// Module shape.
assert.strictEqual(typeof EventEmitter, 'function');
assert.strictEqual(EventEmitter.EventEmitter, EventEmitter);
assert.strictEqual(require('events').EventEmitter, EventEmitter);

// on/emit: arguments, order, `this`, return value.
(function () {
  var e = new EventEmitter();
  var seen = [];
  var self = null;
  assert.strictEqual(e.on('x', function (a, b) { self = this; seen.push('1:' + a + b); }), e);
  e.addListener('x', function (a, b) { seen.push('2:' + a + b); });
  assert.strictEqual(e.emit('x', 'a', 'b'), true);
  assert.deepStrictEqual(seen, ['1:ab', '2:ab']);
  assert.strictEqual(self, e);
  assert.strictEqual(e.emit('nothing'), false);
})();

// The same listener added twice runs twice (IoT.js docs: prints '22').
(function () {
  var e = new EventEmitter();
  var seq = '';
  function l() { seq += '2'; }
  e.addListener('test', l);
  e.addListener('test', l);
  e.emit('test');
  assert.strictEqual(seq, '22');
  e.removeListener('test', l);
  e.emit('test');
  assert.strictEqual(seq, '222');
})();

// Listeners see the emit's exact argument count, with many arguments too.
(function () {
  var e = new EventEmitter();
  var counts = [];
  var got = null;
  e.on('n', function () { counts.push(arguments.length); });
  e.on('n', function () { got = Array.prototype.slice.call(arguments); });
  e.emit('n');
  e.emit('n', undefined);
  e.emit('n', 1, 2);
  e.emit('n', 1, 2, 3, 4, 5);
  assert.deepStrictEqual(counts, [0, 1, 2, 5]);
  assert.deepStrictEqual(got, [1, 2, 3, 4, 5]);
  // The single-listener path as well.
  var e2 = new EventEmitter();
  var c2 = [];
  e2.on('n', function () { c2.push(arguments.length); });
  e2.emit('n');
  e2.emit('n', 1, 2, 3);
  assert.deepStrictEqual(c2, [0, 3]);
})();

// once: runs at most once, then is gone.
(function () {
  var e = new EventEmitter();
  var n = 0;
  var args = null;
  assert.strictEqual(e.once('o', function (a, b) { n++; args = [a, b, this]; }), e);
  assert.strictEqual(e.listenerCount('o'), 1);
  assert.strictEqual(e.emit('o', 1, 2), true);
  assert.strictEqual(e.emit('o', 3, 4), false);
  assert.strictEqual(n, 1);
  assert.deepStrictEqual(args, [1, 2, e]);
  assert.strictEqual(e.listenerCount('o'), 0);
})();

// A once listener that emits its own event again does not run twice.
(function () {
  var e = new EventEmitter();
  var n = 0;
  e.once('r', function () { n++; e.emit('r'); });
  e.emit('r');
  assert.strictEqual(n, 1);
})();

// A once listener held by two emits under way (the first listener re-emits) runs once.
(function () {
  var e = new EventEmitter();
  var n = 0;
  var depth = 0;
  e.on('x', function () {
    if (depth++ === 0) e.emit('x');
  });
  e.once('x', function () { n++; });
  e.emit('x');
  assert.strictEqual(n, 1);
})();

// removeListener with the original function removes a once wrapper.
(function () {
  var e = new EventEmitter();
  var called = false;
  function l() { called = true; }
  e.once('x', l);
  e.removeListener('x', l);
  assert.strictEqual(e.emit('x'), false);
  assert.strictEqual(called, false);
  e.once('x', l);
  e.off('x', l);
  assert.strictEqual(e.listenerCount('x'), 0);
})();

// prependListener / prependOnceListener put listeners first.
(function () {
  var e = new EventEmitter();
  var order = [];
  e.on('p', function () { order.push('b'); });
  e.prependListener('p', function () { order.push('a'); });
  e.prependOnceListener('p', function () { order.push('first'); });
  e.on('p', function () { order.push('c'); });
  e.emit('p');
  e.emit('p');
  assert.deepStrictEqual(order, ['first', 'a', 'b', 'c', 'a', 'b', 'c']);
})();

// removeListener removes one instance, the most recently added; unknown ones are ignored.
(function () {
  var e = new EventEmitter();
  var log = [];
  function a() { log.push('a'); }
  function b() { log.push('b'); }
  e.on('x', a);
  e.on('x', b);
  e.on('x', a);
  assert.strictEqual(e.removeListener('x', a), e);
  e.emit('x');
  assert.deepStrictEqual(log, ['a', 'b']);
  assert.strictEqual(e.removeListener('x', function () {}), e);
  assert.strictEqual(e.removeListener('none', a), e);
  assert.strictEqual(e.listenerCount('x'), 2);
  e.removeListener('x', a);
  e.removeListener('x', b);
  assert.strictEqual(e.listenerCount('x'), 0);
  assert.deepStrictEqual(e.eventNames(), []);
})();

// removeAllListeners(ev) and removeAllListeners() (IoT.js docs example).
(function () {
  var e = new EventEmitter();
  var called = 0;
  function l() { called++; }
  e.addListener('event1', l);
  e.addListener('event2', l);
  e.addListener('event2', l);
  e.addListener('event3', l);
  assert.strictEqual(e.removeAllListeners('event2'), e);
  assert.strictEqual(e.emit('event2'), false);
  assert.strictEqual(e.emit('event1'), true);
  assert.strictEqual(called, 1);
  e.removeAllListeners();
  assert.strictEqual(e.emit('event1'), false);
  assert.strictEqual(e.emit('event3'), false);
  assert.deepStrictEqual(e.eventNames(), []);
  // On a fresh emitter too.
  var fresh = new EventEmitter();
  assert.strictEqual(fresh.removeAllListeners(), fresh);
  assert.strictEqual(fresh.removeAllListeners('x'), fresh);
})();

// listeners() gives copies with the original functions; rawListeners() the wrappers.
(function () {
  var e = new EventEmitter();
  function a() {}
  function b() {}
  e.on('x', a);
  e.once('x', b);
  var ls = e.listeners('x');
  assert.deepStrictEqual(ls, [a, b]);
  ls.push(a);
  assert.strictEqual(e.listenerCount('x'), 2);
  var raw = e.rawListeners('x');
  assert.strictEqual(raw[0], a);
  assert.notStrictEqual(raw[1], b);
  assert.strictEqual(raw[1].listener, b);
  assert.deepStrictEqual(e.listeners('none'), []);
  assert.strictEqual(EventEmitter.listenerCount(e, 'x'), 2);
})();

// eventNames(), including symbols.
(function () {
  var e = new EventEmitter();
  var sym = Symbol('s');
  e.on('a', function () {});
  e.on('b', function () {});
  e.on(sym, function () {});
  var names = e.eventNames();
  assert.strictEqual(names.length, 3);
  assert.strictEqual(names[0], 'a');
  assert.strictEqual(names[1], 'b');
  assert.strictEqual(names[2], sym);
  var got = 0;
  e.on(sym, function (v) { got = v; });
  e.emit(sym, 7);
  assert.strictEqual(got, 7);
})();

// Event names that are Object.prototype properties are plain names.
(function () {
  var e = new EventEmitter();
  var n = 0;
  assert.strictEqual(e.emit('toString'), false);
  assert.strictEqual(e.listenerCount('constructor'), 0);
  e.on('__proto__', function () { n++; });
  e.on('hasOwnProperty', function () { n++; });
  e.emit('__proto__');
  e.emit('hasOwnProperty');
  assert.strictEqual(n, 2);
})();

// setMaxListeners / getMaxListeners.
(function () {
  var e = new EventEmitter();
  assert.strictEqual(EventEmitter.defaultMaxListeners, 10);
  assert.strictEqual(e.getMaxListeners(), 10);
  assert.strictEqual(e.setMaxListeners(1), e);
  assert.strictEqual(e.getMaxListeners(), 1);
  e.on('x', function () {});
  e.on('x', function () {});      // no warning, no failure
  assert.strictEqual(e.listenerCount('x'), 2);
  e.setMaxListeners(0);
  assert.strictEqual(e.getMaxListeners(), 0);
  assert.throws(function () { e.setMaxListeners(-1); }, RangeError);
  assert.throws(function () { e.setMaxListeners('3'); }, RangeError);
  assert.throws(function () { e.setMaxListeners(NaN); }, RangeError);
})();

// 'newListener' comes before the listener is added, with the original function.
(function () {
  var e = new EventEmitter();
  var log = [];
  function l() {}
  e.on('newListener', function (ev, fn) {
    log.push([ev, fn === l, e.listenerCount(ev)]);
  });
  e.on('x', l);
  e.once('x', l);
  assert.deepStrictEqual(log, [['x', true, 0], ['x', true, 1]]);
  assert.strictEqual(e.listenerCount('x'), 2);
})();

// A 'newListener' listener adding to the same event: the new one goes first (as Node).
(function () {
  var e = new EventEmitter();
  var order = [];
  e.once('newListener', function (ev) {
    if (ev === 'x') e.on('x', function () { order.push('added-in-newListener'); });
  });
  e.on('x', function () { order.push('original'); });
  e.emit('x');
  assert.deepStrictEqual(order, ['added-in-newListener', 'original']);
})();

// 'removeListener' comes after removal, with the original function.
(function () {
  var e = new EventEmitter();
  var log = [];
  function a() {}
  function b() {}
  e.on('removeListener', function (ev, fn) {
    log.push([ev, fn === a ? 'a' : fn === b ? 'b' : '?', e.listenerCount(ev)]);
  });
  e.on('x', a);
  e.once('x', b);
  e.removeListener('x', b);
  e.removeListener('x', a);
  e.removeListener('x', a);           // not there: no event
  assert.deepStrictEqual(log, [['x', 'b', 1], ['x', 'a', 0]]);
  // A once listener firing reports its removal too.
  log = [];
  e.once('y', a);
  e.emit('y');
  assert.deepStrictEqual(log, [['y', 'a', 0]]);
})();

// removeAllListeners reports each removal, last added first; the 'removeListener'
// listeners go last (the last one has nobody left to tell).
(function () {
  var e = new EventEmitter();
  var log = [];
  function a() {}
  function b() {}
  e.on('x', a);
  e.on('x', b);
  e.on('y', a);
  e.on('removeListener', function (ev, fn) { log.push(ev + ':' + (fn === a ? 'a' : fn === b ? 'b' : 'rl')); });
  e.removeAllListeners('x');
  assert.deepStrictEqual(log, ['x:b', 'x:a']);
  e.on('removeListener', function (ev) { log.push('second:' + ev); });
  e.removeAllListeners();
  assert.deepStrictEqual(log, ['x:b', 'x:a', 'y:a', 'second:y', 'removeListener:rl']);
  assert.strictEqual(e.listenerCount('removeListener'), 0);
})();

// Removing during emit does not change the emit under way.
(function () {
  var e = new EventEmitter();
  var log = [];
  function b() { log.push('b'); }
  e.on('x', function () { log.push('a'); e.removeListener('x', b); });
  e.on('x', b);
  e.emit('x');
  assert.deepStrictEqual(log, ['a', 'b']);
  e.emit('x');
  assert.deepStrictEqual(log, ['a', 'b', 'a']);
})();

// Adding during emit does not either.
(function () {
  var e = new EventEmitter();
  var n = 0;
  e.on('x', function () { n++; e.on('x', function () { n += 100; }); });
  e.emit('x');
  assert.strictEqual(n, 1);
  e.emit('x');
  assert.strictEqual(n, 1 + 1 + 100);
})();

// removeAllListeners during emit: the current emit completes.
(function () {
  var e = new EventEmitter();
  var log = [];
  e.on('x', function () { log.push(1); e.removeAllListeners('x'); });
  e.on('x', function () { log.push(2); });
  e.emit('x');
  assert.deepStrictEqual(log, [1, 2]);
  assert.strictEqual(e.emit('x'), false);
})();

// 'error' without a listener throws the error.
(function () {
  var e = new EventEmitter();
  var err = new TypeError('boom');
  assert.throws(function () { e.emit('error', err); }, function (x) { return x === err; });
  // A non-Error value: an Error carrying it.
  assert.throws(function () { e.emit('error', 'bad thing'); }, function (x) {
    return x instanceof Error && /^Unhandled error\./.test(x.message) &&
      x.message.indexOf('bad thing') >= 0 && x.context === 'bad thing' &&
      x.code === 'ERR_UNHANDLED_ERROR';
  });
  assert.throws(function () { e.emit('error'); }, /Unhandled error/);
  // With a listener, nothing is thrown.
  var got = null;
  e.on('error', function (x) { got = x; });
  assert.strictEqual(e.emit('error', err), true);
  assert.strictEqual(got, err);
})();

// Listener errors propagate out of emit.
(function () {
  var e = new EventEmitter();
  e.on('x', function () { throw new RangeError('from listener'); });
  assert.throws(function () { e.emit('x'); }, RangeError);
})();

// A listener must be a function.
(function () {
  var e = new EventEmitter();
  assert.throws(function () { e.on('x', null); }, TypeError);
  assert.throws(function () { e.once('x', 'f'); }, TypeError);
  assert.throws(function () { e.prependListener('x', {}); }, TypeError);
  assert.throws(function () { e.removeListener('x', 5); }, TypeError);
  assert.strictEqual(e.listenerCount('x'), 0);
})();

// Subclasses: util.inherits with EventEmitter.call(this), or no constructor call at all.
(function () {
  function Sub() { EventEmitter.call(this); this.value = 1; }
  util.inherits(Sub, EventEmitter);
  Sub.prototype.fire = function () { return this.emit('fire', this.value); };
  var s = new Sub();
  var got = 0;
  s.on('fire', function (v) { got = v; });
  assert.strictEqual(s.fire(), true);
  assert.strictEqual(got, 1);
  assert.ok(s instanceof EventEmitter);

  // Like the native net.Socket: made from the prototype, constructor never run.
  var raw = Object.create(EventEmitter.prototype);
  var n = 0;
  assert.strictEqual(raw.emit('x'), false);
  assert.strictEqual(raw.listenerCount('x'), 0);
  assert.deepStrictEqual(raw.eventNames(), []);
  raw.removeListener('x', function () {});
  raw.removeAllListeners();
  raw.on('x', function () { n++; });
  raw.emit('x');
  assert.strictEqual(n, 1);
})();

// An emitter used as a prototype does not share its listeners with the objects made from it.
(function () {
  function Old() {}
  Old.prototype = new EventEmitter();
  Old.prototype.on('proto', function () {});
  var a = new Old();
  var b = new Old();
  var na = 0;
  a.on('x', function () { na++; });
  assert.strictEqual(b.emit('x'), false);
  assert.strictEqual(a.emit('x'), true);
  assert.strictEqual(na, 1);
  assert.strictEqual(a.listenerCount('proto'), 0);
})();

// The constructor is cheap: it adds no own properties.
(function () {
  var e = new EventEmitter();
  assert.deepStrictEqual(Object.keys(e), []);
})();

// Emitting from a later tick works, and every listener ran by exit.
var asyncEmitter = new EventEmitter();
var asyncCount = 0;
asyncEmitter.on('tick', function (n) { asyncCount += n; });
asyncEmitter.once('tick', function (n) { asyncCount += 10 * n; });
process.nextTick(function () { asyncEmitter.emit('tick', 1); });
setTimeout(function () { asyncEmitter.emit('tick', 2); }, 1);

process.on('exit', function () {
  assert.strictEqual(asyncCount, 1 + 10 + 2);
});
