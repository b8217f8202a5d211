// net.createServer with and without options and listener, every listen() form, the
// listen callback as a 'listening' listener, server.address(), server.listening and
// getConnections().
var assert = require('assert');
var net = require('net');

// net.Server before any server exists (netbed loads the server half on first use): the class
// itself, one of require('net')'s keys; a script may replace it (checked at exit).
assert.strictEqual(typeof net.Server, 'function');
assert.strictEqual(net.Server, net.Server);
assert.ok(Object.keys(net).indexOf('Server') >= 0);

var p = []; // free port numbers, for the forms that take one (see freePorts)
var listened = {};   // name -> 'listening' callbacks run
var addresses = {};  // name -> server.address() in 'listening'
var connections = {}; // name -> 'connection' events
var pending = 0;
var viaListener = 0, viaOptionsListener = 0; // connections seen by createServer's listener
var counted = [];     // getConnections() answers

// Listens, connects one client, and closes once that client is served.
function check(name, server, start) {
  pending++;
  listened[name] = 0;
  connections[name] = 0;
  server.on('connection', function (socket) {
    connections[name]++;
    socket.end();
  });
  server.on('listening', function () {
    addresses[name] = server.address();
    assert.strictEqual(this, server);
    assert.strictEqual(server.listening, true);
    var c = net.connect(server.address().port, '127.0.0.1');
    c.resume();
    c.on('close', function () {
      server.close(function () { pending--; });
    });
  });
  assert.strictEqual(server.listening, false);
  assert.strictEqual(server.address(), null);
  var r = start(function () {
    listened[name]++;
    assert.strictEqual(arguments.length, 0);
  });
  assert.strictEqual(r, server, name + ': listen() returns the server');
}

// The forms that take a port number need free ones: bind n servers to port 0, note their
// ports, close them.
function freePorts(n, cb) {
  var ports = [], servers = [];
  for (var i = 0; i < n; ++i) {
    servers.push(net.createServer().listen(0, '127.0.0.1', function () {
      ports.push(this.address().port);
      if (ports.length < n) return;
      var closed = 0;
      servers.forEach(function (srv) {
        srv.close(function () { if (++closed === n) cb(ports); });
      });
    }));
  }
}

freePorts(6, function (ports) {
  p = ports;
  // createServer(): no options, no listener.
  var plain = net.createServer();
  assert.ok(plain instanceof net.Server);
  check('port', plain, function (cb) { return plain.listen(p[0], cb); });

  // createServer(listener): the listener is a 'connection' listener.
  var withListener = net.createServer(function (socket) {
    viaListener++;
    assert.ok(socket instanceof net.Socket);
  });
  check('port-host', withListener, function (cb) { return withListener.listen(p[1], '127.0.0.1', cb); });

  // createServer(options, listener)
  var withOptions = net.createServer({ allowHalfOpen: false }, function () { viaOptionsListener++; });
  check('port-host-backlog', withOptions, function (cb) {
    return withOptions.listen(p[2], '127.0.0.1', 8, cb);
  });

  // createServer(options) without a listener; listen(options, cb)
  var optionsOnly = net.createServer({});
  check('options', optionsOnly, function (cb) {
    return optionsOnly.listen({ port: p[3], host: '127.0.0.1', backlog: 16 }, cb);
  });

  // new net.Server(); listen({port: 0}) gives a free port
  var ctor = new net.Server();
  assert.ok(ctor instanceof net.Server);
  check('options-port0', ctor, function (cb) { return ctor.listen({ port: 0, host: '127.0.0.1' }, cb); });

  // listen(0, cb): any port
  var any = net.createServer();
  check('port0', any, function (cb) { return any.listen(0, cb); });

  // listen(port) without a callback (only the 'listening' event)
  var noCb = net.createServer();
  check('port-nocb', noCb, function () { return noCb.listen(p[4], '127.0.0.1'); });

  // listen(cb): no port at all
  var bare = net.createServer();
  check('bare', bare, function (cb) { return bare.listen(cb); });

  // getConnections counts the open accepted sockets, from the loop.
  var counter = net.createServer(function (socket) {
    counter.getConnections(function (err, n) {
      assert.strictEqual(err, null);
      counted.push(n);
      if (counted.length === 3) {
        first.end();
        other.end();
        counter.close();
      }
    });
  });
  var first, other;
  counter.listen(p[5], '127.0.0.1', function () {
    var sync = true;
    counter.getConnections(function (err, n) {
      assert.strictEqual(sync, false, 'getConnections calls back from the loop');
      counted.push(n);
      first = net.connect(p[5], '127.0.0.1', function () {
        other = net.connect(p[5], '127.0.0.1');
        other.resume();
      });
      first.resume();
    });
    sync = false;
  });
});

process.on('exit', function () {
  var Server = net.Server;
  net.Server = 1;
  assert.strictEqual(net.Server, 1);
  net.Server = Server;
  assert.ok(net.createServer() instanceof net.Server);
  assert.strictEqual(Object.keys(listened).length, 8, 'every form was tried');
  assert.strictEqual(pending, 0);
  Object.keys(listened).forEach(function (name) {
    assert.strictEqual(connections[name], 1, name);
    var a = addresses[name];
    assert.strictEqual(typeof a.port, 'number', name);
    assert.ok(a.port > 0 && a.port < 65536, name);
    assert.strictEqual(listened[name], name === 'port-nocb' ? 0 : 1, name);
  });
  assert.strictEqual(addresses.port.port, p[0]);
  ['port-host', 'port-host-backlog', 'options', 'options-port0', 'port-nocb'].forEach(function (name) {
    assert.strictEqual(addresses[name].address, '127.0.0.1', name);
    assert.strictEqual(addresses[name].family, 'IPv4', name);
  });
  assert.strictEqual(addresses['port-host'].port, p[1]);
  assert.strictEqual(addresses['port-host-backlog'].port, p[2]);
  assert.strictEqual(addresses.options.port, p[3]);
  assert.strictEqual(addresses['port-nocb'].port, p[4]);
  assert.notStrictEqual(addresses['options-port0'].port, 0);
  assert.strictEqual(viaListener, 1);
  assert.strictEqual(viaOptionsListener, 1);
  // 0 before any connection, 1 with the first client open, 2 with both.
  assert.strictEqual(counted.length, 3);
  assert.strictEqual(counted[0], 0);
  assert.strictEqual(counted[1], 1);
  assert.strictEqual(counted[2], 2);
});
