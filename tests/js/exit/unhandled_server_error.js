// A server 'error' nobody listens to (EADDRINUSE) becomes an uncaught exception: status 1.
var net = require('net');
var first = net.createServer();
first.listen(0, '127.0.0.1', function () {
  net.createServer().listen(first.address().port, '127.0.0.1');
});
