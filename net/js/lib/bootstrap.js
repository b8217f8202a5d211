// Runs first in every heap: makes the globals of an IoT.js application (process, console,
// timers, Buffer) and returns the functions the engine calls (engine.cc): runMain,
// runTicks, onUncaught, emitExit. `binding` holds the natives (*_binding.cc).
var global = (function () { return this; })();
var cache = {};

// The modules a script may require by name; the others here are netbed's internals.
var PUBLIC = { assert: 1, buffer: 1, console: 1, dns: 1, events: 1, net: 1, netbed: 1, process: 1,
               stream: 1, string_decoder: 1, timers: 1, util: 1 };

function requireBuiltin(name) {
  var m = cache[name];
  if (m)
    return m.exports;
  var fn = binding.loadBuiltin(name);
  if (typeof fn !== 'function')
    throw new Error("netbed: no built-in module '" + name + "'");
  m = { id: name, exports: {}, loaded: false };
  cache[name] = m;
  if (name === 'buffer')
    setGlobal('Buffer', DuktapeBuffer); // buffer.js builds on Duktape's and replaces it
  fn.call(m.exports, m.exports, requireBuiltin, m, 'netbed:' + name + '.js', 'netbed:', binding);
  m.loaded = true;
  return m.exports;
}
requireBuiltin.isPublic = function (name) { return PUBLIC.hasOwnProperty(name); };

function setGlobal(name, v) {
  Object.defineProperty(global, name, { value: v, writable: true, configurable: true, enumerable: false });
}
// Globals that cost memory are made on first use.
function lazyGlobal(name, make) {
  Object.defineProperty(global, name, {
    configurable: true, enumerable: false,
    get: function () {
      var v = make();
      setGlobal(name, v);
      return v;
    },
    set: function (v) { setGlobal(name, v); }
  });
}
var DuktapeBuffer = global.Buffer;

Object.defineProperty(global, 'global', { value: global, writable: true, configurable: true });
var process = requireBuiltin('process');
global.process = process;
var timers = requireBuiltin('timers');
['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']
  .forEach(function (n) { global[n] = timers[n]; });
lazyGlobal('console', function () { return requireBuiltin('console'); });
// The buffers the natives deliver share Duktape's Buffer prototype, which buffer.js
// completes in place whenever it loads.
lazyGlobal('Buffer', function () { return requireBuiltin('buffer').Buffer; });

// Date and Math.random need nothing here: the engine gives them the host's clock and
// generator (net/js/duktape/duk_overrides.h).

// Runs the main module. Its `require` serves the built-in modules itself and loads the
// CommonJS loader (loader.js) only for the script's own files.
exports.runMain = function (path) {
  var filename = binding.realpath(path);
  if (filename === undefined) {
    var e = new Error("Cannot find module '" + path + "'");
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  }
  var slash = filename.lastIndexOf('/');
  var dirname = slash > 0 ? filename.slice(0, slash) : '/';
  process.argv = [binding.argv0, filename].concat(binding.args);
  var main = { id: '.', filename: filename, exports: {}, parent: null, loaded: false, children: [] };
  var loader;
  function userLoader() {
    if (!loader) {
      loader = requireBuiltin('loader');
      loader.adoptMain(main);
    }
    return loader;
  }
  function require(request) {
    var name = typeof request === 'string' && request.slice(0, 5) === 'node:' ? request.slice(5) : request;
    if (typeof name === 'string' && requireBuiltin.isPublic(name))
      return requireBuiltin(name);
    return userLoader().load(request, main);
  }
  require.main = main;
  require.resolve = function (request) { return userLoader().resolveFrom(request, main); };
  Object.defineProperty(require, 'cache', { get: function () { return userLoader().cache; }, enumerable: true });
  main.require = require;
  process.mainModule = main;
  var source = binding.readFile(filename);
  if (source.slice(0, 2) === '#!')
    source = '//' + source.slice(2);
  binding.compile(source, filename).call(main.exports, main.exports, require, main, filename, dirname);
  main.loaded = true;
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
