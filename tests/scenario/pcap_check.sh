#!/bin/bash
# Runs a scenario with pcap on and checks every connection in it with netbed check-pcap
# (the packet-level TCP invariants of sim/check/README.md).
#   pcap_check.sh NETBED SCENARIO OUTDIR
set -u
netbed=$1 scenario=$2 out=$3
rm -rf "$out"
if ! "$netbed" run "$scenario" --quiet --pcap --out "$out"; then
  echo "$scenario: the run failed" >&2
  exit 1
fi
"$netbed" check-pcap "$out/pcap"
