// The order of a connection's events, client and server: lookup -> connect -> data ->
// end -> close on the client, connection -> data -> end -> close on the server, and the
// server's 'close' last. 'lookup' carries (err, address, family, host).
var assert = require('assert');
var net = require('net');

var port; // any free port: srv.listen(0)
var client = [];
var server = [];
var lookupArgs = null;

var srv = net.createServer();
srv.on('listening', function () { server.push('listening'); });
srv.on('connection', function (socket) {
  server.push('connection');
  socket.on('data', function (d) {
    server.push('data:' + d);
    socket.write('pong');
    socket.end();
  });
  socket.on('end', function () { server.push('end'); });
  socket.on('close', function (hadError) {
    server.push('close:' + hadError);
    srv.close();
  });
});
srv.on('close', function () { server.push('server-close'); });
srv.listen(0, function () {
  port = srv.address().port;
  var c = net.connect(port, 'localhost');
  c.on('lookup', function (err, address, family, host) {
    lookupArgs = [err, address, family, host];
    client.push('lookup');
  });
  c.on('connect', function () {
    client.push('connect');
    c.write('ping');
  });
  c.on('data', function (d) { client.push('data:' + d); });
  c.on('end', function () { client.push('end'); });
  c.on('close', function (hadError) { client.push('close:' + hadError); });
  // Nothing is emitted inside the call that starts the connection.
  assert.deepStrictEqual(client, []);
});
// 'listening' comes from the loop, not from inside listen().
assert.deepStrictEqual(server, []);

process.on('exit', function () {
  assert.deepStrictEqual(lookupArgs, [null, '127.0.0.1', 4, 'localhost']);
  assert.deepStrictEqual(client, ['lookup', 'connect', 'data:pong', 'end', 'close:false']);
  assert.deepStrictEqual(server, ['listening', 'connection', 'data:ping', 'end', 'close:false',
                                  'server-close']);
});
