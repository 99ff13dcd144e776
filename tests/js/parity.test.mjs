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
  // 3 classes with ½MSE: the page once built 3 tanh outputs here and the CLI 3 linear ones
  { dataset: 'blobs', classes: 3, hidden: [6], activation: 'tanh', init: 'playground', loss: 'half_mse', optimizer: 'sgd',
    lr: 0.03, batch: 10, epochs: 6, seed: 7 },
  // a TF Playground seed text, hashed by the core for data, weights and shuffling alike
  { dataset: 'circle', hidden: [4, 2], activation: 'tanh', init: 'playground', optimizer: 'sgd', lr: 0.03, batch: 10,
    l1: 0.003, epochs: 5, seed: '0.83747' },
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

// The same run through the API. The output layer and the default loss are asked of the core
// (core/rules.h, the rule the CLI and the page use), never restated here.
function runJS(r) {
  const data = nn.makeDataset(r.dataset, {
    seed: r.seed, noise: r.noise ?? 0, samples: r.samples ?? 0, classes: r.classes ?? 3,
    trainRatio: r.trainRatio ?? 0.5, features: r.features ?? ['x1', 'x2'],
  });
  const loss = r.loss ?? nn.defaultLoss(data.classes);
  const out = nn.outputLayer(data.classes, loss);
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

// ---- page links: `nnplay train --link` against the JS API's fromLink, for every setting the
// page's URL hash carries (dataset, noise, split, seed, features, layers, per-layer
// activations, loss, optimiser, regularisation, batch size, initialiser). Both sides get the
// link text only; the core's parser (core/link_settings.h) decides everything else.
const LINKS = [
  '#seed=7',  // the page's defaults: TF Playground's circle, 4-2 tanh, ½MSE, SGD 0.03, batch 10
  '#dataset=spiral&noise=25&percTrainData=70&seed=0.83747&sinX=true&sinY=true&networkShape=8,8&activation=relu' +
    '&regularization=L1&regularizationRate=0.003&batchSize=5&learningRate=0.01',
  '#dataset=xor&noise=10&xTimesY=true&xSquared=true&networkShape=6,4,3&activations=tanh,leaky_relu,gelu' +
    '&loss=bce&optimizer=adam&learningRate=0.003&init=he_uniform&seed=42&percTrainData=30&batchSize=16',
  '#dataset=blobs&classes=4&networkShape=10&activation=swish&loss=softmax_ce&optimizer=momentum&learningRate=0.05' +
    '&regularization=L2&regularizationRate=0.01&init=glorot_normal&seed=5&batchSize=7',
  '#dataset=blobs&classes=3&loss=half_mse&networkShape=5&seed=11',
  '#problem=regression&regDataset=reg-gauss&noise=20&networkShape=8&activation=sigmoid&initZero=true&seed=3' +
    '&learningRate=0.1&batchSize=25',
  '#problem=regression&regDataset=reg-plane&networkShape=&seed=abc_9&ySquared=true&init=lecun_normal&batchSize=1&learningRate=0.001',
  // a TF Playground link as it writes them (its keys, its order)
  '#activation=tanh&regularization=L2&batchSize=10&dataset=gauss&regDataset=reg-plane&learningRate=0.03' +
    '&regularizationRate=0.03&noise=15&networkShape=4,2&seed=0.21093&showTestData=false&discretize=false' +
    '&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false' +
    '&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false',
];
const LINK_EPOCHS = 6;

for (const link of LINKS) {
  test(`a page link trains bit for bit alike in the CLI and the API: ${link.slice(0, 60)}…`, { skip }, () => {
    const native = JSON.parse(execFileSync(cli, ['train', '--link', link, '--epochs', String(LINK_EPOCHS), '--json'],
      { encoding: 'utf8' }));
    const { data, net, train, errors } = nn.fromLink(link);
    assert.deepEqual(errors, []);
    const api = net.trainEpochs(data, { ...train, epochs: LINK_EPOCHS });
    const params = net.paramCount();
    net.delete();
    data.delete();
    assert.equal(native.epochs.length, LINK_EPOCHS);
    native.epochs.forEach((n, i) => {
      assert.equal(api[i].train.loss, n.train_loss, `epoch ${n.epoch} train loss`);
      assert.equal(api[i].test.samples ? api[i].test.loss : null, n.test_loss, `epoch ${n.epoch} test loss`);
    });
    assert.equal(params, BigInt(native.final.params));
  });
}

test("a link's seed=7 is the CLI's --seed 7 (one seed rule)", { skip }, () => {
  const viaLink = JSON.parse(execFileSync(cli, ['train', '--link', '#seed=7', '--epochs', '4', '--json'], { encoding: 'utf8' }));
  const viaFlags = JSON.parse(execFileSync(cli, ['train', '--seed', '7', '--epochs', '4', '--json'], { encoding: 'utf8' }));
  assert.deepEqual(viaLink.epochs, viaFlags.epochs);
  assert.equal(nn.seedFromText('7'), 7n);
});

test('a link the page would open with a message is refused by the CLI, naming the problem', { skip }, () => {
  const p = spawnSync(cli, ['train', '--link', '#learningRate=NaN&bogus=1', '--epochs', '1'], { encoding: 'utf8' });
  assert.equal(p.status, 2);
  assert.match(p.stderr, /learningRate: 'NaN' is not a number; kept '0\.03'; unknown setting 'bogus' ignored/);
  const q = spawnSync(cli, ['train', '--link', '#seed=7', '--lr', '0.1'], { encoding: 'utf8' });
  assert.equal(q.status, 2);
  assert.match(q.stderr, /--lr cannot be combined with it/);
});
