// console: util.format'ed lines on stdout (log, info, debug) and stderr (warn, error,
// trace); in a scenario they land in the trace under the node's name.
// util (and its inspect) loads only for what needs it: most lines are strings and numbers.
var util;
function format(args) {
  var out = '';
  for (var i = 0; i < args.length; i++) {
    var v = args[i], t = typeof v;
    if (t === 'string') {
      if (i === 0 && args.length > 1 && v.indexOf('%') >= 0) break;
    } else if (t === 'number') {
      v = v === 0 && 1 / v < 0 ? '-0' : String(v);
    } else if (t === 'boolean' || v === undefined || v === null) {
      v = String(v);
    } else {
      break;
    }
    out += (i ? ' ' : '') + v;
  }
  if (i === args.length)
    return out;
  util = util || require('util');
  return util.format.apply(null, args);
}

// Through process.stdout/stderr, as Node's console: a script that replaces their write()
// sees console output too.
function line(fd, args) {
  (fd === 2 ? process.stderr : process.stdout).write(format(args) + '\n');
}
var counts = {}, timers = {};

module.exports = {
  log: function () { line(1, arguments); },
  info: function () { line(1, arguments); },
  debug: function () { line(1, arguments); },
  warn: function () { line(2, arguments); },
  error: function () { line(2, arguments); },
  trace: function () {
    var e = new Error(format(arguments));
    e.name = 'Trace';
    binding.print(2, e.stack + '\n');
  },
  dir: function (obj, options) {
    util = util || require('util');
    binding.print(1, util.inspect(obj, options) + '\n');
  },
  assert: function (value) {
    if (!value) {
      var rest = Array.prototype.slice.call(arguments, 1);
      line(2, rest.length ? ['Assertion failed: ' + format(rest)] : ['Assertion failed']);
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
