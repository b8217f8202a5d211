// string_decoder: a byte stream decoded into strings without splitting a character across
// chunks (socket.setEncoding). StringDecoder(encoding), write(buffer), end([buffer]).
function StringDecoder(encoding) {
  this.encoding = String(encoding).toLowerCase();
  if (!Buffer.isEncoding(this.encoding)) throw new TypeError('Unknown encoding: ' + encoding);
  this.rest = undefined;
}
StringDecoder.prototype.write = function (buf) {
  if (this.rest) {
    buf = Buffer.concat([this.rest, buf]);
    this.rest = undefined;
  }
  var keep = 0;
  if (this.encoding === 'utf8' || this.encoding === 'utf-8') {
    // An incomplete sequence at the end waits for the next chunk.
    for (var i = buf.length - 1, n = 0; i >= 0 && n < 4; --i, ++n) {
      var b = buf[i];
      if ((b & 0xc0) === 0x80) continue;
      var need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (n + 1 < need) keep = n + 1;
      break;
    }
  } else if (this.encoding === 'base64') {
    keep = buf.length % 3;
  } else if (this.encoding === 'ucs2' || this.encoding === 'utf16le' || this.encoding === 'ucs-2' || this.encoding === 'utf-16le') {
    keep = buf.length % 2;
  }
  if (keep) {
    this.rest = Buffer.from(buf.slice(buf.length - keep));
    buf = buf.slice(0, buf.length - keep);
  }
  return buf.toString(this.encoding);
};
StringDecoder.prototype.end = function (buf) {
  var out = buf ? this.write(buf) : '';
  if (this.rest) {
    out += this.rest.toString(this.encoding);
    this.rest = undefined;
  }
  return out;
};

exports.StringDecoder = StringDecoder;
