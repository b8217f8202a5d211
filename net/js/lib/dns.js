// dns.lookup(hostname[, options], callback): names resolve as connect() resolves them (the
// simulated world's node names, or the OS resolver on real sockets).
function familyOf(f) {
  if (f === 'IPv4') return 4;
  if (f === 'IPv6') return 6;
  if (f === undefined || f === null) return 0;
  if (f !== 0 && f !== 4 && f !== 6) {
    var e = new TypeError("The argument 'family' must be one of: 0, 4, 6. Received " + f);
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  return f;
}

var warned = false; // Node warns once a process

exports.lookup = function (hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') {
    var c = new TypeError('The "callback" argument must be of type function. Received ' + typeof callback);
    c.code = 'ERR_INVALID_ARG_TYPE';
    throw c;
  }
  if (hostname && typeof hostname !== 'string') {
    var e = new TypeError('The "hostname" argument must be of type string. Received ' + typeof hostname);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (typeof options === 'object' && options !== null && options.hints !== undefined && options.hints !== null) {
    // Node: a number of ADDRCONFIG, V4MAPPED and ALL only.
    var hints = typeof options.hints === 'number' ? options.hints >>> 0 : -1;
    if (hints === -1 || (hints & ~(1024 | 2048 | 256)) !== 0) {
      var h = new TypeError("The argument 'hints' is invalid. Received " + options.hints);
      h.code = 'ERR_INVALID_ARG_VALUE';
      throw h;
    }
  }
  var family = familyOf(typeof options === 'object' && options !== null ? options.family : options);
  var all = typeof options === 'object' && options !== null && options.all === true;
  if (!hostname) {
    // Node answers an empty name with no address (and a deprecation warning); IoT.js's resolver
    // fails it.
    if (binding.compat === 'iotjs') {
      var nf = new Error('getaddrinfo ENOTFOUND ' + (hostname === undefined ? '' : hostname));
      nf.code = 'ENOTFOUND';
      nf.errno = -3008;
      nf.syscall = 'getaddrinfo';
      nf.hostname = hostname;
      process.nextTick(callback, nf);
    } else {
      if (!warned)
        console.error('(node) [DEP0118] DeprecationWarning: The provided hostname "' + hostname +
                      '" is not a valid hostname, and is supported in the dns module solely for compatibility.');
      warned = true;
      if (all)
        process.nextTick(callback, null, []);
      else
        process.nextTick(callback, null, null, family === 6 ? 6 : 4);
    }
    return {};
  }
  binding.lookup(hostname, family, function (err, address, fam, list) {
    if (err) {
      err.hostname = hostname;
      callback(err);
    } else if (all) {
      callback(null, list);
    } else {
      callback(null, address, fam);
    }
  });
  return {};
};
exports.ADDRCONFIG = 1024;
exports.V4MAPPED = 2048;
exports.ALL = 256;
