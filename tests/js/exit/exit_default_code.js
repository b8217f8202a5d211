// process.exit() without a code exits with process.exitCode.
process.exitCode = 4;
process.on('exit', function (code) { console.log('exit event code=' + code); });
setImmediate(function () { process.exit(); });
