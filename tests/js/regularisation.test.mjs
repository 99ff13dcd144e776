// Regularisation against TF Playground's engine (bench/playground_engine.mjs, nn.ts's
// forward/backward/updateWeights in plain JS, double precision): one epoch of SGD with L1 and
// one with L2, from the same weights, on the same rows in the same order, must end with the
// same weights to float32 precision, and L1 must kill (set to 0 and freeze) exactly the same
// links as TF's rule for weights that cross zero. A TF Playground link
// (regularization=L1&regularizationRate=r) reaches the core as l1 = r: checked through
// parseLink → linkRun, the page's own path. The update is written out in core/optim.h and
// docs/training.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import * as tf from '../../bench/playground_engine.mjs';

const nn = await createNNPlay();

// One epoch in both engines from one starting point. Returns the worst difference and counts.
function oneEpoch({ reg, rate, lr, batch, seed, shape, dataset }) {
  const { settings, errors } = nn.parseLink(`#dataset=${dataset}&seed=${seed}&networkShape=${shape.join(',')}` +
    `&regularization=${reg}&regularizationRate=${rate}&learningRate=${lr}&batchSize=${batch}`);
  assert.deepEqual(errors, []);
  const run = nn.linkRun(settings);
  // the link's keys become exactly TF's rate on the chosen regulariser
  assert.equal(run.train.l1, reg === 'L1' ? rate : 0);
  assert.equal(run.train.l2, reg === 'L2' ? rate : 0);
  const data = nn.makeDataset(run.dataset.name, run.dataset);
  const net = new nn.Network(run.network);
  try {
    assert.deepEqual(net.layers.map((l) => l.activation), [...shape.map(() => 'tanh'), 'tanh']);
    const n = data.trainSize - (data.trainSize % batch);  // whole batches only: TF carries a partial one over
    const x = data.x().subarray(0, n * 2);
    const y = Float32Array.from(data.labels().subarray(0, n), (l) => (l > 0 ? 1 : -1));  // TF's ±1 labels

    // TF's network with our starting weights (links j → i carry W[j·out + i]) and biases.
    const widths = [2, ...shape, 1];
    const ref = tf.buildNetwork(widths, tf.activations.tanh, tf.activations.tanh, 1, tf.regularizations[reg]);
    for (let l = 1; l < widths.length; l++) {
      const W = net.getWeights(l - 1), b = net.getBiases(l - 1);
      ref[l].forEach((node, i) => {
        node.bias = b[i];
        node.inLinks.forEach((link, j) => { link.weight = W[j * widths[l] + i]; });
      });
    }
    const points = [], labels = [];
    for (let i = 0; i < n; i++) { points.push([x[2 * i], x[2 * i + 1]]); labels.push(y[i]); }
    tf.trainSamples(ref, points, labels, batch, lr, rate);

    net.trainSteps(x, y, n / batch, { ...run.train, l1: run.train.l1, l2: run.train.l2 });

    let worst = 0, worstRel = 0, zeroOurs = 0, zeroTF = 0, disagree = 0, count = 0;
    for (let l = 1; l < widths.length; l++) {
      const W = net.getWeights(l - 1), b = net.getBiases(l - 1);
      ref[l].forEach((node, i) => {
        const d = Math.abs(node.bias - b[i]);
        worst = Math.max(worst, d);
        node.inLinks.forEach((link, j) => {
          const ours = W[j * widths[l] + i];
          const diff = Math.abs(link.weight - ours);
          worst = Math.max(worst, diff);
          worstRel = Math.max(worstRel, diff / Math.max(1e-3, Math.abs(link.weight)));
          if (link.isDead) zeroTF++;
          if (ours === 0 && link.weight === 0) zeroOurs++;
          if ((ours === 0) !== (link.weight === 0)) disagree++;
          count++;
        });
      });
    }
    return { worst, worstRel, zeroOurs, zeroTF, disagree, count, steps: n / batch };
  } finally {
    net.delete();
    data.delete();
  }
}

test('one epoch of SGD with L2 equals TF Playground\'s engine', () => {
  const r = oneEpoch({ reg: 'L2', rate: 0.03, lr: 0.1, batch: 10, seed: 3, shape: [6, 4], dataset: 'spiral' });
  console.log(`# L2: ${r.count} weights after ${r.steps} steps: worst |Δ| ${r.worst.toExponential(2)}, worst rel ${r.worstRel.toExponential(2)}`);
  assert.ok(r.worst < 2e-6, `worst difference ${r.worst}`);
  assert.equal(r.disagree, 0);
});

test('one epoch of SGD with L1 equals TF Playground\'s engine, zero-crossing weights included', () => {
  // an L1 rate at which about half of the weights cross zero within the epoch (18 of 40)
  const r = oneEpoch({ reg: 'L1', rate: 0.1, lr: 0.1, batch: 10, seed: 3, shape: [6, 4], dataset: 'spiral' });
  console.log(`# L1: ${r.count} weights after ${r.steps} steps: worst |Δ| ${r.worst.toExponential(2)}, ` +
    `${r.zeroTF} killed by TF's zero-crossing rule, ${r.zeroOurs} of them 0 in nnplay too`);
  assert.ok(r.zeroTF >= 5, `the case must exercise the crossing rule (only ${r.zeroTF} links died)`);
  assert.equal(r.zeroOurs, r.zeroTF);
  assert.equal(r.disagree, 0);
  assert.ok(r.worst < 2e-6, `worst difference ${r.worst}`);
});

test('a milder L1 rate and another dataset agree too', () => {
  const r = oneEpoch({ reg: 'L1', rate: 0.01, lr: 0.03, batch: 5, seed: 11, shape: [4, 2], dataset: 'xor' });
  console.log(`# L1 (0.01, xor): worst |Δ| ${r.worst.toExponential(2)}, ${r.zeroTF} killed`);
  assert.equal(r.disagree, 0);
  assert.ok(r.worst < 2e-6, `worst difference ${r.worst}`);
});
