// socket.setTimeout(ms[, cb]): 'timeout' fires once after ms of idleness and does not close
// the socket; cb is a one-time 'timeout' listener; 0 disables it; it returns the socket.
// On the simulated backend the idle time is exact; on real sockets it is never shorter.
var assert = require('assert');
var net = require('net');

var sim = process.env.NETBED_BACKEND === 'sim';
var results = {};

function since(start) {
  var d = process.hrtime(start);
  return d[0] * 1e3 + d[1] / 1e6;
}
function checkTime(ms, expected, what) {
  if (sim)
    assert.strictEqual(ms, expected, what + ': exactly ' + expected + ' ms, got ' + ms);
  else
    assert.ok(ms >= expected, what + ': at least ' + expected + ' ms, got ' + ms);
}

// A server that keeps every connection open until the client ends it.
function idleServer(done) {
  var server = net.createServer(function (socket) {
    socket.resume();
    socket.on('close', function () { server.close(); });
  });
  server.listen(0, '127.0.0.1', function () { done(server.address().port); });
}

// A. One 'timeout' after 100 ms idle; the callback runs once; the socket stays open
// (nothing more for 300 ms), then the client ends it.
idleServer(function (port) {
  var r = results.A = { events: 0, callbacks: 0 };
  var c = net.connect(port, '127.0.0.1', function () {
    var start = process.hrtime();
    assert.strictEqual(c.setTimeout(100, function () {
      assert.strictEqual(this, c);
      r.callbacks++;
    }), c, 'setTimeout returns the socket');
    c.on('timeout', function () {
      r.events++;
      r.elapsed = since(start);
      r.destroyed = c.destroyed;
      r.writable = c.writable;
      setTimeout(function () { c.end(); }, 300);
    });
  });
  c.on('close', function (hadError) { r.close = hadError; });
});

// B. Activity restarts the timer: a write at +60 ms moves the timeout to +160 ms.
idleServer(function (port) {
  var r = results.B = { events: 0 };
  var c = net.connect(port, '127.0.0.1', function () {
    var start = process.hrtime();
    c.setTimeout(100);
    setTimeout(function () { c.write('x'); }, 60);
    c.on('timeout', function () {
      r.events++;
      r.elapsed = since(start);
      c.end();
    });
  });
});

// C. setTimeout(0) disables it (and removes the given callback); nothing fires in 250 ms.
idleServer(function (port) {
  var r = results.C = { events: 0, callbacks: 0 };
  var c = net.connect(port, '127.0.0.1', function () {
    function cb() { r.callbacks++; }
    c.setTimeout(50, cb);
    c.on('timeout', function () { r.events++; });
    c.setTimeout(0, cb);
    assert.strictEqual(c.listenerCount('timeout'), 1, 'setTimeout(0, cb) removes cb');
    setTimeout(function () { c.end(); }, 250);
  });
});

// D. The callback is a once-listener: re-armed by activity, the second 'timeout' comes to the
// 'timeout' listeners but not to the callback again.
idleServer(function (port) {
  var r = results.D = { events: 0, callbacks: 0 };
  var c = net.connect(port, '127.0.0.1', function () {
    c.setTimeout(30, function () { r.callbacks++; });
    c.on('timeout', function () {
      if (++r.events === 1) c.write('activity'); // re-arms the timer
      else c.end();
    });
  });
});

// E. Set before connect: the setting is kept (and the connect option form `timeout`).
idleServer(function (port) {
  var r = results.E = { events: 0 };
  var c = new net.Socket();
  c.setTimeout(40, function () { r.events++; c.destroy(); });
  c.connect(port, '127.0.0.1');
  var d = net.connect({ port: port, host: '127.0.0.1', timeout: 40 });
  d.on('timeout', function () { r.events++; d.destroy(); });
});

process.on('exit', function () {
  assert.strictEqual(results.A.events, 1, 'A: one timeout');
  assert.strictEqual(results.A.callbacks, 1, 'A: callback once');
  checkTime(results.A.elapsed, 100, 'A');
  assert.strictEqual(results.A.destroyed, false, 'A: not destroyed by the timeout');
  assert.strictEqual(results.A.writable, true, 'A: still writable');
  assert.strictEqual(results.A.close, false);

  assert.strictEqual(results.B.events, 1);
  checkTime(results.B.elapsed, 160, 'B');

  assert.strictEqual(results.C.events, 0, 'C: 0 disables');
  assert.strictEqual(results.C.callbacks, 0);

  assert.strictEqual(results.D.events, 2);
  assert.strictEqual(results.D.callbacks, 1, 'D: the callback is a once-listener');

  assert.strictEqual(results.E.events, 2);
});
