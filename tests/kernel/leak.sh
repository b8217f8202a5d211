#!/usr/bin/env bash
# Nothing of a kernel-backend run is left: after SIGTERM the run cleans up itself; after
# SIGKILL its namespaces stay until `netbed cleanup` removes them (and only the dead run's).
# Then 50 runs of a scenario that makes every kind of thing a run creates, ended every way a run
# ends, and nothing of any of them is left.
# Usage: leak.sh NETBED SCENARIO_DIR WORK [CHURN_SCENARIO]
set -uo pipefail
netbed=$1 scenarios=$2 work=$3 churn=${4:-}
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

# 50 runs of the churn scenario (namespaces, veths, a bridge, tbf, the delay line's queues,
# nftables rules, a crash and a reboot), ended in turn: completed, SIGTERM, SIGINT, SIGKILL then
# `netbed cleanup`, --max-wall. Other kernel tests may run beside: only these runs' names count.
if [ -n "$churn" ]; then
  ids=() pids=() broken=0
  for i in $(seq 0 49); do
    way=$((i % 5)) out="$work/churn$i"
    limit=() # runs to be killed last long enough that no kill comes too late on a loaded machine
    case $way in 1 | 2 | 3) limit=(--set duration=30s) ;; 4) limit=(--max-wall 400ms) ;; esac
    "$netbed" run "$churn" --backend kernel --out "$out" "${limit[@]}" >"$out.out" 2>"$out.err" &
    pid=$! id=""
    for _ in $(seq 1 100); do # its namespaces exist (or it has ended already: a short --max-wall)
      id=$(grep -so 'netbed-[0-9a-f]\{6\}-NODE' "$out.err" | head -1 | cut -c8-13)
      [ -n "$id" ] && { [ "$(left "$id")" -gt 0 ] || ! kill -0 "$pid" 2>/dev/null; } && break
      sleep 0.05
    done
    case $way in
    1) sleep 0.3 && kill -TERM "$pid" ;;
    2) sleep 0.5 && kill -INT "$pid" ;;
    3) sleep 0.45 && kill -KILL "$pid" ;;
    esac
    wait "$pid" 2>/dev/null
    status=$?
    want=(0 1 1 137 1)
    [ "$status" = "${want[$way]}" ] || { bad "churn run $i (way $way): exit $status, expected ${want[$way]}"; broken=1; }
    [ -n "$id" ] || id=$(grep -so 'netbed-[0-9a-f]\{6\}-NODE' "$out.err" | head -1 | cut -c8-13)
    [ -n "$id" ] || { bad "churn run $i never said its id"; broken=1; }
    [ "$way" = 3 ] && "$netbed" cleanup >>"$work/churn-cleanup.out" 2>&1
    ids+=("$id") pids+=("$pid")
  done
  [ "$broken" = 0 ] && ok "50 churn runs ended as asked (completed, SIGTERM, SIGINT, SIGKILL + cleanup, --max-wall)"
  leftover=""
  for k in "${!ids[@]}"; do
    id=${ids[$k]}
    [ -n "$id" ] || continue
    [ "$(left "$id")" = 0 ] || leftover+=" namespaces-of-$id"
    [ -e "/run/netbed/$id.lock" ] && leftover+=" lock-of-$id"
    ip -o link show | grep -q "nb$id" && leftover+=" host-interface-of-$id"
    tc qdisc show | grep -q "nb$id" && leftover+=" host-qdisc-of-$id"
    nft list tables 2>/dev/null | grep -q "netbed_$id" && leftover+=" host-nft-table-of-$id"
    awk -v p="${pids[$k]}" '$2 == p' /proc/net/netfilter/nfnetlink_queue 2>/dev/null | grep -q . && leftover+=" queue-of-$id"
  done
  [ -z "$leftover" ] && ok "after the 50 runs no namespace, interface, qdisc, rule, queue or lock of theirs is left" ||
    bad "left after the churn runs:$leftover"
fi

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
