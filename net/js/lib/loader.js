// CommonJS for the script's own files, as Node resolves them: relative and absolute paths
// (exact, .js, .json, a directory's package.json "main" or index.js), bare names in
// node_modules up the tree, one cache by file name, cycles served the partial exports.
var cache = {};

function normalize(path) {
  var abs = path.charAt(0) === '/';
  var out = [];
  path.split('/').forEach(function (part) {
    if (part === '' || part === '.')
      return;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      return;
    }
    out.push(part);
  });
  return (abs ? '/' : '') + (out.join('/') || (abs ? '' : '.'));
}
function dirname(path) {
  var i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}
function absolute(path, base) {
  return normalize(path.charAt(0) === '/' ? path : base + '/' + path);
}

function asFile(path) {
  if (binding.stat(path) === 'file') return path;
  if (binding.stat(path + '.js') === 'file') return path + '.js';
  if (binding.stat(path + '.json') === 'file') return path + '.json';
  return undefined;
}
function asDirectory(path) {
  if (binding.stat(path) !== 'dir') return undefined;
  var pkg = binding.readFile(path + '/package.json');
  if (pkg !== undefined) {
    var main;
    try { main = JSON.parse(pkg).main; } catch (e) { main = undefined; }
    if (typeof main === 'string') {
      var m = asFile(absolute(main, path)) || asDirectory(absolute(main, path));
      if (m) return m;
    }
  }
  return asFile(path + '/index');
}

function resolve(request, fromDir) {
  if (request.charAt(0) === '/' || request.slice(0, 2) === './' || request.slice(0, 3) === '../' ||
      request === '.' || request === '..') {
    var p = absolute(request, fromDir);
    return asFile(p) || asDirectory(p);
  }
  for (var dir = fromDir; ; dir = dirname(dir)) {
    if (dir.slice(-13) !== '/node_modules') {
      var q = dir + '/node_modules/' + request;
      var found = asFile(q) || asDirectory(q);
      if (found) return found;
    }
    if (dir === '/' || dir === '.') return undefined;
  }
}

function Module(id, parent) {
  this.id = id;
  this.filename = id;
  this.exports = {};
  this.parent = parent;
  this.loaded = false;
  this.children = [];
}

function notFound(request, parent) {
  var e = new Error("Cannot find module '" + request + "'" +
                    (parent ? "\nRequire stack:\n- " + parent.filename : ''));
  e.code = 'MODULE_NOT_FOUND';
  return e;
}

function load(request, parent) {
  if (typeof request !== 'string' || request === '')
    throw new TypeError('The "id" argument must be a non-empty string');
  var name = request.slice(0, 5) === 'node:' ? request.slice(5) : request;
  if (require.isPublic(name))
    return require(name);
  var filename = resolve(request, parent ? dirname(parent.filename) : binding.cwd());
  if (!filename)
    throw notFound(request, parent);
  var cached = cache[filename];
  if (cached)
    return cached.exports;
  var m = new Module(filename, parent);
  cache[filename] = m;
  if (parent) parent.children.push(m);
  try {
    var source = binding.readFile(filename);
    if (source === undefined)
      throw notFound(request, parent);
    if (filename.slice(-5) === '.json') {
      m.exports = JSON.parse(source);
    } else {
      if (source.slice(0, 2) === '#!')
        source = '//' + source.slice(2);
      var fn = binding.compile(source, filename);
      fn.call(m.exports, m.exports, makeRequire(m), m, filename, dirname(filename));
    }
  } catch (e) {
    delete cache[filename];
    throw e;
  }
  m.loaded = true;
  return m.exports;
}

var mainModule;
function makeRequire(m) {
  var r = function require(request) { return load(request, m); };
  r.resolve = function (request) { return resolveFrom(request, m); };
  r.cache = cache;
  r.main = mainModule;
  return r;
}
function resolveFrom(request, m) {
  if (require.isPublic(request)) return request;
  var f = resolve(request, dirname(m.filename));
  if (!f) throw notFound(request, m);
  return f;
}
Module.prototype.require = function (request) { return load(request, this); };

// The main module is made by bootstrap.js (so that a script that requires no file of its
// own never loads this module); it joins the cache when this module loads.
exports.adoptMain = function (m) {
  mainModule = m;
  cache[m.filename] = m;
};
exports.load = load;
exports.resolveFrom = resolveFrom;
exports.cache = cache;
