#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang -fsanitize=fuzzer,address,undefined
# in build/fuzz and runs each for a bounded time, then prints its executions and the
# coverage reached (libFuzzer's cov: edges and ft: features). Any crash, sanitizer report,
# leak, timeout or out-of-memory fails the script; the input is kept in
# build/fuzz/artifacts/ and should be added to tests/fuzz/regressions/ (which
# tests/core/test_fuzz_regressions.cpp replays in every build).
# Usage: bash scripts/fuzz.sh [target...]      targets: model_json csv names images cli (default all)
#   FUZZ_SECONDS=60  time per target        FUZZ_BUILD=build/fuzz  build folder
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_BUILD=${FUZZ_BUILD:-build/fuzz}
targets=("$@")
((${#targets[@]})) || targets=(model_json csv names images cli)

t0=$SECONDS
cmake -S tests/fuzz -B "$FUZZ_BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$FUZZ_BUILD" -j "$JOBS" --target "${targets[@]/#/fuzz_}"
echo "fuzz: build $((SECONDS - t0)) s"

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
summary=()
for t in "${targets[@]}"; do
  work="$FUZZ_BUILD/corpus/$t"      # grows across runs; the repo's seeds stay read-only
  art="$FUZZ_BUILD/artifacts/$t"
  log="$FUZZ_BUILD/$t.log"
  mkdir -p "$work" "$art"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=("-dict=tests/fuzz/$t.dict")
  # The CLI prints a message per run: libFuzzer closes its stdout and stderr (it keeps its
  # own reports). Its regression inputs are tests/fuzz/regressions/cli-*.
  [ "$t" = cli ] && dict+=("-close_fd_mask=3")
  # Regression inputs seed every target too: they are the shapes that once broke something.
  set +e
  "$FUZZ_BUILD/fuzz_$t" "$work" "tests/fuzz/corpus/$t" tests/fuzz/regressions "${dict[@]}" \
    -max_total_time="$FUZZ_SECONDS" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$art/" >"$log" 2>&1
  rc=$?
  set -e
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9a-zA-Z]+).*/\1/p' <<<"$last")
  line=$(printf '%-11s %10s execs in %ss  cov: %-5s ft: %-6s corpus: %s' \
         "$t" "${execs:-?}" "$FUZZ_SECONDS" "${cov:-?}" "${ft:-?}" "${corp:-?}")
  summary+=("$line")
  if [ "$rc" -ne 0 ]; then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $rc); last lines of $log:" >&2
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|==[0-9]+==' "$log" | head -20 >&2 || true
    tail -5 "$log" >&2
    for f in "$art"/*; do
      [ -e "$f" ] && echo "fuzz: kept input $f ($(stat -c %s "$f") bytes); copy it into tests/fuzz/regressions/" >&2
    done
  fi
done
echo "== fuzz summary (${FUZZ_SECONDS} s per target, ASan+UBSan)"
printf '%s\n' "${summary[@]}"
echo "fuzz: total $((SECONDS - t0)) s"
if ((${#failed[@]})); then
  echo "fuzz: failed (crash, sanitizer report, timeout, OOM or a setup error): ${failed[*]}" >&2
  exit 1
fi
