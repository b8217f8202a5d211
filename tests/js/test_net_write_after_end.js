// write() after end(): returns false, its callback gets ERR_STREAM_WRITE_AFTER_END, the
// socket is destroyed with that error ('error' from the loop, then 'close'(true)); what was
// written before end() still reaches the peer.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var log = [];
var writeErr = null;
var errorEvent = null;
var received = '';
var returned;

var server = net.createServer(function (socket) {
  socket.on('data', function (d) { received += d; });
  socket.on('end', function () { log.push('server-end'); });
  socket.on('close', function () { server.close(); });
});
server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var c = net.connect(port, '127.0.0.1', function () {
    c.write('before-end');
    c.end();
    assert.strictEqual(c.writable, false);
    returned = c.write('after-end', function (err) {
      writeErr = err;
      log.push('write-callback');
    });
    log.push('returned');
  });
  c.on('error', function (err) {
    errorEvent = err;
    log.push('error');
  });
  c.on('close', function (hadError) { log.push('close:' + hadError); });
});

process.on('exit', function () {
  assert.strictEqual(returned, false);
  assert.ok(writeErr instanceof Error);
  assert.strictEqual(writeErr.code, 'ERR_STREAM_WRITE_AFTER_END');
  assert.ok(errorEvent instanceof Error);
  assert.strictEqual(errorEvent.code, 'ERR_STREAM_WRITE_AFTER_END');
  // The callback and 'error' come from the loop, 'close' last; the server still sees what
  // was written before end(), then its FIN.
  assert.deepStrictEqual(log.filter(function (e) { return e !== 'server-end'; }),
                         ['returned', 'write-callback', 'error', 'close:true']);
  assert.strictEqual(log.indexOf('server-end') >= 0, true);
  assert.strictEqual(received, 'before-end');
});
