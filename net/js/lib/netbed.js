// require('netbed'): what a script reports to a scenario run, as the built-in applications
// do (summary.json, metrics.csv, expectations on `js.<name>`). Outside a scenario (netbed js)
// every call does nothing, so a script can use it and still run anywhere.
function finite(v, what) {
  var n = Number(v);
  if (!isFinite(n) || n < 0)
    throw new RangeError('netbed.' + what + ': expected a non-negative number, got ' + v);
  return n;
}

// True inside a scenario run, where the reports count.
exports.reporting = binding.reportsMetrics === true;
// One message delivered whole, of `bytes` bytes (js.messages, js.bytes).
exports.message = function (bytes) { binding.metric('message', '', finite(bytes || 0, 'message')); };
// The latency of one message or request, in milliseconds (js.latency, percentiles).
exports.latency = function (ms) { binding.metric('latency', '', Math.round(finite(ms, 'latency') * 1e6)); };
// Adds `amount` (default 1) to the counter `name` (js.<name>, summed over the instances).
exports.count = function (name, amount) {
  if (typeof name !== 'string' || name === '')
    throw new TypeError('netbed.count: expected a counter name');
  binding.metric('counter', name, amount === undefined ? 1 : Number(amount));
};
