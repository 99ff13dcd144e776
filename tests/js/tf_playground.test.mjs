// Issue 11: "Links from TF Playground must train as they do there". Three comparisons with
// trusted engines:
// 1. the core's port of TF's Math.seedrandom (core/tf_random.h) against npm seedrandom, the
//    package TF Playground calls, number for number;
// 2. a TF Playground link's data, initial weights and per-epoch losses in the core (tfMode,
//    through fromLink, the page's path) against TF's start-up and oneStep rewritten in double
//    precision (bench/playground_data.mjs over bench/playground_engine.mjs) fed by seedrandom;
// 3. nnplay's own links are not in tfMode, and TF's links are.
// Losses: nnplay computes in float32, TF in float64, so they drift apart slowly; the bound
// below is on the relative difference of every epoch's train and test loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import * as tfdata from '../../bench/playground_data.mjs';

const nn = await createNNPlay();

test('TfRandom equals npm seedrandom (ARC4) for TF seeds, odd seeds and long seeds', () => {
  const seeds = ['0.83747', '0.5', '0.00000', '1', '7', '', 'abc_9', 'x'.repeat(300),
    Array.from({ length: 600 }, (_, i) => String.fromCharCode(33 + (i * 37) % 94)).join('')];
  for (const seed of seeds) {
    const ref = seedrandom(seed);
    const ours = nn.tfRandom(seed, 20000);
    for (let i = 0; i < ours.length; i++) {
      const r = ref();
      if (ours[i] !== r) assert.fail(`seed ${JSON.stringify(seed.slice(0, 20))} number ${i}: ${ours[i]} vs seedrandom ${r}`);
    }
  }
  // Math.seedrandom(seed) installs the same generator as seedrandom(seed)
  const saved = Math.random;
  try {
    seedrandom('0.83747', { global: true });
    assert.equal(nn.tfRandom('0.83747', 3)[2], (Math.random(), Math.random(), Math.random()));
  } finally { Math.random = saved; }
  assert.throws(() => nn.tfRandom('é', 1), /only ASCII seeds/);
});

// A link exactly as TF Playground writes it (state.ts serialize: every key with a value).
function tfLink(o) {
  const s = { activation: 'tanh', batchSize: 10, dataset: 'circle', regDataset: 'reg-plane', learningRate: 0.03,
    regularizationRate: 0, noise: 0, networkShape: '4,2', seed: '0.83747', showTestData: false, discretize: false,
    percTrainData: 50, x: true, y: true, xTimesY: false, xSquared: false, ySquared: false, cosX: false, sinX: false,
    cosY: false, sinY: false, collectStats: false, problem: 'classification', initZero: false, hideText: false, ...o };
  const reg = s.regularization;
  delete s.regularization;
  return '#' + Object.entries(s).map(([k, v]) => `${k}=${v}`).join('&').replace('&batchSize', reg ? `&regularization=${reg}&batchSize` : '&batchSize');
}

// TF's side for the same link: start-up with seedrandom(seed), then oneStep per epoch.
function tfRun(settings, epochs) {
  const s = {
    ...settings, networkShape: settings.networkShape,
    regDataset: settings.regDataset, features: tfdata.featureKeys.filter((k) => settings[k]),
    regularization: settings.regularization === 'none' ? null : settings.regularization,
  };
  const st = tfdata.startUp(s, seedrandom(settings.seed));
  const weights = st.net.slice(1).map((layer) => layer.map((node) => node.inLinks.map((l) => l.weight)));
  const losses = [];
  for (let e = 0; e < epochs; e++) losses.push(tfdata.oneStep(st.net, st.train, st.test, s));
  return { ...st, weights, losses };
}

const CASES = [
  { name: 'circle, TF defaults', link: {}, epochs: 300 },
  { name: 'spiral, noise 25, sin features, 8-6 relu, batch 30 (a carried partial batch every epoch)',
    link: { dataset: 'spiral', noise: 25, sinX: true, sinY: true, networkShape: '8,6', activation: 'relu', batchSize: 30, seed: '0.21093', learningRate: 0.01 }, epochs: 300 },
  { name: 'xor, x², y², xy, 70% train, L2', link: { dataset: 'xor', noise: 10, percTrainData: 70, xSquared: true, ySquared: true, xTimesY: true,
    networkShape: '5', regularization: 'L2', regularizationRate: 0.001, batchSize: 7, seed: '0.59112', learningRate: 0.003 }, epochs: 200 },
  { name: 'gauss, noise 40, sigmoid, L1 (links die)', link: { dataset: 'gauss', noise: 40, activation: 'sigmoid', networkShape: '3',
    regularization: 'L1', regularizationRate: 0.01, learningRate: 0.1, seed: '0.44444' }, epochs: 200 },
  { name: 'regression plane, 30% train, batch 1', link: { problem: 'regression', regDataset: 'reg-plane', noise: 20, percTrainData: 30,
    batchSize: 1, networkShape: '3', learningRate: 0.01, seed: '0.77031' }, epochs: 60 },
  { name: 'regression multigauss, 6-3 tanh, batch 25', link: { problem: 'regression', regDataset: 'reg-gauss', noise: 5, percTrainData: 60,
    batchSize: 25, networkShape: '6,3', learningRate: 0.03, seed: '0.13579' }, epochs: 200 },
];

const figures = [];
for (const c of CASES) {
  test(`TF link trains as TF Playground does: ${c.name}`, () => {
    const link = tfLink(c.link);
    const { settings, errors, data, net, train } = nn.fromLink(link);
    try {
      assert.deepEqual(errors, []);
      assert.equal(settings.tfMode, true, 'a link copied from TF Playground is in tfMode');
      assert.equal(train.order, 'tf_playground');
      const ref = tfRun(settings, c.epochs);
      // the same points in the same row order (train rows first), to float32
      const p = data.points(), labels = data.labels(), x = data.x();
      const all = [...ref.train.points, ...ref.test.points];
      assert.equal(data.size, all.length);
      assert.equal(data.trainSize, ref.train.points.length);
      let worstPoint = 0;
      for (let i = 0; i < all.length; i++) {
        worstPoint = Math.max(worstPoint, Math.abs(p.x1[i] - all[i].x), Math.abs(p.x2[i] - all[i].y));
        if (Math.fround(p.x1[i]) !== Math.fround(all[i].x) || Math.fround(p.x2[i]) !== Math.fround(all[i].y))
          assert.fail(`point ${i}: (${p.x1[i]}, ${p.x2[i]}) vs TF (${all[i].x}, ${all[i].y})`);
        const tfLabel = settings.problem === 'regression' ? all[i].label : (all[i].label > 0 ? 1 : 0);
        assert.ok(Math.abs(labels[i] - tfLabel) <= 1e-15, `label ${i}: ${labels[i]} vs TF ${tfLabel}`);
        const inputs = i < ref.train.inputs.length ? ref.train.inputs[i] : ref.test.inputs[i - ref.train.inputs.length];
        inputs.forEach((v, k) => assert.equal(x[i * inputs.length + k], Math.fround(v), `input ${k} of row ${i}`));
      }
      // the same initial weights: TF's double rounded to float32, bit for bit; biases 0.1
      ref.weights.forEach((layer, l) => {
        const W = net.getWeights(l), b = net.getBiases(l), out = layer.length;
        layer.forEach((links, o) => {
          assert.equal(b[o], Math.fround(0.1));
          links.forEach((w, i) => assert.equal(W[i * out + o], Math.fround(w), `layer ${l} unit ${o} link ${i}`));
        });
      });
      // per-epoch losses
      const ours = net.trainEpochs(data, { ...train, epochs: c.epochs });
      let worst = 0, at = 0;
      ours.forEach((r, e) => {
        for (const [a, b] of [[r.train.loss, ref.losses[e].train], [r.test.loss, ref.losses[e].test]]) {
          const rel = Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
          if (rel > worst) { worst = rel; at = e + 1; }
        }
      });
      figures.push({ case: c.name, epochs: c.epochs, worstRelLoss: worst.toExponential(2), atEpoch: at,
        lastTF: ref.losses[c.epochs - 1].train.toFixed(6), lastOurs: ours[c.epochs - 1].train.loss.toFixed(6), worstPointDiff: worstPoint });
      // measured worst 2.6e-5; without the carried partial batch the spiral case is off by 1.6e-3-2.8e-3
      assert.ok(worst < 1e-4, `${c.name}: worst relative loss difference ${worst} at epoch ${at}`);
    } finally { data.delete(); net.delete(); }
  });
}

test('which links train in tfMode: TF Playground\'s do, nnplay\'s own do not', () => {
  const tf = nn.parseLink(tfLink({ dataset: 'xor' }));
  assert.equal(tf.settings.tfMode, true);
  for (const own of ['#seed=7', '#dataset=spiral&seed=0.83747&networkShape=8,8', nn.linkOf(nn.defaultSettings()),
    tfLink({ loss: 'bce' }), tfLink({ optimizer: 'adam' })])
    assert.equal(nn.parseLink(own).settings.tfMode, false, own);
  // nnplay writes the key, so its links round-trip either way
  const on = nn.parseLink(nn.linkOf(tf.settings)).settings;
  assert.equal(on.tfMode, true);
  assert.equal(nn.parseLink(nn.linkOf({ ...tf.settings, tfMode: false })).settings.tfMode, false);
  // a dataset TF Playground does not have cannot be in tfMode
  assert.match(nn.parseLink(tfLink({ dataset: 'blobs' }) + '&tfMode=true').errors.join(' '),
    /tfMode: TF Playground has no dataset 'blobs'/);
  // choosing one from the controls leaves the mode
  const r = nn.updateSettings(tf.settings, { dataset: 'blobs' });
  assert.equal(r.settings.tfMode, false);
});

test.after(() => console.log(JSON.stringify(figures, null, 1)));
