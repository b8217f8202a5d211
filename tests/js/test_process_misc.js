// process.platform, arch, version(s), pid, cwd(), uptime(), hrtime([prev]), memoryUsage(),
// iotjs.board, stdout/stderr.write; on the simulated backend the clocks start at the run's
// start (hrtime [0, 0], Date 2026-01-01T00:00:00Z) and move only with simulated time.
var assert = require('assert');

var sim = process.env.NETBED_BACKEND === 'sim';

assert.strictEqual(process.platform, 'linux');
assert.strictEqual(typeof process.arch, 'string');
assert.ok(/^v\d+\.\d+\.\d+/.test(process.version), process.version);
assert.strictEqual(typeof process.versions, 'object');
assert.strictEqual(typeof process.pid, 'number');
assert.strictEqual(typeof process.iotjs, 'object');
assert.strictEqual(typeof process.iotjs.board, 'string');
assert.strictEqual(process, global.process);
assert.strictEqual(require('process'), process);

// cwd(): an absolute path (the directory netbed was started in).
assert.strictEqual(typeof process.cwd(), 'string');
assert.strictEqual(process.cwd().charAt(0), '/');

// hrtime(): [seconds, nanoseconds], monotonic; hrtime(prev) is the difference.
var t0 = process.hrtime();
assert.ok(Array.isArray(t0) && t0.length === 2);
assert.ok(t0[0] >= 0 && t0[1] >= 0 && t0[1] < 1e9);
assert.strictEqual(t0[0], Math.floor(t0[0]));
assert.strictEqual(t0[1], Math.floor(t0[1]));
var d = process.hrtime(t0);
assert.ok(d[0] >= 0 && d[1] >= 0 && d[1] < 1e9);
if (sim) {
  // Nothing has advanced simulated time yet.
  assert.deepStrictEqual(t0, [0, 0]);
  assert.deepStrictEqual(d, [0, 0]);
  assert.strictEqual(new Date().toISOString(), '2026-01-01T00:00:00.000Z');
  assert.strictEqual(Date.now(), Date.UTC(2026, 0, 1));
  assert.strictEqual(process.uptime(), 0);
}
// hrtime(prev) borrows a second when prev's nanoseconds are above now's: here prev is 0.9 s
// before now, with more nanoseconds when that is possible.
var now = process.hrtime();
var prev = now[1] >= 9e8 ? [now[0], now[1] - 9e8] : [now[0] - 1, now[1] + 1e8];
var diff = process.hrtime(prev);
assert.ok(diff[1] >= 0 && diff[1] < 1e9, JSON.stringify(diff));
assert.ok(diff[0] * 1e9 + diff[1] >= 9e8, JSON.stringify(diff));
if (sim) assert.deepStrictEqual(diff, [0, 900000000]);

setTimeout(function () {
  var e = process.hrtime(t0);
  var ms = e[0] * 1e3 + e[1] / 1e6;
  if (sim) {
    assert.deepStrictEqual(e, [1, 250000000]);
    assert.strictEqual(process.uptime(), 1.25);
    assert.strictEqual(new Date().toISOString(), '2026-01-01T00:00:01.250Z');
  } else {
    assert.ok(ms >= 1250, 'hrtime moved ' + ms + ' ms');
    assert.ok(process.uptime() >= 1.25);
  }
  done = true;
}, 1250);
var done = false;

var mem = process.memoryUsage();
assert.strictEqual(typeof mem.heapUsed, 'number');
assert.strictEqual(typeof mem.rss, 'number');

assert.strictEqual(process.stdout.write(''), true);
assert.strictEqual(process.stderr.write(''), true);
var wrote = false;
process.stdout.write('', function () { wrote = true; });

process.on('exit', function () {
  assert.strictEqual(done, true);
  assert.strictEqual(wrote, true, 'the write callback ran');
});
