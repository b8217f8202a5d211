// Connections that cannot be made: ECONNREFUSED (nobody listens on the port) and ENOTFOUND
// (a name that does not resolve). Either way: 'error' then 'close'(true), never 'connect',
// and the connect callback never runs.
var assert = require('assert');
var net = require('net');

var refused = [];
var refusedErr = null;
var notFound = [];
var notFoundErr = null;
var lookupErr = null;

function watch(socket, log) {
  ['lookup', 'connect', 'end', 'data'].forEach(function (ev) {
    socket.on(ev, function () { log.push(ev); });
  });
  socket.on('close', function (hadError) {
    assert.strictEqual(this.destroyed, true);
    log.push('close:' + hadError);
  });
}

// A port nobody listens on: bind one, learn its number, close it, then connect.
var probe = net.createServer();
probe.listen(0, '127.0.0.1', function () {
  var port = probe.address().port;
  probe.close(function () {
    var c = net.connect(port, '127.0.0.1', function () { refused.push('connect-callback'); });
    watch(c, refused);
    c.on('error', function (err) {
      assert.strictEqual(this, c);
      refusedErr = err;
      refused.push('error');
    });
  });
});

// RFC 6761: names under .invalid never resolve (also not on the simulated backend, where
// only the node names are known).
var d = net.createConnection({ port: 80, host: 'no-such-host.invalid' }, function () {
  notFound.push('connect-callback');
});
watch(d, notFound);
d.on('lookup', function (err, address, family, host) {
  lookupErr = err;
  assert.strictEqual(host, 'no-such-host.invalid');
});
d.on('error', function (err) {
  notFoundErr = err;
  notFound.push('error');
});

process.on('exit', function () {
  // ECONNREFUSED
  assert.deepStrictEqual(refused, ['lookup', 'error', 'close:true']);
  assert.ok(refusedErr instanceof Error);
  assert.strictEqual(refusedErr.code, 'ECONNREFUSED');
  assert.strictEqual(typeof refusedErr.errno, 'number');
  assert.ok(refusedErr.message.indexOf('ECONNREFUSED') >= 0, refusedErr.message);
  // Node's message form on both backends, and the syscall taken from it. (The OS backend once
  // said "connect 127.0.0.1:PORT ECONNREFUSED: connection refused", with no syscall.)
  assert.strictEqual(refusedErr.syscall, 'connect', 'syscall of: ' + refusedErr.message);
  assert.ok(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/.test(refusedErr.message), refusedErr.message);

  // ENOTFOUND: 'lookup' carries the error, then 'error' with the same code.
  assert.deepStrictEqual(notFound, ['lookup', 'error', 'close:true']);
  assert.ok(lookupErr instanceof Error);
  assert.strictEqual(lookupErr.code, 'ENOTFOUND');
  assert.strictEqual(notFoundErr.code, 'ENOTFOUND');
  // As above: "getaddrinfo ENOTFOUND HOST" (once "getaddrinfo HOST EAI_NONAME: ..." on os).
  assert.strictEqual(notFoundErr.syscall, 'getaddrinfo', 'syscall of: ' + notFoundErr.message);
  assert.strictEqual(notFoundErr.message, 'getaddrinfo ENOTFOUND no-such-host.invalid');
});
