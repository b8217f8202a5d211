// stream: Readable, Writable, Duplex, Transform and PassThrough, after Node.js.
//
// The state of each side lives in `_readableState` / `_writableState`, made by the
// constructors (or on first use). `pipe` uses only the public surface of both ends
// (on('data'), pause/resume, 'end', write()'s result, 'drain', end()), so it also works
// for streams that implement those themselves without running these constructors, like
// net.Socket.

var EventEmitter = require('events');
var util = require('util');
var Buffer = require('buffer').Buffer;

var emitterOn = EventEmitter.prototype.on;
var DEFAULT_HWM = 16 * 1024;

// Node's behaviour by default; IoT.js's where it differs when the host runs the script in
// IoT.js compatibility (netbed's loader passes built-ins its `binding`).
var iotjs = typeof binding === 'object' && binding !== null && binding.compat === 'iotjs';

// nextTick(fn[, a[, b]]): fn(a, b) from the loop. (Each function costs a few hundred bytes
// per heap, so callbacks are passed with their arguments rather than wrapped in closures.)
function nextTick(fn, a, b) {
  if (typeof process === 'object' && process && typeof process.nextTick === 'function') {
    process.nextTick(fn, a, b);
  } else {
    setTimeout(fn, 0, a, b);
  }
}

// fn(stream, st) on the next tick, once however often it is asked for before then: st[flag]
// is true meanwhile.
function tickOnce(stream, st, flag, fn) {
  if (st[flag]) return;
  st[flag] = true;
  nextTick(function () {
    st[flag] = false;
    fn(stream, st);
  });
}

function emitError(stream, err) {
  stream.emit('error', err);
}

function streamError(Ctor, code, message) {
  var e = new Ctor(message);
  e.code = code;
  return e;
}

function Stream(options) {
  EventEmitter.call(this, options);
}
util.inherits(Stream, EventEmitter);
Stream.Stream = Stream;

// ---- pipe -------------------------------------------------------------------------------

// src.pipe(dest[, { end }]): returns dest. Several destinations may be piped; the source
// pauses while any of them waits for 'drain'.
Stream.prototype.pipe = function (dest, options) {
  var src = this;
  var doEnd = !options || options.end !== false;
  if (typeof process === 'object' && process && (dest === process.stdout || dest === process.stderr)) {
    doEnd = false;
  }
  var entry = { dest: dest, waiting: false, cleanup: cleanup };
  if (!src._pipes) src._pipes = [];
  src._pipes.push(entry);

  function ondata(chunk) {
    if (dest.write(chunk) === false && !entry.waiting) {
      entry.waiting = true;
      src.pause();
    }
  }
  function ondrain() {
    if (!entry.waiting) return;
    entry.waiting = false;
    if (!anyWaiting(src)) src.resume();
  }
  function onend() {
    removePipe(src, entry);
    if (doEnd) dest.end();
  }
  function onerror(err) {
    src.unpipe(dest);
    // pipe must not swallow the error: rethrown if nobody else listens.
    if (dest.listenerCount('error') === 0) throw err;
  }
  function onclose() {
    src.unpipe(dest);
  }
  function cleanup() {
    src.removeListener('data', ondata);
    src.removeListener('end', onend);
    dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onclose);
  }

  src.on('data', ondata);
  src.on('end', onend);
  dest.on('drain', ondrain);
  if (typeof dest.prependListener === 'function') dest.prependListener('error', onerror);
  else dest.on('error', onerror);
  dest.on('close', onclose);
  dest.on('finish', onclose);
  dest.emit('pipe', src);
  src.resume();
  return dest;
};

function anyWaiting(src) {
  var pipes = src._pipes || [];
  for (var i = 0; i < pipes.length; i++) if (pipes[i].waiting) return true;
  return false;
}

function removePipe(src, entry) {
  var i = src._pipes ? src._pipes.indexOf(entry) : -1;
  if (i < 0) return false;
  src._pipes.splice(i, 1);
  entry.cleanup();
  return true;
}

// unpipe([dest]): all destinations without an argument. The source pauses when no
// destination is left.
Stream.prototype.unpipe = function (dest) {
  var pipes = (this._pipes || []).slice(), i, removed = false;
  for (i = 0; i < pipes.length; i++) {
    if (dest === undefined || pipes[i].dest === dest) {
      if (removePipe(this, pipes[i])) {
        removed = true;
        pipes[i].dest.emit('unpipe', this);
      }
    }
  }
  if (removed && this._pipes.length === 0) this.pause();
  return this;
};

// ---- destroy (shared by both sides) -----------------------------------------------------

function destroy(err, cb) {
  var self = this, r = this._readableState, w = this._writableState;
  if (this.destroyed) {
    if (typeof cb === 'function') nextTick(cb, err || null);
    return this;
  }
  this.destroyed = true;
  if (r) r.destroyed = true;
  if (w) w.destroyed = true;
  var emitClose = (r || w || {}).emitClose !== false;
  this._destroy(err || null, function (e) {
    nextTick(function () {
      if (typeof cb === 'function') cb(e || null);
      else if (e) self.emit('error', e);
      if (emitClose) self.emit('close');
    });
  });
  return this;
}

function defaultDestroy(err, cb) {
  cb(err);
}

// 'error' then 'close' if autoDestroy (the default), else just 'error'.
function errorOrDestroy(stream, err) {
  var st = stream._readableState || stream._writableState;
  if (st && st.autoDestroy) stream.destroy(err);
  else nextTick(emitError, stream, err);
}

// autoDestroy: once every side this stream has is done ('end' emitted, 'finish' emitted).
function maybeAutoDestroy(stream) {
  var r = stream._readableState, w = stream._writableState;
  if (!(r || w).autoDestroy || stream.destroyed) return;
  if ((!r || r.endEmitted) && (!w || w.finished)) stream.destroy();
}

// ---- Readable ---------------------------------------------------------------------------

function ReadableState(options, constructed) {
  options = options || {};
  this.objectMode = !!(options.objectMode || options.readableObjectMode);
  this.highWaterMark = hwm(options, 'readableHighWaterMark', this.objectMode);
  this.buffer = [];
  this.length = 0;            // bytes (characters once decoded; chunks in objectMode)
  this.flowing = null;        // null: never resumed or paused
  this.ended = false;         // push(null) seen
  this.endEmitted = false;
  this.endScheduled = false;
  this.flowScheduled = false;
  this.readableScheduled = false;
  this.reading = false;       // _read called, no push yet
  this.sync = true;           // inside _read, or before the first one: push() only queues
  this.destroyed = false;
  this.decoder = null;
  this.encoding = null;
  this.autoDestroy = options.autoDestroy !== false;
  this.emitClose = options.emitClose !== false;
  this.constructed = constructed;   // false: made on first use, not by the constructor
}

function hwm(options, sideKey, objectMode) {
  var v = options[sideKey] !== undefined ? options[sideKey] : options.highWaterMark;
  if (v === undefined) return objectMode ? 16 : DEFAULT_HWM;
  if (typeof v !== 'number' || !(v >= 0)) {
    throw streamError(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid highWaterMark: ' + v);
  }
  return Math.floor(v);
}

function rstate(stream) {
  if (!Object.prototype.hasOwnProperty.call(stream, '_readableState')) {
    stream._readableState = new ReadableState({}, false);
  }
  return stream._readableState;
}

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  Stream.call(this, options);
  this.readable = true;
  this.destroyed = false;
  this._readableState = new ReadableState(options, true);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (options.encoding) this.setEncoding(options.encoding);
  }
}
util.inherits(Readable, Stream);
Stream.Readable = Readable;

var R = Readable.prototype;

// No-op rather than Node's ERR_METHOD_NOT_IMPLEMENTED: IoT.js streams are fed by push()
// from outside.
R._read = function () {};
R._destroy = defaultDestroy;
R.destroy = destroy;

// A 'data' listener starts the flow (unless pause() was called); a 'readable' listener
// selects paused mode. Only for streams whose Readable constructor ran: objects like
// net.Socket that do not run it handle their own listeners.
R.on = R.addListener = function (ev, fn) {
  var res = emitterOn.call(this, ev, fn);
  var st = this._readableState;
  if (!st || !st.constructed || !Object.prototype.hasOwnProperty.call(this, '_readableState')) {
    return res;
  }
  if (ev === 'data') {
    if (st.flowing !== false) this.resume();
  } else if (ev === 'readable') {
    st.flowing = false;
    if (st.length || st.ended) scheduleReadable(this);
    else doRead(this);
  }
  return res;
};

// push(chunk[, encoding]) from _read or from outside; push(null) ends the stream.
// Returns false once the buffer holds highWaterMark or more.
R.push = function (chunk, encoding) {
  return addChunk(this, chunk, encoding, false);
};

R.unshift = function (chunk, encoding) {
  return addChunk(this, chunk, encoding, true);
};

function addChunk(stream, chunk, encoding, front) {
  var st = rstate(stream);
  if (st.destroyed) return false;
  if (!front) st.reading = false;
  if (chunk === null) {
    if (!st.ended) {
      st.ended = true;
      if (st.decoder) {
        var tail = st.decoder.end();
        if (tail) {
          st.buffer.push(tail);
          st.length += tail.length;
        }
      }
      if (st.length) {
        if (st.flowing) scheduleFlow(stream);
        else scheduleReadable(stream);
      } else if (st.flowing || iotjs) {
        endReadable(stream);
      } else {
        scheduleReadable(stream);       // 'end' once someone reads (Node)
      }
    }
    return false;
  }
  if (st.ended && !front) {
    errorOrDestroy(stream, streamError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
    return false;
  }
  if (!st.objectMode) {
    if (typeof chunk === 'string') chunk = Buffer.from(chunk, encoding);
    else if (chunk instanceof Uint8Array && !(chunk instanceof Buffer)) {
      chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    } else if (!(chunk instanceof Buffer)) {
      errorOrDestroy(stream, streamError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument ' +
                     'must be of type string or an instance of Buffer or Uint8Array'));
      return false;
    }
    if (st.decoder) chunk = st.decoder.write(chunk);
    if (chunk.length === 0) return st.length < st.highWaterMark;
  }
  if (!front && st.flowing && st.length === 0 && !st.sync && stream.listenerCount('data') > 0) {
    stream.emit('data', chunk);         // nothing queued: straight to the consumer
    doRead(stream);
  } else {
    if (front) st.buffer.unshift(chunk);
    else st.buffer.push(chunk);
    st.length += st.objectMode ? 1 : chunk.length;
    if (st.flowing) scheduleFlow(stream);
    else scheduleReadable(stream);
  }
  return st.length < st.highWaterMark;
}

// _read(highWaterMark) when the buffer is below the mark and no read is outstanding.
function doRead(stream) {
  var st = rstate(stream);
  if (st.ended || st.reading || st.destroyed || st.length >= st.highWaterMark) return;
  st.reading = true;
  st.sync = true;
  stream._read(st.highWaterMark);
  st.sync = false;
}

function scheduleFlow(stream) {
  tickOnce(stream, rstate(stream), 'flowScheduled', flow);
}

function flow(stream) {
  var st = rstate(stream);
  while (st.flowing && !st.destroyed && stream.read() !== null) {}
  if (st.flowing) doRead(stream);
}

function scheduleReadable(stream) {
  tickOnce(stream, rstate(stream), 'readableScheduled', emitReadable);
}

function emitReadable(stream, st) {
  if (!st.destroyed && (st.length || st.ended) && !st.endEmitted) stream.emit('readable');
  if (st.flowing) flow(stream);
}

// 'end' once, after the last chunk was taken: when read() finds the stream ended and
// empty, or at push(null) if flowing (in IoT.js compatibility, at push(null) on an empty
// stream even if nobody reads).
function endReadable(stream) {
  var st = rstate(stream);
  if (!st.endEmitted) tickOnce(stream, st, 'endScheduled', emitEnd);
}

function emitEnd(stream, st) {
  if (st.endEmitted || st.length || st.destroyed) return;
  st.endEmitted = true;
  stream.readable = false;
  stream.emit('end');
  if (stream._writableState && stream.allowHalfOpen === false) stream.end();
  maybeAutoDestroy(stream);
}

// read([size]): in paused mode all buffered data (or exactly `size` bytes), in flowing
// mode the next chunk; null if there is not enough. What it returns is also emitted as
// 'data'.
R.read = function (size) {
  var st = rstate(this), out;
  if (typeof size !== 'number' || size !== size) size = undefined;
  if (size === 0) {
    doRead(this);
    return null;
  }
  if (st.length === 0 || (size !== undefined && size > st.length && !st.ended)) {
    if (st.ended) endReadable(this);
    else doRead(this);
    return null;
  }
  if (st.objectMode) {
    out = st.buffer.shift();
    st.length--;
  } else if (size === undefined ? st.flowing : size < st.length) {
    out = take(st, size === undefined ? st.buffer[0].length : size);
  } else {
    out = st.buffer.length === 1 ? st.buffer[0] :
      typeof st.buffer[0] === 'string' ? st.buffer.join('') : Buffer.concat(st.buffer);
    st.buffer = [];
    st.length = 0;
  }
  if (st.ended && st.length === 0) endReadable(this);
  else doRead(this);
  this.emit('data', out);
  return out;
};

// The first n bytes (or characters) of the buffer, splitting a chunk if needed.
function take(st, n) {
  var parts = [], first;
  st.length -= n;
  while (n > 0) {
    first = st.buffer[0];
    if (first.length <= n) {
      parts.push(st.buffer.shift());
      n -= first.length;
    } else {
      parts.push(first.slice(0, n));
      st.buffer[0] = first.slice(n);
      n = 0;
    }
  }
  if (parts.length === 1) return parts[0];
  return typeof parts[0] === 'string' ? parts.join('') : Buffer.concat(parts);
}

R.pause = function () {
  var st = rstate(this);
  if (st.flowing !== false) {
    st.flowing = false;
    this.emit('pause');
  }
  return this;
};

R.resume = function () {
  var st = rstate(this), self = this;
  if (!st.flowing) {
    st.flowing = true;
    nextTick(function () {
      self.emit('resume');
      flow(self);
    });
  }
  return this;
};

// Node: true after pause() until resume(). IoT.js: paused until resumed.
R.isPaused = function () {
  var flowing = rstate(this).flowing;
  return iotjs ? flowing !== true : flowing === false;
};

R.setEncoding = function (encoding) {
  var st = rstate(this);
  st.decoder = new Decoder(encoding);
  st.encoding = st.decoder.encoding;
  if (st.length && !st.objectMode) {
    var text = st.decoder.write(Buffer.concat(st.buffer));
    st.buffer = text ? [text] : [];
    st.length = text.length;
  }
  return this;
};

// Decodes a byte stream without splitting a character across two chunks.
function Decoder(encoding) {
  if (encoding === undefined || encoding === null) encoding = 'utf8';
  if (!Buffer.isEncoding(encoding)) {
    throw streamError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
  }
  encoding = String(encoding).toLowerCase();
  this.encoding = encoding === 'utf-8' ? 'utf8' : encoding;
  this.rest = null;
}

Decoder.prototype.write = function (buf) {
  if (this.rest) {
    buf = Buffer.concat([this.rest, buf]);
    this.rest = null;
  }
  var keep = incompleteTail(buf, this.encoding);
  if (keep) {
    this.rest = buf.slice(buf.length - keep);
    buf = buf.slice(0, buf.length - keep);
  }
  return buf.toString(this.encoding);
};

Decoder.prototype.end = function () {
  var rest = this.rest;
  this.rest = null;
  return rest ? rest.toString(this.encoding) : '';
};

// How many bytes at the end of buf start a character (or unit) that is not complete.
function incompleteTail(buf, enc) {
  var n = buf.length, i, b, need;
  switch (enc) {
    case 'utf8':
      for (i = 1; i <= 3 && i <= n; i++) {
        b = buf[n - i];
        if ((b & 0xc0) === 0x80) continue;    // continuation byte: look further back
        need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return need > i ? i : 0;
      }
      return 0;
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le':
      i = n & 1;
      b = n - i >= 2 ? buf[n - i - 1] : 0;      // high byte of the last whole unit
      return i + (b >= 0xd8 && b <= 0xdb ? 2 : 0);   // keep a lone high surrogate too
    case 'base64': case 'base64url':
      return n % 3;
  }
  return 0;
}

// ---- Writable ---------------------------------------------------------------------------

function WritableState(options) {
  options = options || {};
  this.objectMode = !!(options.objectMode || options.writableObjectMode);
  this.highWaterMark = hwm(options, 'writableHighWaterMark', this.objectMode);
  this.decodeStrings = options.decodeStrings !== false;
  this.defaultEncoding = options.defaultEncoding || 'utf8';
  this.length = 0;           // queued or being written
  this.buffer = [];          // queued writes: { chunk, encoding, cb }
  this.writing = false;
  this.writeLength = 0;
  this.sync = false;
  this.doneCallbacks = [];   // write callbacks due, run in order by runCallbacks
  this.callbacksScheduled = false;
  this.corked = 0;
  this.needDrain = false;
  this.ending = false;       // end() called
  this.finalCalled = false;
  this.finished = false;     // 'finish' emitted
  this.destroyed = false;
  this.autoDestroy = options.autoDestroy !== false;
  this.emitClose = options.emitClose !== false;
}

function wstate(stream) {
  if (!Object.prototype.hasOwnProperty.call(stream, '_writableState')) {
    stream._writableState = new WritableState({});
  }
  return stream._writableState;
}

function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options);
  Stream.call(this, options);
  initWritable(this, options);
}
util.inherits(Writable, Stream);
Stream.Writable = Writable;

function initWritable(stream, options) {
  stream.writable = true;
  stream.destroyed = false;
  stream._writableState = new WritableState(options);
  if (options) {
    if (typeof options.write === 'function') stream._write = options.write;
    if (typeof options.final === 'function') stream._final = options.final;
    if (typeof options.destroy === 'function') stream._destroy = options.destroy;
  }
}

var W = Writable.prototype;

W._write = function (chunk, encoding, cb) {
  cb(streamError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented'));
};
W._destroy = defaultDestroy;
W.destroy = destroy;
// IoT.js's Writable waits for _readyToWrite(); here writing is always possible.
W._readyToWrite = function () {};

// write(chunk[, encoding][, cb]): false once highWaterMark bytes are queued; 'drain'
// follows when the queue is empty.
W.write = function (chunk, encoding, cb) {
  var st = wstate(this), err;
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  if (chunk === null) {
    throw streamError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
  }
  if (!st.objectMode) {
    if (typeof chunk === 'string') {
      if (st.decodeStrings) {
        chunk = Buffer.from(chunk, encoding || st.defaultEncoding);
        encoding = 'buffer';
      } else {
        encoding = encoding || st.defaultEncoding;
      }
    } else if (chunk instanceof Uint8Array) {
      if (!(chunk instanceof Buffer)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      encoding = 'buffer';
    } else {
      throw streamError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type ' +
                        'string or an instance of Buffer or Uint8Array');
    }
  }
  if (st.ending) err = streamError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
  else if (st.destroyed) err = streamError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
  if (err) {
    if (typeof cb === 'function') nextTick(cb, err);
    errorOrDestroy(this, err);
    return false;
  }
  st.length += st.objectMode ? 1 : chunk.length;
  var ret = st.length < st.highWaterMark;
  if (!ret) st.needDrain = true;
  if (st.writing || st.corked) st.buffer.push({ chunk: chunk, encoding: encoding, cb: cb });
  else doWrite(this, st, chunk, encoding, cb);
  return ret;
};

function doWrite(stream, st, chunk, encoding, cb) {
  var called = false;
  st.writing = true;
  st.writeLength = st.objectMode ? 1 : chunk.length;
  st.sync = true;
  stream._write(chunk, encoding, function (err) {
    if (called) return;
    called = true;
    onwrite(stream, st, err, cb);
  });
  st.sync = false;
}

function onwrite(stream, st, err, cb) {
  var sync = st.sync;
  st.writing = false;
  st.length -= st.writeLength;
  st.writeLength = 0;
  if (err) {
    if (typeof cb === 'function') nextTick(cb, err);
    errorOrDestroy(stream, err);
    return;
  }
  // The callback is queued before the next write starts, so callbacks keep write order.
  st.doneCallbacks.push(cb);
  if (st.buffer.length && !st.corked && !st.destroyed) {
    var next = st.buffer.shift();
    doWrite(stream, st, next.chunk, next.encoding, next.cb);
  }
  // Callbacks and 'drain' never run inside the write() that caused them.
  if (!sync) runCallbacks(stream, st);
  else tickOnce(stream, st, 'callbacksScheduled', runCallbacks);
}

function runCallbacks(stream, st) {
  var cbs = st.doneCallbacks, i;
  if (cbs.length === 0) return;
  st.doneCallbacks = [];
  if (st.needDrain && st.length === 0 && !st.ending && !st.destroyed) {
    st.needDrain = false;
    stream.emit('drain');
  }
  for (i = 0; i < cbs.length; i++) if (typeof cbs[i] === 'function') cbs[i](null);
  finishMaybe(stream, st);
}

// 'finish' once end() was called and every write completed, after _final(cb) if there
// is one; both from the loop, never inside end().
function finishMaybe(stream, st) {
  if (!st.ending || st.length || st.writing || st.buffer.length || st.doneCallbacks.length ||
      st.finalCalled || st.destroyed) return;
  st.finalCalled = true;
  nextTick(function () {
    if (st.destroyed) return;
    if (typeof stream._final !== 'function') {
      finish(stream, st);
      return;
    }
    stream._final(function (err) {
      if (err) errorOrDestroy(stream, err);
      else finish(stream, st);
    });
  });
}

function finish(stream, st) {
  if (st.finished || st.destroyed) return;
  st.finished = true;
  stream.writable = false;
  stream.emit('prefinish');
  stream.emit('finish');
  maybeAutoDestroy(stream);
}

// end([chunk][, encoding][, cb]): cb runs on 'finish'.
W.end = function (chunk, encoding, cb) {
  var st = wstate(this);
  if (typeof chunk === 'function') {
    cb = chunk;
    chunk = encoding = null;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
  if (st.corked) {
    st.corked = 1;
    this.uncork();
  }
  if (typeof cb === 'function') {
    if (st.finished) nextTick(cb, null);
    else this.once('finish', cb);
  }
  if (!st.ending) {
    st.ending = true;
    finishMaybe(this, st);
  }
  return this;
};

W.cork = function () {
  wstate(this).corked++;
};

W.uncork = function () {
  var st = wstate(this);
  if (st.corked && --st.corked === 0 && !st.writing && st.buffer.length) {
    var next = st.buffer.shift();
    doWrite(this, st, next.chunk, next.encoding, next.cb);
  }
};

W.setDefaultEncoding = function (encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  if (!Buffer.isEncoding(encoding)) {
    throw streamError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
  }
  wstate(this).defaultEncoding = encoding;
  return this;
};

// ---- Duplex, Transform, PassThrough -----------------------------------------------------

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  initWritable(this, options);
  this.allowHalfOpen = !options || options.allowHalfOpen !== false;
}
util.inherits(Duplex, Readable);
Stream.Duplex = Duplex;

Object.keys(W).forEach(function (name) {
  if (!Object.prototype.hasOwnProperty.call(Duplex.prototype, name)) Duplex.prototype[name] = W[name];
});
Duplex.prototype.destroy = destroy;

// A Duplex (or anything made from its prototype, like net.Socket) is a Writable too.
if (typeof Symbol === 'function' && Symbol.hasInstance) {
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value: function (obj) {
      if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
      return this === Writable && obj !== null && typeof obj === 'object' &&
        Duplex.prototype.isPrototypeOf(obj);
    }
  });
}

// Transform: what is written goes through _transform(chunk, encoding, cb), and what cb
// (or this.push) gives is read from the other side. end() runs _flush(cb) first.
function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  this._transformCallback = null;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
}
util.inherits(Transform, Duplex);
Stream.Transform = Transform;

Transform.prototype._transform = function (chunk, encoding, cb) {
  cb(streamError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented'));
};

Transform.prototype._write = function (chunk, encoding, cb) {
  var self = this;
  this._transform(chunk, encoding, function (err, data) {
    if (err) {
      cb(err);
      return;
    }
    if (data !== undefined && data !== null) self.push(data);
    // Backpressure: the next write waits until the readable side is read.
    var r = self._readableState;
    if (r.length < r.highWaterMark) cb();
    else self._transformCallback = cb;
  });
};

Transform.prototype._read = function () {
  var cb = this._transformCallback;
  if (cb) {
    this._transformCallback = null;
    cb();
  }
};

Transform.prototype._final = function (cb) {
  var self = this;
  function done(err, data) {
    if (err) {
      cb(err);
      return;
    }
    if (data !== undefined && data !== null) self.push(data);
    self.push(null);
    cb();
  }
  if (typeof this._flush === 'function') this._flush(done);
  else done();
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
util.inherits(PassThrough, Transform);
Stream.PassThrough = PassThrough;

PassThrough.prototype._transform = function (chunk, encoding, cb) {
  cb(null, chunk);
};

module.exports = Stream;
