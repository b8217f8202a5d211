#!/bin/bash
# The custom-app example against the installed package: install this build into a scratch
# prefix, build sim/cli/examples/custom-app with find_package(netbed), run its scenario; then
# build a user's GoogleTest test with the installed fixture (tests/testing/user_test.cc,
# find_package(netbed COMPONENTS testing)) and run it.
#   custom_app.sh BUILD_DIR SOURCE_DIR WORK_DIR [SANITIZE]
# SANITIZE ON (a NETBED_SANITIZE build): the example is built with the same sanitizers, as the
# installed libraries need their runtimes.
set -eu
build=$1 source=$2 work=$3 sanitize=${4:-OFF}
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" > /dev/null
flags=()
if [ "$sanitize" = ON ]; then
  flags=(-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined)
fi
cmake -S "$source/sim/cli/examples/custom-app" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  "${flags[@]}" > /dev/null
cmake --build "$work/build" -j1 > /dev/null
"$work/build/my-netbed" run "$source/sim/cli/examples/custom-app/heartbeat.yaml" --out "$work/out" --quiet
"$work/build/my-netbed" apps | grep -q "^heartbeat"
echo "custom app built against the installed package and its scenario passed"

cmake -S "$source/tests/testing/installed" -B "$work/user-test" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  "${flags[@]}" > /dev/null
cmake --build "$work/user-test" -j1 > /dev/null
# GoogleTest's main ran (not SystemC's, which lists nothing), and the test passed.
"$work/user-test/user_test" --gtest_list_tests | grep -q "^  ReplyCrossesARouterAtExactTimes$"
"$work/user-test/user_test" > "$work/user-test/output.txt" || { cat "$work/user-test/output.txt"; exit 1; }
grep -q "^\[  PASSED  \] 1 test" "$work/user-test/output.txt"
echo "a user's test built with the installed sim::testing passed"
