// Parity with the native CLI: the same seeded run (dataset, network, optimiser,
// epochs) through `nnplay train --json` and through the JS API must give the same
// loss and accuracy trajectories bit for bit. The core makes that possible: fixed
// reduction order in the kernels (any lane width), portable math, no FMA contraction.
// The CLI prints doubles with 17 significant digits, which round-trip exactly.
//
// The binary is $NNPLAY_CLI, else $NATIVE_BUILD/nnplay (default build/native/nnplay,
// built by `scripts/build.sh native`). If it is missing these tests are skipped with
// a message saying so, unless CI=1, where a missing binary is a failure (tests/missing-tool.mjs).
//
// To add a case: one entry in `runs` with CLI-style settings (see runArgs/runJS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { missing } from '../missing-tool.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = process.env.NNPLAY_CLI || resolve(root, process.env.NATIVE_BUILD || 'build/native', 'nnplay');
const haveCli = existsSync(cli);
const skip = missing(`the native CLI ${cli}`, haveCli, "build it with 'bash scripts/build.sh native'");

const nn = await createNNPlay();

const runs = [
  { dataset: 'circle', hidden: [8, 8], activation: 'tanh', init: 'playground', optimizer: 'sgd', lr: 0.03, batch: 10, epochs: 20, seed: 1 },
  { dataset: 'xor', noise: 0.2, features: ['x1', 'x2', 'x1x2', 'sinx1'], hidden: [6, 4], activation: 'relu', init: 'he_uniform',
    optimizer: 'adam', lr: 0.01, batch: 7, l2: 0.001, epochs: 15, seed: 42 },
  { dataset: 'blobs', classes: 4, trainRatio: 0.7, hidden: [10], activation: 'gelu', init: 'glorot_normal', loss: 'softmax_ce',
    optimizer: 'momentum', lr: 0.05, momentum: 0.8, l1: 0.0005, batch: 16, epochs: 12, seed: 7 },
  { dataset: 'multigauss', samples: 400, hidden: [8], activation: 'swish', init: 'lecun_uniform', optimizer: 'sgd', lr: 0.01,
    batch: 25, epochs: 10, seed: 5 },
  { dataset: 'gauss', noise: 0.3, hidden: [3], activation: 'leaky_relu', init: 'he_normal', loss: 'bce', optimizer: 'sgd',
    lr: 0.1, batch: 1, epochs: 5, seed: 9 },
  { dataset: 'spiral', features: ['x1', 'x2', 'x1sq', 'x2sq', 'sinx2'], hidden: [16, 16, 8], activation: 'sigmoid', init: 'glorot_uniform',
    optimizer: 'adam', lr: 0.003, batch: 32, epochs: 8, seed: 123456789 },
];

function runArgs(r) {
  const a = ['train', '--json', '--dataset', r.dataset, '--seed', String(r.seed), '--epochs', String(r.epochs),
    '--hidden', r.hidden.join(','), '--activation', r.activation, '--init', r.init, '--optimizer', r.optimizer,
    '--lr', String(r.lr), '--batch', String(r.batch)];
  if (r.noise !== undefined) a.push('--noise', String(r.noise));
  if (r.samples !== undefined) a.push('--samples', String(r.samples));
  if (r.classes !== undefined) a.push('--classes', String(r.classes));
  if (r.trainRatio !== undefined) a.push('--train-ratio', String(r.trainRatio));
  if (r.features) a.push('--features', r.features.join(','));
  if (r.loss) a.push('--loss', r.loss);
  if (r.momentum !== undefined) a.push('--momentum', String(r.momentum));
  if (r.l1 !== undefined) a.push('--l1', String(r.l1));
  if (r.l2 !== undefined) a.push('--l2', String(r.l2));
  return a;
}

// The CLI's choices, spelled out: one seed for data, split, weights and shuffling;
// the output layer follows from the loss and the dataset (core/cli/nnplay.cpp).
function runJS(r) {
  const data = nn.makeDataset(r.dataset, {
    seed: r.seed, noise: r.noise ?? 0, samples: r.samples ?? 0, classes: r.classes ?? 3,
    trainRatio: r.trainRatio ?? 0.5, features: r.features ?? ['x1', 'x2'],
  });
  const k = data.classes;
  const loss = r.loss ?? (k > 2 ? 'softmax_ce' : 'half_mse');
  const out = k === 0 ? { units: 1, activation: 'linear' }
    : loss === 'half_mse' ? { units: k === 2 ? 1 : k, activation: k === 2 ? 'tanh' : 'linear' }
    : loss === 'bce' ? { units: 1, activation: 'sigmoid' }
    : { units: k, activation: 'softmax' };
  const net = new nn.Network({
    inputs: data.inputs, loss, init: r.init, seed: r.seed,
    layers: [...r.hidden.map((units) => ({ units, activation: r.activation })), out],
  });
  const reports = net.trainEpochs(data, {
    optimizer: r.optimizer, lr: r.lr, batchSize: r.batch, epochs: r.epochs, seed: r.seed,
    momentum: r.momentum ?? 0.9, l1: r.l1 ?? 0, l2: r.l2 ?? 0,
  });
  const params = net.paramCount();
  net.delete();
  data.delete();
  return { reports, params };
}

for (const r of runs) {
  test(`native CLI and WASM give identical trajectories: ${r.dataset} ${r.hidden.join('-')} ${r.activation} ${r.optimizer}`,
    { skip }, () => {
      const native = JSON.parse(execFileSync(cli, runArgs(r), { encoding: 'utf8' }));
      const wasm = runJS(r);
      assert.equal(native.epochs.length, r.epochs);
      assert.equal(wasm.reports.length, r.epochs);
      let worst = 0;
      native.epochs.forEach((n, i) => {
        const w = wasm.reports[i];
        worst = Math.max(worst, Math.abs(n.train_loss - w.train.loss));
        assert.equal(w.epoch, n.epoch);
        assert.equal(w.train.loss, n.train_loss, `epoch ${n.epoch} train loss: native ${n.train_loss}, wasm ${w.train.loss}`);
        assert.equal(w.test.samples ? w.test.loss : null, n.test_loss, `epoch ${n.epoch} test loss`);
        if (n.train_acc !== null && !Number.isNaN(w.train.accuracy ?? NaN)) assert.equal(w.train.accuracy, n.train_acc);
        if (n.test_acc !== null && w.test.accuracy !== null) assert.equal(w.test.accuracy, n.test_acc);
      });
      assert.equal(wasm.params, BigInt(native.final.params));
      assert.equal(worst, 0);
    });
}

test('a diverging run stops at the same epoch natively and in WASM', { skip }, () => {
  const r = { dataset: 'plane', hidden: [8], activation: 'relu', init: 'he_uniform', optimizer: 'sgd', lr: 40, batch: 5, epochs: 30, seed: 2 };
  const p = spawnSync(cli, runArgs(r), { encoding: 'utf8' });
  assert.equal(p.status, 3, `exit status (stderr: ${p.stderr})`);
  const native = JSON.parse(p.stdout);
  const wasm = runJS(r).reports;
  assert.equal(wasm.at(-1).diverged, true);
  assert.equal(wasm.at(-1).epoch, native.diverged.epoch);
  assert.equal(wasm.at(-1).message, native.diverged.message);
  native.epochs.forEach((n, i) => assert.equal(wasm[i].train.loss, n.train_loss));
});

// `nnplay count --json` prints exact int64s; read them as strings so none is rounded.
function parseExact(text) {
  return JSON.parse(text.replace(/(?<=[:\[,]\s*)(-?\d+)(?=\s*[,\]}\n])/g, '"$1"'), (k, v) =>
    (typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : v));
}

for (const [widths, bias] of [[[256, 128, 64], true], [[2, 4, 2, 1], false], [[100000, 100000], true], [[999999999, 1000000001], false]]) {
  test(`countParameters equals 'nnplay count --json' for ${widths.join('-')}${bias ? '' : ' without bias'}`, { skip }, () => {
    const args = ['count', ...widths.map(String), '--json', ...(bias ? [] : ['--no-bias'])];
    const c = parseExact(execFileSync(cli, args, { encoding: 'utf8' }));
    const j = nn.countParameters(widths, { bias });
    assert.deepEqual(j.blocks, c.blocks);
    for (const k of ['weights', 'biases', 'params', 'macs', 'neurons']) assert.equal(j[k], c.totals[k], k);
    assert.deepEqual(j.storage, c.storage_bytes);
    assert.deepEqual(j.optimizer, c.optimizer_state_floats);
    assert.deepEqual(j.activations, c.activation_floats_per_sample);
  });
}
