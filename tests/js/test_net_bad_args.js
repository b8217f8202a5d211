// Invalid arguments throw at the call, and the handle stays usable: a port outside
// 0..65535 or not an integer is a RangeError with code ERR_SOCKET_BAD_PORT (connect and
// listen); a negative socket timeout is a RangeError ERR_OUT_OF_RANGE.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)

function badPort(fn, what) {
  assert.throws(fn, function (err) {
    return err instanceof RangeError && err.code === 'ERR_SOCKET_BAD_PORT';
  }, what);
}

badPort(function () { net.connect(65536); }, 'connect(65536)');
badPort(function () { net.connect(-1, '127.0.0.1'); }, 'connect(-1, host)');
badPort(function () { net.createConnection({ port: 70000, host: '127.0.0.1' }); }, 'createConnection({port: 70000})');
badPort(function () { net.connect({ port: 1.5 }); }, 'connect({port: 1.5})');
badPort(function () { net.connect({ port: 'http' }); }, "connect({port: 'http'})");
badPort(function () { new net.Socket().connect(100000, '127.0.0.1'); }, 'socket.connect(100000)');
badPort(function () { net.createServer().listen(65536); }, 'listen(65536)');
badPort(function () { net.createServer().listen({ port: -2 }); }, 'listen({port: -2})');

var s = new net.Socket();
assert.throws(function () { s.setTimeout(-1); }, function (err) {
  return err instanceof RangeError && err.code === 'ERR_OUT_OF_RANGE';
});

// Nothing was emitted by the rejected calls; the same socket and server work afterwards.
var events = [];
var echoed = '';
var server = net.createServer(function (socket) { socket.pipe(socket); });
badPort(function () { server.listen(99999, '127.0.0.1'); }, 'server.listen(99999) first');
server.on('error', function (err) { events.push('server-error:' + err.code); });
server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var c = new net.Socket();
  c.on('error', function (err) { events.push('client-error:' + err.code); });
  badPort(function () { c.connect(-5, '127.0.0.1'); }, 'c.connect(-5) first');
  c.connect(port, '127.0.0.1', function () {
    events.push('connect');
    c.end('ok');
  });
  c.on('data', function (d) { echoed += d; });
  c.on('close', function () { server.close(); });
});

process.on('exit', function () {
  assert.deepStrictEqual(events, ['connect']);
  assert.strictEqual(echoed, 'ok');
});

// No port at all is ERR_MISSING_ARGS (a TypeError); a port that is not a number says what it
// got, as Node's messages do.
assert.throws(function () { net.connect(); }, function (e) {
  return e instanceof TypeError && e.code === 'ERR_MISSING_ARGS';
});
assert.throws(function () { net.connect({ host: '127.0.0.1' }); }, function (e) {
  return e.code === 'ERR_MISSING_ARGS';
});
assert.throws(function () { net.connect({ port: 'http' }); }, function (e) {
  return e instanceof RangeError && e.code === 'ERR_SOCKET_BAD_PORT' &&
    e.message === "Port should be >= 0 and < 65536. Received type string ('http').";
});
