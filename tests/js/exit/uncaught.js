// An uncaught exception: status 1, its message (and stack) on stderr, 'exit' emitted with 1,
// nothing after it runs.
process.on('exit', function (code) { console.log('exit event code=' + code); });
setTimeout(function () { throw new Error('boom from a timer'); }, 5);
setTimeout(function () { console.log('MUST NOT RUN: a later timer'); }, 50);
