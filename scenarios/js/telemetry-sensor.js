// A telemetry sensor, as an IoT.js application: every `interval` ms a reading of `size`
// bytes to the collector (argv: host port count interval size). A reading is a 4-byte length,
// a 4-byte sequence number and the 8-byte sending time (ms, a double), then padding. After an
// error it reconnects, waiting 1 s first and doubling the wait up to 30 s.
var net = require('net');

var host = process.argv[2] || 'localhost';
var port = Number(process.argv[3] || 7100);
var count = Number(process.argv[4] || 5);
var interval = Number(process.argv[5] || 2000);
var size = Math.max(16, Number(process.argv[6] || 48));

var socket = null, connected = false, sent = 0, dropped = 0, backoff = 1000;

function now() {
  var t = process.hrtime();
  return t[0] * 1e3 + t[1] / 1e6;
}

function connect() {
  socket = net.connect(port, host);
  socket.on('connect', function () {
    connected = true;
    backoff = 1000;
  });
  socket.on('error', function (err) {
    console.error(process.env.NODE_NAME + ': ' + err.code);
  });
  socket.on('close', function () {
    connected = false;
    if (sent < count) {
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    }
  });
}

var timer = setInterval(function () {
  var seq = sent + dropped + 1;
  if (connected) {
    var b = Buffer.alloc(size);
    b.writeUInt32BE(size, 0);
    b.writeUInt32BE(seq, 4);
    b.writeDoubleBE(now(), 8);
    socket.write(b);
    sent++;
  } else {
    dropped++;
  }
  if (sent + dropped === count) {
    clearInterval(timer);
    if (connected) socket.end();
  }
}, interval);
connect();

process.on('exit', function () {
  if (dropped > 0) console.log('dropped ' + dropped + ' readings');
});
