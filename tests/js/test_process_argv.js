// process.argv: [path of netbed, absolute path of this script, ...the extra arguments].
// CTest runs this file as: netbed js test_process_argv.js alpha 'two words' --flag ''
// (by hand: the same arguments).
var assert = require('assert');

assert.ok(Array.isArray(process.argv));
assert.strictEqual(process.argv.length, 6, JSON.stringify(process.argv));
assert.strictEqual(typeof process.argv[0], 'string');
assert.ok(process.argv[0].length > 0);
assert.strictEqual(process.argv0, process.argv[0]);
// argv[1] is absolute, and is this file.
assert.strictEqual(process.argv[1].charAt(0), '/');
assert.strictEqual(process.argv[1], __filename);
assert.ok(/\/test_process_argv\.js$/.test(process.argv[1]), process.argv[1]);
// The arguments, unchanged (spaces, leading dashes, an empty one).
assert.deepStrictEqual(process.argv.slice(2), ['alpha', 'two words', '--flag', '']);
assert.deepStrictEqual(process.execArgv, []);
