// Exact parameter counts through the JS API: BigInt all the way, never a rounded Number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

const nn = await createNNPlay();

test('createNNPlay loads the module once', async () => {
  assert.equal(await createNNPlay(), nn);
  assert.equal(typeof nn.version, 'string');
});

test('256-128-64 has 41,152 parameters', () => {
  const r = nn.countParameters([256, 128, 64]);
  // 256*128 + 128*64 = 32,768 + 8,192 = 40,960 weights; 128 + 64 = 192 biases
  assert.equal(r.weights, 40960n);
  assert.equal(r.biases, 192n);
  assert.equal(r.params, 41152n);
  assert.equal(r.macs, 40960n);
  assert.equal(r.neurons, 192n);
  assert.equal(r.blocks.length, 2);
  assert.deepEqual(r.blocks[0], { in: 256n, out: 128n, weights: 32768n, biases: 128n, params: 32896n, macs: 32768n });
  assert.equal(r.storage.fp32, 41152n * 4n);
  assert.equal(r.storage.fp16, 41152n * 2n);
  assert.equal(r.optimizer.sgd, 0n);
  assert.equal(r.optimizer.momentum, 41152n);
  assert.equal(r.optimizer.adam, 2n * 41152n);
});

test('without bias', () => {
  assert.equal(nn.countParameters([256, 128, 64], { bias: false }).params, 40960n);
});

test('100,000 x 100,000 = 10^10 as a BigInt', () => {
  const r = nn.countParameters([100000, 100000]);
  assert.equal(typeof r.params, 'bigint');
  assert.equal(r.weights, 10n ** 10n);
  assert.equal(r.params, 10n ** 10n + 100000n);
});

test('counts beyond 2^53 are exact', () => {
  // 10^9 * 10^9 = 10^18 weights + 10^9 biases
  const r = nn.countParameters([1000000000, 1000000000]);
  assert.equal(r.params, 1000000001000000000n);
  // widths may be BigInts too
  assert.deepEqual(nn.countParameters([1000000000n, 1000000000n]), r);
  // 999,999,999 * 1,000,000,001 = 10^18 - 1: odd, so no double holds it
  const odd = nn.countParameters([999999999, 1000000001], { bias: false });
  assert.equal(odd.params, 999999999999999999n);
  assert.ok(odd.params > 2n ** 53n);
  assert.notEqual(BigInt(Number(odd.params)), odd.params, 'a Number would have rounded it');
});

test('widths beyond 2^53 as Numbers are refused, not rounded', () => {
  assert.throws(() => nn.countParameters([2 ** 60, 2]), /beyond 2\^53.*BigInt/);
});
