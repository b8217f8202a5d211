// Tests for the `stream` built-in.
var assert = require('assert');
var Stream = require('stream');
var EventEmitter = require('events');
var util = require('util');

var Readable = Stream.Readable;
var Writable = Stream.Writable;
var Duplex = Stream.Duplex;
var Transform = Stream.Transform;
var PassThrough = Stream.PassThrough;

// Checks run at exit, once every asynchronous step had its chance.
var atExit = [];
process.on('exit', function () {
  for (var i = 0; i < atExit.length; i++) atExit[i]();
});

// `emitter` must have emitted `event` by the time the script exits.
function emittedByExit(emitter, event) {
  var emitted = false;
  emitter.on(event, function () { emitted = true; });
  atExit.push(function () { assert.strictEqual(emitted, true, 'no ' + event); });
}

// A Writable that records what it gets; `delay` makes each write complete later.
function collector(options, delay) {
  var w = new Writable(options);
  w.chunks = [];
  w._write = function (chunk, encoding, cb) {
    w.chunks.push(chunk);
    if (delay) setTimeout(cb, delay);
    else cb();
  };
  w.text = function () { return w.chunks.join(''); };
  return w;
}

// ---- module shape -----------------------------------------------------------------------

assert.strictEqual(typeof Stream, 'function');
assert.strictEqual(Stream.Stream, Stream);
assert.ok(new Stream() instanceof EventEmitter);
assert.ok(new Readable() instanceof Stream);
assert.ok(new Writable() instanceof Stream);
assert.ok(new Duplex() instanceof Readable);
assert.ok(new Duplex() instanceof Writable);
assert.ok(new Transform() instanceof Duplex);
assert.ok(new PassThrough() instanceof Transform);
assert.ok(!(new Readable() instanceof Writable));
assert.ok(!({} instanceof Writable));
assert.ok(Readable() instanceof Readable);          // without new

// ---- Readable ---------------------------------------------------------------------------

// push() then 'data' (from the loop, in order), then 'end' once.
(function () {
  var r = new Readable();
  var log = [];
  r.on('data', function (chunk) {
    assert.ok(Buffer.isBuffer(chunk));
    log.push('data:' + chunk);
  });
  r.on('end', function () { log.push('end'); });
  r.push('message');
  r.push(Buffer.from('two'));
  r.push(null);
  log.push('sync');
  atExit.push(function () {
    assert.deepStrictEqual(log, ['sync', 'data:message', 'data:two', 'end']);
  });
})();

// An ended stream emits 'end' once it is consumed (Node; in IoT.js compatibility
// push(null) on an empty stream emits it at once).
(function () {
  var r = new Readable();
  var ends = 0;
  r.on('end', function () { ends++; });
  r.push(null);
  r.push(null);
  setTimeout(function () {
    assert.strictEqual(ends, 0);
    r.resume();
  }, 2);
  var r2 = new Readable();
  var ends2 = 0;
  r2.on('end', function () { ends2++; });
  r2.push(null);
  setTimeout(function () { assert.strictEqual(r2.read(), null); }, 2);
  atExit.push(function () {
    assert.strictEqual(ends, 1);
    assert.strictEqual(ends2, 1);
  });
})();

// isPaused / pause / resume.
(function () {
  var r = new Readable();
  assert.strictEqual(r.isPaused(), false);           // Node (IoT.js: true until resumed)
  assert.strictEqual(r.resume(), r);
  assert.strictEqual(r.isPaused(), false);
  assert.strictEqual(r.pause(), r);
  assert.strictEqual(r.isPaused(), true);
})();

// Paused: data waits in the buffer; resume() lets it out.
(function () {
  var r = new Readable();
  var got = [];
  var ended = false;
  r.pause();
  r.on('data', function (c) { got.push(String(c)); });   // stays paused after pause()
  r.on('end', function () { ended = true; });
  r.push('a');
  r.push('b');
  r.push(null);
  setTimeout(function () {
    assert.deepStrictEqual(got, []);
    assert.strictEqual(ended, false);
    r.resume();
  }, 5);
  atExit.push(function () {
    assert.deepStrictEqual(got, ['a', 'b']);
    assert.strictEqual(ended, true);
  });
})();

// pause() inside a 'data' listener stops the flow after that chunk.
(function () {
  var r = new Readable();
  var got = [];
  r.on('data', function (c) {
    got.push(String(c));
    if (got.length === 1) {
      r.pause();
      setTimeout(function () { r.resume(); }, 2);
    }
  });
  r.push('1');
  r.push('2');
  r.push('3');
  r.push(null);
  setTimeout(function () { assert.deepStrictEqual(got, ['1']); }, 1);
  atExit.push(function () { assert.deepStrictEqual(got, ['1', '2', '3']); });
})();

// read(): null when empty, everything buffered otherwise (IoT.js docs).
(function () {
  var r = new Readable();
  assert.strictEqual(r.read(), null);
  r.push('message');
  var chunk = r.read();
  assert.ok(Buffer.isBuffer(chunk));
  assert.strictEqual(chunk.toString(), 'message');
  assert.strictEqual(r.read(), null);
  r.push('ab');
  r.push('cde');
  assert.strictEqual(r.read().toString(), 'abcde');
  // read(n): exactly n bytes, across chunks.
  r.push('12');
  r.push('345');
  assert.strictEqual(r.read(3).toString(), '123');
  assert.strictEqual(r.read(5), null);               // not enough yet
  assert.strictEqual(r.read(2).toString(), '45');
  emittedByExit(r, 'end');
  r.push('z');
  r.push(null);
  assert.strictEqual(r.read(5).toString(), 'z');     // ended: the rest
})();

// 'readable', then read() in its listener (IoT.js docs).
(function () {
  var r = new Readable();
  var got = [];
  var ended = false;
  r.on('readable', function () {
    var c = this.read();
    if (c !== null) got.push('data received: ' + c);
  });
  r.on('end', function () { ended = true; });
  r.push('message');
  setTimeout(function () { r.push('more'); r.push(null); }, 1);
  atExit.push(function () {
    assert.deepStrictEqual(got, ['data received: message', 'data received: more']);
    assert.strictEqual(ended, true);
  });
})();

// _read is called on demand, with pushes from it or later.
(function () {
  var n = 0;
  var r = new Readable({
    read: function (size) {
      assert.strictEqual(typeof size, 'number');
      n++;
      if (n <= 3) this.push('c' + n);
      else if (n === 4) setTimeout(function () { r.push('late'); }, 1);
      else this.push(null);
    }
  });
  var got = [];
  r.on('data', function (c) { got.push(String(c)); });
  var ended = 0;
  r.on('end', function () { ended++; });
  atExit.push(function () {
    assert.deepStrictEqual(got, ['c1', 'c2', 'c3', 'late']);
    assert.strictEqual(ended, 1);
  });
})();

// setEncoding: strings, with characters split across chunks kept whole.
(function () {
  var r = new Readable();
  assert.strictEqual(r.setEncoding('utf8'), r);
  var got = [];
  r.on('data', function (c) { got.push(c); });
  var euro = Buffer.from('\u20ac');                  // e2 82 ac
  var smile = Buffer.from('\ud83d\ude00');           // f0 9f 98 80
  r.push(Buffer.from([0x61, euro[0]]));
  r.push(euro.slice(1));
  r.push(smile.slice(0, 1));
  r.push(smile.slice(1, 3));
  r.push(Buffer.concat([smile.slice(3), Buffer.from('z')]));
  r.push(null);
  atExit.push(function () {
    for (var i = 0; i < got.length; i++) assert.strictEqual(typeof got[i], 'string');
    assert.strictEqual(got.join(''), 'a\u20ac\ud83d\ude00z');
    assert.strictEqual(got.indexOf('\ufffd'), -1);
  });

  var h = new Readable({ encoding: 'hex' });
  var hexOut = '';
  h.on('data', function (c) { hexOut += c; });
  h.push(Buffer.from([1, 255]));
  h.push(null);
  var b64 = new Readable();
  b64.setEncoding('base64');
  var b64Out = '';
  b64.on('data', function (c) { b64Out += c; });
  b64.push('he');
  b64.push('llo');
  b64.push(null);
  atExit.push(function () {
    assert.strictEqual(hexOut, '01ff');
    assert.strictEqual(b64Out, 'aGVsbG8=');
  });
  assert.throws(function () { new Readable().setEncoding('nope'); }, TypeError);
})();

// objectMode: any values, one per read.
(function () {
  var r = new Readable({ objectMode: true });
  var got = [];
  r.on('data', function (o) { got.push(o); });
  r.push({ a: 1 });
  r.push(2);
  r.push('three');
  r.push(null);
  atExit.push(function () { assert.deepStrictEqual(got, [{ a: 1 }, 2, 'three']); });
})();

// push() after push(null) is an error; unshift() puts data back first.
(function () {
  var r = new Readable();
  var err = null;
  r.on('error', function (e) { err = e; });
  r.push('x');
  r.push(null);
  r.push('after');
  var u = new Readable();
  u.push('world');
  u.unshift('hello ');
  assert.strictEqual(u.read().toString(), 'hello world');
  atExit.push(function () {
    assert.ok(err instanceof Error);
    assert.strictEqual(err.code, 'ERR_STREAM_PUSH_AFTER_EOF');
  });
})();

// push() returns false at highWaterMark.
(function () {
  var r = new Readable({ highWaterMark: 4 });
  assert.strictEqual(r.push('ab'), true);
  assert.strictEqual(r.push('cd'), false);
  assert.strictEqual(new Readable().push(Buffer.alloc(16 * 1024 - 1)), true);
  assert.strictEqual(new Readable().push(Buffer.alloc(16 * 1024)), false);
})();

// destroy: 'close'; destroy(err): 'error' then 'close'. 'close' also follows 'end'.
(function () {
  var log = [];
  var r = new Readable();
  r.on('close', function () { log.push('close1'); });
  assert.strictEqual(r.destroy(), r);
  assert.strictEqual(r.destroyed, true);
  var r2 = new Readable();
  r2.on('error', function (e) { log.push('error:' + e.message); });
  r2.on('close', function () { log.push('close2'); });
  r2.destroy(new Error('bad'));
  r2.destroy(new Error('twice'));                    // only once
  var r3 = new Readable();
  r3.on('end', function () { log.push('end3'); });
  r3.on('close', function () { log.push('close3'); });
  r3.resume();
  r3.push(null);
  atExit.push(function () {
    assert.deepStrictEqual(log.filter(function (x) { return !/3/.test(x); }),
                           ['close1', 'error:bad', 'close2']);
    assert.ok(log.indexOf('end3') >= 0 && log.indexOf('close3') > log.indexOf('end3'));
  });
})();

// A Readable subclass in the IoT.js / Node style.
(function () {
  function Counter(max) {
    Readable.call(this);
    this.max = max;
    this.i = 0;
  }
  util.inherits(Counter, Readable);
  Counter.prototype._read = function () {
    this.i++;
    this.push(this.i > this.max ? null : String(this.i));
  };
  var c = new Counter(4);
  var s = '';
  c.on('data', function (d) { s += d; });
  atExit.push(function () { assert.strictEqual(s, '1234'); });
})();

// ---- Writable ---------------------------------------------------------------------------

// write() returns false at highWaterMark (16 KiB by default), 'drain' follows.
(function () {
  var w = collector({}, 1);
  assert.strictEqual(w.write(Buffer.alloc(16 * 1024 - 1)), true);
  assert.strictEqual(w.write('x'), false);
  var drains = 0;
  w.on('drain', function () { drains++; });
  var small = collector({ highWaterMark: 3 }, 1);
  assert.strictEqual(small.write('ab'), true);
  assert.strictEqual(small.write('c'), false);
  assert.strictEqual(small.write('d'), false);
  var smallDrains = 0;
  small.on('drain', function () {
    smallDrains++;
    if (smallDrains === 1) small.write('e');          // true again after a drain
  });
  atExit.push(function () {
    assert.strictEqual(drains, 1);
    assert.strictEqual(smallDrains, 1);
    assert.strictEqual(small.text(), 'abcde');
  });
})();

// IoT.js docs: highWaterMark 1, one byte fills it, 'drain' when written.
(function () {
  var w = new Writable({ highWaterMark: 1 });
  w._write = function (chunk, encoding, cb) { cb(); };
  assert.strictEqual(w.write('X'), false);
  emittedByExit(w, 'drain');
  w._readyToWrite();
})();

// _write gets Buffers (strings converted), or strings with decodeStrings: false.
(function () {
  var seen = [];
  var w = new Writable({
    write: function (chunk, encoding, cb) {
      seen.push([Buffer.isBuffer(chunk), encoding, String(chunk)]);
      cb();
    }
  });
  w.write('abc');
  w.write('6869', 'hex');
  w.write(new Uint8Array([0x79]));
  var s = new Writable({
    decodeStrings: false,
    write: function (chunk, encoding, cb) {
      seen.push([typeof chunk, encoding, chunk]);
      cb();
    }
  });
  s.write('raw', 'latin1');
  s.write('dflt');
  assert.deepStrictEqual(seen, [
    [true, 'buffer', 'abc'], [true, 'buffer', 'hi'], [true, 'buffer', 'y'],
    ['string', 'latin1', 'raw'], ['string', 'utf8', 'dflt']
  ]);
  assert.throws(function () { w.write(null); }, TypeError);
  assert.throws(function () { w.write(5); }, TypeError);
  assert.throws(function () { w.write({}); }, TypeError);
  var o = new Writable({ objectMode: true, write: function (c, e, cb) { seen.push(c); cb(); } });
  o.write({ k: 1 });
  assert.deepStrictEqual(seen[seen.length - 1], { k: 1 });
})();

// One write at a time, in order; callbacks in order, never inside write().
(function () {
  var active = 0;
  var order = [];
  var w = new Writable({
    write: function (chunk, encoding, cb) {
      active++;
      assert.strictEqual(active, 1);
      order.push('w' + chunk);
      var sync = String(chunk) === '2';
      function done() { active--; cb(); }
      if (sync) done();
      else setTimeout(done, 1);
    }
  });
  var inWrite = true;
  w.write('1', function (err) { assert.strictEqual(inWrite, false); order.push('cb1:' + err); });
  w.write('2', function () { order.push('cb2'); });
  w.write('3', function () { order.push('cb3'); });
  inWrite = false;
  var syncOnly = new Writable({ write: function (c, e, cb) { cb(); } });
  var called = false;
  syncOnly.write('s', function () { called = true; });
  assert.strictEqual(called, false);
  atExit.push(function () {
    // The next write starts before the previous callback runs (as in Node).
    assert.deepStrictEqual(order, ['w1', 'w2', 'w3', 'cb1:null', 'cb2', 'cb3']);
    assert.strictEqual(called, true);
  });
})();

// end([chunk][, encoding][, cb]): 'finish' after the last write, from the loop.
(function () {
  var log = [];
  var w = collector({}, 1);
  w.on('finish', function () { log.push('finish:' + w.text()); });
  w.write('a');
  assert.strictEqual(w.end('b', function () { log.push('cb'); }), w);
  log.push('after end');
  var empty = new Writable();
  empty.on('finish', function () { log.push('empty finish'); });
  empty.end();
  log.push('after empty end');
  var fn = new Writable({ write: function (c, e, cb) { cb(); } });
  fn.end(function () { log.push('end(cb)'); });
  var hexEnd = collector();
  hexEnd.end('4142', 'hex');
  atExit.push(function () {
    assert.strictEqual(log[0], 'after end');
    assert.strictEqual(log[1], 'after empty end');
    assert.ok(log.indexOf('finish:ab') >= 0);
    assert.ok(log.indexOf('cb') > log.indexOf('finish:ab'));
    assert.ok(log.indexOf('empty finish') >= 0);
    assert.ok(log.indexOf('end(cb)') >= 0);
    assert.strictEqual(hexEnd.text(), 'AB');
  });
})();

// IoT.js docs: end() on a new Writable emits 'finish'.
(function () {
  var w = new Writable();
  emittedByExit(w, 'finish');
  w.end();
})();

// _final runs before 'finish'.
(function () {
  var log = [];
  var w = new Writable({
    write: function (c, e, cb) { log.push('write'); cb(); },
    final: function (cb) { log.push('final'); setTimeout(cb, 1); }
  });
  w.on('finish', function () { log.push('finish'); });
  w.end('x');
  atExit.push(function () { assert.deepStrictEqual(log, ['write', 'final', 'finish']); });
})();

// write after end: 'error' ERR_STREAM_WRITE_AFTER_END, and the callback gets it.
(function () {
  var w = collector();
  var err = null;
  var cbErr = null;
  w.on('error', function (e) { err = e; });
  w.end('last');
  assert.strictEqual(w.write('more', function (e) { cbErr = e; }), false);
  atExit.push(function () {
    assert.ok(err instanceof Error);
    assert.strictEqual(err.code, 'ERR_STREAM_WRITE_AFTER_END');
    assert.strictEqual(cbErr, err);
    assert.strictEqual(w.text(), 'last');
  });
})();

// An error from _write: 'error', then 'close'.
(function () {
  var log = [];
  var w = new Writable({ write: function (c, e, cb) { cb(new Error('disk full')); } });
  w.on('error', function (e) { log.push('error:' + e.message); });
  w.on('close', function () { log.push('close'); });
  w.write('x', function (e) { log.push('cb:' + (e && e.message)); });
  atExit.push(function () {
    assert.ok(log.indexOf('error:disk full') >= 0);
    assert.ok(log.indexOf('cb:disk full') >= 0);
    assert.ok(log.indexOf('close') > log.indexOf('error:disk full'));
  });
})();

// cork / uncork hold writes back.
(function () {
  var w = collector();
  w.cork();
  w.write('a');
  w.write('b');
  assert.deepStrictEqual(w.chunks, []);
  w.uncork();
  atExit.push(function () { assert.strictEqual(w.text(), 'ab'); });
})();

// A Writable subclass in the Node style.
(function () {
  function Sink() {
    Writable.call(this, { highWaterMark: 2 });
    this.data = '';
  }
  util.inherits(Sink, Writable);
  Sink.prototype._write = function (chunk, encoding, cb) {
    this.data += chunk;
    cb();
  };
  var s = new Sink();
  s.write('1');
  s.end('2');
  atExit.push(function () { assert.strictEqual(s.data, '12'); });
})();

// ---- Duplex, Transform, PassThrough -----------------------------------------------------

// Duplex: two independent sides.
(function () {
  var written = [];
  var d = new Duplex({
    read: function () {},
    write: function (chunk, encoding, cb) { written.push(String(chunk)); cb(); }
  });
  var read = [];
  d.on('data', function (c) { read.push(String(c)); });
  d.push('from inside');
  d.write('from outside');
  d.push(null);
  d.end();
  var events = [];
  d.on('end', function () { events.push('end'); });
  d.on('finish', function () { events.push('finish'); });
  d.on('close', function () { events.push('close'); });
  atExit.push(function () {
    assert.deepStrictEqual(read, ['from inside']);
    assert.deepStrictEqual(written, ['from outside']);
    assert.ok(events.indexOf('end') >= 0 && events.indexOf('finish') >= 0);
    assert.strictEqual(events[events.length - 1], 'close');   // after both sides
  });

  // allowHalfOpen: false ends the writable side with the readable one.
  var h = new Duplex({ allowHalfOpen: false, read: function () {}, write: function (c, e, cb) { cb(); } });
  emittedByExit(h, 'finish');
  h.resume();
  h.push(null);
})();

// Transform: _transform / _flush; what comes out is read on the other side.
(function () {
  var upper = new Transform({
    transform: function (chunk, encoding, cb) { cb(null, String(chunk).toUpperCase()); },
    flush: function (cb) { this.push('!'); cb(); }
  });
  var out = '';
  upper.on('data', function (c) { out += c; });
  var log = [];
  upper.on('finish', function () { log.push('finish'); });
  upper.on('end', function () { log.push('end'); });
  upper.write('hello ');
  upper.end('world');
  // push() from _transform, several times per chunk.
  var doubler = new Transform();
  doubler._transform = function (chunk, encoding, cb) {
    this.push(chunk);
    this.push(chunk);
    cb();
  };
  var d = '';
  doubler.on('data', function (c) { d += c; });
  doubler.end('ab');
  // An error from _transform.
  var bad = new Transform({ transform: function (c, e, cb) { cb(new Error('no')); } });
  var badErr = null;
  bad.on('error', function (e) { badErr = e; });
  bad.write('x');
  atExit.push(function () {
    assert.strictEqual(out, 'HELLO WORLD!');
    assert.deepStrictEqual(log.sort(), ['end', 'finish']);
    assert.strictEqual(d, 'abab');
    assert.ok(badErr && badErr.message === 'no');
  });
})();

// PassThrough and read() on the readable side of a Transform.
(function () {
  var p = new PassThrough();
  p.write('a');
  p.write(Buffer.from('b'));
  var got = null;
  setTimeout(function () { got = p.read(); }, 1);
  var objects = new PassThrough({ objectMode: true });
  var objs = [];
  objects.on('data', function (o) { objs.push(o); });
  objects.write({ n: 1 });
  objects.end({ n: 2 });
  atExit.push(function () {
    assert.ok(Buffer.isBuffer(got));
    assert.strictEqual(got.toString(), 'ab');
    assert.deepStrictEqual(objs, [{ n: 1 }, { n: 2 }]);
  });
})();

// Transform backpressure: writes wait while nobody reads the output.
(function () {
  var t = new PassThrough({ highWaterMark: 4 });
  var done = [];
  t.write('1234', function () { done.push(1); });
  t.write('5678', function () { done.push(2); });
  t.write('9', function () { done.push(3); });
  setTimeout(function () {
    assert.ok(done.length < 3, 'writes went on without a reader: ' + done);
    t.resume();
  }, 5);
  atExit.push(function () { assert.deepStrictEqual(done, [1, 2, 3]); });
})();

// ---- pipe -------------------------------------------------------------------------------

// readable.pipe(writable): everything, in order, then end(); returns dest; 'pipe' event.
(function () {
  var r = new Readable();
  var w = collector({}, 1);
  var piped = null;
  w.on('pipe', function (src) { piped = src; });
  emittedByExit(w, 'finish');
  assert.strictEqual(r.pipe(w), w);
  assert.strictEqual(piped, r);
  r.push('a');
  r.push('b');
  setTimeout(function () { r.push('c'); r.push(null); }, 2);
  atExit.push(function () {
    assert.strictEqual(w.text(), 'abc');
  });
})();

// Backpressure: the source pauses while the destination is full, nothing is lost.
(function () {
  var chunks = 50;
  var sent = 0;
  var r = new Readable({
    highWaterMark: 8,
    read: function () {
      sent++;
      this.push(sent > chunks ? null : 'chunk' + sent + ';');
    }
  });
  var w = collector({ highWaterMark: 16 }, 1);
  var pausedSeen = 0;
  var origWrite = w.write;
  w.write = function (chunk) {
    var ret = origWrite.apply(this, arguments);
    if (!ret) pausedSeen++;
    return ret;
  };
  r.pipe(w);
  var expected = '';
  for (var i = 1; i <= chunks; i++) expected += 'chunk' + i + ';';
  atExit.push(function () {
    assert.strictEqual(w.text(), expected);
    assert.ok(pausedSeen > 0, 'write() never returned false');
  });
})();

// { end: false } leaves the destination open.
(function () {
  var r = new Readable();
  var w = collector();
  var finished = false;
  w.on('finish', function () { finished = true; });
  r.pipe(w, { end: false });
  r.push('x');
  r.push(null);
  setTimeout(function () {
    assert.strictEqual(finished, false);
    w.write('y');
    w.end();
  }, 2);
  atExit.push(function () {
    assert.strictEqual(w.text(), 'xy');
    assert.strictEqual(finished, true);
  });
})();

// unpipe(dest): no more data; 'unpipe'; the source is paused.
(function () {
  var r = new Readable();
  var w = collector();
  var unpiped = null;
  w.on('unpipe', function (src) { unpiped = src; });
  r.pipe(w);
  r.push('1');
  setTimeout(function () {
    assert.strictEqual(r.unpipe(w), r);
    assert.strictEqual(unpiped, r);
    assert.strictEqual(r.isPaused(), true);
    r.push('2');
    r.unpipe();                                     // nothing left to unpipe: fine
  }, 2);
  atExit.push(function () {
    assert.strictEqual(w.text(), '1');
    assert.strictEqual(w.listenerCount('drain'), 0);
    assert.strictEqual(r.listenerCount('data'), 0);
  });
})();

// A chain: readable -> transform -> writable.
(function () {
  var r = new Readable();
  var t = new Transform({ transform: function (c, e, cb) { cb(null, '<' + c + '>'); } });
  var w = collector();
  r.pipe(t).pipe(w);
  r.push('a');
  r.push('b');
  r.push(null);
  atExit.push(function () { assert.strictEqual(w.text(), '<a><b>'); });
})();

// Two destinations: the source waits for the slower one.
(function () {
  var r = new Readable({ read: function () {} });
  var fast = collector({ highWaterMark: 1 });
  var slow = collector({ highWaterMark: 1 }, 3);
  r.pipe(fast);
  r.pipe(slow);
  for (var i = 0; i < 5; i++) r.push(String(i));
  r.push(null);
  atExit.push(function () {
    assert.strictEqual(fast.text(), '01234');
    assert.strictEqual(slow.text(), '01234');
  });
})();

// An error on the destination unpipes and reaches the destination's listener.
(function () {
  var r = new Readable({ read: function () {} });
  var w = new Writable({ write: function (c, e, cb) { cb(new Error('sink failed')); } });
  var err = null;
  w.on('error', function (e) { err = e; });
  r.pipe(w);
  r.push('x');
  atExit.push(function () {
    assert.ok(err && err.message === 'sink failed');
    assert.strictEqual(r.listenerCount('data'), 0);
  });
})();

// ... and is not swallowed when the destination has no other 'error' listener.
(function () {
  var r = new Readable({ read: function () {} });
  var w = collector();
  r.pipe(w);
  var err = new Error('unheard');
  assert.throws(function () { w.emit('error', err); }, function (e) { return e === err; });
  assert.strictEqual(r.listenerCount('data'), 0);
  assert.strictEqual(w.listenerCount('error'), 0);
})();

// ---- pipe with streams that implement the surface themselves (like net.Socket) ----------

// Made from Duplex.prototype without running any stream constructor: its own write, end,
// pause, resume, 'data', 'drain' and 'end', as the native net.Socket does.
function FakeSocket(capacity) {
  var s = Object.create(Duplex.prototype);
  s.log = [];
  s.written = [];
  s.paused = false;
  s.ended = false;
  s.queued = 0;
  s.write = function (chunk) {
    assert.ok(!s.ended, 'write after end');
    s.written.push(String(chunk));
    s.queued++;
    if (s.queued === 1) setTimeout(function flush() {
      s.queued = 0;
      s.log.push('drain');
      s.emit('drain');
    }, 2);
    return s.queued < capacity;
  };
  s.end = function () { s.ended = true; s.log.push('end()'); };
  s.pause = function () { s.paused = true; s.log.push('pause'); return s; };
  s.resume = function () { s.paused = false; s.log.push('resume'); return s; };
  s.destroy = function () {};
  return s;
}

// The fake socket is a Duplex to instanceof, without stream state.
(function () {
  var s = FakeSocket(1);
  assert.ok(s instanceof Readable);
  assert.ok(s instanceof Writable);
  assert.ok(s instanceof EventEmitter);
  var n = 0;
  assert.strictEqual(s.read(), null);                // Readable methods work on it, and
  s.on('data', function () { n++; });               // on() stays EventEmitter's: no resume()
  assert.deepStrictEqual(s.log, []);
  s.emit('data', Buffer.from('x'));
  assert.strictEqual(n, 1);
})();

// socket.pipe(writable): pauses the socket when the writable is full, resumes on 'drain',
// ends the writable on the socket's 'end'.
(function () {
  var sock = FakeSocket(1);
  var w = collector({ highWaterMark: 4 }, 5);        // slower than the socket feeds it
  emittedByExit(w, 'finish');
  assert.strictEqual(sock.pipe(w), w);
  var i = 0;
  var ticks = 0;
  function feed() {
    if (i === 10) {
      sock.emit('end');
      return;
    }
    if (!sock.paused) sock.emit('data', Buffer.from('d' + i++));
    if (++ticks < 1000) setTimeout(feed, 0);         // a socket left paused: give up
  }
  feed();
  atExit.push(function () {
    assert.strictEqual(w.text(), 'd0d1d2d3d4d5d6d7d8d9');
    assert.ok(sock.log.indexOf('pause') >= 0, 'never paused: ' + sock.log);
    assert.ok(sock.log.lastIndexOf('resume') > sock.log.indexOf('pause'));
    assert.strictEqual(sock.listenerCount('data'), 0);    // cleaned up at 'end'
  });
})();

// readable.pipe(socket): uses write()'s result and 'drain', then end(); 'pipe' on the socket.
(function () {
  var sock = FakeSocket(2);
  var r = new Readable();
  var pipedFrom = null;
  sock.on('pipe', function (src) { pipedFrom = src; });
  assert.strictEqual(r.pipe(sock), sock);
  assert.strictEqual(pipedFrom, r);
  var pausedWhileFull = false;
  sock.on('drain', function () { if (r.isPaused()) pausedWhileFull = true; });
  for (var i = 0; i < 8; i++) r.push('p' + i);
  setTimeout(function () { r.push(null); }, 1);
  atExit.push(function () {
    assert.strictEqual(sock.written.join(''), 'p0p1p2p3p4p5p6p7');
    assert.strictEqual(sock.ended, true);
    assert.strictEqual(sock.log.filter(function (x) { return x === 'end()'; }).length, 1);
    assert.strictEqual(pausedWhileFull, true);
  });
})();

// socket.pipe(socket) (an echo), and unpipe on a socket source pauses it.
(function () {
  var a = FakeSocket(100);
  var b = FakeSocket(100);
  a.pipe(b, { end: false });
  a.emit('data', 'hi');
  a.unpipe(b);
  a.emit('data', 'lost');
  a.emit('end');
  assert.deepStrictEqual(b.written, ['hi']);
  assert.strictEqual(a.log[a.log.length - 1], 'pause');
  assert.strictEqual(b.ended, false);
})();

// Old-style streams: Stream itself pipes too.
(function () {
  var src = new Stream();
  src.pause = function () {};
  src.resume = function () {};
  var w = collector();
  src.pipe(w);
  src.emit('data', 'legacy');
  src.emit('end');
  atExit.push(function () { assert.strictEqual(w.text(), 'legacy'); });
})();

// once('data') starts the flow like on('data').
(function () {
  var r = new Readable();
  var first = null;
  r.once('data', function (c) { first = String(c); });
  r.push('only');
  atExit.push(function () { assert.strictEqual(first, 'only'); });
})();
