// The Keras export (web/app/export_code.js) checked through TensorFlow.js layers, Keras' own
// port: the Python text is parsed (tests/js/export_ast.py, no Keras needed), each layer call is
// rebuilt in tfjs-layers with Keras 3's rules (defaults included: LeakyReLU's slope is 0.3 and
// "gelu" the erf form unless the text says otherwise), the weights are loaded from the text's
// literals, and the model must give nnplay's predictions on 1,000 points within 1e-5. The
// text's numpy features(x1, x2) supplies the inputs, so that function is checked as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { kerasCode } from '../../web/app/export_code.js';
import { rng, randomCase, randomTargets, randomRows } from './random_nets.mjs';
import { parseExports } from './export_ast.mjs';

await tf.setBackend('cpu');
const nn = await createNNPlay();
const CASES = 14, POINTS = 1000, PRED = 1e-5;

// Keras 3 activation names as tfjs-layers names them (tfjs' 'gelu' is the erf form, as Keras').
const ACTIVATION = { linear: 'linear', relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', softmax: 'softmax',
  silu: 'swish', swish: 'swish', gelu: 'gelu' };
// A function the export defines, recognised by its exact body.
const DEFINED = { 'return keras.activations.gelu(x, approximate=True)': 'gelu_new' };

function activation(a, defs) {
  if (a === undefined || a === null) return 'linear';  // Keras' Dense default
  if (typeof a === 'string') {
    if (!(a in ACTIVATION)) throw new Error(`activation "${a}" is not mapped`);
    return ACTIVATION[a];
  }
  const body = defs[a.name];
  if (!(body in DEFINED)) throw new Error(`activation ${a.name} has an unknown body: ${body}`);
  return DEFINED[body];
}

// The tfjs model for a parsed Keras export.
function buildModel(rep) {
  const [input, ...layers] = rep.layers;
  assert.equal(input.call, 'keras.Input');
  const model = tfl.sequential();
  let first = { inputShape: input.kwargs.shape };
  for (const l of layers) {
    if (l.call === 'keras.layers.Dense') {
      const units = l.args.length ? l.args[0] : l.kwargs.units;
      model.add(tfl.layers.dense({ ...first, units, activation: activation(l.kwargs.activation, rep.defs),
        useBias: l.kwargs.use_bias === undefined ? true : l.kwargs.use_bias }));
    } else if (l.call === 'keras.layers.LeakyReLU') {
      const slope = l.kwargs.negative_slope === undefined ? 0.3 : l.kwargs.negative_slope;  // Keras 3's default
      model.add(tfl.layers.leakyReLU({ ...first, alpha: slope }));
    } else {
      throw new Error(`layer ${l.call} is not mapped`);
    }
    first = {};
  }
  const weights = rep.weights.map((w) => {
    assert.equal(w.dtype, 'np.float32');
    return tf.tensor(new Float32Array(new Int32Array(w.bits).buffer), w.shape);
  });
  model.setWeights(weights);
  return model;
}

test('the Keras export rebuilt in TensorFlow.js layers gives nnplay\'s predictions (1,000 points, 1e-5)', () => {
  const r = rng(4242);
  const cases = [];
  for (let i = 0; i < CASES; i++) {
    const { spec, features } = randomCase(r, i);
    const net = new nn.Network(spec);
    if (features) net.features = features;
    const opts = { optimizer: r.pick(['sgd', 'adam']), lr: 0.03, batchSize: 8 };
    for (let s = 0; s < 5; s++) net.trainBatch(randomRows(r, 8, spec.inputs), randomTargets(r, spec.loss, net.outputs, 8), opts);
    const code = kerasCode(JSON.parse(net.toJSON()));
    const c = { name: `case ${i} (${features ? features.join(',') : `${spec.inputs} raw`}-${spec.layers.map((l) => `${l.units}${l.activation}`).join('-')})`,
      inputs: spec.inputs, job: { code } };
    if (features) {
      const x1 = Array.from({ length: POINTS }, () => -6 + 12 * r()), x2 = Array.from({ length: POINTS }, () => -6 + 12 * r());
      const d = nn.datasetFromPoints({ x1, x2, labels: new Array(POINTS).fill(0), classes: 0, features, trainRatio: 1 });
      const p = d.points();
      c.x = d.x();
      c.job.x1 = Array.from(p.x1); c.job.x2 = Array.from(p.x2);
      d.delete();
    } else {
      c.x = randomRows(r, POINTS, spec.inputs);
    }
    c.predictions = net.predict(c.x, POINTS);
    net.delete();
    cases.push(c);
  }
  const reports = parseExports(cases.map((c) => c.job));
  let worst = { d: 0 }, worstFeature = 0;
  const acts = new Set();
  cases.forEach((c, i) => {
    const rep = reports[i];
    assert.equal(rep.error, undefined, `${c.name}: ${rep.error}`);
    let x = c.x;
    if (rep.features) {  // the export's numpy features equal nnplay's, bit for bit
      rep.features.forEach((v, j) => { worstFeature = Math.max(worstFeature, Math.abs(v - c.x[j])); });
      x = Float32Array.from(rep.features);
    }
    const model = buildModel(rep);
    model.layers.forEach((l) => acts.add(l.getConfig().activation || l.getClassName()));
    const out = tf.tidy(() => model.predict(tf.tensor2d(x, [POINTS, c.inputs])).dataSync());
    model.dispose();
    c.predictions.forEach((v, j) => {
      const d = Math.abs(v - out[j]) / Math.max(1, Math.abs(v));
      if (!(d <= worst.d)) worst = { d, where: `${c.name} value ${j}: nnplay ${v}, tfjs ${out[j]}` };
    });
  });
  console.log(`# Keras export in TF.js layers: worst prediction difference ${worst.d.toExponential(2)} (${worst.where}); ` +
    `numpy features: worst difference ${worstFeature}; layers/activations seen: ${[...acts].sort().join(', ')}`);
  assert.equal(worstFeature, 0, 'the export\'s features(x1, x2) differ from nnplay\'s');
  for (const a of ['gelu_new', 'LeakyReLU', 'linear', 'relu', 'sigmoid', 'softmax', 'swish', 'tanh']) assert.ok(acts.has(a), `no case used ${a}`);
  assert.ok(worst.d <= PRED, `predictions differ by ${worst.d}: ${worst.where}`);
});
