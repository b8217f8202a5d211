// events: EventEmitter, as in Node.js / IoT.js. The methods that every emitter uses (on,
// once, removeListener, emit, ...) are natives (events_binding.cc: a JavaScript function costs
// each heap a few hundred bytes, a native nothing); the rest is here.
//
// `_events` (the emitter's own, created on first use, so `EventEmitter.call(this)` costs
// nothing and objects whose constructor never ran still work) maps an event name to one
// function or to an array of functions; arrays are never changed in place, so emit() walks
// the array it started with while listeners are added or removed.

function EventEmitter() {}

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.defaultMaxListeners = 10;

// emit('error') with no listener: the error itself is thrown, or an Error that shows it.
function unhandled(err) {
  if (err instanceof Error) throw err;
  if (binding.compat === 'iotjs') throw new Error("Uncaught 'error' event"); // IoT.js's words
  var shown;
  try {
    shown = require('util').inspect(err);
  } catch (e) {
    shown = String(err);
  }
  var e2 = new Error('Unhandled error. (' + shown + ')');
  e2.code = 'ERR_UNHANDLED_ERROR';
  e2.context = err;
  throw e2;
}

var proto = EventEmitter.prototype;
binding.eventsInit(proto, unhandled);

EventEmitter.listenerCount = function (emitter, type) {
  return emitter.listenerCount(type);
};

proto.setMaxListeners = function (n) {
  if (typeof n !== 'number' || n < 0 || n !== n) {
    throw new RangeError('The value of "n" is out of range. It must be a non-negative number. ' +
                         'Received ' + n);
  }
  this._maxListeners = n;
  return this;
};

proto.getMaxListeners = function () {
  return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
};

module.exports = EventEmitter;
