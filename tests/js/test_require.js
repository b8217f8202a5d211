// require() of the script's own files, as Node resolves them: relative paths with and
// without .js, .json, a directory's index.js or package.json "main", node_modules up the
// tree, one cache, cycles with partial exports, module.exports vs exports, __filename and
// __dirname, require.main, MODULE_NOT_FOUND. Fixtures: fixtures/require/.
var assert = require('assert');

var F = __dirname + '/fixtures/require';

// The main module.
assert.strictEqual(require.main, module);
assert.strictEqual(__filename, process.argv[1]);
assert.strictEqual(__filename.charAt(0), '/');
assert.ok(/\/tests\/js\/test_require\.js$/.test(__filename), __filename);
assert.strictEqual(__dirname, __filename.slice(0, __filename.lastIndexOf('/')));
assert.strictEqual(module.filename, __filename);
assert.strictEqual(module.loaded, false, 'the main module is still loading');
assert.strictEqual(this, module.exports);
assert.strictEqual(exports, module.exports);

// Relative paths, with and without .js: one module, one load, the same object.
var plain = require('./fixtures/require/plain');
assert.strictEqual(require('./fixtures/require/plain.js'), plain);
assert.strictEqual(require('./fixtures/../fixtures/require/./plain'), plain);
assert.strictEqual(require(F + '/plain'), plain, 'an absolute path');
assert.strictEqual(global.requireFixtureLoads, 1, 'loaded once, then cached');
assert.strictEqual(plain.name, 'plain');
assert.strictEqual(plain.filename, F + '/plain.js');
assert.strictEqual(plain.dirname, F);
assert.strictEqual(plain.isMain, false, 'require.main is not the required module');
assert.strictEqual(plain.mainFilename, __filename, 'require.main is the main module');
assert.strictEqual(plain.thisIsExports, true, '`this` at the top of a module is module.exports');
assert.strictEqual(plain.loadedWhileLoading, false);
assert.strictEqual(plain.module.loaded, true, 'module.loaded once it has run');
assert.strictEqual(plain.module.id, F + '/plain.js');
assert.ok(module.children.indexOf(plain.module) >= 0, 'a child of the module that required it first');
assert.strictEqual(require.resolve('./fixtures/require/plain'), F + '/plain.js');
assert.strictEqual(require.cache[F + '/plain.js'], plain.module);

// .json: parsed, cached.
var data = require('./fixtures/require/data.json');
assert.deepStrictEqual(data, { name: 'data', list: [1, 2, 3], nested: { ok: true } });
assert.strictEqual(require('./fixtures/require/data'), data, '.json is tried after .js');

// Directories: index.js; package.json "main" (which wins over index.js); package.json
// without "main" falls back to index.js; a trailing slash.
assert.strictEqual(require('./fixtures/require/dir_index').name, 'dir_index/index.js');
assert.strictEqual(require('./fixtures/require/dir_index/').name, 'dir_index/index.js');
assert.strictEqual(require('./fixtures/require/dir_pkg').name, 'dir_pkg/lib/entry.js');
assert.strictEqual(require('./fixtures/require/dir_pkg_nomain').name, 'dir_pkg_nomain/index.js');

// node_modules, looked up from the requiring file's directory upwards; the nearest wins;
// '..' paths are relative to the requiring file, and give the cached module.
var user = require('./fixtures/require/sub/deep/user');
assert.strictEqual(user.pkg.name, 'fixture-pkg');
assert.strictEqual(user.pkg.helper, 'fixture-pkg helper');
assert.strictEqual(user.single.name, 'sub/node_modules/single.js');
assert.strictEqual(user.plain, plain);
assert.strictEqual(user.plainResolved, F + '/plain.js');
// This file's directory has no node_modules with these names.
assert.throws(function () { require('fixture-pkg'); }, function (e) { return e.code === 'MODULE_NOT_FOUND'; });

// Cycles: b sees a's exports as they were when a required b.
var a = require('./fixtures/require/cycle_a');
var b = require('./fixtures/require/cycle_b');
assert.strictEqual(a.b, b);
assert.strictEqual(b.a, a, 'b holds the very exports object of a, completed later');
assert.deepStrictEqual(a.bSaw, { first: 'a.first', second: undefined, keys: ['first'] });
assert.strictEqual(b.a.second, 'a.second');

// module.exports replaced, and exports reassigned.
var greet = require('./fixtures/require/replace_exports');
assert.strictEqual(typeof greet, 'function');
assert.strictEqual(greet('you'), 'hello you');
assert.strictEqual(greet.lost, undefined);
assert.strictEqual(greet.extra, 'kept');
assert.deepStrictEqual(require('./fixtures/require/reassign_exports'), { kept: 'kept' });

// A shebang line is allowed.
assert.strictEqual(require('./fixtures/require/shebang').name, 'shebang');

// A module that throws: the error reaches require(), and it is not cached (it runs again).
assert.throws(function () { require('./fixtures/require/throws'); }, /thrown while loading throws\.js/);
assert.throws(function () { require('./fixtures/require/throws'); }, /thrown while loading throws\.js/);
assert.strictEqual(global.requireFixtureThrows, 2);

// Missing modules: MODULE_NOT_FOUND, with the request in the message; also from inside a
// required module.
function notFound(request) {
  assert.throws(function () { require(request); }, function (e) {
    return e instanceof Error && e.code === 'MODULE_NOT_FOUND' && e.message.indexOf(request) >= 0;
  }, request);
}
notFound('./fixtures/require/nope');
notFound('./fixtures/require/nope.js');
notFound('no-such-package-anywhere');
notFound(F + '/nope');
notFound('./fixtures/require/does-not-exist-either');
assert.throws(function () { require('./fixtures/require/requires_missing'); }, function (e) {
  return e.code === 'MODULE_NOT_FOUND' && e.message.indexOf('./does-not-exist-either') >= 0;
});
assert.throws(function () { require.resolve('./fixtures/require/nope'); }, function (e) {
  return e.code === 'MODULE_NOT_FOUND';
});

// Built-in modules by name and with the node: prefix.
assert.strictEqual(require('node:net'), require('net'));
assert.strictEqual(require('events'), require('node:events'));
assert.strictEqual(require.resolve('net'), 'net');

process.on('exit', function () {
  assert.strictEqual(module.loaded, true);
});
