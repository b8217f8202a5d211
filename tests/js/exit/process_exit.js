// process.exit(7): status 7 at once; 'exit' gets 7; pending work is abandoned, and the rest
// of the calling function does not run.
process.on('exit', function (code) { console.log('exit event code=' + code); });
setTimeout(function () { console.log('MUST NOT RUN: a pending timer'); }, 10);
setTimeout(function () {
  process.exit(7);
  console.log('MUST NOT RUN: after process.exit()');
}, 1);
