// net.connect / net.createConnection / new net.Socket().connect: every argument form, with
// and without a callback; the callback is a 'connect' listener; the return value is the
// socket. Each client sends its tag and a newline; the server answers "echo:<tag>" and ends.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var host = '127.0.0.1';
var expected = [];   // tags of every client started
var answers = {};    // tag -> what the client received before 'end'
var callbacks = {};  // tag -> how many times its connect callback ran
var connects = {};   // tag -> 'connect' events
var closes = 0;
var served = 0;

var server = net.createServer(function (socket) {
  var got = '';
  socket.on('data', function (d) {
    got += d;
    var nl = got.indexOf('\n');
    if (nl >= 0)
      socket.end('echo:' + got.slice(0, nl));
  });
  socket.on('close', function () {
    if (++served === expected.length)
      server.close();
  });
});

function client(tag, socket, withCallback) {
  expected.push(tag);
  answers[tag] = '';
  connects[tag] = 0;
  assert.ok(socket instanceof net.Socket, tag + ': returns a net.Socket');
  socket.on('connect', function () {
    connects[tag]++;
    socket.write(tag + '\n');
  });
  socket.on('data', function (d) { answers[tag] += d; });
  socket.on('end', function () { answers[tag] += '|end'; });
  socket.on('close', function (hadError) {
    assert.strictEqual(hadError, false, tag);
    closes++;
  });
  socket.on('error', function (err) { assert.fail(tag + ': ' + err); });
  if (!withCallback)
    callbacks[tag] = 'none';
}

function cb(tag) {
  callbacks[tag] = 0;
  return function () {
    // The callback runs as a 'connect' listener: on the socket, with no arguments.
    assert.strictEqual(arguments.length, 0);
    assert.ok(this instanceof net.Socket);
    callbacks[tag]++;
  };
}

server.listen(0, host, function () {
  port = server.address().port;
  // net.connect(options[, cb])
  client('connect-options-cb', net.connect({ port: port, host: host }, cb('connect-options-cb')), true);
  client('connect-options', net.connect({ port: port, host: host }), false);
  // options without host: localhost
  client('connect-options-nohost', net.connect({ port: port }, cb('connect-options-nohost')), true);
  // options with family 4
  client('connect-options-family', net.connect({ port: port, host: 'localhost', family: 4 },
                                               cb('connect-options-family')), true);
  // net.connect(port[, host][, cb])
  client('connect-port-host-cb', net.connect(port, host, cb('connect-port-host-cb')), true);
  client('connect-port-host', net.connect(port, host), false);
  client('connect-port-cb', net.connect(port, cb('connect-port-cb')), true);
  client('connect-port', net.connect(port), false);
  // a port given as a string of digits
  client('connect-port-string', net.connect(String(port), host, cb('connect-port-string')), true);
  // net.createConnection: the same forms
  client('create-options-cb', net.createConnection({ port: port, host: host }, cb('create-options-cb')), true);
  client('create-options', net.createConnection({ port: port, host: host }), false);
  client('create-port-host-cb', net.createConnection(port, host, cb('create-port-host-cb')), true);
  client('create-port-host', net.createConnection(port, 'localhost'), false);
  client('create-port-cb', net.createConnection(port, cb('create-port-cb')), true);
  client('create-port', net.createConnection(port), false);
  // new net.Socket() + socket.connect(...): returns the socket itself
  var s1 = new net.Socket();
  assert.strictEqual(s1.connect(port, host, cb('socket-port-host-cb')), s1);
  client('socket-port-host-cb', s1, true);
  var s2 = new net.Socket();
  assert.strictEqual(s2.connect({ port: port, host: host }), s2);
  client('socket-options', s2, false);
  var s3 = net.Socket(); // without new
  assert.ok(s3 instanceof net.Socket);
  assert.strictEqual(s3.connect(port, cb('socket-port-cb')), s3);
  client('socket-port-cb', s3, true);
  var s4 = new net.Socket({ allowHalfOpen: false });
  s4.connect({ port: port }, cb('socket-options-cb'));
  client('socket-options-cb', s4, true);
});

process.on('exit', function () {
  assert.strictEqual(expected.length, 19);
  expected.forEach(function (tag) {
    assert.strictEqual(answers[tag], 'echo:' + tag + '|end', tag);
    assert.strictEqual(connects[tag], 1, tag + ' connect events');
    if (callbacks[tag] !== 'none')
      assert.strictEqual(callbacks[tag], 1, tag + ' callback');
  });
  assert.strictEqual(closes, expected.length);
  assert.strictEqual(served, expected.length);
});
