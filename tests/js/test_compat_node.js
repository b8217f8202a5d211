// The default (Node) where compat: iotjs differs: a write after end() is an 'error' from the
// loop, a failed listen an Error with code EADDRINUSE, no server._socketCount.
var assert = require('assert');
var net = require('net');

var writeReturned, writeError = null, listenError = null;
var server = net.createServer(function (s) { s.on('end', function () { s.end(); }); });
server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  assert.strictEqual(server._socketCount, undefined);
  var dup = net.createServer();
  dup.on('error', function (err) { listenError = err; dup.close(); });
  dup.listen(port, '127.0.0.1');
  var c = net.connect(port, '127.0.0.1', function () {
    c.end();
    c.on('error', function (err) { writeError = err; });
    writeReturned = c.write('late');
  });
  c.on('close', function () { server.close(); });
});

process.on('exit', function () {
  assert.strictEqual(writeReturned, false);
  assert.strictEqual(writeError && writeError.code, 'ERR_STREAM_WRITE_AFTER_END');
  assert.ok(listenError instanceof Error);
  assert.strictEqual(listenError.code, 'EADDRINUSE');
});
