#!/bin/sh
# The exit-status contract of `netbed js` (net/js/README.md, "Exit codes"), on both backends:
# runs each script of exit/ and checks its status, and what it prints where that matters.
# usage: exit_codes.sh NETBED
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 NETBED" >&2
  exit 2
fi
NETBED=$1
cd "$(dirname "$0")/exit" || exit 2
out=$(mktemp) && err=$(mktemp) || exit 2
trap 'rm -f "$out" "$err"' EXIT
failures=0
checks=0

# expect BACKEND SCRIPT STATUS [STDERR_PATTERN [STDOUT_PATTERN]]: the patterns are grep -E
# expressions that must match; no script may print "MUST NOT RUN".
expect() {
  backend=$1 script=$2 want=$3 errpat=${4:-} outpat=${5:-}
  checks=$((checks + 1))
  timeout 30 "$NETBED" js --backend "$backend" "$script" >"$out" 2>"$err"
  got=$?
  problem=
  [ "$got" -eq "$want" ] || problem="status $got, want $want"
  if [ -n "$errpat" ] && ! grep -Eq -- "$errpat" "$err"; then
    problem="$problem${problem:+; }stderr lacks /$errpat/"
  fi
  if [ -n "$outpat" ] && ! grep -Eq -- "$outpat" "$out"; then
    problem="$problem${problem:+; }stdout lacks /$outpat/"
  fi
  if grep -q 'MUST NOT RUN' "$out" "$err"; then
    problem="$problem${problem:+; }ran what must not run"
  fi
  if [ -n "$problem" ]; then
    failures=$((failures + 1))
    echo "FAIL [$backend] $script: $problem"
    echo "  --- stdout"; sed 's/^/  | /' "$out"
    echo "  --- stderr"; sed 's/^/  | /' "$err"
  else
    echo "ok   [$backend] $script: status $got"
  fi
}

for b in os sim; do
  expect $b uncaught.js 1 'boom from a timer' '^exit event code=1$'
  expect $b uncaught_main.js 1 'TypeError: boom from the main script' '^exit event code=1$'
  expect $b exit_listener_throws.js 2 'boom from an exit listener'
  expect $b process_exit.js 7 '' '^exit event code=7$'
  expect $b exit_code.js 5 '' '^exit event code=5$'
  expect $b exit_overrides_exit_code.js 3 '' '^exit event code=3$'
  expect $b exit_default_code.js 4 '' '^exit event code=4$'
  expect $b syntax_error.js 1 'syntax_error\.js:4'
  expect $b syntax_error_in_module.js 1 'fixtures/bad_module\.js:2'
  expect $b uncaught_listener.js 0 '' '^later timer ran$'
  expect $b unhandled_error_event.js 1 'ENOTFOUND' '^exit event code=1$'
  expect $b unhandled_server_error.js 1 'EADDRINUSE'
  expect $b exit_in_uncaught_listener.js 3 '^caught from the main script$'
  expect $b exit_caught.js 4
done

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
