// An 'exit' listener that throws: status 2, its message on stderr.
process.on('exit', function () { throw new Error('boom from an exit listener'); });
