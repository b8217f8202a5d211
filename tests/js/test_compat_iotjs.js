// compat: iotjs (netbed js --compat iotjs): the IoT.js behaviours an application may rely on
// where IoT.js differs from Node (net/js/README.md). Run with --compat iotjs.
var assert = require('assert');
var net = require('net');

var thrown = null, listenError = null, counts = [], closedWithListener = false;
var thrownAfterPeerEnd = null, emptyLookup = null;

// emit('error') with no listener and no Error: IoT.js's message.
assert.throws(function () { new (require('events').EventEmitter)().emit('error'); }, function (e) {
  return e instanceof Error && e.message === "Uncaught 'error' event";
});

// clearTimeout of something that is not a timer throws; util has isFinite.
assert.throws(function () { clearTimeout('timeout'); }, function (e) {
  return e instanceof Error && e.message === 'clearTimeout() - invalid timeout';
});
assert.throws(function () { clearInterval(1000); }, Error);
clearTimeout();
clearTimeout(null);
clearTimeout(setTimeout(function () {}, 1));
assert.strictEqual(require('util').isFinite(3.5), true);
assert.strictEqual(require('util').isFinite(Infinity), false);
assert.strictEqual(require('util').isFinite('5'), false);

// An empty name fails to resolve, as IoT.js's resolver fails it (Node answers no address).
require('dns').lookup('', 4, function (err) { emptyLookup = err; });

var server = net.createServer(function (s) {
  counts.push(server._socketCount);
  s.on('end', function () { s.end(); });
});
server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  counts.push(server._socketCount);

  // A failed listen reports the negative errno, not an Error.
  var dup = net.createServer();
  dup.on('error', function (err) {
    listenError = err;
    dup.close();
  });
  dup.listen(port, '127.0.0.1');

  var c = net.connect(port, '127.0.0.1', function () {
    c.end();
    // A write after end() with no 'error' listener throws at the call.
    try {
      c.write('late');
    } catch (e) {
      thrown = e;
    }
    // With an 'error' listener it is an 'error' from the loop, as in Node.
    var d = net.connect(port, '127.0.0.1', function () {
      d.end();
      d.on('error', function (err) {
        assert.strictEqual(err.code, 'ERR_STREAM_WRITE_AFTER_END');
        closedWithListener = true;
      });
      assert.strictEqual(d.write('late'), false);
    });
    d.on('close', function () {
      // The server's FIN ended this side too (no allowHalfOpen): a write now also throws.
      var e = net.connect(port, '127.0.0.1');
      e.on('end', function () {
        setTimeout(function () {
          try {
            e.write('after the peer ended');
          } catch (x) {
            thrownAfterPeerEnd = x;
          }
          server.close();
        }, 10);
      });
      e.on('connect', function () { e.end(); });
    });
  });
});

process.on('exit', function () {
  assert.ok(thrown instanceof Error, 'write after end throws without an error listener');
  assert.ok(/write after end/.test(thrown.message), thrown.message);
  assert.strictEqual(listenError, -98);
  assert.strictEqual(counts[0], 0);
  assert.ok(counts[1] >= 1, 'server._socketCount counts accepted sockets: ' + counts);
  assert.ok(closedWithListener);
  assert.ok(thrownAfterPeerEnd instanceof Error, 'a write after the peer ended the socket throws');
  assert.ok(emptyLookup instanceof Error && emptyLookup.code === 'ENOTFOUND', String(emptyLookup));
});
