#!/usr/bin/env bash
# End-to-end checks of `nnplay count` for transformers: presets, config.json files, flags,
# --json, and bad input (exit code and message). Usage: test_count_transformer.sh path/to/nnplay
set -u
NN=${1:?usage: test_count_transformer.sh path/to/nnplay}
HF="$(dirname "$0")/../transformer/hf"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
source "$(dirname "$0")/checks.sh"

# Published totals (HF num_parameters()).
expect_out "preset gpt2" "total: 124,439,808 parameters" "$NN" count --preset gpt2
expect_out "preset llama-2-7b" "total: 6,738,415,616 parameters" "$NN" count --preset llama-2-7b
expect_out "arithmetic per matrix" "4,096 × 11,008 = 45,088,768 weights" "$NN" count --preset llama-2-7b
expect_out "one block × layers" "one block: 202,383,360 parameters × 32 layers = 6,476,267,520" "$NN" count --preset llama-2-7b
expect_out "FP16 storage in GB and GiB" "13,476,831,232  13.48 GB  12.55 GiB" "$NN" count --preset llama-2-7b
expect_out "KV cache 2 GiB at 4,096" "FP16 2,147,483,648 B (2.15 GB = 2.00 GiB)" "$NN" count --preset llama-2-7b
expect_out "MoE active" "46,702,792,704 parameters, 12,879,925,248 active per token" "$NN" count --preset mixtral-8x7b
expect_out "hf-config llama-3-8b" "total: 8,030,261,248 parameters" "$NN" count --hf-config "$HF/llama-3-8b.json"
expect_out "hf-config bert" "total: 109,482,240 parameters" "$NN" count --hf-config "$HF/bert-base-uncased.json"
expect_out "flags override a preset (GQA 8 kv heads)" "total: 5,933,109,248 parameters" "$NN" count --preset llama-2-7b --kv-heads 8
# 6,738,415,616 − 32 layers × 2 (k, v) × 4,096 × (4,096 − 1,024) = 5,933,109,248
expect_out "hand-made stack" "total: 204 parameters" "$NN" count --vocab 10 --width 4 --layers 1 --heads 1 --kv-heads 1 --mlp-width 6 --mlp gelu
"$NN" count --hf-config "$HF/qwen2-7b.json" --json --kv-context 1000 --batch 3 --group-size 32 > "$T/q.json"
if node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1]));
  // 2 × 28 × 4 × 128 = 28,672 values per token × 1,000 × 3 × 2 B
  if (j.params!==7615616512||j.kv_cache.elements_per_token!==28672||j.kv_cache.bytes_fp16!==28672*1000*3*2||
      j.options.group_size!==32||j.storage[0].bytes!==7615616512*4) process.exit(1)' "$T/q.json"
then ok "--json figures"; else bad "--json figures"; fi

# Bad input: exit 2 for flags and values, 1 for files; the message names the field.
expect_fail "heads do not divide width" 2 "heads: 30 does not divide width 4,096" "$NN" count --preset llama-2-7b --heads 30
expect_fail "kv heads do not divide heads" 2 "kv_heads: 5 does not divide heads 32" "$NN" count --preset llama-2-7b --kv-heads 5
expect_fail "zero layers" 2 "layers: must be a whole number ≥ 1" "$NN" count --preset gpt2 --layers 0
expect_fail "negative width" 2 "width: must be a whole number ≥ 1" "$NN" count --width -4
expect_fail "overflow" 2 "overflows a 64-bit integer" "$NN" count --preset llama-2-7b --vocab 9000000000000000000
expect_fail "not a number" 2 "--layers: '3x' is not a whole number" "$NN" count --layers 3x
expect_fail "unknown preset" 2 "unknown preset 'gpt5'; allowed: gpt2" "$NN" count --preset gpt5
expect_fail "preset and config" 2 "give --preset or --hf-config, not both" "$NN" count --preset gpt2 --hf-config "$HF/gpt2.json"
printf '{"model_type": "llama", ' > "$T/broken.json"
expect_fail "config not JSON" 1 "not JSON (parse error at byte" "$NN" count --hf-config "$T/broken.json"
truncate -s 100M "$T/huge.json"
expect_fail "100 MB config" 1 "is 104,857,600 bytes; the limit is 1,048,576 bytes" "$NN" count --hf-config "$T/huge.json"
printf '{"model_type": "t5"}' > "$T/t5.json"
expect_fail "unknown model_type" 1 "model_type 't5' is not read; allowed: gpt2, llama" "$NN" count --hf-config "$T/t5.json"
printf '{"model_type":"llama","vocab_size":32000,"hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32}' > "$T/nomlp.json"
expect_fail "missing field" 1 "missing field 'intermediate_size'" "$NN" count --hf-config "$T/nomlp.json"
printf '{"model_type":"gpt2","vocab_size":1e444}' > "$T/bignum.json"
expect_fail "number beyond a double (nlohmann out_of_range)" 1 "a number does not fit in a double or a 64-bit integer" "$NN" count --hf-config "$T/bignum.json"
expect_fail "missing file" 1 "cannot open" "$NN" count --hf-config "$T/nope.json"
# The MLP count is unchanged.
expect_out "MLP count still works" "40,960 weights + 192 biases = 41,152 parameters" "$NN" count 256 128 64

finish "transformer count checks"
