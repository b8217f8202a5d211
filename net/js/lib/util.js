// util: format, inspect, inherits and IoT.js's type predicates, after Node.js.
// console.log is util.format written to stdout, so format/inspect follow Node's output.

var toStr = Object.prototype.toString;
var hasOwn = Object.prototype.hasOwnProperty;
var custom = typeof Symbol === 'function' ? Symbol['for']('nodejs.util.inspect.custom') : undefined;

// ---- predicates -------------------------------------------------------------------------

function isNull(v) { return v === null; }
function isUndefined(v) { return v === undefined; }
function isNullOrUndefined(v) { return v === null || v === undefined; }
function isNumber(v) { return typeof v === 'number'; }
function isBoolean(v) { return typeof v === 'boolean'; }
function isString(v) { return typeof v === 'string'; }
function isSymbol(v) { return typeof v === 'symbol'; }
function isObject(v) { return typeof v === 'object' && v !== null; }
function isFunction(v) { return typeof v === 'function'; }
function isRegExp(v) { return toStr.call(v) === '[object RegExp]'; }
function isDate(v) { return toStr.call(v) === '[object Date]'; }
function isError(v) { return v instanceof Error || toStr.call(v) === '[object Error]'; }
function isPrimitive(v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); }
// The global Buffer shares its prototype with Duktape's built-in one (see buffer.js).
function isBuffer(v) { return typeof Buffer === 'function' && v instanceof Buffer; }

exports.isNull = isNull;
exports.isUndefined = isUndefined;
exports.isNullOrUndefined = isNullOrUndefined;
exports.isNumber = isNumber;
exports.isBoolean = isBoolean;
exports.isString = isString;
exports.isSymbol = isSymbol;
exports.isObject = isObject;
exports.isFunction = isFunction;
exports.isBuffer = isBuffer;
exports.isArray = Array.isArray;
exports.isError = isError;
exports.isRegExp = isRegExp;
exports.isDate = isDate;
exports.isPrimitive = isPrimitive;
if (binding.compat === 'iotjs')
  exports.isFinite = function (v) { return isNumber(v) && isFinite(v); }; // IoT.js's util has it, Node's not

// ---- inherits, deprecate, debuglog ------------------------------------------------------

exports.inherits = function (ctor, superCtor) {
  if (typeof ctor !== 'function') {
    throw new TypeError('The "ctor" argument must be of type function');
  }
  if (typeof superCtor !== 'function' || typeof superCtor.prototype !== 'object') {
    throw new TypeError('The "superCtor" argument must be of type function with a prototype');
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  // Keeps what ctor.prototype already has (Node does the same).
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
};

exports.deprecate = function (fn, msg) {
  var warned = false;
  return function () {
    if (!warned) {
      warned = true;
      if (typeof console === 'object' && console.error) console.error('DeprecationWarning: ' + msg);
    }
    return fn.apply(this, arguments);
  };
};

function noop() {}
noop.enabled = false;
exports.debuglog = function () { return noop; };

// ---- format -----------------------------------------------------------------------------

function formatNumber(n) {
  return n === 0 && 1 / n < 0 ? '-0' : String(n);
}

// Whether String(v) says more than inspect: a toString other than a built-in one
// (Node's rule for %s; so a Buffer prints as its text).
function hasUserToString(v) {
  var f = v.toString;
  return typeof f === 'function' && f !== toStr && f !== Array.prototype.toString &&
    f !== Error.prototype.toString && f !== Date.prototype.toString &&
    f !== RegExp.prototype.toString && f !== Number.prototype.toString &&
    f !== String.prototype.toString && f !== Boolean.prototype.toString;
}

function formatArg(code, v) {
  switch (code) {
    case 's':
      if (typeof v === 'number') return formatNumber(v);
      if (typeof v === 'symbol') return String(v);
      if (typeof v !== 'object' || v === null || hasUserToString(v)) return String(v);
      return inspect(v, { depth: 0 });
    case 'd':
      return typeof v === 'symbol' ? 'NaN' : formatNumber(Number(v));
    case 'i':
      return typeof v === 'symbol' ? 'NaN' : formatNumber(parseInt(v, 10));
    case 'f':
      return typeof v === 'symbol' ? 'NaN' : formatNumber(parseFloat(v));
    case 'j':
      try {
        return String(JSON.stringify(v));
      } catch (e) {
        if (e instanceof TypeError) return '[Circular]';
        throw e;
      }
    case 'o':
      return inspect(v, { depth: 4 });
    case 'O':
      return inspect(v);
    case 'c':
      return '';
  }
}

function format(f) {
  var n = arguments.length, out = '', a = 1, last = 0, i, c;
  if (typeof f === 'string') {
    if (n === 1) return f;
    for (i = 0; i < f.length - 1; i++) {
      if (f.charCodeAt(i) !== 37) continue;            // '%'
      c = f.charAt(i + 1);
      if (c === '%') {                                  // '%%' is '%', with or without args
        out += f.substring(last, i + 1);
        last = i + 2;
        i++;
      } else if (a < n && 'sdifjoOc'.indexOf(c) >= 0) {
        out += f.substring(last, i) + formatArg(c, arguments[a++]);
        last = i + 2;
        i++;
      }
    }
    out += f.substring(last);
  } else {
    a = 0;
  }
  // Arguments left over: strings as they are, anything else inspected.
  for (; a < n; a++) {
    if (out !== '' || a > 0) out += ' ';
    out += typeof arguments[a] === 'string' ? arguments[a] : inspect(arguments[a]);
  }
  return out;
}
exports.format = format;

// ---- inspect ----------------------------------------------------------------------------

// inspect(value[, options]) or the old inspect(value, showHidden, depth).
function inspect(value, opts) {
  var ctx = {
    depth: 2, breakLength: 80, maxArrayLength: 100, maxStringLength: 10000,
    customInspect: true, seen: [], innermost: 0, opts: opts
  };
  if (typeof opts === 'object' && opts !== null) {
    if (opts.depth !== undefined) ctx.depth = opts.depth;
    if (opts.breakLength !== undefined) ctx.breakLength = opts.breakLength;
    if (opts.maxArrayLength !== undefined) ctx.maxArrayLength = opts.maxArrayLength;
    if (opts.maxStringLength !== undefined) ctx.maxStringLength = opts.maxStringLength;
    if (opts.customInspect !== undefined) ctx.customInspect = opts.customInspect;
  } else if (arguments.length > 2 && arguments[2] !== undefined) {
    ctx.depth = arguments[2];
  }
  if (ctx.depth === null) ctx.depth = Infinity;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0, '');
}
inspect.custom = custom;
exports.inspect = inspect;

// Escapes as Node: \n \t \r \b \f, other control characters as \xHH.
function escapeChar(ch) {
  switch (ch) {
    case '\n': return '\\n';
    case '\t': return '\\t';
    case '\r': return '\\r';
    case '\b': return '\\b';
    case '\f': return '\\f';
  }
  var c = ch.charCodeAt(0);
  if (c < 0x20 || c === 0x7f) return '\\x' + (c < 16 ? '0' : '') + c.toString(16).toUpperCase();
  return '\\' + ch;                                     // the backslash or the quote
}

// Single quotes, or double or back quotes if that avoids escaping.
function quote(s, maxLength) {
  var q = "'", re, more = '';
  if (maxLength !== undefined && s.length > maxLength) {
    more = '... ' + (s.length - maxLength) + ' more character' + (s.length - maxLength > 1 ? 's' : '');
    s = s.substring(0, maxLength);
  }
  if (s.indexOf("'") >= 0) {
    if (s.indexOf('"') < 0) q = '"';
    else if (s.indexOf('`') < 0 && s.indexOf('${') < 0) q = '`';
  }
  re = q === "'" ? /['\\\x00-\x1f\x7f]/g : q === '"' ? /["\\\x00-\x1f\x7f]/g : /[`\\\x00-\x1f\x7f]/g;
  return q + s.replace(re, escapeChar) + q + more;
}

function formatKey(key) {
  if (typeof key === 'symbol') return '[' + String(key) + ']';
  return /^[A-Za-z_][A-Za-z_0-9]*$/.test(key) ? key : quote(key);   // as Node: '$' is quoted
}

function isIndex(key) {
  return typeof key === 'string' && String(key >>> 0) === key && key !== '4294967295';
}

function enumerableKeys(v) {
  var keys = Object.keys(v), syms, i;
  if (Object.getOwnPropertySymbols) {
    syms = Object.getOwnPropertySymbols(v);
    for (i = 0; i < syms.length; i++) {
      if (Object.prototype.propertyIsEnumerable.call(v, syms[i])) keys.push(syms[i]);
    }
  }
  return keys;
}

// The constructor's name, null for a null prototype.
function constructorName(v) {
  var p = Object.getPrototypeOf(v);
  if (p === null) return null;
  var c = p.constructor;
  return typeof c === 'function' && c.name ? c.name : 'Object';
}

function formatValue(ctx, v, level, indent) {
  switch (typeof v) {
    case 'undefined': return 'undefined';
    case 'number': return formatNumber(v);
    case 'boolean': return String(v);
    case 'string': return quote(v, ctx.maxStringLength);
    case 'symbol': return String(v);
  }
  if (v === null) return 'null';
  if (ctx.customInspect && custom !== undefined && typeof v[custom] === 'function' &&
      v[custom] !== inspect) {
    var r = v[custom](ctx.depth - level, ctx.opts || {}, inspect);
    if (r !== v) return typeof r === 'string' ? r : formatValue(ctx, r, level, indent);
  }
  if (ctx.seen.indexOf(v) >= 0) return '[Circular]';
  return formatObject(ctx, v, level, indent);
}

function bufferBytes(v, max) {
  var hex = Duktape.enc('hex', Uint8Array.prototype.subarray.call(v, 0, max));
  return hex.replace(/(..)(?!$)/g, '$1 ');
}

function formatObject(ctx, v, level, indent) {
  var name = constructorName(v), tag = toStr.call(v);
  var base = '', open = '{', close = '}', keys, elements = null, out = [], i;
  var inner = indent + '  ';

  if (isBuffer(v)) {
    return '<Buffer' + (v.length ? ' ' + bufferBytes(v, 50) : ' ') +
      (v.length > 50 ? ' ... ' + (v.length - 50) + ' more byte' + (v.length > 51 ? 's' : '') : '') + '>';
  }
  if (v instanceof ArrayBuffer) {
    v = new Uint8Array(v);
    return 'ArrayBuffer { [Uint8Contents]: <' + bufferBytes(v, 50) +
      (v.length > 50 ? ' ... ' + (v.length - 50) + ' more bytes' : '') + '>, byteLength: ' +
      v.length + ' }';
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    // A typed array: its elements, no other properties (Object.keys would list every index).
    open = name + '(' + v.length + ') [';
    close = ']';
    keys = [];
    elements = v;
  } else {
    keys = enumerableKeys(v);
    if (Array.isArray(v)) {
      open = (name !== 'Array' ? (name || '[Array: null prototype]') + '(' + v.length + ') ' : '') + '[';
      close = ']';
      elements = v;
      keys = keys.filter(function (k) { return !isIndex(k); });
    } else if (typeof v === 'function') {
      base = '[Function' + (v.name ? ': ' + v.name : ' (anonymous)') + ']';
    } else if (tag === '[object RegExp]') {
      base = String(v);
    } else if (tag === '[object Date]') {
      base = isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    } else if (isError(v)) {
      base = typeof v.stack === 'string' && v.stack ? v.stack : '[' + Error.prototype.toString.call(v) + ']';
      if (indent) base = base.replace(/\n/g, '\n' + indent);
      keys = keys.filter(function (k) { return k !== 'stack' && k !== 'message'; });
    } else if (typeof v === 'object' &&
               (tag === '[object Number]' || tag === '[object String]' || tag === '[object Boolean]')) {
      base = '[' + tag.slice(8, -1) + ': ' + formatValue(ctx, v.valueOf(), level, indent) + ']';
      if (tag === '[object String]') keys = keys.filter(function (k) { return !isIndex(k); });
    } else if (name === null) {
      open = '[Object: null prototype] {';
    } else if (name !== 'Object') {
      open = name + ' {';
    }
  }

  if (keys.length === 0 && (elements === null || elements.length === 0)) {
    return base || open + close;
  }
  if (level > ctx.depth) {
    return '[' + (name === null ? 'Object: null prototype' : name) + ']';
  }

  ctx.seen.push(v);
  ctx.innermost = level + 1;
  if (elements !== null) formatElements(ctx, elements, level, inner, out);
  for (i = 0; i < keys.length; i++) out.push(formatProperty(ctx, v, keys[i], level, inner));
  ctx.seen.pop();
  return join(ctx, out, base, open, close, level, indent);
}

function formatElements(ctx, v, level, inner, out) {
  var shown = Math.min(v.length, ctx.maxArrayLength), holes = 0, i, rest;
  var typed = !Array.isArray(v);
  for (i = 0; i < shown; i++) {
    if (!typed && !hasOwn.call(v, i)) {
      holes++;
      continue;
    }
    if (holes) {
      out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
      holes = 0;
    }
    out.push(formatValue(ctx, v[i], level + 1, inner));
  }
  if (holes) out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
  rest = v.length - shown;
  if (rest > 0) out.push('... ' + rest + ' more item' + (rest > 1 ? 's' : ''));
}

function formatProperty(ctx, obj, key, level, inner) {
  var desc = Object.getOwnPropertyDescriptor(obj, key) || { value: obj[key] };
  var str;
  if (desc.get || desc.set) {
    str = desc.get ? (desc.set ? '[Getter/Setter]' : '[Getter]') : '[Setter]';
  } else {
    str = formatValue(ctx, desc.value, level + 1, inner);
  }
  return formatKey(key) + ': ' + str;
}

// One line if it fits and the value nests fewer than 3 levels of objects (Node's
// default `compact: 3`); otherwise one entry per line.
function join(ctx, out, base, open, close, level, indent) {
  var start = base ? base + ' ' : '';
  if (ctx.innermost - (level + 1) < 3) {
    var line = start + open + ' ' + out.join(', ') + ' ' + close;
    if (line.length + indent.length + 9 <= ctx.breakLength && line.indexOf('\n') < 0) return line;
  }
  return start + open + '\n' + indent + '  ' + out.join(',\n' + indent + '  ') + '\n' + indent + close;
}
