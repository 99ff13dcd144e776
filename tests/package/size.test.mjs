// Size budget (issue 10, docs/size-budget.md): gzip level 9 sizes of what a reader downloads, the
// wasm module and the one-file embed bundle, each against a fixed budget, printed beside
// TensorFlow.js's WASM backend SIMD binary (the peer a page would otherwise load).
// A budget is raised only with a reason in docs/size-budget.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GEN = process.env.NNPLAY_GEN ? path.resolve(process.env.NNPLAY_GEN) : path.join(ROOT, 'web', 'gen');
const TFJS_SIMD = path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist', 'tfjs-backend-wasm-simd.wasm');
const KiB = 1024;

// Budgets in bytes after gzip level 9 (node's zlib, as below). On 2026-11-30 at 23:20 UTC, with
// the transformer counts (after their json-instantiation trim) and the image datasets landed,
// the wasm was 171,670 B and the bundle 285,158 B; tfjs-backend-wasm 4.22's SIMD binary is
// 137,217 B. The budgets leave about 13 % (wasm) and 15 % (bundle) for the work still landing;
// the bundle carries the wasm again as base64, so it grows by ~1.3× what the wasm grows, plus
// the widgets' own JavaScript.
const BUDGET = {
  // raised 23:57 by rules (issue 11): the core's link settings, rules and bindings_link added
  // the page's settings parser to the module (207,696 B measured with it); see docs/size-budget.md
  // raised 01:50 by tfseed (issue 11, TF Playground's data/weights/order: core/tf_*.cpp, -Os):
  // +5,358 B gzip measured (207,340 → 212,698 B on bc384d9); main had grown to ~211.7 KB since
  'nnplay_core.wasm': 220 * KiB,      // 225,280 B: 171,670 B before issue 11's rules moved in
  'nnplay-widgets.js': 355 * KiB,     // 363,520 B: 285,158 B before
  // issue 14 (01:50 UTC, threads): the pthreads module, loaded instead of nnplay_core.wasm only on
  // a cross-origin isolated page; 229,345 B measured (the same core with atomics and the
  // pthread runtime); see docs/size-budget.md
  'nnplay_core_mt.wasm': 235 * KiB,   // 240,640 B
};

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const fmt = (n) => `${n.toLocaleString('en-US')} B (${(n / KiB).toFixed(1)} KiB)`;

test('gzip sizes of the wasm modules and the embed bundle stay within budget', () => {
  assert.ok(fs.existsSync(TFJS_SIMD), `${TFJS_SIMD} is missing: run npm ci (@tensorflow/tfjs-backend-wasm is a devDependency)`);
  const peer = gz(TFJS_SIMD);
  console.log(`# tfjs-backend-wasm-simd.wasm: ${fmt(peer)} gzip`);
  for (const [name, budget] of Object.entries(BUDGET)) {
    const size = gz(path.join(GEN, name));
    console.log(`# ${name}: ${fmt(size)} gzip = ${(size / peer).toFixed(2)}× tfjs SIMD; budget ${fmt(budget)}`);
    assert.ok(size <= budget, `${name} is ${fmt(size)} gzip, over its budget of ${fmt(budget)}: ` +
      'find what grew it, or raise the budget with the reason in docs/size-budget.md');
  }
});
