#!/bin/bash
# Builds the scenario loader's libFuzzer target with clang (its own build directory) and runs
# it for SECONDS (default 60) on a corpus seeded from scenarios/*.yaml. Exit status 0: no
# crash found; otherwise the crashing input is in BUILD/fuzz-artifacts/.
#   tests/scenario/fuzz.sh [SECONDS]
# Needs clang and libclang-rt-14-dev (libFuzzer and AddressSanitizer runtimes).
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NETBED_FUZZ_BUILD:-$root/build/fuzz}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DNETBED_FUZZ=ON > /dev/null
fi
nice -n 10 cmake --build "$build" -j1 --target netbed_scenario_fuzz
corpus=$build/fuzz-corpus
mkdir -p "$corpus" "$build/fuzz-artifacts"
cp "$root"/scenarios/*.yaml "$corpus"/
"$build/tests/scenario/netbed_scenario_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 "$corpus"
