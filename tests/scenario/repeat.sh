#!/bin/bash
# Runs a scenario twice with `netbed run` and checks that both runs pass their expectations
# and write the same trace (same hash, same bytes).
#   repeat.sh NETBED SCENARIO OUTDIR [netbed run options...]
set -u
netbed=$1 scenario=$2 out=$3
shift 3
rm -rf "$out"
for run in a b; do
  "$netbed" run "$scenario" --quiet --out "$out/$run" "$@"
  status=$?
  if [ $status -ne 0 ]; then
    echo "run $run of $scenario exited with $status" >&2
    exit 1
  fi
done
hash() { grep -o '"hash": "[0-9a-f]*"' "$1/summary.json"; }
if [ "$(hash "$out/a")" != "$(hash "$out/b")" ] || ! cmp -s "$out/a/trace.jsonl" "$out/b/trace.jsonl"; then
  echo "$scenario: the two runs differ: $(hash "$out/a") vs $(hash "$out/b")" >&2
  exit 1
fi
echo "$scenario: passed twice, $(hash "$out/a")"
