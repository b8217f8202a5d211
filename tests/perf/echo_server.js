// The echo server of the ping-pong benchmark on Node's `net`.
//
//   node echo_server.js [port]   listens on 127.0.0.1 (port 0 or absent: any free port),
//                                prints the bound port on stdout once listening, then
//                                echoes every byte back until killed.
'use strict';
const net = require('net');

const port = Number(process.argv[2] || 0);
const server = net.createServer((socket) => {
  socket.on('data', (chunk) => socket.write(chunk));
  socket.on('error', () => {}); // a client that vanishes is not news
});
server.on('error', (err) => {
  console.error(`echo_server.js: ${err.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
