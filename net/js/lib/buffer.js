// buffer: Node.js's Buffer on top of Duktape's built-in one.
//
// Duktape has a Node-v6-style Buffer (a Uint8Array with its own prototype) whose string
// conversions are CESU-8 and ignore the encoding. The buffers the C++ side delivers are
// instances of it, so this Buffer is a new constructor that shares the built-in prototype,
// which buffer_binding.cc completes in place with natives (encodings, from, alloc, concat,
// toString, write, fill, indexOf, compare, copy, range-checked integer writers, ...):
// `instanceof Buffer` and every method work on native buffers too, and a heap that loads
// this module pays for one JavaScript function, not fifty.
//
// Exports Buffer itself with `Buffer.Buffer` and `Buffer.kMaxLength`, so both Node's
// `require('buffer').Buffer` and IoT.js's `var Buffer = require('buffer')` work.

function Buffer(arg, encodingOrOffset, length) {
  // IoT.js allows `new Buffer(...)`; Node's deprecated `Buffer(...)` is the same.
  if (typeof arg === 'number') return Buffer.alloc(arg);
  return Buffer.from(arg, encodingOrOffset, length);
}
Buffer.poolSize = 8192;
Buffer.kMaxLength = 0x7ffffffe;   // Duktape's largest buffer
Buffer.Buffer = Buffer;
binding.bufferInit(Buffer);       // Buffer.prototype: the built-in one, with the natives

global.Buffer = Buffer;

module.exports = Buffer;
