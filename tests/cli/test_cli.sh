#!/usr/bin/env bash
# End-to-end checks of the nnplay CLI: the worked example, JSON figures, train → save →
# eval, and exit codes for bad input. Usage: test_cli.sh path/to/nnplay
set -u
NN=${1:?usage: test_cli.sh path/to/nnplay}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
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

# 256 × 128 = 32,768 and 128 × 64 = 8,192: 40,960 weights + 192 biases = 41,152
expect_out "count: worked example" "40,960 weights + 192 biases = 41,152 parameters" "$NN" count 256 128 64
expect_out "count: block arithmetic" "256 × 128 = 32,768" "$NN" count 256 128 64
expect_out "count: FP32 bytes" "164,608 B" "$NN" count 256 128 64        # 41,152 × 4
expect_out "count: no bias" "40,960 weights + 0 biases = 40,960 parameters" "$NN" count 256 128 64 --no-bias
expect_out "count: huge layer exact" "10,000,000,000 weights" "$NN" count 100000 100000 --no-bias
"$NN" count 256 128 64 --json > "$T/count.json"
if node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1]));
  if (j.totals.params!==41152||j.totals.weights!==40960||j.totals.biases!==192||
      j.blocks[0].weights!==32768||j.blocks[1].weights!==8192||j.storage_bytes.fp32!==164608) process.exit(1)' "$T/count.json"
then ok "count --json figures"; else bad "count --json figures"; fi

# train → save → eval on the saved model
expect_out "train spiral" "final (epoch 60" "$NN" train --dataset spiral --hidden 8,8 \
  --features x1,x2,sinx1,sinx2 --optimizer adam --lr 0.01 --epochs 60 --seed 7 --save "$T/m.json"
"$NN" train --dataset spiral --hidden 8,8 --features x1,x2,sinx1,sinx2 --optimizer adam \
  --lr 0.01 --epochs 60 --seed 7 --json > "$T/train.json"
if node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1]));
  if (j.epochs.length!==60||!(j.final.test_acc>=0.95)) process.exit(1)' "$T/train.json"
then ok "train --json: 60 epochs, test accuracy >= 95%"; else bad "train --json"; fi
"$NN" train --dataset spiral --hidden 8,8 --features x1,x2,sinx1,sinx2 --optimizer adam \
  --lr 0.01 --epochs 60 --seed 7 --json > "$T/train2.json"
if cmp -s "$T/train.json" "$T/train2.json"; then ok "train: same seed, same bits"; else bad "train reproducibility"; fi
printf 'x1,x2,label\n0.5,0.2,1\n-3,-0.5,0\n1,4,1\n' > "$T/pts.csv"
expect_out "eval derives sin features from x1,x2" "3 rows, loss" "$NN" eval --model "$T/m.json" --data "$T/pts.csv"
expect_out "eval --predict keeps file order" "3,1," "$NN" eval --model "$T/m.json" --data "$T/pts.csv" --predict

# bad input: exit 2 with what is allowed; bad files exit 1; divergence exit 3
expect_fail "unknown flag lists flags" 2 "allowed: --dataset" "$NN" train --frobnicate 1
expect_fail "strict number" 2 "--lr: '12abc' is not a number" "$NN" train --lr 12abc
expect_fail "inf rejected" 2 "--noise: 'inf' is not a number" "$NN" train --noise inf
expect_fail "unknown dataset" 2 "allowed: circle, xor" "$NN" train --dataset moons
expect_fail "count needs two widths" 2 "at least two" "$NN" count 256
expect_fail "count rejects 12abc" 2 "width '12abc'" "$NN" count 12abc 3
expect_fail "unknown command" 2 "allowed: count, train, eval" "$NN" frob
printf 'x1,x2,label\n1,2,0\n1,abc,1\n' > "$T/bad.csv"
expect_fail "csv error names line and column" 1 "line 3, column 2 (\"x2\"): 'abc' is not a number" \
  "$NN" eval --model "$T/m.json" --data "$T/bad.csv"
echo '{"format":"nnplay-model","version":2}' > "$T/v2.json"
expect_fail "model version" 1 "unsupported version 2" "$NN" eval --model "$T/v2.json" --data "$T/pts.csv"
expect_fail "divergence" 3 "diverged at epoch" "$NN" train --dataset plane --hidden 8,8 --lr 100 --epochs 5 --quiet

[ $fails -eq 0 ] && echo "all CLI checks passed" || echo "$fails CLI check(s) failed"
exit $((fails > 0))
