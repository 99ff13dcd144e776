#!/usr/bin/env bash
# `npm run bench`: installs what the benchmarks need (the project's setup, plus
# Debian's OpenBLAS, a benchmark-only dependency), builds the benchmark programs
# and the WASM module in their own build folders, runs everything several times and
# writes bench/results/latest.md and latest.json. See bench/README.md.
#   BENCH_RUNS=5 (default)   --quick: short samples, one run (a smoke test, not figures)
#   extra arguments go to bench/run.mjs (e.g. --runs=3, --no-page, --verbose)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if ! dpkg-query -W -f='${Status}' libopenblas-dev 2>/dev/null | grep -q "install ok installed"; then
  echo "bench: installing libopenblas-dev (benchmark-only: the OpenBLAS column)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
         $SUDO apt-get install -y -qq --no-install-recommends libopenblas-dev >/dev/null; }; then
    echo "bench: could not install libopenblas-dev; the OpenBLAS column will be empty" >&2
  fi
fi

source scripts/env.sh
# Own build folders, tests off: only what the benchmarks run is compiled.
NATIVE_BENCH=${NATIVE_BENCH:-build/b-native}
WASM_BENCH=${WASM_BENCH:-build/b-wasm}
echo "bench: building (native: $NATIVE_BENCH, wasm: $WASM_BENCH)"
cmake -S . -B "$NATIVE_BENCH" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNNPLAY_TESTS=OFF >/dev/null
cmake --build "$NATIVE_BENCH" -j "$JOBS" --target nnbench
emcmake cmake -S . -B "$WASM_BENCH" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNNPLAY_TESTS=OFF \
  "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" >/dev/null
# The default target is the Embind module (web/gen/, which the JS API loads) in its
# three builds; nnbench is excluded from it and named explicitly.
cmake --build "$WASM_BENCH" -j "$JOBS"
cmake --build "$WASM_BENCH" -j "$JOBS" --target nnbench

echo "bench: running (load average now: $(cut -d' ' -f1-3 /proc/loadavg); figures need an idle machine)"
node bench/run.mjs --native="$NATIVE_BENCH" --wasm="$WASM_BENCH" "$@"
echo "bench: wrote bench/results/latest.md and bench/results/latest.json"
