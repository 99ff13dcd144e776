#!/usr/bin/env bash
# `npm test`, the fast loop (under 4 minutes after the first build on a 2-core machine):
# native Catch2 (CTest), the same suite compiled to WASM in node, the JS API tests, the
# snapshot tests (tests/snapshots), the package test (tests/package: npm pack, installed and
# used; the size budget) and the browser tests (headless Chromium). Slow tests
# (*.slow.test.mjs, Catch2 [slow]), sanitizers and fuzzing are in `npm run test:all`.
# CI=1 turns every "tool missing, skipped" into a failure (see tests/missing-tool.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-lib.sh
stage "setup (Debian packages, npm ci if needed)" bash scripts/setup.sh test
source scripts/env.sh
stage "build (native + WASM + embed bundle)" bash scripts/build.sh all
stage "native Catch2 suite and CLI checks" ctest_run "$NATIVE_BUILD" --no-tests=error -LE slow
stage "Catch2 suite compiled to WASM, in node" ctest_run "$WASM_BUILD" --no-tests=error -LE slow
stage "JS API tests (node --test tests/js)" node_test tests/js fast
stage "snapshots: diagram, parameter panel, embeds, CLI table (tests/snapshots)" browser_test tests/snapshots fast
stage "package: npm pack, installed offline, node/tsc/esbuild/script tag; size budget" browser_test tests/package fast
stage "browser tests (headless Chromium)" browser_test tests/browser fast
stage_summary
