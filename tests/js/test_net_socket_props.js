// A connected socket's addresses and counters: remoteAddress/remotePort/remoteFamily,
// localAddress/localPort, address(), bytesRead/bytesWritten, and connecting/pending/
// readyState through its life; setKeepAlive/setNoDelay return the socket.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var seen = {};

var server = net.createServer(function (socket) {
  seen.serverSide = {
    remoteAddress: socket.remoteAddress,
    remotePort: socket.remotePort,
    remoteFamily: socket.remoteFamily,
    localAddress: socket.localAddress,
    localPort: socket.localPort
  };
  socket.on('data', function (d) { socket.write(d); socket.write(d); });
  socket.on('end', function () {
    seen.serverBytesRead = socket.bytesRead;
    seen.serverBytesWritten = socket.bytesWritten;
  });
  socket.on('close', function () { server.close(); });
});

server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var c = new net.Socket();
  seen.beforeConnect = { pending: c.pending, readyState: c.readyState, remoteAddress: c.remoteAddress,
                         address: c.address() };
  c.connect(port, '127.0.0.1');
  seen.connecting = { connecting: c.connecting, pending: c.pending, readyState: c.readyState };
  assert.strictEqual(c.setKeepAlive(true, 1000), c, 'setKeepAlive returns the socket');
  assert.strictEqual(c.setNoDelay(true), c, 'setNoDelay returns the socket');
  assert.strictEqual(c.setKeepAlive(), c);
  assert.strictEqual(c.setNoDelay(), c);
  var got = '';
  c.on('connect', function () {
    seen.clientSide = {
      remoteAddress: c.remoteAddress,
      remotePort: c.remotePort,
      remoteFamily: c.remoteFamily,
      localAddress: c.localAddress,
      localPort: c.localPort,
      address: c.address()
    };
    seen.open = { connecting: c.connecting, pending: c.pending, readyState: c.readyState };
    c.write('12345');
  });
  c.on('data', function (d) {
    got += d;
    if (got.length === 10) {
      seen.clientBytesRead = c.bytesRead;
      c.end();
      seen.afterEnd = c.readyState;
    }
  });
  c.on('close', function () {
    seen.clientBytesWritten = c.bytesWritten;
    seen.closed = c.readyState;
  });
});

process.on('exit', function () {
  assert.strictEqual(seen.beforeConnect.pending, true);
  assert.strictEqual(seen.beforeConnect.remoteAddress, undefined);
  assert.deepStrictEqual(seen.beforeConnect.address, {});
  assert.strictEqual(seen.connecting.connecting, true);
  assert.strictEqual(seen.connecting.pending, true);
  assert.strictEqual(seen.connecting.readyState, 'opening');
  assert.strictEqual(seen.open.connecting, false);
  assert.strictEqual(seen.open.pending, false);
  assert.strictEqual(seen.open.readyState, 'open');
  assert.strictEqual(seen.afterEnd, 'readOnly');
  assert.strictEqual(seen.closed, 'closed');

  var cs = seen.clientSide, ss = seen.serverSide;
  assert.strictEqual(cs.remoteAddress, '127.0.0.1');
  assert.strictEqual(cs.remotePort, port);
  assert.strictEqual(cs.remoteFamily, 'IPv4');
  assert.strictEqual(cs.localAddress, '127.0.0.1');
  assert.strictEqual(typeof cs.localPort, 'number');
  assert.notStrictEqual(cs.localPort, port);
  assert.deepStrictEqual(cs.address, { address: '127.0.0.1', family: 'IPv4', port: cs.localPort });
  // The accepted socket sees the same pair, reversed.
  assert.strictEqual(ss.remoteAddress, cs.localAddress);
  assert.strictEqual(ss.remotePort, cs.localPort);
  assert.strictEqual(ss.remoteFamily, 'IPv4');
  assert.strictEqual(ss.localAddress, cs.remoteAddress);
  assert.strictEqual(ss.localPort, port);

  assert.strictEqual(seen.clientBytesRead, 10);
  assert.strictEqual(seen.clientBytesWritten, 5);
  assert.strictEqual(seen.serverBytesRead, 5);
  assert.strictEqual(seen.serverBytesWritten, 10);
});
