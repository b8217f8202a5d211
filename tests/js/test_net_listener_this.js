// `this` inside listeners is the emitter: the socket for its events and for the connect
// callback, the server for its events and for the listen and close callbacks.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var checked = [];

function expectThis(name, expected) {
  return function () {
    assert.strictEqual(this, expected, name);
    checked.push(name);
  };
}

var server = net.createServer();
server.on('connection', function (socket) {
  assert.strictEqual(this, server, 'connection');
  checked.push('connection');
  socket.on('data', expectThis('server-socket data', socket));
  socket.on('end', expectThis('server-socket end', socket));
  socket.on('close', expectThis('server-socket close', socket));
  socket.on('data', function () { socket.end('bye'); });
});
server.on('listening', expectThis('listening', server));
server.on('close', expectThis('server close', server));
server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  assert.strictEqual(this, server, 'listen callback');
  checked.push('listen callback');

  var c = net.connect(port, '127.0.0.1', function () {
    assert.strictEqual(this, c, 'connect callback');
    checked.push('connect callback');
    c.write('hi');
  });
  c.on('lookup', expectThis('lookup', c));
  c.on('connect', expectThis('connect', c));
  c.on('data', expectThis('data', c));
  c.on('end', expectThis('end', c));
  c.on('close', expectThis('close', c));
  c.on('close', function () {
    server.close(function () {
      assert.strictEqual(this, server, 'close callback');
      checked.push('close callback');
    });
  });

  // A server's 'error': the port is taken by `server`.
  var busy = net.createServer();
  busy.on('error', expectThis('server error', busy));
  busy.listen(port, '127.0.0.1');
});

// A socket's 'error'.
var e = net.connect(1, 'no-such-host.invalid');
e.on('error', expectThis('socket error', e));

process.on('exit', function () {
  assert.deepStrictEqual(checked.slice().sort(), [
    'listening', 'listen callback', 'connection', 'lookup', 'connect', 'connect callback', 'data',
    'end', 'close', 'server-socket data', 'server-socket end', 'server-socket close', 'server close',
    'close callback', 'socket error', 'server error'].sort());
});
