#!/usr/bin/env bash
# The whole Catch2 suite (and the CLI test) under AddressSanitizer + UndefinedBehaviorSanitizer:
# clang++ 14 with Debian's libclang-rt-14-dev runtimes, built in build/asan, run with ctest.
# Any report aborts the test that triggered it (-fno-sanitize-recover=all in CMakeLists.txt),
# so ctest fails. -O1: fast enough to run the suite, still shows clean stack traces.
# Usage: bash scripts/sanitize.sh        (ASAN_BUILD overrides the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
ASAN_BUILD=${ASAN_BUILD:-build/asan}

if ! compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.asan-x86_64.a" >/dev/null; then
  echo "sanitize: clang's sanitizer runtimes are missing; run scripts/setup.sh (libclang-rt-14-dev)" >&2
  exit 2
fi

t0=$SECONDS
cmake -S . -B "$ASAN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DNNPLAY_SANITIZE=ON >/dev/null
cmake --build "$ASAN_BUILD" -j "$JOBS"
t1=$SECONDS

# detect_leaks: LeakSanitizer too. halt_on_error: the first report fails the test.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export NNPLAY_SANITIZED=1  # tests/cli/test_cli.sh: no strace fault injection under ASan
ctest --test-dir "$ASAN_BUILD" --no-tests=error --output-on-failure -j "$JOBS"
echo "sanitize: build $((t1 - t0)) s, tests $((SECONDS - t1)) s (ASan+UBSan, $ASAN_BUILD)"
