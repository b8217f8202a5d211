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
  if (typeof hostname !== 'string' || hostname === '') {
    var e = new TypeError('The "hostname" argument must be a non-empty string. Received ' + typeof hostname);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  var family = familyOf(typeof options === 'object' && options !== null ? options.family : options);
  var all = typeof options === 'object' && options !== null && options.all === true;
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
