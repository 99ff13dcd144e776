#!/usr/bin/env bash
# Every test: native Catch2 (CTest), the same suite compiled to WASM and run in
# node, the JS API tests (node --test), and the browser tests (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build.sh all

echo "== native Catch2 suite"
ctest --test-dir "$NATIVE_BUILD" --no-tests=error --output-on-failure -j "$JOBS"
echo "== Catch2 suite compiled to WASM, in node"
ctest --test-dir "$WASM_BUILD" --no-tests=error --output-on-failure -j "$JOBS"
if compgen -G "tests/js/*.test.mjs" >/dev/null; then
  echo "== JS API tests"
  node --test tests/js/
fi
if compgen -G "tests/browser/*.test.mjs" >/dev/null; then
  echo "== browser tests (headless Chromium)"
  node --test --test-concurrency=1 tests/browser/
fi
