#!/usr/bin/env bash
# Builds the native library, CLI and tests, then the WASM module into web/gen/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
what=${1:-all}
if [ "$what" = all ] || [ "$what" = native ]; then
  cmake -S . -B "$NATIVE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$NATIVE_BUILD" -j "$JOBS"
fi
if [ "$what" = all ] || [ "$what" = wasm ]; then
  emcmake cmake -S . -B "$WASM_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" >/dev/null
  cmake --build "$WASM_BUILD" -j "$JOBS"
  node scripts/bundle.mjs  # embeds (issue 5): one-file web/gen/nnplay-widgets.js from web/widgets/ + the single-file wasm, with npm's esbuild
fi
