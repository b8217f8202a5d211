// A syntax error in a required module: exit status 1, the module's file:line on stderr.
require('./fixtures/bad_module');
