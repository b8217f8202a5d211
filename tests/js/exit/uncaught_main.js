// An exception thrown by the main script itself: status 1, message on stderr.
process.on('exit', function (code) { console.log('exit event code=' + code); });
setTimeout(function () { console.log('MUST NOT RUN: a timer of the script'); }, 1);
throw new TypeError('boom from the main script');
