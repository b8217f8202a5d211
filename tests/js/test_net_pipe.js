// socket.pipe(socket): an echo server; 200 KiB (well above the high-water mark) come back
// byte for byte, and the echo ends when the client ends. pipe() returns the destination.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var SIZE = 200 * 1024;
var back = [];
var piped = null;
var serverClosed = false;

var server = net.createServer(function (socket) {
  piped = socket.pipe(socket) === socket;
  socket.on('close', function () { server.close(function () { serverClosed = true; }); });
});
server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var data = Buffer.alloc(SIZE);
  for (var i = 0; i < SIZE; ++i) data[i] = (i * 7) & 0xff;
  var c = net.connect(port, '127.0.0.1', function () { c.end(data); });
  c.on('data', function (d) { back.push(d); });
  c.on('end', function () { back.ended = true; });
});

process.on('exit', function () {
  assert.strictEqual(piped, true, 'pipe() returns its destination');
  var all = Buffer.concat(back);
  assert.strictEqual(all.length, SIZE);
  for (var i = 0; i < SIZE; ++i) {
    if (all[i] !== ((i * 7) & 0xff)) assert.fail('byte ' + i + ' differs');
  }
  assert.strictEqual(back.ended, true);
  assert.strictEqual(serverClosed, true);
});
