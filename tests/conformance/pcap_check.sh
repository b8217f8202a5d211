#!/usr/bin/env bash
# Every conformance test on the simulated backends, with pcap on, then netbed check-pcap on
# each test's packets: the simulated TCP must satisfy the packet-level invariants
# (sim/check/README.md) in every case the suite exercises.
# Usage: pcap_check.sh CONFORMANCE_BINARY NETBED_BINARY WORK_DIR
set -euo pipefail
conformance=$1 netbed=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
NETBED_CONFORMANCE_PCAP="$work" "$conformance" --gtest_filter='*/sim.*:*/sim_nic.*' --gtest_brief=1 >"$work/suite.log" 2>&1 ||
  { tail -50 "$work/suite.log"; echo "pcap_check: the suite itself failed"; exit 1; }
failed=0 checked=0
for dir in "$work"/*/; do
  ls "$dir"*.pcap >/dev/null 2>&1 || continue
  checked=$((checked + 1))
  if "$netbed" check-pcap "$dir" >"$dir/check.txt" 2>&1; then
    rm -f "$dir"*.pcap # a passing test's packets are not kept (hundreds of MB in all)
  else
    failed=$((failed + 1))
    echo "== $(basename "$dir")"
    head -20 "$dir/check.txt"
  fi
done
echo "pcap_check: $checked tests checked, $failed with violations"
[ "$checked" -gt 0 ] && [ "$failed" -eq 0 ]
