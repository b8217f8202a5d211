// When timers fire. On the simulated backend time is exact: a 100 ms timer fires at exactly
// +100 ms, nested timers add exactly, an interval's n-th run is at n periods, and Node's
// delay rules (below 1 ms or not a number: 1 ms; fractions dropped) can be seen to the
// nanosecond. On real sockets a timer is never early: only lower bounds are checked.
var assert = require('assert');

var sim = process.env.NETBED_BACKEND === 'sim';
var start = process.hrtime();
var startDate = Date.now();
var seen = {};

function now() {
  var d = process.hrtime(start);
  return d[0] * 1e3 + d[1] / 1e6; // ms since start, fractional
}
function at(name) {
  return function () { seen[name] = now(); };
}

setTimeout(at('t100'), 100);
setTimeout(function () {
  seen.t50 = now();
  setTimeout(function () {
    seen.nested = now();
    setTimeout(at('nested2'), 30);
  }, 70);
}, 50);

var runs = [];
var iv = setInterval(function () {
  runs.push(now());
  if (runs.length === 4) clearInterval(iv);
}, 30);

// Delay rules.
setTimeout(at('undefined'));
setTimeout(at('zero'), 0);
setTimeout(at('negative'), -5);
setTimeout(at('fraction'), 2.9);
setTimeout(at('string'), '20');
setTimeout(at('nan'), 'abc');
setTimeout(at('huge'), Math.pow(2, 31));

// refresh() at +40 restarts a 100 ms timer: it fires at +140.
var r = setTimeout(at('refreshed'), 100);
setTimeout(function () { r.refresh(); }, 40);

// Date.now() moves with the same clock.
setTimeout(function () { seen.dateDelta = Date.now() - startDate; }, 250);

// An immediate takes no time of its own.
setImmediate(at('immediate'));

process.on('exit', function () {
  var expected = {
    t100: 100, t50: 50, nested: 120, nested2: 150, undefined: 1, zero: 1, negative: 1, fraction: 2,
    string: 20, nan: 1, huge: 1, refreshed: 140
  };
  Object.keys(expected).forEach(function (name) {
    assert.strictEqual(typeof seen[name], 'number', name + ' fired');
    if (sim)
      assert.strictEqual(seen[name], expected[name], name + ': at +' + expected[name] + ' ms exactly, got ' + seen[name]);
    else
      assert.ok(seen[name] >= expected[name], name + ': not before +' + expected[name] + ' ms, got ' + seen[name]);
  });
  assert.strictEqual(runs.length, 4);
  runs.forEach(function (t, i) {
    if (sim) assert.strictEqual(t, 30 * (i + 1), 'interval run ' + i + ' at ' + t);
    else assert.ok(t >= 30 * (i + 1), 'interval run ' + i + ' at ' + t);
  });
  // Date.now() has millisecond resolution (and is the wall clock on real sockets).
  if (sim) assert.strictEqual(seen.dateDelta, 250);
  else assert.ok(seen.dateDelta >= 249, 'Date.now() delta ' + seen.dateDelta);
  if (sim) assert.strictEqual(seen.immediate, 0);
  else assert.ok(seen.immediate >= 0);
});
