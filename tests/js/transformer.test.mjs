// Transformer counts through the JS API (issue 13): presets against their published totals,
// 40 random stacks against an independent BigInt formula written here (whole-model closed
// form, not the core's per-tensor walk), the CLI's --json equal to the API, and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { missing } from '../missing-tool.mjs';

const nn = await createNNPlay();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HF = `${ROOT}tests/transformer/hf/`;
const CLI = `${ROOT}${process.env.NATIVE_BUILD ?? 'build/native'}/nnplay`;

// Published totals: Hugging Face num_parameters() of each checkpoint (BERT: BertModel).
const PUBLISHED = {
  'gpt2': 124439808n, 'gpt2-medium': 354823168n, 'gpt2-large': 774030080n, 'gpt2-xl': 1557611200n,
  'bert-base': 109482240n, 'llama-2-7b': 6738415616n, 'llama-2-13b': 13015864320n,
  'llama-2-70b': 68976648192n, 'llama-3-8b': 8030261248n, 'mistral-7b': 7241732096n,
  'qwen2-7b': 7615616512n, 'qwen2-0.5b': 494032768n, 'mixtral-8x7b': 46702792704n,
};

// The independent formula: a whole model in one expression per part.
function formula(s) {
  const B = (x) => BigInt(x);
  const d = B(s.width), L = B(s.layers), V = B(s.vocab), f = B(s.mlp_width), E = B(s.experts);
  const hd = s.head_dim ? B(s.head_dim) : d / B(s.heads);
  const qd = B(s.heads) * hd, kvd = B(s.kv_heads) * hd;
  const norm = s.norm === 'layernorm' ? 2n * d : d;
  const attn = d * (qd + 2n * kvd) + qd * d + (s.qkv_bias ? qd + 2n * kvd : 0n) + (s.out_bias ? d : 0n);
  const mats = s.mlp === 'swiglu' ? 3n : 2n;
  const expert = mats * d * f + (s.mlp_bias ? (mats - 1n) * f + d : 0n);
  const router = E > 1n ? d * E : 0n;
  const block = 2n * norm + attn + E * expert + router;
  const embed = V * d + (s.positions === 'learned' ? B(s.context) * d : 0n) + B(s.token_types) * d +
    (s.embedding_norm ? norm : 0n);
  const head = (s.lm_head && !s.tied ? V * d : 0n) + (s.pooler ? d * d + d : 0n);
  const total = embed + L * block + (s.final_norm ? norm : 0n) + head;
  const active = total - L * (E - B(s.experts_per_token)) * expert;
  return { total, active, block };
}

test('every preset equals its published total', () => {
  const ids = nn.transformerPresets().map((p) => p.id);
  assert.deepEqual(ids.slice().sort(), Object.keys(PUBLISHED).sort());
  for (const id of ids) {
    const r = nn.countTransformer(id);
    assert.equal(r.params, PUBLISHED[id], id);
    assert.equal(typeof r.params, 'bigint');
    assert.equal(formula(r.spec).total, PUBLISHED[id], `${id}: the formula agrees`);
  }
  // Mixtral: 8 experts, 2 per token → 12,879,925,248 active
  assert.equal(nn.countTransformer('mixtral-8x7b').active_params, 12879925248n);
});

test('40 random stacks equal the independent BigInt formula', () => {
  let seed = 13;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const pick = (a) => a[rnd(a.length)];
  for (let i = 0; i < 40; i++) {
    const heads = pick([1, 2, 4, 8, 12, 16, 32, 64]);
    const kvs = [];
    for (let k = 1; k <= heads; k++) if (heads % k === 0) kvs.push(k);
    const experts = pick([1, 1, 1, 8, 16]);
    const spec = {
      vocab: 1 + rnd(200000), width: heads * (1 + rnd(256)), layers: 1 + rnd(120), heads,
      kv_heads: pick(kvs), head_dim: pick([0, 0, 0, 64, 128]), mlp_width: 1 + rnd(60000),
      mlp: pick(['gelu', 'swiglu']), norm: pick(['layernorm', 'rmsnorm']), positions: pick(['learned', 'rotary']),
      context: 1 + rnd(200000), tied: rnd(2) === 1, qkv_bias: rnd(2) === 1, out_bias: rnd(2) === 1,
      mlp_bias: rnd(2) === 1, final_norm: rnd(4) > 0, embedding_norm: rnd(4) === 0, token_types: pick([0, 0, 2]),
      pooler: rnd(5) === 0, lm_head: rnd(5) > 0, experts, experts_per_token: 1 + rnd(experts),
    };
    const r = nn.countTransformer(spec);
    const want = formula(spec);
    assert.equal(r.params, want.total, JSON.stringify(spec));
    assert.equal(r.active_params, want.active, JSON.stringify(spec));
    assert.equal(r.block_params, want.block, JSON.stringify(spec));
    const parts = Object.values(r.parts).reduce((a, b) => a + b, 0n);
    assert.equal(parts, r.params, 'the parts add up to the total');
    assert.equal(r.storage[0].bytes, 4n * r.params);
    assert.equal(r.training_adam_fp32.total, 16n * r.params);
    const hd = spec.head_dim ? BigInt(spec.head_dim) : BigInt(spec.width / heads);
    assert.equal(r.kv_cache.elements_per_token, 2n * BigInt(spec.layers) * BigInt(spec.kv_heads) * hd);
  }
});

test('config.json through the API equals the preset', () => {
  const spec = nn.transformerFromHFConfig(readFileSync(`${HF}llama-2-70b.json`, 'utf8'));
  assert.equal(spec.kv_heads, 8);
  assert.equal(nn.countTransformer(spec).params, 68976648192n);
  assert.equal(nn.countTransformer({ ...nn.transformerFromHFConfig(readFileSync(`${HF}qwen2-0.5b.json`, 'utf8')) }).params, 494032768n);
});

test('BigInt sizes stay exact; overflow is refused', () => {
  const r = nn.countTransformer({ preset: 'llama-2-7b', vocab: 2n ** 40n });
  assert.equal(r.parts.embeddings, 2n ** 40n * 4096n);
  assert.throws(() => nn.countTransformer({ preset: 'llama-2-7b', vocab: 2n ** 62n }), /token embedding weights overflows a 64-bit integer/);
  assert.throws(() => nn.countTransformer({ preset: 'llama-2-7b', vocab: 2 ** 60 }), /spec.vocab is beyond 2\^53/);
});

test('bad input: the core names the field, the module keeps working, no heap is leaked', () => {
  const before = nn.heapUsed();
  const cases = [
    [{ preset: 'llama-2-7b', heads: 30 }, 'heads: 30 does not divide width 4,096; allowed: a divisor of width, or set head_dim'],
    [{ preset: 'llama-2-7b', kv_heads: 5 }, 'kv_heads: 5 does not divide heads 32; allowed: a divisor of heads (32 = multi-head, 1 = multi-query)'],
    [{ layers: 0 }, 'layers: must be a whole number ≥ 1 (transformer blocks), got 0'],
    [{ width: -8 }, 'width: must be a whole number ≥ 1 (the model width d_model), got -8'],
    [{ width: 4.5 }, 'width: must be a whole number, got number 4.5'],
    [{ mlp: 'relu' }, "mlp: 'relu' is not allowed; allowed: gelu, swiglu"],
    ['gpt5', "preset: unknown preset 'gpt5'; allowed: gpt2, gpt2-medium, gpt2-large, gpt2-xl, bert-base, llama-2-7b, llama-2-13b, llama-2-70b, llama-3-8b, mistral-7b, qwen2-7b, qwen2-0.5b, mixtral-8x7b"],
  ];
  for (let k = 0; k < 3; k++)
    for (const [spec, msg] of cases) assert.throws(() => nn.countTransformer(spec), { message: msg });
  assert.throws(() => nn.countTransformer('gpt2', { group_size: 0 }), { message: 'group_size: must be a whole number ≥ 1 (weights per INT8/INT4 scale), got 0' });
  assert.throws(() => nn.transformerFromHFConfig('{"model_type": "llama",'), { message: 'config.json: not JSON (parse error at byte 24)' });
  assert.throws(() => nn.transformerFromHFConfig(' '.repeat(100 * 1024 * 1024)),
    { message: 'config.json is 104,857,600 bytes; the limit is 1,048,576 bytes (1.0 MiB)' });
  assert.throws(() => nn.transformerFromHFConfig(42), { message: 'text must be a string, got 42' });
  assert.throws(() => nn.countTransformer(null), { message: 'spec must be a preset id or an object, got null' });
  assert.equal(nn.countTransformer('gpt2').params, 124439808n);
  assert.ok(nn.heapUsed() <= before + 4096, `heap in use ${before} → ${nn.heapUsed()}`);
});

test('the CLI --json and the API give the same numbers', { skip: missing(`the native CLI ${CLI}`, existsSync(CLI), "build it with 'bash scripts/build.sh native'") }, () => {
  const same = (cli, api, what) => {
    assert.equal(BigInt(cli.params), api.params, `${what} params`);
    assert.equal(BigInt(cli.active_params), api.active_params, `${what} active`);
    cli.storage.forEach((p, i) => { assert.equal(BigInt(p.bytes), api.storage[i].bytes); assert.equal(p.gb, api.storage[i].gb); assert.equal(p.gib, api.storage[i].gib); });
    assert.equal(BigInt(cli.kv_cache.bytes_fp16), api.kv_cache.bytes_fp16, `${what} kv`);
    assert.equal(BigInt(cli.flops_per_token.total), api.flops_per_token.total, `${what} flops`);
    cli.tensors.forEach((t, i) => assert.equal(t.arithmetic, api.tensors[i].arithmetic));
  };
  // JSON.parse rounds integers above 2^53; these totals are all below it, checked here.
  for (const id of ['gpt2', 'llama-2-70b', 'mixtral-8x7b', 'bert-base']) {
    const cli = JSON.parse(execFileSync(CLI, ['count', '--preset', id, '--json', '--group-size', '32', '--kv-context', '8192', '--batch', '4']));
    assert.ok(Number.isSafeInteger(cli.training_adam_fp32.total));
    same(cli, nn.countTransformer(id, { group_size: 32, kv_context: 8192, batch: 4 }), id);
  }
  const cli = JSON.parse(execFileSync(CLI, ['count', '--hf-config', `${HF}mistral-7b.json`, '--json']));
  same(cli, nn.countTransformer(nn.transformerFromHFConfig(readFileSync(`${HF}mistral-7b.json`, 'utf8'))), 'mistral config');
});
