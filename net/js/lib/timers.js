// timers: setTimeout, setInterval, setImmediate and their clear* (natives in
// timers_binding.cc, on the host's clock: simulated time in a simulation). A Timeout is
// `this` in its callback and has close(), refresh(), ref(), unref() and hasRef().
function Timeout() {}
function Immediate() {}
binding.timersInit(Timeout.prototype, Immediate.prototype, exports);
exports.Timeout = Timeout;
exports.Immediate = Immediate;

// IoT.js refuses to clear what is not one of its timers (Node ignores it).
if (binding.compat === 'iotjs') {
  ['clearTimeout', 'clearInterval'].forEach(function (name) {
    var clear = exports[name];
    exports[name] = function (timeout) {
      if (timeout && !(timeout instanceof Timeout))
        throw new Error(name + '() - invalid timeout');
      clear(timeout);
    };
  });
}
