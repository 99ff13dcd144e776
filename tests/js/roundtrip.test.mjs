// Weights, model JSON, predictions, per-layer activations, the grid maps and the
// quantised copies through the JS API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

const nn = await createNNPlay();
const spec = { inputs: 2, layers: [{ units: 5, activation: 'relu' }, { units: 3 }, { units: 1, activation: 'sigmoid', bias: false }], loss: 'bce', seed: 9 };

test('the network describes itself', () => {
  const net = new nn.Network(spec);
  assert.equal(net.inputs, 2);
  assert.equal(net.outputs, 1);
  assert.equal(net.loss, 'bce');
  assert.deepEqual(net.layers, [
    { units: 5, activation: 'relu', bias: true },
    { units: 3, activation: 'tanh', bias: true },
    { units: 1, activation: 'sigmoid', bias: false },
  ]);
  // 2*5+5 + 5*3+3 + 3*1 = 15 + 18 + 3 = 36
  assert.equal(net.paramCount(), 36n);
  assert.deepEqual(net.features, []);
  net.features = ['x1', 'x2'];
  assert.deepEqual(net.features, ['x1', 'x2']);
  net.delete();
});

test('getWeights/setWeights round trip, copies not views', () => {
  const net = new nn.Network(spec);
  const w = net.getWeights(1);
  assert.ok(w instanceof Float32Array);
  assert.equal(w.length, 15);  // (in 5, out 3)
  const mine = w.map((_, i) => i / 16 - 0.5);
  net.setWeights(1, mine);
  assert.deepEqual(net.getWeights(1), mine);
  w[0] = 42;  // a copy: writing to it changes nothing
  assert.notEqual(net.getWeights(1)[0], 42);
  net.setWeights(1, Array.from(mine, (v) => -v));  // plain arrays are accepted
  assert.deepEqual(net.getWeights(1), mine.map((v) => -v));
  net.setBiases(0, [1, 2, 3, 4, 5]);
  assert.deepEqual(net.getBiases(0), new Float32Array([1, 2, 3, 4, 5]));
  assert.equal(net.getBiases(2).length, 0);  // no bias in the output layer
  net.setWeight(0, 1, 4, 0.25);  // from input 1 to unit 4: W[1*5 + 4]
  assert.equal(net.getWeights(0)[9], 0.25);
  net.setBias(1, 2, -0.5);
  assert.equal(net.getBiases(1)[2], -0.5);
  assert.throws(() => net.setBias(2, 0, 1), /layer 2 has no bias/);
  net.delete();
});

test('toJSON/fromJSON round trip keeps every bit and the metadata', () => {
  const data = nn.makeDataset('xor', { seed: 4, features: ['x1', 'x2', 'x1x2'] });
  const net = new nn.Network({ ...spec, inputs: 3 });
  net.trainEpochs(data, { epochs: 3, optimizer: 'momentum', lr: 0.05, batchSize: 7 });
  const text = net.toJSON();
  const back = nn.Network.fromJSON(text);
  for (let b = 0; b < 3; b++) {
    assert.deepEqual(back.getWeights(b), net.getWeights(b));
    assert.deepEqual(back.getBiases(b), net.getBiases(b));
  }
  assert.deepEqual(back.layers, net.layers);
  assert.deepEqual(back.features, ['x1', 'x2', 'x1x2']);
  assert.equal(back.toJSON(), text);
  const m = JSON.parse(text);
  assert.equal(m.format, 'nnplay-model');
  assert.equal(m.training.epochs, 3);
  assert.equal(m.training.batch_size, 7);
  assert.equal(m.training.optimizer, 'momentum');
  assert.equal(m.training.dataset, 'xor');
  const x = new Float32Array([0.3, -2, -0.6, 1, 1, 1]);
  assert.deepEqual(back.predict(x), net.predict(x));
  // JSON.stringify(net) uses toJSON too
  assert.equal(JSON.stringify(net), JSON.stringify(text));
  back.delete(); net.delete(); data.delete();
});

test('predict and activations', () => {
  const net = new nn.Network(spec);
  const y = net.predict(new Float32Array([0, 0, 1, 2, -3, 0.5]));
  assert.equal(y.length, 3);
  for (const v of y) assert.ok(v > 0 && v < 1);  // sigmoid output
  const acts = net.activations([1, 2]);
  assert.deepEqual(acts.map((a) => a.length), [5, 3, 1]);
  assert.equal(acts[2][0], y[1]);
  for (const v of acts[0]) assert.ok(v >= 0);  // relu
  net.delete();
});

test('evaluateGrid: the output map and every neuron map', () => {
  const net = new nn.Network(spec);
  const g = net.evaluateGrid({ resolution: 20 });
  assert.equal(g.resolution, 20);
  assert.equal(g.output.length, 400);
  assert.deepEqual(g.neurons.map((l) => l.length), [5, 3, 1]);
  for (const layer of g.neurons) for (const map of layer) assert.equal(map.length, 400);
  assert.deepEqual(g.neurons[2][0], g.output);
  // row 0 is yMax, column 0 is xMin: the top-left cell centre is (-6 + 0.3, 6 - 0.3)
  const cell = (12 / 20) / 2;
  assert.equal(g.output[0], net.predict([-6 + cell, 6 - cell])[0]);
  const noNeurons = net.evaluateGrid({ resolution: 10, neurons: false, xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
  assert.equal(noNeurons.output.length, 100);
  assert.equal(noNeurons.neurons.length, 0);
  net.delete();
});

test('evaluateGrid called again: earlier results are owned copies, every cell equals predict', () => {
  // The core refills the same wasm buffers on every call (no allocation while a map is
  // redrawn); what JS got before must not change, and each call must be exact.
  const net = new nn.Network({ ...spec, layers: [{ units: 7, activation: 'tanh' }, { units: 4, activation: 'relu' }, { units: 1, activation: 'tanh' }], loss: 'half_mse' });
  const o = { resolution: 9, features: ['x1', 'x2'] };
  const first = net.evaluateGrid(o);
  const kept = { output: first.output.slice(), inputs: first.inputs.map((m) => m.slice()), l0: first.neurons[0].map((m) => m.slice()) };
  net.evaluateGrid({ ...o, neurons: false });
  const w = net.getWeights(0);
  net.setWeights(0, w.map((v) => -2 * v));
  const second = net.evaluateGrid(o);
  assert.deepEqual(first.output, kept.output);
  assert.deepEqual(first.inputs, kept.inputs);
  assert.deepEqual(first.neurons[0], kept.l0);
  assert.notDeepEqual(second.output, first.output);
  // Cell (row r, column c) is (x1, x2) = (-6 + (c + 0.5)·12/9, 6 - (r + 0.5)·12/9), as float32.
  const xs = new Float32Array(81 * 2);
  for (let c = 0; c < 81; c++) { xs[2 * c] = -6 + ((c % 9) + 0.5) * 12 / 9; xs[2 * c + 1] = 6 - (Math.floor(c / 9) + 0.5) * 12 / 9; }
  const want = net.predict(xs);
  assert.deepEqual(second.output, want);
  assert.deepEqual(net.evaluateGrid({ ...o, neurons: false }).output, want);
  assert.deepEqual(second.inputs[0], Float32Array.from({ length: 81 }, (_, c) => xs[2 * c]));
  net.delete();
});

test('evaluateGrid into an earlier result refills its arrays when the sizes match', () => {
  const net = new nn.Network(spec);
  const o = { resolution: 12, features: ['x1', 'x2'] };
  const g = net.evaluateGrid(o);
  const arrays = [g.output, g.outputs, ...g.inputs, ...g.neurons.flat()];
  net.setWeights(0, net.getWeights(0).map((v) => v + 0.25));
  const fresh = net.evaluateGrid(o);
  const again = net.evaluateGrid({ ...o, into: g });
  assert.equal(again, g);  // the same object, arrays and maps, refilled
  assert.deepEqual([again.output, again.outputs, ...again.inputs, ...again.neurons.flat()].map((a, i) => a === arrays[i]), arrays.map(() => true));
  assert.deepEqual(again.output, fresh.output);
  assert.deepEqual(again.outputs, fresh.outputs);
  assert.deepEqual(again.inputs, fresh.inputs);
  assert.deepEqual(again.neurons, fresh.neurons);
  assert.notDeepEqual(g.output, net.evaluateGrid({ ...o, into: fresh, xMin: -1 }).output);  // `fresh` refilled, g kept
  // Another size, or arrays sent away (detached): new arrays, the earlier result untouched.
  const kept = g.output.slice();
  const other = net.evaluateGrid({ ...o, resolution: 6, into: g });
  assert.notEqual(other, g);
  assert.equal(other.output.length, 36);
  assert.deepEqual(g.output, kept);
  structuredClone(g.neurons[0][0].buffer, { transfer: [g.neurons[0][0].buffer] });
  const moved = net.evaluateGrid({ ...o, into: g });
  assert.notEqual(moved, g);
  assert.deepEqual(moved.output, kept);
  net.delete();
});

test('quantized copies: fp32 equal, fp16 and int8 close, the original untouched', () => {
  const net = new nn.Network({ inputs: 2, layers: [{ units: 16 }, { units: 1 }], seed: 3 });
  const w = net.getWeights(0);
  const f32 = net.quantized('fp32');
  assert.deepEqual(f32.getWeights(0), w);
  const f16 = net.quantized('fp16');
  const q8 = net.quantized('int8');
  const scale = Math.max(...w.map(Math.abs)) / 127;
  w.forEach((v, i) => {
    assert.ok(Math.abs(f16.getWeights(0)[i] - v) <= Math.abs(v) * 2 ** -11 + 6e-8);
    assert.ok(Math.abs(q8.getWeights(0)[i] - v) <= scale / 2 * (1 + 1e-6));
  });
  assert.deepEqual(net.getWeights(0), w);
  assert.notDeepEqual(q8.getWeights(0), w);
  const c = net.clone();
  assert.deepEqual(c.getWeights(0), w);
  for (const n of [f32, f16, q8, c, net]) n.delete();
});

test('datasets: generated, from points, from CSV', () => {
  const d = nn.makeDataset('circle', { samples: 100, trainRatio: 0.8, seed: 2 });
  assert.equal(d.size, 100);
  assert.equal(d.trainSize, 80);
  assert.equal(d.testSize, 20);
  assert.equal(d.inputs, 2);
  assert.equal(d.classes, 2);
  assert.equal(d.x().length, 200);
  assert.equal(d.labels().length, 100);
  const p = d.points();
  assert.equal(p.x1.length, 100);
  const own = nn.datasetFromPoints({ x1: [0, 1, 2, 3], x2: [1, 1, 0, 0], labels: [0, 1, 1, 0], classes: 2, features: ['x1', 'x2', 'x1x2'] });
  assert.equal(own.inputs, 3);
  assert.deepEqual(own.inputNames, ['x1', 'x2', 'x1x2']);
  const csv = nn.datasetFromCSV('a,b,y\n1,2,0\n3,4,1\n5,6,1\n');
  assert.equal(csv.size, 3);
  assert.equal(csv.classes, 2);
  assert.deepEqual(csv.inputNames, ['a', 'b']);
  // rows are shuffled by the seed; the pairs (a, b) and their labels stay together
  const rows = [];
  for (let i = 0; i < 3; i++) rows.push([csv.x()[2 * i], csv.x()[2 * i + 1], csv.labels()[i]]);
  assert.deepEqual(rows.sort((p, q) => p[0] - q[0]), [[1, 2, 0], [3, 4, 1], [5, 6, 1]]);
  assert.throws(() => csv.points(), /not made from 2-D points/);
  d.delete(); own.delete(); csv.delete();
});
