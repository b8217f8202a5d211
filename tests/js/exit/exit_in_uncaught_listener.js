// process.exit() inside an 'uncaughtException' listener: that code, nothing printed after.
process.on('uncaughtException', function (e) {
  console.error('caught ' + e.message);
  process.exit(3);
});
setTimeout(function () { console.log('MUST NOT RUN: a timer after exit'); }, 10);
throw new Error('from the main script');
