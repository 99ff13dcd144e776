# The checks the CLI test scripts share; source it after setting `set -u`.
# Each check prints "ok NAME" or "FAIL NAME" plus what the command printed, and counts failures;
# `finish` ends the script with exit 1 when any check failed.
fails=0
ok()   { echo "ok   $1"; }
bad()  { echo "FAIL $1"; fails=$((fails + 1)); }
# expect_out NAME PATTERN CMD...: exit 0 and stdout contains PATTERN (fixed string)
expect_out() {
  local name=$1 pat=$2; shift 2
  local out; out=$("$@" 2>&1); local rc=$?
  if [ $rc -eq 0 ] && grep -qF -- "$pat" <<<"$out"; then ok "$name"; else bad "$name (rc $rc)"; echo "$out" | head -20; fi
}
# expect_fail NAME CODE PATTERN CMD...: exit CODE and stderr contains PATTERN
expect_fail() {
  local name=$1 code=$2 pat=$3; shift 3
  local err; err=$("$@" 2>&1 >/dev/null); local rc=$?
  if [ $rc -eq "$code" ] && grep -qF -- "$pat" <<<"$err"; then ok "$name"; else bad "$name (rc $rc, want $code)"; echo "$err" | head -5; fi
}
# finish WHAT: the summary line and the exit status
finish() {
  [ $fails -eq 0 ] && echo "all $1 passed" || echo "$fails $1 failed"
  exit $((fails > 0))
}
