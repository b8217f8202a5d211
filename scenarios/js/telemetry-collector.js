// The collector of telemetry-sensor.js: takes every connection's readings apart and reports
// each as a message with its one-way latency (require('netbed'): js.messages, js.latency).
var net = require('net');
var netbed = require('netbed');

var port = Number(process.argv[2] || 7100);
var readings = 0;

function now() {
  var t = process.hrtime();
  return t[0] * 1e3 + t[1] / 1e6;
}

net.createServer(function (socket) {
  var pending = null;
  socket.on('data', function (chunk) {
    var buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    var at = 0;
    while (buf.length - at >= 4) {
      var len = buf.readUInt32BE(at);
      if (buf.length - at < len) break;
      var sentAt = buf.readDoubleBE(at + 8);
      netbed.message(len);
      netbed.latency(now() - sentAt);
      readings++;
      at += len;
    }
    pending = at < buf.length ? buf.slice(at) : null;
  });
  socket.on('end', function () { socket.end(); });
  socket.on('error', function () { netbed.count('errors'); });
}).listen(port);

process.on('exit', function () {
  console.log('readings ' + readings);
});
