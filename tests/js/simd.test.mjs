// The shipped module runs SIMD128 kernels: the core reports sse4.1 (xsimd's arch for
// wasm SIMD128) with 4 lanes, the disassembly is full of f32x4 ops, and the scalar
// reference kernels (kept for comparison) give the very same training bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { missing } from '../missing-tool.mjs';

const nn = await createNNPlay();
const gen = process.env.NNPLAY_GEN
  ? new URL(`file://${resolve(process.env.NNPLAY_GEN)}/`)
  : new URL('../../web/gen/', import.meta.url);

test('the dense kernels are SIMD128', () => {
  assert.equal(nn.simd, 'sse4.1');
  assert.equal(nn.lanes, 4);
});

test('wasm-dis finds f32x4 arithmetic in web/gen/nnplay_core.wasm', (t) => {
  const dis = spawnSync('wasm-dis', [new URL('nnplay_core.wasm', gen).pathname], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (dis.error?.code === 'ENOENT') {
    t.skip(missing('wasm-dis', false, 'Debian binaryen, installed with emscripten'));
    return;
  }
  assert.equal(dis.status, 0, dis.stderr);
  const count = (op) => dis.stdout.split(`(${op}`).length - 1;
  const mul = count('f32x4.mul'), add = count('f32x4.add');
  console.log(`# f32x4.mul ${mul}, f32x4.add ${add}, v128.load ${count('v128.load')}`);
  assert.ok(mul >= 8 && add >= 8, `f32x4.mul ${mul}, f32x4.add ${add}`);
});

test('the three builds are in place: classic + .wasm, ES module (same .wasm), single file', () => {
  const mjs = readFileSync(new URL('nnplay_core.mjs', gen), 'utf8');
  assert.match(mjs, /export default createNNModule/);
  assert.match(mjs, /nnplay_core\.wasm/);
  const single = readFileSync(new URL('nnplay_core.single.js', gen), 'utf8');
  assert.match(single, /data:application\/octet-stream;base64,/);
  assert.doesNotMatch(single, /nnplay_core\.wasm/);
});

test('reference (scalar) kernels give the same training bits as SIMD', () => {
  const data = nn.makeDataset('spiral', { seed: 4 });
  const run = (ref) => {
    const net = new nn.Network({ inputs: 2, layers: [{ units: 17 }, { units: 7 }, { units: 1 }], seed: 4 });
    net.useReferenceKernels(ref);
    const losses = net.trainEpochs(data, { epochs: 5, batchSize: 13 }).map((r) => r.train.loss);
    net.delete();
    return losses;
  };
  assert.deepEqual(run(true), run(false));
  data.delete();
});
