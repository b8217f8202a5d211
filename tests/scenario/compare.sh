#!/bin/bash
# netbed compare: its usage errors, a comparison whose expectations fail (exit 1), and, as root,
# lossy-link on the simulator and the kernel backend with --report (exit 0, the rows, the kernel
# run's capture, compare.json and the reports' compare section). Not root: the kernel rows are skipped with a message (exit 77).
#   compare.sh NETBED SCENARIOS_DIR WORK_DIR
set -u
netbed=$1 scenarios=$2 work=$3
source "$(dirname "$0")/checks.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
row() { # row DESCRIPTION FILE NAME CELL... : a table line with these cells, in order, as printed (re:X: X a regex)
  local what=$1 file=$2 pattern="^  $3"
  shift 3
  for cell in "$@"; do
    case $cell in
    re:*) pattern+=" +${cell#re:}" ;; # a regular expression
    *) pattern+=" +$(printf '%s' "$cell" | sed 's/[.+]/\\&/g')" ;;
    esac
  done
  if grep -qE -- "$pattern\$" "$file"; then echo "ok   $what"; else echo "FAIL $what: no line /$pattern/ in $file"; cat "$file"; failures=$((failures + 1)); fi
}
lossy=$scenarios/lossy-link.yaml

check "compare --help" 0 "$netbed" compare --help
contains "--help names the backends option" "$work/out.txt" "--backends"
contains "--help tells the exit status" "$work/out.txt" "exit status: 0 both runs complete and every expectation holds on both"
check "compare without a file" 2 "$netbed" compare
contains "it says so" "$work/err.txt" "netbed compare: FILE is required"
check "the same backend twice" 2 "$netbed" compare "$lossy" --backends sim,sim
contains "two different backends" "$work/err.txt" \
  "netbed compare: --backends: expected two different backends of sim, os and kernel such as sim,kernel, got 'sim,sim'"
printf 'nodes:\n  a: {cout: 2}\n' > "$work/bad.yaml"
check "a bad file" 2 "$netbed" compare "$work/bad.yaml" --backends sim,os
contains "the file's error, file:line:col" "$work/err.txt" "bad.yaml:2:7: nodes.a.cout: unknown key 'cout'"
test ! -e "$work/netbed-out" && echo "ok   nothing written for a bad file" || { echo "FAIL output for a bad file"; failures=$((failures + 1)); }

# Five echoes per client, an expectation of four: it fails on both backends, so exit 1 with the
# whole table; the OS backend writes no pcap files, so its TCP rows are "-".
short=(--set nodes.client.apps.0.count=5 --set nodes.client.apps.0.jitter=100ms --set expect.1.equal=4)
check "a failed expectation is exit 1" 1 "$netbed" compare "$lossy" --backends sim,os "${short[@]}" --quiet \
  --out "$work/os"
cp "$work/out.txt" "$work/os.txt"
row "the header names the backends in order" "$work/os.txt" "" sim os diff ratio
row "the failed expectation on both" "$work/os.txt" "2 echo-client.messages == 4 per instance" FAIL FAIL same -
contains "what each measured" "$work/os.txt" "      os: echo-client.messages = 5 per instance over 8 instances"
row "messages: 8 clients x 5" "$work/os.txt" "echo-client.messages" 40 40 +0 1.000
row "bytes: 40 x 512 B" "$work/os.txt" "echo-client.bytes" 20480 20480 +0 1.000
row "8 connections on the simulator, no pcap on os" "$work/os.txt" "connections" 8 - - -
contains "the verdict line" "$work/os.txt" "FAILED: an expectation failed or a run stopped early"
test -s "$work/os/compare.json" && test -s "$work/os/sim/summary.json" && test -s "$work/os/os/summary.json" &&
  echo "ok   compare.json and each run's outputs" || { echo "FAIL compare outputs missing"; failures=$((failures + 1)); }
contains "compare.json names the runs' folders" "$work/os/compare.json" '"dir": "os"'

if [ "$(id -u)" -ne 0 ]; then
  check "the kernel backend without root: its line, exit 2" 2 "$netbed" compare "$lossy"
  contains "one line" "$work/err.txt" "netbed compare: $lossy: cannot run:"
  echo "skip: sim,kernel on lossy-link needs root (CAP_NET_ADMIN); run as root for the whole test"
  [ $failures -eq 0 ] && exit 77
  echo "$failures failures"; exit 1
fi

# As root: lossy-link on the simulator and the kernel. Its latency bound, exact on the simulator,
# gets the tolerance of the kernel runs of shipped scenarios (tests/kernel/CMakeLists.txt).
check "sim,kernel on lossy-link" 0 "$netbed" compare "$lossy" --set expect.3.max=250ms --report --out "$work/kernel"
cp "$work/out.txt" "$work/kernel.txt"
row "header" "$work/kernel.txt" "" sim kernel diff ratio
row "every expectation holds on both" "$work/kernel.txt" "expectations held" 5/5 5/5 +0 -
row "no error on either" "$work/kernel.txt" "1 no 'error' on every node" pass pass same -
row "50 echoes per client on both" "$work/kernel.txt" "2 echo-client.messages == 50 per instance" pass pass same -
row "8 clients" "$work/kernel.txt" "echo-client.instances" 8 8 +0 1.000
row "messages: 8 x 50" "$work/kernel.txt" "echo-client.messages" 400 400 +0 1.000
row "bytes: 400 x 512 B" "$work/kernel.txt" "echo-client.bytes" 204800 204800 +0 1.000
row "the server echoes every byte" "$work/kernel.txt" "echo-server.echoedBytes" 204800 204800 +0 1.000
row "a latency sample per echo" "$work/kernel.txt" "echo-client samples" 400 400 +0 1.000
for p in p50 p90 p99 max; do
  grep -qE "^  echo-client $p +[0-9]+\.[0-9]{3} ms +[0-9]+\.[0-9]{3} ms +[-+][0-9]+\.[0-9]{3} ms +[0-9]+\.[0-9]{3}$" \
    "$work/kernel.txt" && echo "ok   latency $p on both" || { echo "FAIL latency $p"; failures=$((failures + 1)); }
done
grep -q "^first error" "$work/kernel.txt" && { echo "FAIL an error row"; failures=$((failures + 1)); } || echo "ok   no first-error rows"
# The kernel side's counts come from netbed compare's own capture in the namespaces: one
# connection per client on both; SYNs: each client's SYN and the server's SYN-ACK, at least
# (a lost one is sent again); the other counts on both (a retransmission at least: expectation 5,
# a round trip of 200 ms or more, needs one), the ratio of two positive counts.
row "one connection per client on both" "$work/kernel.txt" "connections" 8 8 +0 1.000
row "SYN and SYN-ACK of 8 connections, or more" "$work/kernel.txt" "SYN" 're:(1[6-9]|[2-9][0-9])' 're:(1[6-9]|[2-9][0-9])' 're:[-+][0-9]+' 're:[0-9]+\.[0-9]{3}'
for r in segments "data segments" FIN retransmissions; do
  row "$r counted on both" "$work/kernel.txt" "$r" 're:[1-9][0-9]*' 're:[1-9][0-9]*' 're:[-+][0-9]+' 're:[0-9]+\.[0-9]{3}'
done
row "no RST on either (every connection ends with FINs)" "$work/kernel.txt" "RST" 0 0 +0 -
test -s "$work/kernel/kernel/pcap/server-0.pcap" && echo "ok   the kernel run's capture, a file per node" ||
  { echo "FAIL no kernel/pcap/server-0.pcap"; failures=$((failures + 1)); }
contains "compare.json: the kernel run has pcap files" "$work/kernel/compare.json" '"pcap": true'
contains "the verdict line" "$work/kernel.txt" "both runs complete, every expectation holds on both"
for b in sim kernel; do
  test -s "$work/kernel/$b/report.html" && echo "ok   $b/report.html" || { echo "FAIL no $b/report.html"; failures=$((failures + 1)); }
  contains "$b's report has the compare section's data" "$work/kernel/$b/report.html" "\"this\":\"$b\""
done
contains "compare.json holds the rows" "$work/kernel/compare.json" '"name": "echo-client.messages"'

[ $failures -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "all compare checks passed"
