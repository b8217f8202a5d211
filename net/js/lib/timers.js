// setTimeout, setInterval, setImmediate and their clear* on the host's clock (the
// simulated clock in a simulation), with Node's rules: a delay that is not a number in
// [1, 2^31-1] ms is 1 ms; fractions of a millisecond are dropped; `this` in the callback is
// the Timeout; extra arguments are passed on.
var TIMEOUT_MAX = 2147483647;

function delayOf(ms) {
  ms = Number(ms);
  if (!(ms >= 1 && ms <= TIMEOUT_MAX))
    ms = 1;
  return Math.floor(ms);
}

function checkCallback(fn) {
  if (typeof fn !== 'function')
    throw new TypeError('The "callback" argument must be of type function. Received ' + typeof fn);
}

function Timeout(fn, ms, args, repeat) {
  this._onTimeout = fn;
  this._idleTimeout = ms;
  this._args = args;
  this._repeat = repeat;
  this._destroyed = false;
  this._key = 0;
  this._start();
}
Timeout.prototype._start = function () {
  this._key = binding.timerStart(this, this._idleTimeout, this._repeat);
};
Timeout.prototype._fire = function () {
  if (!this._repeat)
    this._destroyed = true;
  if (this._args) this._onTimeout.apply(this, this._args); else this._onTimeout.call(this);
};
Timeout.prototype.close = function () {
  if (!this._destroyed) {
    this._destroyed = true;
    binding.timerClear(this._key);
  }
  return this;
};
// Restarts the timer from now with its delay (Node's timeout.refresh()).
Timeout.prototype.refresh = function () {
  if (!this._destroyed) {
    binding.timerClear(this._key);
    this._start();
  }
  return this;
};
// A host's loop runs until its handles are done; unref'd timers still count (see
// net/js/README.md): these keep the chaining API.
Timeout.prototype.ref = function () { return this; };
Timeout.prototype.unref = function () { return this; };
Timeout.prototype.hasRef = function () { return true; };

function Immediate(fn, args) {
  this._onImmediate = fn;
  this._args = args;
  this._destroyed = false;
  this._key = binding.immediate(this);
}
Immediate.prototype._fire = function () {
  this._destroyed = true;
  if (this._args) this._onImmediate.apply(this, this._args); else this._onImmediate.call(this);
};
Immediate.prototype.ref = function () { return this; };
Immediate.prototype.unref = function () { return this; };
Immediate.prototype.hasRef = function () { return true; };

function argsFrom(list, first) {
  return list.length > first ? Array.prototype.slice.call(list, first) : undefined;
}

exports.setTimeout = function (fn, ms) {
  checkCallback(fn);
  return new Timeout(fn, delayOf(ms), argsFrom(arguments, 2), false);
};
exports.setInterval = function (fn, ms) {
  checkCallback(fn);
  return new Timeout(fn, delayOf(ms), argsFrom(arguments, 2), true);
};
exports.setImmediate = function (fn) {
  checkCallback(fn);
  return new Immediate(fn, argsFrom(arguments, 1));
};
exports.clearTimeout = function (t) {
  if (t instanceof Timeout) t.close();
};
exports.clearInterval = exports.clearTimeout;
exports.clearImmediate = function (im) {
  if (im instanceof Immediate && !im._destroyed) {
    im._destroyed = true;
    binding.immediateClear(im._key);
  }
};
exports.Timeout = Timeout;
exports.Immediate = Immediate;
