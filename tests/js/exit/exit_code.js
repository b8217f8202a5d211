// process.exitCode = 5, then the loop empties: status 5, and 'exit' gets 5.
process.on('exit', function (code) { console.log('exit event code=' + code); });
setTimeout(function () { process.exitCode = 5; }, 1);
