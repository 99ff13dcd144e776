# Sourced by scripts/test.sh and scripts/test-all.sh: the stage timer and the one rule that
# splits the tests into the fast loop and the slow rest (see README "Tests" and COORD):
#   - JS and browser test files named *.slow.test.mjs run only in `npm run test:all`;
#   - Catch2 cases tagged [slow] are registered with the CTest label `slow` (tests/tests.cmake)
#     and run only in `npm run test:all`.

STAGES=()   # "seconds<TAB>name" per finished stage, printed by stage_summary
stage() {   # stage NAME CMD...: runs CMD, records its wall time, stops the script on failure
  local name=$1; shift
  echo "== $name"
  local t0=$SECONDS
  "$@"
  STAGES+=("$((SECONDS - t0))	$name")
}
stage_summary() {
  echo "== stage times (wall, s; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
  local s total=0
  for s in "${STAGES[@]}"; do
    printf '%6s  %s\n' "${s%%	*}" "${s#*	}"
    total=$((total + ${s%%	*}))
  done
  printf '%6s  %s\n' "$total" "total"
}

# test_files DIR fast|slow: the test files of DIR in the fast loop or in the slow rest, sorted.
# An empty fast list is an error (a moved folder must not pass by running nothing).
test_files() {
  local dir=$1 which=$2
  if [ "$which" = slow ]; then
    find "$dir" -maxdepth 1 -name '*.slow.test.mjs' | sort
  else
    find "$dir" -maxdepth 1 -name '*.test.mjs' ! -name '*.slow.test.mjs' | sort
  fi
}
# node_test DIR fast|slow [--test-concurrency=1]: node --test on those files.
node_test() {
  local dir=$1 which=$2; shift 2
  local files; mapfile -t files < <(test_files "$dir" "$which")
  if ((${#files[@]} == 0)); then
    [ "$which" = slow ] && { echo "(no slow tests in $dir)"; return 0; }
    echo "test: no *.test.mjs files in $dir" >&2; return 1
  fi
  node --test "$@" "${files[@]}"
}
# ctest_run BUILD_DIR ARGS...: ctest with its output kept. A skipped CTest case (e.g. a
# SKIP_RETURN_CODE 77 when PyTorch is missing) is reported on a line of its own, and under
# CI=1 it fails the stage: in CI a missing tool fails instead of skipping.
ctest_run() {
  local dir=$1; shift
  local log; log=$(mktemp)
  local rc=0
  ctest --test-dir "$dir" --output-on-failure -j "$JOBS" "$@" 2>&1 | tee "$log" || rc=$?
  local skipped; skipped=$(grep -E '\*\*\*(Skipped|Not Run)' "$log" |
    sed -E 's/^.*Test +#[0-9]+: (.*[^ ]) +\.+ *\*\*\*.*$/\1/' | paste -sd, - || true)
  rm -f "$log"
  if [ -n "$skipped" ]; then
    echo "# SKIPPED in $dir: $skipped"
    if [ -n "${CI:-}" ]; then echo "ctest: a test was skipped under CI=1 (a missing tool fails in CI)" >&2; rc=1; fi
  fi
  return "$rc"
}
# playwright-core needs node's fetch globals (Headers), which env.sh turns off for the
# emscripten glue; the browser tests load the wasm in Chromium, so they run without that flag.
browser_test() {
  NODE_OPTIONS="${NODE_OPTIONS//--no-experimental-fetch/}" node_test "$@" --test-concurrency=1
}
