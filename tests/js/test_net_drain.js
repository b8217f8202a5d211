// Backpressure: write() returns false once the queued bytes reach the high-water mark (16
// KiB), 'drain' follows once per episode (before the callback of the write that emptied
// the queue), and every byte arrives in order.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var CHUNK = 4096;
var CHUNKS = 64; // 256 KiB in all
var firstFalse = -1;
var drains = 0;
var log = [];
var total = 0;
var ok = true;
var next = 0;

function chunk(i) {
  var b = Buffer.alloc(CHUNK);
  for (var j = 0; j < CHUNK; ++j) b[j] = (i + j) & 0xff;
  return b;
}

var server = net.createServer(function (socket) {
  var expectedIndex = 0;
  var pos = 0;
  socket.on('data', function (d) {
    for (var j = 0; j < d.length; ++j) {
      if (d[j] !== ((expectedIndex + pos) & 0xff)) ok = false;
      if (++pos === CHUNK) { pos = 0; expectedIndex++; }
    }
    total += d.length;
  });
  socket.on('end', function () { socket.end(); });
  socket.on('close', function () { server.close(); });
});

server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var c = net.connect(port, '127.0.0.1');
  // Writes before 'connect' are queued: 5 chunks (20 KiB) already pass the mark.
  var r;
  for (var i = 0; i < 4; ++i) {
    r = c.write(chunk(next++));
    if (!r && firstFalse < 0) firstFalse = next;
  }
  r = c.write(chunk(next++), function () { log.push('callback-of-5'); });
  assert.strictEqual(r, false, 'write() returns false above 16 KiB');
  assert.strictEqual(c.bufferSize, 5 * CHUNK, 'bufferSize counts the queued bytes');
  c.on('drain', function () {
    drains++;
    log.push('drain');
    // Go on writing until write() says false again, then wait for the next 'drain'.
    while (next < CHUNKS) {
      if (!c.write(chunk(next++))) return;
    }
    c.end();
  });
});

process.on('exit', function () {
  // 16 KiB = 4 chunks: the 4th write reaches the mark.
  assert.strictEqual(firstFalse, 4);
  assert.ok(drains >= 1);
  // The first 'drain' precedes the callback of the write that emptied the queue.
  assert.strictEqual(log[0], 'drain');
  assert.strictEqual(log[1], 'callback-of-5');
  assert.strictEqual(next, CHUNKS);
  assert.strictEqual(total, CHUNK * CHUNKS);
  assert.strictEqual(ok, true, 'bytes in order');
});
