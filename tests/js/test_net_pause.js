// pause() and resume(): a paused socket delivers no 'data' (and no 'end') until resume(),
// and nothing is lost; pausing inside a 'data' listener stops the flow; a socket with no
// 'data' listener yet keeps what arrives.
var assert = require('assert');
var net = require('net');

var SIZE = 100 * 1024;
var results = {};

function payload(n) {
  var b = Buffer.alloc(n);
  for (var i = 0; i < n; ++i) b[i] = i % 251;
  return b;
}
function sameBytes(chunks, n) {
  var all = Buffer.concat(chunks);
  if (all.length !== n) return false;
  for (var i = 0; i < n; ++i) if (all[i] !== i % 251) return false;
  return true;
}

// A server that sends n bytes and ends.
function sender(n, done) {
  var server = net.createServer(function (socket) {
    socket.end(payload(n));
    socket.on('close', function () { server.close(); });
  });
  server.listen(0, '127.0.0.1', function () { done(server.address().port); });
}

// A. Paused from 'connect' for 200 ms.
sender(SIZE, function (port) {
  var r = results.A = { chunks: [], duringPause: 0, endDuringPause: false, events: [] };
  var paused = true;
  var c = net.connect(port, '127.0.0.1');
  c.on('data', function (d) {
    if (paused) r.duringPause++;
    r.chunks.push(d);
  });
  c.on('end', function () {
    if (paused) r.endDuringPause = true;
    r.events.push('end');
  });
  c.on('close', function () { r.events.push('close'); });
  c.on('connect', function () {
    assert.strictEqual(c.isPaused(), false);
    assert.strictEqual(c.pause(), c, 'pause() returns the socket');
    assert.strictEqual(c.isPaused(), true);
    setTimeout(function () {
      paused = false;
      assert.strictEqual(c.resume(), c, 'resume() returns the socket');
      assert.strictEqual(c.isPaused(), false);
    }, 200);
  });
});

// B. Paused inside every 'data' listener call, resumed from a timer: one chunk per resume.
sender(SIZE, function (port) {
  var r = results.B = { chunks: [], overlaps: 0, resumes: 0 };
  var paused = false;
  var c = net.connect(port, '127.0.0.1');
  c.on('data', function (d) {
    if (paused) r.overlaps++;
    r.chunks.push(d);
    c.pause();
    paused = true;
    setTimeout(function () {
      paused = false;
      r.resumes++;
      c.resume();
    }, 2);
  });
  c.on('end', function () { r.ended = true; });
});

// C. No 'data' listener for 100 ms: nothing is lost, and 'end' waits for the listener.
sender(SIZE, function (port) {
  var r = results.C = { chunks: [], endBeforeListener: false };
  var listening = false;
  var c = net.connect(port, '127.0.0.1');
  c.on('end', function () {
    if (!listening) r.endBeforeListener = true;
    r.ended = true;
  });
  setTimeout(function () {
    listening = true;
    c.on('data', function (d) { r.chunks.push(d); });
  }, 100);
});

// D. pause() twice and resume() without pause() are harmless.
sender(10, function (port) {
  var r = results.D = { chunks: [] };
  var c = net.connect(port, '127.0.0.1');
  c.resume();
  c.pause();
  c.pause();
  c.on('data', function (d) { r.chunks.push(d); });
  setTimeout(function () { c.resume(); c.resume(); }, 20);
  c.on('end', function () { r.ended = true; });
});

process.on('exit', function () {
  assert.strictEqual(results.A.duringPause, 0, 'no data while paused');
  assert.strictEqual(results.A.endDuringPause, false, "no 'end' while paused");
  assert.ok(sameBytes(results.A.chunks, SIZE), 'A: every byte, in order');
  assert.deepStrictEqual(results.A.events, ['end', 'close']);

  assert.strictEqual(results.B.overlaps, 0, 'B: no data between pause() and resume()');
  assert.ok(sameBytes(results.B.chunks, SIZE), 'B: every byte, in order');
  assert.ok(results.B.resumes >= results.B.chunks.length - 1);
  assert.strictEqual(results.B.ended, true);

  assert.strictEqual(results.C.endBeforeListener, false);
  assert.ok(sameBytes(results.C.chunks, SIZE), 'C: every byte, in order');
  assert.strictEqual(results.C.ended, true);

  assert.ok(sameBytes(results.D.chunks, 10));
  assert.strictEqual(results.D.ended, true);
});
