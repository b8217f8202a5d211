// Two servers on one port: the second gets 'error' EADDRINUSE from the loop, never
// 'listening', and is not listening; the first is unaffected.
var assert = require('assert');
var net = require('net');

var port; // any free port: first.listen(0)
var events = [];
var error = null;

var first = net.createServer(function (socket) {
  events.push('first-connection');
  socket.end();
});
first.listen(0, '127.0.0.1', function () {
  port = first.address().port;
  events.push('first-listening');
  var second = net.createServer();
  second.on('listening', function () { events.push('second-listening'); });
  second.on('error', function (err) {
    assert.strictEqual(this, second);
    error = err;
    events.push('second-error');
    assert.strictEqual(second.listening, false);
    assert.strictEqual(second.address(), null);
    // The first server still accepts.
    var c = net.connect(port, '127.0.0.1');
    c.resume();
    c.on('end', function () {
      events.push('client-end');
      first.close();
    });
  });
  var sync = true;
  second.listen(port, '127.0.0.1');
  sync = false;
  assert.deepStrictEqual(events, ['first-listening'], 'no error inside listen()');
});

process.on('exit', function () {
  assert.deepStrictEqual(events, ['first-listening', 'second-error', 'first-connection', 'client-end']);
  assert.ok(error instanceof Error);
  assert.strictEqual(error.code, 'EADDRINUSE');
  assert.strictEqual(typeof error.errno, 'number');
  // Node's form on both backends (the OS backend once said "listen 127.0.0.1:PORT EADDRINUSE:
  // address already in use", with no syscall).
  assert.strictEqual(error.syscall, 'listen', 'syscall of: ' + error.message);
  assert.ok(/^listen EADDRINUSE: address already in use 127\.0\.0\.1:\d+$/.test(error.message), error.message);
});
