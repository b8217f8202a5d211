# The shell tests' checks (cli.sh, compare.sh): each prints "ok   WHAT" or "FAIL WHAT" with the
# evidence and counts the failures in $failures; outputs go to $work/out.txt and $work/err.txt.
failures=0
check() { # check DESCRIPTION EXPECTED_STATUS COMMAND...
  local what=$1 expected=$2
  shift 2
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local status=$?
  if [ $status -ne "$expected" ]; then
    echo "FAIL $what: exit $status, expected $expected"; cat "$work/out.txt" "$work/err.txt"
    failures=$((failures + 1))
  else
    echo "ok   $what"
  fi
}
contains() { # contains DESCRIPTION FILE TEXT
  if grep -qF -- "$3" "$2"; then echo "ok   $1"; else echo "FAIL $1: no '$3' in $2"; cat "$2"; failures=$((failures + 1)); fi
}
