// The `process` object: an EventEmitter with argv, env, exit codes and the next-tick queue.
var EventEmitter = require('events');

var process = new EventEmitter();
module.exports = process;

process.argv = [binding.argv0];
process.argv0 = binding.argv0;
process.execArgv = [];
process.env = binding.env;
process.platform = 'linux';
process.arch = 'x64';
process.version = 'v0.1.0-netbed';
process.versions = { netbed: '0.1.0', duktape: '2.7.0' };
process.title = binding.argv0;
process.pid = 1; // deterministic: a simulated host has no real process
process.iotjs = { board: 'netbed' };
process.exitCode = undefined;
process._exiting = false;

process.execPath = binding.argv0;
process.cwd = function () { return binding.cwd(); };
// The script's own working directory (every host of a simulated run shares one process).
process.chdir = function (dir) {
  if (typeof dir !== 'string') {
    var e = new TypeError('The "directory" argument must be of type string. Received ' + typeof dir);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (!binding.chdir(dir)) {
    var n = new Error("ENOENT: no such file or directory, chdir " + binding.cwd() + " -> '" + dir + "'");
    n.code = 'ENOENT';
    n.syscall = 'chdir';
    throw n;
  }
};
process.uptime = function () { return binding.now() / 1000; };
process.hrtime = function (prev) {
  var t = binding.nowNs();
  if (prev) {
    var s = t[0] - prev[0], ns = t[1] - prev[1];
    if (ns < 0) { s -= 1; ns += 1e9; }
    return [s, ns];
  }
  return t;
};
// The script's own heap (every host of a simulated run shares one process).
process.memoryUsage = function () {
  var n = binding.heapBytes();
  return { rss: n, heapTotal: n, heapUsed: n, external: 0, arrayBuffers: 0 };
};

function writer(fd) {
  return { fd: fd, isTTY: false,
           write: function (chunk, encoding, cb) {
             if (typeof encoding === 'function') cb = encoding;
             binding.print(fd, typeof chunk === 'string' ? chunk : String(chunk));
             if (typeof cb === 'function') process.nextTick(cb);
             return true;
           } };
}
process.stdout = writer(1);
process.stderr = writer(2);

// --- next tick ---------------------------------------------------------------------------
var ticks = [], head = 0;
process.nextTick = function (fn) {
  if (typeof fn !== 'function') {
    var e = new TypeError('The "callback" argument must be of type function. Received ' + typeof fn);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  var args = arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : undefined;
  ticks.push({ fn: fn, args: args });
  if (ticks.length - head === 1)
    binding.scheduleTick();
};
// Runs the queue (ticks added meanwhile too). A tick that throws leaves the rest queued and
// the engine calls again after reporting it.
process._runTicks = function () {
  try {
    while (head < ticks.length) {
      var t = ticks[head];
      ticks[head++] = undefined;
      if (t.args) t.fn.apply(undefined, t.args); else t.fn();
    }
  } finally {
    if (head < ticks.length)
      binding.scheduleTick();
    else {
      ticks = [];
      head = 0;
    }
  }
};

// --- exit --------------------------------------------------------------------------------
process._errorText = function (err) {
  if (err && typeof err === 'object' && typeof err.stack === 'string')
    return err.stack;
  try { return 'Uncaught ' + String(err); } catch (e) { return 'Uncaught exception'; }
};
// Emits 'exit' once; returns the code the process ends with.
process._emitExit = function (code) {
  if (code !== undefined)
    process.exitCode = code;
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode === undefined ? 0 : process.exitCode);
  }
  return process.exitCode === undefined ? 0 : process.exitCode | 0;
};
process.exit = function (code) {
  if (code !== undefined)
    process.exitCode = code | 0;
  var c;
  try {
    c = process._emitExit();
  } catch (e) {
    binding.print(2, process._errorText(e) + '\n');
    c = 2;
  }
  binding.reallyExit(c);
};
process.abort = function () { process.exit(134); };
