// timers: setTimeout, setInterval, setImmediate and their clear* (natives in
// timers_binding.cc, on the host's clock: simulated time in a simulation). A Timeout is
// `this` in its callback and has close(), refresh(), ref(), unref() and hasRef().
function Timeout() {}
function Immediate() {}
binding.timersInit(Timeout.prototype, Immediate.prototype, exports);
exports.Timeout = Timeout;
exports.Immediate = Immediate;
