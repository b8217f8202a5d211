// events: EventEmitter, as in Node.js / IoT.js.
//
// State is created lazily, so `EventEmitter.call(this)` costs nothing and objects whose
// constructor never ran (the native net.Socket) still work. `_events` maps an event name
// to one function or to an array of functions. Arrays are never mutated: adding or
// removing a listener stores a new array, so emit() can walk the array it started with
// without copying it, and listeners added or removed during an emit do not change it.

function EventEmitter() {}

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.defaultMaxListeners = 10;

var hasOwn = Object.prototype.hasOwnProperty;

// The emitter's own listener map, created on first use. (An `_events` inherited from a
// prototype made with `new EventEmitter()` must not be shared by all instances.)
function eventsOf(self) {
  var ev = self._events;
  if (!ev || !hasOwn.call(self, '_events')) {
    ev = Object.create(null);
    self._events = ev;
  }
  return ev;
}

function checkListener(listener) {
  if (typeof listener !== 'function') {
    var err = new TypeError('The "listener" argument must be of type Function. Received type ' +
                            typeof listener);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
}

function addListener(self, type, listener, prepend) {
  checkListener(listener);
  var ev = eventsOf(self);
  if (ev.newListener !== undefined) {
    // Emitted before adding, with the function the caller passed (not a once wrapper).
    self.emit('newListener', type, listener.listener ? listener.listener : listener);
    ev = eventsOf(self);
  }
  var cur = ev[type];
  if (cur === undefined) ev[type] = listener;
  else if (typeof cur === 'function') ev[type] = prepend ? [listener, cur] : [cur, listener];
  else ev[type] = prepend ? [listener].concat(cur) : cur.concat([listener]);
  return self;
}

function onceWrapper(self, type, listener) {
  var fired = false;
  function wrapper() {
    self.removeListener(type, wrapper);
    // An emit that started before the removal still holds the wrapper: run only once.
    if (fired) return undefined;
    fired = true;
    return listener.apply(this, arguments);
  }
  wrapper.listener = listener;
  return wrapper;
}

var proto = EventEmitter.prototype;

proto.on = proto.addListener = function (type, listener) {
  return addListener(this, type, listener, false);
};

proto.prependListener = function (type, listener) {
  return addListener(this, type, listener, true);
};

// Through this.on / this.prependListener, so that subclasses overriding them (a
// Readable starts flowing on a 'data' listener) see once listeners too.
proto.once = function (type, listener) {
  checkListener(listener);
  this.on(type, onceWrapper(this, type, listener));
  return this;
};

proto.prependOnceListener = function (type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrapper(this, type, listener));
  return this;
};

proto.removeListener = proto.off = function (type, listener) {
  checkListener(listener);
  var ev = this._events;
  if (!ev || !hasOwn.call(this, '_events')) return this;
  var cur = ev[type];
  if (cur === undefined) return this;
  var removed;
  if (typeof cur === 'function') {
    if (cur !== listener && cur.listener !== listener) return this;
    removed = cur;
    delete ev[type];
  } else {
    // The most recently added instance goes, as in Node.
    for (var i = cur.length - 1; i >= 0; i--) {
      if (cur[i] === listener || cur[i].listener === listener) break;
    }
    if (i < 0) return this;
    removed = cur[i];
    if (cur.length === 2) ev[type] = cur[1 - i];
    else ev[type] = cur.slice(0, i).concat(cur.slice(i + 1));
  }
  if (ev.removeListener !== undefined) {
    this.emit('removeListener', type, removed.listener ? removed.listener : removed);
  }
  return this;
};

proto.removeAllListeners = function (type) {
  var ev = this._events;
  if (!ev || !hasOwn.call(this, '_events')) return this;
  var names, i;
  if (ev.removeListener === undefined) {
    // Nobody to tell: drop the lists.
    if (arguments.length === 0) this._events = Object.create(null);
    else delete ev[type];
    return this;
  }
  // Remove one by one (last first) so each removal is reported; 'removeListener' last.
  names = arguments.length === 0 ? this.eventNames() : [type];
  for (i = 0; i < names.length; i++) {
    if (names[i] !== 'removeListener') removeEach(this, names[i]);
  }
  if (arguments.length === 0 || type === 'removeListener') removeEach(this, 'removeListener');
  return this;
};

function removeEach(self, type) {
  var list;
  while ((list = self._events[type]) !== undefined) {
    self.removeListener(type, typeof list === 'function' ? list : list[list.length - 1]);
  }
}

proto.emit = function (type) {
  var ev = this._events;
  var handler = ev && hasOwn.call(this, '_events') ? ev[type] : undefined;
  if (handler === undefined) {
    if (type === 'error') throwUnhandled(arguments[1]);
    return false;
  }
  var n = arguments.length;
  var a1 = arguments[1], a2 = arguments[2], args, i;
  if (typeof handler === 'function') {
    // Call with the caller's exact arity (listeners may look at arguments.length).
    if (n === 1) handler.call(this);
    else if (n === 2) handler.call(this, a1);
    else if (n === 3) handler.call(this, a1, a2);
    else handler.apply(this, Array.prototype.slice.call(arguments, 1));
    return true;
  }
  if (n > 3) args = Array.prototype.slice.call(arguments, 1);
  for (i = 0; i < handler.length; i++) {
    if (n === 1) handler[i].call(this);
    else if (n === 2) handler[i].call(this, a1);
    else if (n === 3) handler[i].call(this, a1, a2);
    else handler[i].apply(this, args);
  }
  return true;
};

function throwUnhandled(err) {
  if (err instanceof Error) throw err;
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

function listOf(self, type) {
  var ev = self._events;
  var cur = ev && hasOwn.call(self, '_events') ? ev[type] : undefined;
  if (cur === undefined) return [];
  return typeof cur === 'function' ? [cur] : cur.slice();
}

proto.listeners = function (type) {
  var list = listOf(this, type);
  for (var i = 0; i < list.length; i++) {
    if (list[i].listener) list[i] = list[i].listener;
  }
  return list;
};

proto.rawListeners = function (type) {
  return listOf(this, type);
};

proto.listenerCount = function (type) {
  var ev = this._events;
  var cur = ev && hasOwn.call(this, '_events') ? ev[type] : undefined;
  if (cur === undefined) return 0;
  return typeof cur === 'function' ? 1 : cur.length;
};

EventEmitter.listenerCount = function (emitter, type) {
  return emitter.listenerCount(type);
};

proto.eventNames = function () {
  var ev = this._events;
  if (!ev || !hasOwn.call(this, '_events')) return [];
  var names = Object.keys(ev);
  if (Object.getOwnPropertySymbols) names = names.concat(Object.getOwnPropertySymbols(ev));
  return names;
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
