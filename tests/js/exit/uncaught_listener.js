// An 'uncaughtException' listener takes the exception: status 0, and later work still runs.
process.on('uncaughtException', function (err) { console.log('caught: ' + err.message); });
process.on('exit', function (code) { console.log('exit event code=' + code); });
setTimeout(function () { throw new Error('boom taken by the listener'); }, 1);
setTimeout(function () { console.log('later timer ran'); }, 20);
