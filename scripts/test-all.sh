#!/usr/bin/env bash
# `npm run test:all`: everything. First the fast loop (`npm test`, scripts/test.sh), then
# the slow rest: Catch2 cases tagged [slow] (native and WASM), *.slow.test.mjs files (JS
# soak, browser soak and churn, ...), the Catch2 suite under ASan+UBSan (scripts/sanitize.sh)
# and a bounded libFuzzer run per parser (scripts/fuzz.sh, FUZZ_SECONDS per target).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-lib.sh
t0=$SECONDS
bash scripts/test.sh
STAGES+=("$((SECONDS - t0))	npm test (the fast loop above)")
source scripts/env.sh
# --no-tests=ignore: having no [slow] case is fine; the fast run above uses =error.
stage "native Catch2 [slow] cases" ctest_run "$NATIVE_BUILD" --no-tests=ignore -L slow
stage "WASM Catch2 [slow] cases" ctest_run "$WASM_BUILD" --no-tests=ignore -L slow
stage "slow JS API tests (tests/js/*.slow.test.mjs)" node_test tests/js slow
stage "slow browser tests (tests/browser/*.slow.test.mjs)" browser_test tests/browser slow
stage "Catch2 suite under ASan+UBSan (clang 14)" bash scripts/sanitize.sh
stage "libFuzzer, ${FUZZ_SECONDS:-60} s per target" bash scripts/fuzz.sh
stage_summary
