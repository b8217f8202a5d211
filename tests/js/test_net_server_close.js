// server.close([cb]): stops accepting at once, 'close' once every accepted socket has
// closed, cb as a 'close' listener (no error, `this` the server); a server that is not
// running calls cb with ERR_SERVER_NOT_RUNNING.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var order = [];
var notRunning = [];
var neverListenedCloseEvents = 0;

// 1. A running server: close() while a client is still open. 'close' waits for it.
var server = net.createServer(function (socket) {
  order.push('connection');
  server.close(function () {
    assert.strictEqual(arguments[0], undefined, 'no error for a running server');
    assert.strictEqual(this, server);
    order.push('close-cb');
  });
  assert.strictEqual(server.listening, false, 'close() stops listening at once');
  // A new connection is refused now.
  var late = net.connect(port, '127.0.0.1');
  late.on('error', function (err) {
    order.push('late:' + err.code);
    // The accepted socket is still open: end it; only then does the server close.
    socket.end();
  });
  socket.on('close', function () { order.push('socket-close'); });
});
server.on('close', function () { order.push('close-event'); });
server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var c = net.connect(port, '127.0.0.1');
  c.resume();
});

// 2. close(cb) on a server that never listened: cb gets ERR_SERVER_NOT_RUNNING, from the loop.
var idle = net.createServer();
var sync = true;
var r = idle.close(function (err) {
  assert.strictEqual(sync, false);
  assert.ok(err instanceof Error);
  notRunning.push(err.code);
});
sync = false;
assert.strictEqual(r, idle, 'close() returns the server');

// 3. close() without a callback on a running server, then close(cb) again: not running.
var twice = net.createServer();
twice.listen(0, '127.0.0.1', function () {
  twice.close();
  twice.close(function (err) {
    notRunning.push(err && err.code);
  });
});

// 4. A server whose listen failed (EADDRINUSE) is not running either.
var holder = net.createServer();
holder.listen(0, '127.0.0.1', function () {
  var dup = net.createServer();
  dup.on('error', function (err) {
    assert.strictEqual(err.code, 'EADDRINUSE');
    dup.close(function (err2) {
      notRunning.push(err2 && err2.code);
      holder.close();
    });
  });
  dup.listen(holder.address().port, '127.0.0.1');
});

// 5. A server that never listened still emits 'close' to its listeners (Node; SEMANTICS.md
// rule 18), not only to close(cb)'s callback (an earlier binding dropped the event).
var never = net.createServer();
never.on('close', function () { neverListenedCloseEvents++; });
never.close();

process.on('exit', function () {
  // The 'close' listener added before close(cb) runs before cb (cb is added at the call).
  assert.deepStrictEqual(order, ['connection', 'late:ECONNREFUSED', 'socket-close', 'close-event',
                                 'close-cb']);
  assert.deepStrictEqual(notRunning.sort(), ['ERR_SERVER_NOT_RUNNING', 'ERR_SERVER_NOT_RUNNING',
                                             'ERR_SERVER_NOT_RUNNING']);
  assert.strictEqual(neverListenedCloseEvents, 1, "a never-listened server's 'close' event");
});
