// A script that catches process.exit()'s unwinding: it still exits with the code, and what it
// does afterwards (print, arm a timer) does not happen.
try {
  process.exit(4);
} catch (e) {
  console.log('MUST NOT RUN: printed after exit');
  setInterval(function () { console.log('MUST NOT RUN: an interval after exit'); }, 1);
}
