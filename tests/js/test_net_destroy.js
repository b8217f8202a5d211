// destroy() and destroy(err): destroyed at once; 'close'(false) without 'error', or the very
// err object on 'error' then 'close'(true); later calls are harmless; a write on a
// destroyed socket returns false and its callback gets ERR_STREAM_DESTROYED.
var assert = require('assert');
var net = require('net');

var results = {};

function holdServer(onSocket, done) {
  var server = net.createServer(function (socket) {
    socket.on('close', function () { server.close(); });
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1', function () { done(server.address().port); });
}

// A. destroy() on an open connection; the peer sees 'end' then 'close'.
(function () {
  var r = results.A = { client: [], server: [] };
  holdServer(function (socket) {
    socket.resume();
    socket.on('end', function () { r.server.push('end'); });
    socket.on('close', function () { r.server.push('close'); });
  }, function (port) {
    var c = net.connect(port, '127.0.0.1', function () {
      assert.strictEqual(c.destroyed, false);
      assert.strictEqual(c.destroy(), c, 'destroy() returns the socket');
      assert.strictEqual(c.destroyed, true, 'destroyed on return');
      r.client.push('destroyed');
      c.destroy(); // again: nothing more
      r.writeReturn = c.write('late', function (err) {
        r.client.push('write-cb:' + (err && err.code));
      });
    });
    c.on('error', function (err) { r.client.push('error:' + err.code); });
    c.on('close', function (hadError) {
      r.client.push('close:' + hadError);
      // After 'close', every method is harmless.
      c.destroy();
      c.end();
      c.pause();
      c.resume();
      c.setTimeout(10);
    });
  });
})();

// B. destroy(err): the same object on 'error', then 'close'(true).
(function () {
  var r = results.B = { events: [] };
  var myErr = new Error('my reason');
  myErr.code = 'MY_CODE';
  holdServer(function (socket) { socket.resume(); }, function (port) {
    var c = net.connect(port, '127.0.0.1', function () {
      c.destroy(myErr);
      assert.strictEqual(c.destroyed, true);
      r.events.push('destroyed');
    });
    c.on('error', function (err) {
      r.sameObject = err === myErr;
      r.events.push('error:' + err.code);
    });
    c.on('close', function (hadError) { r.events.push('close:' + hadError); });
  });
})();

// C. destroy() while connecting: one 'close', no 'connect', no 'error'.
(function () {
  var r = results.C = { events: [] };
  var server = net.createServer(function (socket) { socket.destroy(); });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var c = net.connect(port, '127.0.0.1', function () { r.events.push('connect'); });
    c.on('error', function (err) { r.events.push('error:' + err.code); });
    c.on('close', function (hadError) {
      r.events.push('close:' + hadError);
      server.close();
    });
    c.destroy();
  });
})();

// D. destroy() inside a 'data' listener: no more 'data' and no 'end' after it.
(function () {
  var r = results.D = { data: 0, after: [] };
  holdServer(function (socket) {
    socket.on('error', function () {}); // the client's destroy may reset the connection
    socket.write('one');
    setTimeout(function () { socket.end('two'); }, 20);
  }, function (port) {
    var c = net.connect(port, '127.0.0.1');
    c.on('data', function () {
      r.data++;
      c.destroy();
    });
    c.on('end', function () { r.after.push('end'); });
    c.on('close', function (hadError) { r.after.push('close:' + hadError); });
  });
})();

process.on('exit', function () {
  assert.deepStrictEqual(results.A.client, ['destroyed', 'write-cb:ERR_STREAM_DESTROYED', 'close:false']);
  assert.strictEqual(results.A.writeReturn, false);
  assert.deepStrictEqual(results.A.server, ['end', 'close']);

  assert.deepStrictEqual(results.B.events, ['destroyed', 'error:MY_CODE', 'close:true']);
  assert.strictEqual(results.B.sameObject, true, 'the err given to destroy()');

  assert.deepStrictEqual(results.C.events, ['close:false']);

  assert.strictEqual(results.D.data, 1);
  assert.deepStrictEqual(results.D.after, ['close:false']);
});
