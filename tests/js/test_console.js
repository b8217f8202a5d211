// console: log/info/debug (stdout), warn/error/trace (stderr) with format specifiers, and
// the other methods: none throws, all return undefined. (What util.format makes of the
// specifiers is test_util.js's subject.) process.stdout/stderr.write return true.
var assert = require('assert');

assert.strictEqual(require('console'), console);

var calls = [
  function () { return console.log('log: %s %d %i %f %j %o %O %%', 'str', 42, 42.9, 1.5, { j: 1 }, [1], { o: 2 }); },
  function () { return console.log(); },
  function () { return console.log('more args than specifiers: %s', 'a', 'b', 3, null, undefined); },
  function () { return console.log('fewer args than specifiers: %s %s %d'); },
  function () { return console.log({ nested: { deep: [1, { x: 'y' }] } }, [1, 2, 3], null, undefined, true); },
  function () { return console.info('info: %s', 'text'); },
  function () { return console.debug('debug: %d', 7); },
  function () { return console.warn('warn: %s', 'to stderr'); },
  function () { return console.error('error: %j', { e: 1 }); },
  function () { return console.error(new Error('an Error object, printed with its stack')); },
  function () { return console.log('unicode: \u20ac \u00e9 \u4e2d'); },
  function () { return console.dir({ dir: 1 }); },
  function () { return console.assert(true, 'not printed'); },
  function () { return console.assert(false, 'console.assert prints %s and does not throw', 'this'); },
  function () { return console.count(); },
  function () { return console.count('label'); },
  function () { return console.time('t'); },
  function () { return console.timeEnd('t'); },
  function () { return console.timeEnd('never-started'); },
  function () { return console.trace('trace: %s', 'to stderr'); }
];
calls.forEach(function (call, i) {
  var r;
  assert.doesNotThrow(function () { r = call(); }, 'call ' + i);
  assert.strictEqual(r, undefined, 'call ' + i + ' returns undefined');
});

// An object without a prototype (so without toString) prints too.
var weird = Object.create(null);
assert.doesNotThrow(function () { console.log('object without a prototype:', weird); });

assert.strictEqual(process.stdout.write('process.stdout.write\n'), true);
assert.strictEqual(process.stderr.write('process.stderr.write\n'), true);
assert.strictEqual(process.stdout.write(Buffer.from('a Buffer through stdout\n')), true);
