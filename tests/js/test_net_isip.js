// net.isIP / isIPv4 / isIPv6: 4, 6 or 0, as Node v20 answers. Every case is checked and the
// mismatches are reported together.
var assert = require('assert');
var net = require('net');

var cases = [
  ['127.0.0.1', 4], ['0.0.0.0', 4], ['255.255.255.255', 4], ['10.1.2.3', 4],
  ['::1', 6], ['::', 6], ['fe80::1', 6], ['2001:db8::ff00:42:8329', 6],
  ['2001:0db8:0000:0000:0000:ff00:0042:8329', 6], ['::ffff:127.0.0.1', 6], ['1::1.2.3.4', 6],
  ['1:2:3:4:5:6:1.2.3.4', 6], ['1:2:3:4:5:6:7::', 6], ['::1:2:3:4:5:6:7', 6], ['ABCD::EF', 6],
  ['256.0.0.1', 0], ['1.2.3', 0], ['1.2.3.4.5', 0], ['01.2.3.4', 0], ['1.2.3.-4', 0],
  ['localhost', 0], ['', 0], ['1:2:3:4:5:6:7:8:9', 0], ['1::2::3', 0], ['12345::', 0],
  ['g::1', 0], [' 127.0.0.1', 0], ['127.0.0.1 ', 0], ['1:2:3:4:5:6::7:8', 0],
  ['::ffff:256.1.1.1', 0], ['1.2.3.4::', 0],
  // Stray colons (an earlier isIPv6 dropped empty groups before counting: it said 6 here).
  [':::', 0], ['1:::2', 0], [':1::', 0], ['1::2:', 0],
  // Node accepts a zone index.
  ['fe80::1%eth0', 6]
];

var wrong = [];
cases.forEach(function (c) {
  var input = c[0], family = c[1];
  var got = [net.isIP(input), net.isIPv4(input), net.isIPv6(input)];
  var want = [family, family === 4, family === 6];
  if (JSON.stringify(got) !== JSON.stringify(want))
    wrong.push(JSON.stringify(input) + ' gave ' + JSON.stringify(got) + ', want ' + JSON.stringify(want));
});

// Not strings: never an address.
[undefined, null, 127001, {}, []].forEach(function (v) {
  if (net.isIP(v) !== 0 || net.isIPv4(v) !== false || net.isIPv6(v) !== false)
    wrong.push(String(v) + ' is not an address');
});

assert.strictEqual(wrong.length, 0, wrong.join('\n'));
