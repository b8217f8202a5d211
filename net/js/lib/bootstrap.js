// Runs first in every heap: makes the globals of an IoT.js application (process, console,
// timers, Buffer) and returns the functions the engine calls (engine.cc): runMain,
// runTicks, onUncaught, emitExit. `binding` holds the natives (*_binding.cc).
var global = (function () { return this; })();
var cache = {};

// The modules a script may require by name; the others here are netbed's internals.
var PUBLIC = { assert: 1, buffer: 1, console: 1, dns: 1, events: 1, net: 1, process: 1,
               stream: 1, timers: 1, util: 1 };

function requireBuiltin(name) {
  var m = cache[name];
  if (m)
    return m.exports;
  var fn = binding.loadBuiltin(name);
  if (typeof fn !== 'function')
    throw new Error("netbed: no built-in module '" + name + "'");
  m = { id: name, exports: {}, loaded: false };
  cache[name] = m;
  fn.call(m.exports, m.exports, requireBuiltin, m, 'netbed:' + name + '.js', 'netbed:', binding);
  m.loaded = true;
  return m.exports;
}
requireBuiltin.isPublic = function (name) { return PUBLIC.hasOwnProperty(name); };

// Globals that cost memory are made on first use.
function lazyGlobal(name, make) {
  Object.defineProperty(global, name, {
    configurable: true, enumerable: false,
    get: function () {
      var v = make();
      Object.defineProperty(global, name, { value: v, writable: true, configurable: true, enumerable: false });
      return v;
    },
    set: function (v) {
      Object.defineProperty(global, name, { value: v, writable: true, configurable: true, enumerable: false });
    }
  });
}

Object.defineProperty(global, 'global', { value: global, writable: true, configurable: true });
var process = requireBuiltin('process');
global.process = process;
var timers = requireBuiltin('timers');
['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']
  .forEach(function (n) { global[n] = timers[n]; });
lazyGlobal('console', function () { return requireBuiltin('console'); });
// buffer.js builds on Duktape's own global Buffer and replaces it.
requireBuiltin('buffer');

// A simulated host reads no wall clock and no unseeded generator: Date counts from the
// run's epoch on the context's clock, Math.random draws from the run's seed.
if (binding.seededRandom)
  Math.random = binding.random;
if (binding.epochMs !== undefined) {
  var RealDate = Date, epoch = binding.epochMs;
  var nowMs = function () { return Math.floor(epoch + binding.now()); };
  var SimDate = function Date(a, b, c, d, e, f, g) {
    if (!(this instanceof SimDate))
      return new RealDate(nowMs()).toString();
    switch (arguments.length) {
    case 0: return new RealDate(nowMs());
    case 1: return new RealDate(a);
    default: return new RealDate(a, b, c === undefined ? 1 : c, d || 0, e || 0, f || 0, g || 0);
    }
  };
  SimDate.prototype = RealDate.prototype;
  SimDate.now = nowMs;
  SimDate.UTC = RealDate.UTC;
  SimDate.parse = RealDate.parse;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: SimDate, writable: true, configurable: true });
  global.Date = SimDate;
}

exports.runMain = function (path) {
  requireBuiltin('loader').runMain(path);
};
exports.runTicks = process._runTicks;
exports.onUncaught = function (err) {
  if (process.listenerCount('uncaughtException') > 0) {
    process.emit('uncaughtException', err);
    return true;
  }
  process.exitCode = 1;
  return process._errorText(err);
};
exports.emitExit = function (code) {
  return process._emitExit(code);
};
