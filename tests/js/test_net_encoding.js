// setEncoding(): 'data' delivers strings instead of Buffers, and a multibyte UTF-8
// character split across writes (so across chunks) arrives whole.
var assert = require('assert');
var net = require('net');

var port; // any free port: server.listen(0)
var results = { utf8: [], hex: [], raw: [] };
var step = 0;

// Each connection gets a different script from the server, chosen by the first byte.
var server = net.createServer(function (socket) {
  socket.once('data', function (d) {
    var kind = d.toString();
    if (kind === 'u') {
      // "a€b": the euro sign is E2 82 AC; send it in three writes, 20 ms apart, so that
      // each byte comes in its own chunk.
      var euro = Buffer.from('\u20ac');
      socket.write(Buffer.concat([Buffer.from('a'), euro.slice(0, 1)]));
      setTimeout(function () {
        socket.write(euro.slice(1, 2));
        setTimeout(function () {
          socket.end(Buffer.concat([euro.slice(2), Buffer.from('b\u00e9')]));
        }, 20);
      }, 20);
    } else if (kind === 'h') {
      socket.end(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    } else {
      socket.end('raw');
    }
  });
  socket.on('close', function () {
    if (++step === 3) server.close();
  });
});

server.listen(0, '127.0.0.1', function () {
  port = server.address().port;
  var u = net.connect(port, '127.0.0.1', function () { u.write('u'); });
  assert.strictEqual(u.setEncoding('utf8'), u, 'setEncoding returns the socket');
  u.on('data', function (d) {
    assert.strictEqual(typeof d, 'string');
    results.utf8.push(d);
  });

  var h = net.connect(port, '127.0.0.1', function () { h.write('h'); });
  h.setEncoding('hex');
  h.on('data', function (d) { results.hex.push(d); });

  var r = net.connect(port, '127.0.0.1', function () { r.write('r'); });
  r.on('data', function (d) { results.raw.push(Buffer.isBuffer(d)); });
});

process.on('exit', function () {
  var text = results.utf8.join('');
  assert.strictEqual(text, 'a\u20acb\u00e9');
  // No chunk holds a broken character (U+FFFD would replace one).
  results.utf8.forEach(function (s) { assert.strictEqual(s.indexOf('\ufffd'), -1, JSON.stringify(s)); });
  assert.ok(results.utf8.length >= 2, 'the text came in several chunks: ' + results.utf8.length);
  assert.strictEqual(results.hex.join(''), 'deadbeef');
  assert.ok(results.raw.length >= 1);
  results.raw.forEach(function (isBuf) { assert.strictEqual(isBuf, true); });
});
