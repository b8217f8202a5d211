#!/usr/bin/env bash
# Nothing of a kernel-backend run is left: after SIGTERM the run cleans up itself; after
# SIGKILL its namespaces stay until `netbed cleanup` removes them (and only the dead run's).
# Usage: leak.sh NETBED SCENARIO_DIR WORK
set -uo pipefail
netbed=$1 scenarios=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
failures=0 passes=0
ok() { echo "ok   $1"; passes=$((passes + 1)); }
bad() { echo "FAIL $1"; failures=$((failures + 1)); }
left() { ls /run/netns 2>/dev/null | grep -c "^netbed-$1[-~]"; }

# Starts a run in the background; sets pid and id (from its note) once its namespaces exist.
start() {
  "$netbed" run "$scenarios/quickstart.yaml" --backend kernel --out "$work/$1" >"$work/$1.out" 2>"$work/$1.err" &
  pid=$!
  id=""
  for _ in $(seq 1 100); do
    id=$(grep -o 'netbed-[0-9a-f]\{6\}-NODE' "$work/$1.err" | head -1 | cut -c8-13)
    [ -n "$id" ] && [ "$(left "$id")" -gt 0 ] && return 0
    sleep 0.1
  done
  return 1
}

start term || bad "a run starts (SIGTERM case)"
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" = 1 ] && ok "SIGTERM stops the run (exit 1)" || bad "SIGTERM: exit $status, expected 1"
[ "$(left "$id")" = 0 ] && ok "SIGTERM: the run removed its namespaces" || bad "SIGTERM: namespaces of $id left"
grep -q "stopped early (SIGTERM)" "$work/term.err" && ok "SIGTERM: the run says why" || bad "SIGTERM: no reason given"

start kill || bad "a run starts (SIGKILL case)"
n=$(left "$id")
kill -KILL "$pid"
wait "$pid" 2>/dev/null
[ "$(left "$id")" = "$n" ] && ok "SIGKILL leaves the $n namespaces of $id" || bad "SIGKILL: namespaces changed"
"$netbed" cleanup >"$work/cleanup.out" 2>&1
status=$?
[ "$status" = 0 ] && ok "netbed cleanup exits 0" || bad "netbed cleanup: exit $status"
[ "$(left "$id")" = 0 ] && ok "netbed cleanup removed them" || bad "netbed cleanup left namespaces of $id"
grep -q "removed netbed-$id-gateway" "$work/cleanup.out" && ok "cleanup names what it removed" || bad "cleanup output"
[ ! -e "/run/netbed/$id.lock" ] && ok "the dead run's lock is gone" || bad "lock of $id left"

# A live run is left alone by cleanup.
start live || bad "a run starts (live case)"
"$netbed" cleanup >/dev/null 2>&1
[ "$(left "$id")" -gt 0 ] && ok "cleanup leaves a live run alone" || bad "cleanup removed a live run's namespaces"
kill -TERM "$pid"
wait "$pid"

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
