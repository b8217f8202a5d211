// Half-close: end() sends a FIN and the peer gets 'end' after all the data; allowHalfOpen
// (server option, inherited by accepted sockets; client option) keeps the socket writable
// after the peer's FIN; without it the socket ends its own side.
var assert = require('assert');
var net = require('net');

var results = {};

// A. Neither side half-open. The client ends with its request; the server answers from its
// 'end' listener (end(data) there still sends the data), then the socket closes.
(function () {
  var r = results.A = { server: [], client: '' };
  var server = net.createServer(function (socket) {
    var req = '';
    assert.strictEqual(socket.allowHalfOpen, false);
    socket.on('data', function (d) { req += d; });
    socket.on('end', function () {
      r.server.push('end:' + req);
      r.readableAfterEnd = socket.readable;
      socket.end('reply-to-' + req);
    });
    socket.on('close', function () { r.server.push('close'); server.close(); });
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var c = net.connect(port, '127.0.0.1', function () { c.end('A'); });
    c.on('data', function (d) { r.client += d; });
    c.on('end', function () { r.client += '|end'; });
  });
})();

// B. Server allowHalfOpen: after the client's FIN the accepted socket stays writable, and
// the reply, written later, arrives whole.
(function () {
  var r = results.B = { client: '' };
  var server = net.createServer({ allowHalfOpen: true }, function (socket) {
    var req = '';
    r.inherited = socket.allowHalfOpen;
    socket.on('data', function (d) { req += d; });
    socket.on('end', function () {
      r.writableAfterEnd = socket.writable;
      setTimeout(function () {
        socket.write('late-');
        socket.end('reply-to-' + req);
      }, 20);
    });
    socket.on('close', function () { server.close(); });
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var c = net.connect(port, '127.0.0.1', function () { c.end('B'); });
    c.on('data', function (d) { r.client += d; });
    c.on('end', function () { r.client += '|end'; });
    c.on('close', function (hadError) { r.clientClose = hadError; });
  });
})();

// C. Client allowHalfOpen (connect option): the server ends first; the client goes on
// writing after its 'end', and the server, whose write side is done, still reads it.
(function () {
  var r = results.C = { server: '', client: [] };
  var server = net.createServer(function (socket) {
    socket.end('bye');
    socket.on('data', function (d) { r.server += d; });
    socket.on('end', function () { r.server += '|end'; });
    socket.on('close', function () { server.close(); });
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var c = net.connect({ port: port, host: '127.0.0.1', allowHalfOpen: true });
    c.on('data', function (d) { r.client.push('data:' + d); });
    c.on('end', function () {
      r.client.push('end');
      r.clientWritableAfterEnd = c.writable;
      setTimeout(function () {
        c.write('still-');
        c.end('writing');
      }, 20);
    });
    c.on('close', function () { r.client.push('close'); });
  });
})();

// D. Client allowHalfOpen on new net.Socket({allowHalfOpen: true}).
(function () {
  var r = results.D = { server: '' };
  var server = net.createServer(function (socket) {
    socket.end();
    socket.on('data', function (d) { r.server += d; });
    socket.on('close', function () { server.close(); });
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var c = new net.Socket({ allowHalfOpen: true });
    assert.strictEqual(c.allowHalfOpen, true);
    c.connect(port, '127.0.0.1');
    c.resume();
    c.on('end', function () {
      setTimeout(function () { c.end('D-after-end'); }, 10);
    });
  });
})();

// E. Without allowHalfOpen the client's write side ends with its read side: after 'end' it is
// neither readable nor writable, and 'close' follows without the client calling end().
(function () {
  var r = results.E = { client: [] };
  var server = net.createServer(function (socket) {
    socket.end('E');
    socket.on('close', function () { server.close(); });
  });
  server.listen(0, '127.0.0.1', function () {
    var port = server.address().port;
    var c = net.connect(port, '127.0.0.1');
    c.on('data', function (d) { r.client.push('data:' + d); });
    c.on('end', function () {
      r.client.push('end');
      setImmediate(function () {
        r.readable = c.readable;
        r.writable = c.writable;
      });
    });
    c.on('close', function (hadError) { r.client.push('close:' + hadError); });
  });
})();

process.on('exit', function () {
  assert.deepStrictEqual(results.A.server, ['end:A', 'close']);
  assert.strictEqual(results.A.readableAfterEnd, false);
  assert.strictEqual(results.A.client, 'reply-to-A|end');

  assert.strictEqual(results.B.inherited, true);
  assert.strictEqual(results.B.writableAfterEnd, true);
  assert.strictEqual(results.B.client, 'late-reply-to-B|end');
  assert.strictEqual(results.B.clientClose, false);

  assert.deepStrictEqual(results.C.client, ['data:bye', 'end', 'close']);
  assert.strictEqual(results.C.clientWritableAfterEnd, true);
  assert.strictEqual(results.C.server, 'still-writing|end');

  assert.strictEqual(results.D.server, 'D-after-end');

  assert.deepStrictEqual(results.E.client, ['data:E', 'end', 'close:false']);
  assert.strictEqual(results.E.readable, false);
  assert.strictEqual(results.E.writable, false);
});
