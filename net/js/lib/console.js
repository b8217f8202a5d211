// console: util.format'ed lines on stdout (log, info, debug) and stderr (warn, error,
// trace); in a scenario they land in the trace under the node's name.
var util = require('util');

function line(fd, args) {
  binding.print(fd, util.format.apply(null, args) + '\n');
}
var counts = {}, timers = {};

module.exports = {
  log: function () { line(1, arguments); },
  info: function () { line(1, arguments); },
  debug: function () { line(1, arguments); },
  warn: function () { line(2, arguments); },
  error: function () { line(2, arguments); },
  trace: function () {
    var e = new Error(util.format.apply(null, arguments));
    e.name = 'Trace';
    binding.print(2, e.stack + '\n');
  },
  dir: function (obj, options) { binding.print(1, util.inspect(obj, options) + '\n'); },
  assert: function (value) {
    if (!value) {
      var rest = Array.prototype.slice.call(arguments, 1);
      line(2, rest.length ? ['Assertion failed: ' + util.format.apply(null, rest)] : ['Assertion failed']);
    }
  },
  count: function (label) {
    label = label === undefined ? 'default' : String(label);
    counts[label] = (counts[label] || 0) + 1;
    line(1, [label + ': ' + counts[label]]);
  },
  time: function (label) { timers[label === undefined ? 'default' : String(label)] = binding.now(); },
  timeEnd: function (label) {
    label = label === undefined ? 'default' : String(label);
    if (timers[label] === undefined) return;
    line(1, [label + ': ' + (binding.now() - timers[label]).toFixed(3) + 'ms']);
    delete timers[label];
  }
};
