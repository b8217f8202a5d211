// A socket 'error' nobody listens to becomes an uncaught exception: status 1, the error on
// stderr, 'exit' gets 1.
var net = require('net');
process.on('exit', function (code) { console.log('exit event code=' + code); });
net.connect(80, 'no-such-host.invalid');
