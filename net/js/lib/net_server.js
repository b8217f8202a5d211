// The server half of require('net'), loaded by net.js the first time `net.Server` or
// `net.createServer` is used: a node that only connects (a sensor) never pays for these
// functions. Exports a function that takes what net.js shares (Socket, toPort) and returns
// Server.
var EventEmitter = require('events');
var iotjs = binding.compat === 'iotjs';
var Socket, toPort;

function Server(options, listener) {
  if (!(this instanceof Server))
    return new Server(options, listener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  }
  options = options || {};
  this.allowHalfOpen = options.allowHalfOpen === true;
  binding.serverNew(this, this.allowHalfOpen);
  if (typeof listener === 'function')
    this.on('connection', listener);
}
Server.prototype = Object.create(EventEmitter.prototype, {
  constructor: { value: Server, writable: true, configurable: true, enumerable: false }
});

Server.prototype.listen = function () {
  var args = arguments, cb, port = 0, host, backlog;
  if (typeof args[args.length - 1] === 'function')
    cb = args[args.length - 1];
  var a0 = args[0];
  if (a0 !== null && typeof a0 === 'object') {
    if (a0.path !== undefined) {
      var e = new Error('netbed: IPC servers (path) are not supported; use a port');
      e.code = 'ERR_NOT_SUPPORTED';
      throw e;
    }
    port = a0.port === undefined ? 0 : toPort(a0.port);
    host = a0.host;
    backlog = a0.backlog;
  } else if (typeof a0 !== 'function' && a0 !== undefined) {
    port = toPort(a0);
    if (typeof args[1] === 'string') {
      host = args[1];
      if (typeof args[2] === 'number') backlog = args[2];
    } else if (typeof args[1] === 'number') {
      backlog = args[1];
    }
  }
  binding.serverListen(this._handle, this, port, typeof host === 'string' ? host : undefined,
                       typeof backlog === 'number' ? backlog : undefined);
  if (cb)
    this.once('listening', cb);
  return this;
};

Server.prototype.close = function (cb) {
  var self = this;
  binding.serverClose(this._handle, typeof cb === 'function' ? function (err) {
    if (err) cb.call(self, err); else cb.call(self);
  } : undefined);
  return this;
};

Server.prototype.address = function () {
  var i = binding.serverInfo(this._handle);
  if (!i.listening || i.address === undefined) return null;
  return { address: i.address, family: i.family, port: i.port };
};
Server.prototype.getConnections = function (cb) {
  var n = binding.serverInfo(this._handle).connections;
  process.nextTick(function () { cb(null, n); });
  return this;
};
Server.prototype.ref = function () { return this; };
Server.prototype.unref = function () { return this; };
Object.defineProperty(Server.prototype, 'listening', {
  get: function () { return binding.serverInfo(this._handle).listening; },
  configurable: true
});
if (iotjs) {
  Object.defineProperty(Server.prototype, '_socketCount', {
    get: function () { return binding.serverInfo(this._handle).connections; },
    configurable: true
  });
}

Server.prototype._onconnection = function (id) {
  var s = new Socket({ _handle: id, allowHalfOpen: this.allowHalfOpen });
  s.server = this;
  this.emit('connection', s);
};
Server.prototype._onerror = function (err) {
  // IoT.js reports a failed listen as the negative errno.
  this.emit('error', iotjs && typeof err.errno === 'number' && err.syscall === 'listen' ? err.errno : err);
};

module.exports = function (shared) {
  Socket = shared.Socket;
  toPort = shared.toPort;
  return Server;
};
