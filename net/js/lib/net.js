// require('net'): Socket and Server over netbed's C++ net::Socket and net::Server. Every
// rule of the semantics (event order, half-close, drain, timeouts, errors) is decided in
// C++ (net/SEMANTICS.md); this file parses JavaScript's argument forms and re-emits events.
// The natives call emit(), _ondata(), _onerror(), _onlookup() and _onconnection().
// `stream`, `util` and `buffer` load when first used (Buffer is a lazy global): an idle
// node's heap stays small.
var EventEmitter = require('events');
var iotjs = binding.compat === 'iotjs';

function inherits(ctor, base) {
  ctor.prototype = Object.create(base.prototype, {
    constructor: { value: ctor, writable: true, configurable: true, enumerable: false }
  });
}

// Node accepts a number or a string of digits (the C++ call checks the range); anything else
// is ERR_SOCKET_BAD_PORT here, with Node's message.
function toPort(port) {
  if (typeof port === 'string' && /^\s*\d+\s*$/.test(port))
    return Number(port);
  if (typeof port === 'number' && port === Math.floor(port))
    return port;
  var shown = typeof port === 'string' ? "type string ('" + port + "')" : typeof port === 'number' ? String(port) :
    port === null ? 'null' : 'type ' + typeof port;
  var e = new RangeError('Port should be >= 0 and < 65536. Received ' + shown + '.');
  e.code = 'ERR_SOCKET_BAD_PORT';
  throw e;
}

function toBuffer(data, encoding) {
  if (typeof data === 'string')
    return Buffer.from(data, encoding);
  if (data instanceof Uint8Array)
    return data;
  var e = new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array');
  e.code = data === null ? 'ERR_STREAM_NULL_VALUES' : 'ERR_INVALID_ARG_TYPE';
  throw e;
}

function msOf(ms, what) {
  var n = Number(ms);
  if (isNaN(n) || n < 0) {
    var e = new RangeError('The value of "' + what + '" is out of range. It must be a non-negative number. Received ' + ms);
    e.code = 'ERR_OUT_OF_RANGE';
    throw e;
  }
  return Math.min(Math.floor(n), 2147483647); // Node's TIMEOUT_MAX
}

// --- Socket ------------------------------------------------------------------------------

function Socket(options) {
  if (!(this instanceof Socket))
    return new Socket(options);
  EventEmitter.call(this);
  options = options || {};
  this.allowHalfOpen = options.allowHalfOpen === true;
  this._flowing = false;
  this._paused = false;
  this._decoder = undefined;
  this._destroyError = undefined;
  this._host = undefined;
  this.server = null;
  if (options._handle !== undefined) {
    binding.socketAdopt(this, options._handle);
  } else {
    binding.socketNew(this, this.allowHalfOpen);
  }
}
inherits(Socket, EventEmitter);

// A 'data' listener makes the socket flow (rule 11): until then the C++ socket holds what
// arrives, up to the high-water mark.
function startFlowing(socket) {
  if (!socket._flowing) {
    socket._flowing = true;
    binding.socketReadStart(socket._handle);
  }
}
['on', 'addListener', 'once', 'prependListener', 'prependOnceListener'].forEach(function (method) {
  var base = EventEmitter.prototype[method];
  if (typeof base !== 'function')
    return;
  Socket.prototype[method] = function (ev, fn) {
    var r = base.call(this, ev, fn);
    if (ev === 'data')
      startFlowing(this);
    return r;
  };
});

function normalizeConnectArgs(args) {
  var options = {}, cb;
  var a0 = args[0];
  var last = args[args.length - 1];
  if (typeof last === 'function')
    cb = last;
  if (a0 !== null && typeof a0 === 'object') {
    for (var k in a0) options[k] = a0[k];
  } else {
    options.port = a0;
    if (typeof args[1] === 'string')
      options.host = args[1];
  }
  return { options: options, cb: cb };
}

Socket.prototype.connect = function () {
  var a = normalizeConnectArgs(arguments);
  var o = a.options;
  if (arguments.length === 0 || (o.port === undefined && o.path === undefined)) {
    var m = new TypeError('The "options" or "port" or "path" argument must be specified');
    m.code = 'ERR_MISSING_ARGS';
    throw m;
  }
  if (o.path !== undefined) {
    var e = new Error('netbed: IPC sockets (path) are not supported; use a port');
    e.code = 'ERR_NOT_SUPPORTED';
    throw e;
  }
  var port = toPort(o.port);
  var host = o.host === undefined || o.host === null ? 'localhost' : String(o.host);
  var family = o.family === undefined ? 0 : o.family === 'IPv4' ? 4 : o.family === 'IPv6' ? 6 : Number(o.family);
  var delay = o.keepAliveInitialDelay === undefined ? 0 : msOf(o.keepAliveInitialDelay, 'keepAliveInitialDelay');
  binding.socketConnect(this._handle, this, port, host, family, o.keepAlive === true, delay);
  this._host = host;
  if (o.timeout !== undefined)
    this.setTimeout(o.timeout);
  if (a.cb)
    this.once('connect', a.cb);
  return this;
};

Socket.prototype.write = function (data, encoding, cb) {
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = undefined;
  }
  var buf = toBuffer(data, encoding);
  // IoT.js throws a write after its writable side ended (end(), the peer's FIN without
  // allowHalfOpen, destroy()) at the call when nobody listens for 'error'.
  if (iotjs && !this.writable && this.listenerCount('error') === 0)
    throw new Error('write after end');
  binding.keep(this);
  return binding.socketWrite(this._handle, buf, typeof cb === 'function' ? cb : undefined);
};

Socket.prototype.end = function (data, encoding, cb) {
  if (typeof data === 'function') {
    cb = data;
    data = undefined;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = undefined;
  }
  var buf = data === undefined || data === null ? undefined : toBuffer(data, encoding);
  binding.keep(this);
  binding.socketEnd(this._handle, buf, typeof cb === 'function' ? cb : undefined);
  return this;
};

Socket.prototype.destroy = function (err) {
  if (err !== undefined && err !== null && !this.destroyed)
    this._destroyError = err;
  binding.keep(this);
  binding.socketDestroy(this._handle, err !== undefined && err !== null);
  return this;
};
Socket.prototype.destroySoon = function () { return this.end(); };

Socket.prototype.pause = function () {
  this._paused = true;
  binding.socketPause(this._handle, true);
  return this;
};
// As Node's: resume() makes the socket flow even without a 'data' listener (the data is
// then dropped), so that 'end' can come.
Socket.prototype.resume = function () {
  this._paused = false;
  binding.socketPause(this._handle, false);
  startFlowing(this);
  return this;
};
Socket.prototype.isPaused = function () { return this._paused === true; };

Socket.prototype.setTimeout = function (ms, cb) {
  var t = msOf(ms, 'msecs');
  binding.socketSetTimeout(this._handle, t);
  this.timeout = t === 0 ? undefined : t;
  if (typeof cb === 'function') {
    if (t === 0) this.removeListener('timeout', cb);
    else this.once('timeout', cb);
  }
  return this;
};
Socket.prototype.setKeepAlive = function (enable, initialDelay) {
  binding.socketSetKeepAlive(this._handle, enable === true, initialDelay === undefined ? 0 : msOf(initialDelay, 'initialDelay'));
  return this;
};
Socket.prototype.setNoDelay = function (noDelay) {
  binding.socketSetNoDelay(this._handle, noDelay === undefined ? true : !!noDelay);
  return this;
};
Socket.prototype.setEncoding = function (encoding) {
  this._decoder = encoding ? new (require('string_decoder').StringDecoder)(encoding) : undefined;
  return this;
};
Socket.prototype.ref = function () { return this; };
Socket.prototype.unref = function () { return this; };
// stream's generic pipe: only the public surface (data, pause, resume, end, write, drain).
Socket.prototype.pipe = function (dest, options) {
  return require('stream').Readable.prototype.pipe.call(this, dest, options);
};
Socket.prototype.unpipe = function (dest) {
  return require('stream').Readable.prototype.unpipe.call(this, dest);
};

Socket.prototype.address = function () {
  if (this.localAddress === undefined) return {};
  return { address: this.localAddress, family: this.localFamily, port: this.localPort };
};

// remoteAddress, remotePort, bytesRead, connecting, readyState...: natives (net_binding.cc).
binding.socketGetters(Socket.prototype);

// From the natives. 'ready' follows 'connect', as in Node.
Socket.prototype._onconnect = function () {
  this.emit('connect');
  this.emit('ready');
};
Socket.prototype._ondata = function (buf) {
  this.emit('data', this._decoder ? this._decoder.write(buf) : buf);
};
Socket.prototype._onerror = function (err) {
  var e = this._destroyError || err;
  if (!this._destroyError && err.syscall === 'getaddrinfo')
    err.hostname = this._host;
  this._destroyError = undefined;
  this.emit('error', e);
};
Socket.prototype._onlookup = function (err, address, family) {
  this.emit('lookup', err, address, family, this._host);
};

// --- module functions --------------------------------------------------------------------

// The server half (net_server.js) loads when first used: a node that only connects never
// pays for it. `Server` is a getter that loads it (assigning replaces it, as with a value).
var Server;
function server() {
  if (!Server)
    Server = require('net_server')({ Socket: Socket, toPort: toPort });
  return Server;
}

function createServer(options, listener) {
  return new (server())(options, listener);
}

function connect() {
  var a = normalizeConnectArgs(arguments);
  var s = new Socket({ allowHalfOpen: a.options.allowHalfOpen === true });
  return s.connect.apply(s, arguments);
}

module.exports = {
  Socket: Socket,
  Stream: Socket
};
Object.defineProperty(module.exports, 'Server', {
  get: function () { return server(); },
  set: function (v) { Object.defineProperty(this, 'Server', { value: v, writable: true, configurable: true, enumerable: true }); },
  configurable: true,
  enumerable: true
});
module.exports.createServer = createServer;
module.exports.connect = connect;
module.exports.createConnection = connect;
module.exports.isIP = binding.isIP;
module.exports.isIPv4 = binding.isIPv4;
module.exports.isIPv6 = binding.isIPv6;
