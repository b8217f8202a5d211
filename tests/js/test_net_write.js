// write(data[, encoding][, cb]) and end([data][, encoding][, cb]): callbacks run once each,
// in write order, from the loop, without error; strings (with an encoding) and Buffers;
// bytesWritten on the writer and bytesRead on the reader count every byte.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var order = [];
var received = [];
var bytesRead = -1;
var bytesWritten = -1;
var returns = [];
var endCallbackArgs = null;

var server = net.createServer(function (socket) {
  socket.on('data', function (d) {
    assert.ok(Buffer.isBuffer(d));
    received.push(d);
  });
  socket.on('end', function () {
    bytesRead = socket.bytesRead;
  });
  socket.on('close', function () { server.close(); });
});

server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var c = net.connect(port, '127.0.0.1', function () {
    assert.strictEqual(c.bytesWritten, 0);
    var inside = true;
    returns.push(c.write('abc', function (err) {
      assert.strictEqual(inside, false, 'callback not inside write()');
      assert.ok(err === undefined || err === null, 'no error: ' + err);
      order.push(1);
    }));
    returns.push(c.write(Buffer.from([0, 1, 2, 255]), function () { order.push(2); }));
    returns.push(c.write('646566', 'hex', function () { order.push(3); }));   // "def"
    returns.push(c.write('Z2hp', 'base64'));                                   // "ghi", no callback
    returns.push(c.write(new Uint8Array([106, 107]), function () { order.push(4); })); // "jk"
    c.end('end-data', function () {
      endCallbackArgs = Array.prototype.slice.call(arguments);
      order.push('end');
      bytesWritten = c.bytesWritten;
    });
    inside = false;
  });
  c.resume();
});

process.on('exit', function () {
  assert.deepStrictEqual(returns, [true, true, true, true, true]);
  assert.deepStrictEqual(order, [1, 2, 3, 4, 'end']);
  assert.ok(endCallbackArgs.length === 0 || endCallbackArgs[0] == null, 'end callback without error');
  var all = Buffer.concat(received);
  var expected = Buffer.concat([Buffer.from('abc'), Buffer.from([0, 1, 2, 255]), Buffer.from('defghijkend-data')]);
  assert.strictEqual(all.toString('hex'), expected.toString('hex'));
  assert.strictEqual(bytesRead, expected.length);
  assert.strictEqual(bytesWritten, expected.length);
});
