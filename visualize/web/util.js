'use strict';
// Shared helpers: DOM and SVG builders, number and time formats, colours, the tooltip.

const SVGNS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, parent, text) {
  return place(document.createElement(tag), attrs, parent, text);
}

function svg(tag, attrs, parent, text) {
  return place(document.createElementNS(SVGNS, tag), attrs, parent, text);
}

// Sets the attributes that have a value and the text, and appends e to parent (each if given).
function place(e, attrs, parent, text) {
  if (attrs) for (const k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
  if (text !== undefined && text !== null) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

// A card: a titled section of the page. Returns its body.
function card(parent, id, title, subtitle) {
  const c = el('section', { class: 'card', id: id }, parent);
  const h = el('div', { class: 'card-head' }, c);
  el('h2', null, h, title);
  if (subtitle) el('div', { class: 'card-sub' }, h, subtitle);
  return el('div', { class: 'card-body' }, c);
}

function fmtInt(n) {
  return Number(n).toLocaleString('en-US');
}

// Exact nanoseconds in the largest unit that keeps them whole, digits grouped by three:
// 4013712000 -> "4.013 712 s", 1500 -> "1.5 µs".
function fmtNs(ns) {
  if (ns === null || ns === undefined || ns < 0) return '-';
  const units = [[1e9, 's'], [1e6, 'ms'], [1e3, 'µs'], [1, 'ns']];
  for (const [div, unit] of units) {
    if (ns >= div || div === 1) {
      const whole = Math.floor(ns / div);
      let frac = String(ns - whole * div).padStart(String(div).length - 1, '0');
      if (div === 1) frac = '';
      frac = frac.replace(/0+$/, '');
      const grouped = frac.replace(/(\d{3})(?=\d)/g, '$1 ');
      return fmtInt(whole) + (grouped ? '.' + grouped : '') + ' ' + unit;
    }
  }
  return ns + ' ns';
}

// Three significant digits without trailing zeros: 100 -> "100", 1.50 -> "1.5", 1234 -> "1234".
function sig3(v) {
  if (Math.abs(v) >= 100) return String(Math.round(v));
  const s = v.toPrecision(3);
  return s.indexOf('.') >= 0 ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

// sig3(v / divisor) + suffix for the first [threshold, divisor, suffix] of units that |v|
// reaches; null when it reaches none.
function scaled(v, units) {
  const a = Math.abs(v);
  for (const [threshold, divisor, suffix] of units) if (a >= threshold) return sig3(v / divisor) + suffix;
  return null;
}

const DURATION_UNITS = [[600e9, 60e9, ' min'], [1e9, 1e9, ' s'], [1e6, 1e6, ' ms'], [1e3, 1e3, ' µs']];
const BYTE_UNITS = [[1e9, 1e9, ' GB'], [1e6, 1e6, ' MB'], [1e4, 1e3, ' kB']];
const RATE_UNITS = [[1e9, 1e9, ' Gbit/s'], [1e6, 1e6, ' Mbit/s'], [1e3, 1e3, ' kbit/s']];
const COUNT_UNITS = [[1e9, 1e9, 'G'], [1e6, 1e6, 'M'], [1e4, 1e3, 'k']];

// A short, rounded duration for axes and tables: "13.7 ms", "4.01 s".
function fmtDur(ns) {
  if (ns === null || ns === undefined || isNaN(ns)) return '-';
  return scaled(ns, DURATION_UNITS) || Math.round(ns) + ' ns';
}

function fmtBytes(b) {
  if (b === null || b === undefined) return '-';
  return (b > 0 && scaled(b, BYTE_UNITS)) || fmtInt(b) + ' B';
}

function fmtRate(bitsPerSecond) {
  return scaled(bitsPerSecond, RATE_UNITS) || sig3(bitsPerSecond) + ' bit/s';
}

function fmtNum(v) {
  if (v === null || v === undefined || isNaN(v)) return '-';
  const s = scaled(v, COUNT_UNITS);
  if (s !== null) return s;
  if (Number.isInteger(v)) return String(v);
  return sig3(v);
}

// About `count` round values covering [lo, hi].
function niceTicks(lo, hi, count) {
  if (!(hi > lo)) { hi = lo + 1; }
  const raw = (hi - lo) / Math.max(1, count - 1);
  const scale = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = scale;
  for (const m of [1, 2, 5, 10]) if (m * scale >= raw) { step = m * scale; break; }
  const ticks = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  if (ticks[ticks.length - 1] < hi - step * 1e-9) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

const EVENT_COLOURS = {
  listening: '#9aa5b1', connection: '#4e79a7', lookup: '#76b7b2', connect: '#2f6db5', data: '#59a14f',
  drain: '#c9a227', end: '#b07aa1', timeout: '#f28e2b', close: '#616e7c', error: '#e15759', fault: '#c81e1e',
  nic: '#ff9da7'
};
const STATUS_COLOURS = {
  closed: '#3f8f3a', open: '#2f6db5', 'half-open': '#d9770b', timeout: '#c98a00', error: '#d64545', failed: '#8e5ea2'
};
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
function colour(i) { return PALETTE[i % PALETTE.length]; }

// Tooltips: any element with data-tip (text, lines split by \n) shows it under the pointer.
const Tooltip = {
  node: null,
  init() {
    this.node = document.getElementById('tooltip');
    document.addEventListener('mousemove', (e) => {
      let t = e.target;
      while (t && t !== document && !(t.getAttribute && t.getAttribute('data-tip'))) t = t.parentNode;
      if (!t || t === document) { this.node.hidden = true; return; }
      this.show(t.getAttribute('data-tip'), e.clientX, e.clientY);
    });
  },
  show(text, x, y) {
    if (this.node.textContent !== text) this.node.textContent = text;
    this.node.hidden = false;
    const w = this.node.offsetWidth, h = this.node.offsetHeight;
    const left = x + 14 + w > window.innerWidth ? x - w - 14 : x + 14;
    const top = y + 14 + h > window.innerHeight ? y - h - 10 : y + 14;
    this.node.style.left = Math.max(4, left) + 'px';
    this.node.style.top = Math.max(4, top) + 'px';
  }
};
