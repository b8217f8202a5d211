// Exit status 1, and "syntax_error.js:4" on stderr: line 4 does not parse.
var fine = 1;

var broken = function ( {
