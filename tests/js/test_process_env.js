// process.env: NETBED_BACKEND says which backend runs the script; values are strings;
// the object can be written. On the simulated backend it holds only the node's name and
// the backend; on real sockets it is this process's environment.
var assert = require('assert');

var backend = process.env.NETBED_BACKEND;
assert.ok(backend === 'os' || backend === 'sim', 'NETBED_BACKEND is ' + backend);
Object.keys(process.env).forEach(function (k) {
  assert.strictEqual(typeof process.env[k], 'string', k);
});
if (backend === 'sim') {
  assert.deepStrictEqual(Object.keys(process.env).sort(), ['NETBED_BACKEND', 'NODE_NAME']);
  assert.strictEqual(process.env.NODE_NAME, 'host');
} else {
  // CTest (and any shell) passes PATH on.
  assert.strictEqual(typeof process.env.PATH, 'string');
}
assert.strictEqual(process.env.NETBED_TEST_SURELY_UNSET_VARIABLE, undefined);
process.env.NETBED_TEST_VAR = 'set by the script';
assert.strictEqual(process.env.NETBED_TEST_VAR, 'set by the script');
delete process.env.NETBED_TEST_VAR;
assert.strictEqual(process.env.NETBED_TEST_VAR, undefined);
