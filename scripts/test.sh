#!/usr/bin/env bash
# Every test: native Catch2 (CTest), the same suite compiled to WASM and run in
# node, the JS API tests (node --test), the browser tests (headless Chromium), the
# suite again under ASan+UBSan, and a bounded libFuzzer run per parser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/env.sh
bash scripts/build.sh all

echo "== native Catch2 suite"
ctest --test-dir "$NATIVE_BUILD" --no-tests=error --output-on-failure -j "$JOBS"
echo "== Catch2 suite compiled to WASM, in node"
ctest --test-dir "$WASM_BUILD" --no-tests=error --output-on-failure -j "$JOBS"
echo "== JS API tests (node --test)"
node --test tests/js/
echo "== browser tests (headless Chromium)"
# playwright-core needs node's fetch globals (Headers), which env.sh turns off for the
# emscripten glue; the page loads its wasm in Chromium, so nothing here needs that.
NODE_OPTIONS="${NODE_OPTIONS//--no-experimental-fetch/}" node --test --test-concurrency=1 tests/browser/
echo "== Catch2 suite under ASan+UBSan (clang 14)"
bash scripts/sanitize.sh
echo "== libFuzzer, ${FUZZ_SECONDS:-60} s per target"
bash scripts/fuzz.sh
