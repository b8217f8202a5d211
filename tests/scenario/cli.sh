#!/bin/bash
# The netbed command's contract: exit statuses, outputs, validate, sweep, emit-jobs, collect.
#   cli.sh NETBED SCENARIOS_DIR WORK_DIR
set -u
netbed=$1 scenarios=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
source "$(dirname "$0")/checks.sh"
q=$scenarios/quickstart.yaml

check "--version" 0 "$netbed" --version
contains "--version prints the version" "$work/out.txt" "netbed 0.1.0"
for cmd in run validate sweep; do check "$cmd --help" 0 "$netbed" $cmd --help; done
check "no command is a usage error" 2 "$netbed"
check "unknown command" 2 "$netbed" frobnicate
contains "an unknown command lists the commands" "$work/err.txt" \
  "netbed: unknown command 'frobnicate' (run, validate, sweep, compare, report, apps, cleanup, check-pcap, js; netbed --help)"
check "run without a file" 2 "$netbed" run
contains "run without a file says so" "$work/err.txt" "netbed run: FILE is required"
check "unknown option" 2 "$netbed" run "$q" --frob
contains "an unknown option is named" "$work/err.txt" "netbed run: The following argument was not expected: --frob"
contains "a usage error points to --help" "$work/err.txt" "(netbed run --help tells the options)"
check "unknown option before the file" 2 "$netbed" js --frob app.js
contains "it is named before the missing file" "$work/err.txt" "netbed js: The following argument was not expected: --frob"
check "a missing value" 2 "$netbed" run "$q" --out
contains "a missing value names the option and what it takes" "$work/err.txt" "netbed run: --out: 1 required DIR missing"
check "a bad integer" 2 "$netbed" validate "$q" --seed 0
contains "the option, what it expected, what it got" "$work/err.txt" \
  "netbed validate: --seed: expected an integer within [1, 4294967295], got '0'"
check "a bad duration" 2 "$netbed" js --until 5parsecs app.js
contains "a duration in the scenario's units" "$work/err.txt" \
  "netbed js: --until: expected a duration > 0 such as 200ms or 60s, got '5parsecs'"
check "a bad number" 2 "$netbed" check-pcap "$work" --rto-slack 0.5
contains "a number below its minimum" "$work/err.txt" "netbed check-pcap: --rto-slack: expected a number >= 1, got '0.5'"
check "a bad word" 2 "$netbed" run "$q" --backend cloud
contains "the words it takes" "$work/err.txt" "netbed run: --backend: expected sim, os or kernel, got 'cloud'"
check "a bad --param" 2 "$netbed" sweep "$q" --param nodes.sensor.count --out "$work/bp"
contains "--param's shape" "$work/err.txt" "netbed sweep: --param: expected KEY=V1,V2,..., got 'nodes.sensor.count'"
check "sweep without --out" 2 "$netbed" sweep "$q" --param seed=1,2
contains "sweep names what it lacks" "$work/err.txt" "netbed sweep: --out DIR is required"
check "sweep --collect with a file" 2 "$netbed" sweep "$q" --collect "$work"
contains "--collect takes no scenario" "$work/err.txt" "netbed sweep: --collect DIR takes no scenario or parameters"
check "apps takes no arguments" 2 "$netbed" apps extra
contains "the argument is named" "$work/err.txt" "netbed apps: The following argument was not expected: extra"
for help in --help -h help; do
  check "netbed $help" 0 "$netbed" $help
  contains "netbed $help lists the commands" "$work/out.txt" "check-pcap"
done
for cmd in js check-pcap apps report; do check "$cmd --help" 0 "$netbed" $cmd --help; done
check "run -h" 0 "$netbed" run -h
contains "run --help explains its options" "$work/out.txt" "--netanim"
contains "run --help tells the exit status" "$work/out.txt" "exit status: 0 all expectations hold, 1 one failed"
check "validate a good file" 0 "$netbed" validate "$q"
contains "validate says what it found" "$work/out.txt" "valid: 11 nodes in 2 groups, 10 links"
printf 'nodes:\n  a: {cout: 2}\n' > "$work/bad.yaml"
check "validate a bad file" 2 "$netbed" validate "$work/bad.yaml"
contains "the error names file, line, column, key and suggestion" "$work/err.txt" \
  "bad.yaml:2:7: nodes.a.cout: unknown key 'cout', did you mean 'count'?"
# --seed N is --set seed=N where it stands: the last one wins.
check "--seed after --set seed=" 0 "$netbed" run "$q" --set seed=3 --seed 5 --quiet --out "$work/s5"
contains "--seed wins when last" "$work/s5/summary.json" '"seed": 5'
check "--set seed= after --seed" 0 "$netbed" run "$q" --seed 5 --set seed=3 --quiet --out "$work/s3"
contains "--set seed= wins when last" "$work/s3/summary.json" '"seed": 3'
check "run a bad override" 2 "$netbed" run "$q" --set nodes.sensor.count=0 --out "$work/x"
test ! -e "$work/x" && echo "ok   nothing written for a bad file" || { echo "FAIL output for a bad file"; failures=$((failures + 1)); }

check "run quickstart" 0 "$netbed" run "$q" --out "$work/q"
for f in summary.json trace.jsonl metrics.csv topology.json; do
  test -s "$work/q/$f" && echo "ok   writes $f" || { echo "FAIL no $f"; failures=$((failures + 1)); }
done
contains "summary prints the hash" "$work/out.txt" "hash "
contains "summary prints the expectations" "$work/out.txt" "5 of 5 expectations hold"
contains "metrics.csv header" "$work/q/metrics.csv" "tNs,node,app,metric,value"
contains "topology lists links" "$work/q/topology.json" '"kind": "p2p"'
contains "summary.json has the trace hash" "$work/q/summary.json" '"hash": "'

check "a failed expectation exits 1" 1 "$netbed" run "$q" --set nodes.sensor.apps.0.count=5 --out "$work/f"
contains "each failure is printed" "$work/out.txt" "FAIL  telemetry-sensor.sent == 10 per instance"

check "pcap on request" 0 "$netbed" run "$q" --pcap --out "$work/p" --quiet
test -s "$work/p/pcap/gateway-0.pcap" && test -s "$work/p/pcap/sensor-1-0.pcap" && echo "ok   pcap per device" ||
  { echo "FAIL pcap files"; ls -R "$work/p"; failures=$((failures + 1)); }
check "netanim on request" 0 "$netbed" run "$q" --netanim --out "$work/n" --quiet
grep -q '</anim>' "$work/n/netanim.xml" && grep -q '"netanim": "netanim.xml"' "$work/n/summary.json" &&
  echo "ok   netanim file, listed in summary.json" ||
  { echo "FAIL netanim file"; ls -R "$work/n"; failures=$((failures + 1)); }

check "sweep runs the product" 0 "$netbed" sweep "$q" --param nodes.sensor.apps.0.interval=500ms,1s \
  --param network.star.delay=5ms,10ms --repeat 2 --jobs 2 --out "$work/s"
lines=$(wc -l < "$work/s/results.csv")
[ "$lines" -eq 9 ] && echo "ok   results.csv has 8 runs" || { echo "FAIL results.csv: $lines lines"; failures=$((failures + 1)); }
contains "results.csv header" "$work/s/results.csv" "nodes.sensor.apps.0.interval,network.star.delay,seed,repeat,passed,"
contains "each run its own seed" "$work/s/results.csv" "10ms,8,1,true"
contains "results.csv flattens metrics" "$work/s/results.csv" "metrics.telemetry-collector.messages"
check "sweep --emit-jobs" 0 "$netbed" sweep "$q" --param seed=3,4,5 --out "$work/e" --emit-jobs
[ "$(wc -l < "$work/e/jobs.txt")" -eq 3 ] && echo "ok   jobs.txt has 3 commands" || { echo "FAIL jobs.txt"; failures=$((failures + 1)); }
contains "slurm array script" "$work/e/slurm.sh" "#SBATCH --array=0-2"
(cd "$work/e" && bash jobs.txt)
check "sweep --collect" 0 "$netbed" sweep --collect "$work/e"
[ "$(wc -l < "$work/e/results.csv")" -eq 4 ] && echo "ok   collected 3 runs" || { echo "FAIL collect"; cat "$work/e/results.csv"; failures=$((failures + 1)); }
# A scheduler's memory request from the per-node cost (sim/cli/sweep_command.cc, memoryMiB): 64 MiB and
# 80 KiB per node, a quarter more, in 64 MiB steps. many-devices: a cloud, 10 gateways, the sensors.
mem() { local kib=$((64 * 1024 + ($1 + 11) * 80)); local mib=$(((kib * 5 / 4 + 1023) / 1024)); echo $(((mib + 63) / 64 * 64)); }
check "sweep --emit-jobs at 100,000 devices" 0 "$netbed" sweep "$scenarios/many-devices.yaml" \
  --param nodes.sensor.count=1000,100000 --out "$work/m" --emit-jobs
contains "slurm asks for the largest run's memory" "$work/m/slurm.sh" "#SBATCH --mem=$(mem 100000)M"
contains "each run's request in jobs.json" "$work/m/jobs.json" "\"memMiB\": $(mem 1000)"
check "sweep with a bad value runs nothing" 2 "$netbed" sweep "$q" --param nodes.sensor.count=2,-1 --out "$work/b"

# Bounded runs: a limit or a signal ends the run as at its duration, with a summary that says
# so, and exit 1. The endless run: a year of sensors that never stop sending.
endless=(--set duration=8760h --set nodes.sensor.apps.0.count=1000000000 --set nodes.sensor.apps.0.interval=10ms)
check "--max-output stops the run" 1 "$netbed" run "$q" "${endless[@]}" --max-output 200kB --out "$work/mo" --quiet
contains "it says why" "$work/err.txt" "stopped early (max-output 200000 bytes reached)"
contains "the summary is marked incomplete" "$work/mo/summary.json" '"complete": false'
size=$(( $(stat -c %s "$work/mo/trace.jsonl") + $(stat -c %s "$work/mo/metrics.csv") ))
if [ "$size" -gt 200000 ] && [ "$size" -lt 210000 ]; then echo "ok   the outputs stop just past the limit"
else echo "FAIL the outputs stop just past the limit: $size bytes"; failures=$((failures + 1)); fi
check "--max-wall stops the run" 1 "$netbed" run "$q" "${endless[@]}" --max-wall 300ms --out "$work/mw" --quiet
contains "the summary says why" "$work/mw/summary.json" '"stopped": "max-wall 0.3 s reached"'
check "a bad size" 2 "$netbed" run "$q" --max-output lots
contains "a size in the scenario's units" "$work/err.txt" "netbed run: --max-output: expected a size > 0 such as 500MB or 2GiB, got 'lots'"
for sig in INT TERM; do
  rm -rf "$work/sig"
  "$netbed" run "$q" "${endless[@]}" --out "$work/sig" --quiet > "$work/out.txt" 2> "$work/err.txt" &
  pid=$!
  for _ in $(seq 200); do [ -s "$work/sig/trace.jsonl" ] && break; sleep 0.05; done # until it runs
  kill -$sig $pid
  wait $pid
  status=$?
  if [ $status -eq 1 ]; then echo "ok   SIG$sig stops the run, exit 1"; else echo "FAIL SIG$sig: exit $status"; failures=$((failures + 1)); fi
  contains "SIG$sig: the summary says so" "$work/sig/summary.json" "\"stopped\": \"SIG$sig\""
done

echo "$failures failures"
[ $failures -eq 0 ]
