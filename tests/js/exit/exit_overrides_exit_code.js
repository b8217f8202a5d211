// process.exit(3) overrides process.exitCode; process.exit() without a code uses it
// (checked in exit_default_code.js).
process.exitCode = 5;
process.on('exit', function (code) { console.log('exit event code=' + code); });
process.exit(3);
