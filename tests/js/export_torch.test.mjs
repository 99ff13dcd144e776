// The PyTorch export (web/app/export_code.js) run by Debian's torch: on seeded random trained
// networks (every activation, bias on and off, the three losses, TF features or raw inputs)
// its weights are nnplay's float32 bit for bit, its features(x1, x2) and model give nnplay's
// predictions on 1,000 points within 1e-5, and its train_step takes the step nnplay takes
// (within 1e-4 relative: both in float32; tests/js/torch_optim.test.mjs holds the rule to 1e-6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { pytorchCode } from '../../web/app/export_code.js';
import { runTorch, torchMissing } from './torch.mjs';
import { rng, randomCase, randomTargets, randomRows, rows } from './random_nets.mjs';

const nn = await createNNPlay();
const CASES = 14, POINTS = 1000, PRED = 1e-5, STEP = 1e-4;

function bitsOf(net) {
  return net.layers.map((l, i) => ({
    weights: Array.from(new Int32Array(net.getWeights(i).buffer)),
    biases: l.bias ? Array.from(new Int32Array(net.getBiases(i).buffer)) : [],
  }));
}

test('the PyTorch export computes nnplay\'s predictions (1,000 points, 1e-5) with its exact weights', { skip: torchMissing }, () => {
  const r = rng(711);
  const cases = [];
  for (let i = 0; i < CASES; i++) {
    const { spec, features } = randomCase(r, i);
    const net = new nn.Network(spec);
    if (features) net.features = features;
    const opts = { optimizer: r.pick(['sgd', 'momentum', 'adam']), lr: r.pick([0.01, 0.03, 0.1]),
      l1: i % 5 === 1 ? 0.001 : 0, l2: i % 5 === 3 ? 0.01 : 0, batchSize: 8 };
    for (let s = 0; s < 5; s++) {  // "trained": weights moved off their initial values
      net.trainBatch(randomRows(r, 8, spec.inputs), randomTargets(r, spec.loss, net.outputs, 8), opts);
    }
    const model = JSON.parse(net.toJSON());
    const code = pytorchCode(model, { training: opts });
    let x, job;
    if (features) {
      const x1 = Array.from({ length: POINTS }, () => -6 + 12 * r()), x2 = Array.from({ length: POINTS }, () => -6 + 12 * r());
      const d = nn.datasetFromPoints({ x1, x2, labels: new Array(POINTS).fill(0), classes: 0, features, trainRatio: 1 });
      const p = d.points();  // the dataset's row order
      x = d.x();
      job = { kind: 'export', code, x1: Array.from(p.x1), x2: Array.from(p.x2) };
      d.delete();
    } else {
      x = randomRows(r, POINTS, spec.inputs);
      job = { kind: 'export', code, x: rows(x, spec.inputs) };
    }
    const predictions = net.predict(x, POINTS);
    // the export's train_step against nnplay's, from the exported weights with fresh state
    const fresh = nn.Network.fromJSON(net.toJSON());
    const steps = [0, 1].map(() => ({ x: randomRows(r, 6, spec.inputs), y: randomTargets(r, spec.loss, net.outputs, 6) }));
    const losses = steps.map((s) => fresh.trainBatch(s.x, s.y, opts));
    const after = fresh.layers.map((l, k) => ({ weights: Array.from(fresh.getWeights(k)), biases: l.bias ? Array.from(fresh.getBiases(k)) : [] }));
    job.steps = steps.map((s) => ({ x: rows(s.x, spec.inputs), y: rows(s.y, net.outputs) }));
    cases.push({ name: `case ${i} (${features ? features.join(',') : `${spec.inputs} raw`}-${spec.layers.map((l) => `${l.units}${l.activation}`).join('-')}, ` +
      `${spec.loss}, ${opts.optimizer})`, job, predictions, bits: bitsOf(net), names: features || [], losses, after });
    net.delete();
    fresh.delete();
  }
  const results = runTorch(cases.map((c) => c.job));
  let worstPred = { d: 0 }, worstStep = { d: 0 };
  cases.forEach((c, i) => {
    const t = results[i];
    assert.equal(t.error, undefined, `${c.name}: ${t.error}`);
    assert.deepEqual(t.bits, c.bits, `${c.name}: the exported weights are not nnplay's float32 values`);
    assert.deepEqual(t.inputs, c.names, `${c.name}: INPUTS`);
    assert.equal(t.predictions.length, c.predictions.length);
    c.predictions.forEach((v, j) => {
      const d = Math.abs(v - t.predictions[j]) / Math.max(1, Math.abs(v));
      if (!(d <= worstPred.d)) worstPred = { d, where: `${c.name} value ${j}: nnplay ${v}, torch ${t.predictions[j]}` };
    });
    c.losses.forEach((l, k) => {
      const d = Math.abs(l - t.losses[k]) / Math.max(Math.abs(l), 1e-2);
      if (!(d <= worstStep.d)) worstStep = { d, where: `${c.name} loss ${k + 1}: nnplay ${l}, torch ${t.losses[k]}` };
    });
    c.after.forEach((l, li) => ['weights', 'biases'].forEach((key) => l[key].forEach((v, j) => {
      const b = t.params.at(-1)[li][key][j];
      const d = Math.abs(v - b) / Math.max(Math.abs(b), 1e-2);
      if (!(d <= worstStep.d)) worstStep = { d, where: `${c.name} layer ${li + 1} ${key}[${j}]: nnplay ${v}, torch ${b}` };
    })));
  });
  console.log(`# PyTorch export: worst prediction difference ${worstPred.d.toExponential(2)} (${worstPred.where}); ` +
    `worst train_step difference ${worstStep.d.toExponential(2)} (${worstStep.where})`);
  assert.ok(worstPred.d <= PRED, `predictions differ by ${worstPred.d}: ${worstPred.where}`);
  assert.ok(worstStep.d <= STEP, `train_step differs by ${worstStep.d}: ${worstStep.where}`);
});
