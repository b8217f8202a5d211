// dns.lookup(hostname[, options], callback): localhost is 127.0.0.1 family 4; {family: 4}
// and a bare 4; {all: true} gives a list; a literal address is itself; an unknown name is
// ENOTFOUND (on the simulated backend too: only node names resolve there); the callback
// always comes from the loop; bad arguments throw at the call.
var assert = require('assert');
var dns = require('dns');

var results = {};
var pending = 0;
var loneDone = false;

// Phase 1 keeps the loop alive with an interval until every lookup has answered, so that a
// lookup that does not hold the loop by itself still answers here.
var keepAlive = setInterval(function () {}, 10);

function lookup(name, args) {
  pending++;
  var sync = true;
  args = args.concat([function () {
    results[name] = { args: Array.prototype.slice.call(arguments), async: !sync };
    if (--pending === 0) phase2();
  }]);
  dns.lookup.apply(dns, args);
  sync = false;
}

lookup('plain', ['localhost']);
lookup('family-option', ['localhost', { family: 4 }]);
lookup('family-number', ['localhost', 4]);
lookup('all', ['localhost', { all: true }]);
lookup('all-family', ['localhost', { all: true, family: 4 }]);
lookup('literal4', ['127.0.0.1']);
lookup('literal6', ['::1']);
lookup('unknown', ['no-such-host.invalid']);
// Node answers an empty name with no address, family 4 (6 when asked for), and no error.
lookup('empty', ['']);
lookup('empty6', ['', 6]);

// Phase 2: one lookup and nothing else to do; it alone must keep the process alive.
function phase2() {
  clearInterval(keepAlive);
  dns.lookup('localhost', function (err, address) {
    loneDone = !err && address === '127.0.0.1';
  });
}

// Bad arguments throw at the call.
assert.throws(function () { dns.lookup('localhost'); }, TypeError, 'no callback');
assert.throws(function () { dns.lookup('localhost', {}, 'not a function'); }, TypeError, 'bad callback');
assert.throws(function () { dns.lookup('localhost', { family: 5 }, function () {}); }, function (e) {
  return e instanceof TypeError && e.code === 'ERR_INVALID_ARG_VALUE';
}, 'bad family');
assert.throws(function () { dns.lookup(42, function () {}); }, function (e) {
  return e instanceof TypeError && e.code === 'ERR_INVALID_ARG_TYPE';
}, 'bad hostname');
// hints: ADDRCONFIG, V4MAPPED and ALL only.
[-1, 5000, 'x'].forEach(function (h) {
  assert.throws(function () { dns.lookup('localhost', { hints: h }, function () {}); }, function (e) {
    return e instanceof TypeError && e.code === 'ERR_INVALID_ARG_VALUE';
  }, 'bad hints ' + h);
});
lookup('hints', ['localhost', { hints: dns.ADDRCONFIG | dns.V4MAPPED }]);

process.on('exit', function () {
  Object.keys(results).forEach(function (name) {
    assert.strictEqual(results[name].async, true, name + ': callback from the loop');
  });
  assert.deepStrictEqual(results.plain.args, [null, '127.0.0.1', 4]);
  assert.deepStrictEqual(results['family-option'].args, [null, '127.0.0.1', 4]);
  assert.deepStrictEqual(results['family-number'].args, [null, '127.0.0.1', 4]);
  var all = results.all.args;
  assert.strictEqual(all[0], null);
  assert.ok(Array.isArray(all[1]) && all[1].length >= 1, JSON.stringify(all));
  assert.ok(all[1].some(function (e) { return e.address === '127.0.0.1' && e.family === 4; }), JSON.stringify(all));
  assert.deepStrictEqual(results['all-family'].args[1].filter(function (e) { return e.family !== 4; }), []);
  assert.deepStrictEqual(results.literal4.args, [null, '127.0.0.1', 4]);
  assert.deepStrictEqual(results.literal6.args, [null, '::1', 6]);
  assert.deepStrictEqual(results.empty.args, [null, null, 4]);
  assert.deepStrictEqual(results.empty6.args, [null, null, 6]);
  assert.deepStrictEqual(results.hints.args, [null, '127.0.0.1', 4]);
  var err = results.unknown.args[0];
  assert.ok(err instanceof Error);
  assert.strictEqual(err.code, 'ENOTFOUND');
  assert.strictEqual(err.syscall, 'getaddrinfo');
  assert.strictEqual(err.hostname, 'no-such-host.invalid');
  assert.strictEqual(results.unknown.args[1], undefined);
  // KNOWN BUG (runtime, sim backend): a lookup with nothing else pending does not keep the
  // simulated host's loop alive: the run ends (status 0, 'exit' emitted) before its
  // callback. On real sockets it answers.
  assert.strictEqual(loneDone, true, 'a lone lookup keeps the process alive until it answers');
  // KNOWN DEVIATION (runtime, net/js/lib/dns.js): Node's TypeError for a missing or bad
  // callback has code ERR_INVALID_ARG_TYPE; netbed's has none.
  assert.throws(function () { dns.lookup('localhost'); }, function (e) {
    return e.code === 'ERR_INVALID_ARG_TYPE';
  }, 'no callback: code ERR_INVALID_ARG_TYPE');
});
