// Every bad argument throws a JS Error carrying the core's message (or, for a wrong
// JS type, the wrapper's), never a bare number or an abort, and the module keeps
// working afterwards: each case is followed by a real call, and the heap in use is
// unchanged after all of them (the bindings catch in C++ and free everything).
//
// To add a case: one row in `cases`: [what, () => call, 'the exact expected message'].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

const nn = await createNNPlay();
const xor = nn.makeDataset('xor', { seed: 3 });
const net = new nn.Network({ inputs: 2, layers: [{ units: 4 }, { units: 1 }], seed: 2 });
const goodJSON = net.toJSON();
const xor3 = nn.makeDataset('xor', { features: ['x1', 'x2', 'x1x2'] });

const cases = [
  // core messages
  ['unknown activation', () => new nn.Network({ inputs: 2, layers: [{ units: 3, activation: 'relux' }] }), "unknown activation 'relux'; allowed: linear, relu, leaky_relu, tanh, sigmoid, gelu, swish, softmax"],
  ['zero width', () => new nn.Network({ inputs: 2, layers: [{ units: 0 }] }), 'layer 1: units must be between 1 and 1,000,000,000,000, got 0'],
  ['negative width', () => new nn.Network({ inputs: 2, layers: [{ units: -3 }] }), 'layer 1: units must be between 1 and 1,000,000,000,000, got -3'],
  ['zero inputs', () => new nn.Network({ inputs: 0, layers: [{ units: 1 }] }), 'inputs: units must be between 1 and 1,000,000,000,000, got 0'],
  ['no layers', () => new nn.Network({ inputs: 2, layers: [] }), 'network: needs at least one layer (the output layer)'],
  ['too big to train', () => new nn.Network({ inputs: 65536, layers: [{ units: 65536 }] }), 'network has 4,295,032,832 parameters (16.0 GiB as fp32, about 64.0 GiB to train with Adam); this build trains at most 16,777,216 parameters'],
  ['unknown loss', () => new nn.Network({ inputs: 2, layers: [{ units: 1 }], loss: 'l7' }), "unknown loss 'l7'; allowed: half_mse, bce, softmax_ce"],
  ['unknown init', () => new nn.Network({ inputs: 2, layers: [{ units: 1 }], init: 'magic' }), "unknown init 'magic'; allowed: playground, glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, zeros"],
  ['softmax not last', () => new nn.Network({ inputs: 2, layers: [{ units: 3, activation: 'softmax' }, { units: 1 }] }), 'layer 1: softmax is only allowed on the output layer'],
  ['count: zero width', () => nn.countParameters([256, 0]), 'layer 1: units must be between 1 and 1,000,000,000,000, got 0'],
  ['count: negative width', () => nn.countParameters([-1, 3]), 'inputs: units must be between 1 and 1,000,000,000,000, got -1'],
  ['count: overflow', () => nn.countParameters([4000000000, 4000000000]), 'count: weights overflows a 64-bit integer (4000000000 × 4000000000)'],
  ['malformed JSON', () => nn.Network.fromJSON('{"format": "nnplay-model", '), 'model: invalid JSON at byte 28: parse error at line 1, column 28: syntax error while parsing object key - unexpected end of input; expected string literal'],
  ['JSON of the wrong shape', () => nn.Network.fromJSON('{"format": "nnplay-model", "version": 1}'), "model: missing field 'inputs'"],
  ['JSON with a bad field', () => nn.Network.fromJSON(goodJSON.replace('"units": 4', '"units": -4')), "model: field 'layers[0].units' must be between 1 and 65536, got -4"],
  ['NaN lr', () => net.trainEpochs(xor, { lr: NaN }), 'lr must be a finite number in [0, 100], got nan'],
  ['negative lr', () => net.trainEpochs(xor, { lr: -1 }), 'lr must be a finite number in [0, 100], got -1'],
  ['unknown optimizer', () => net.trainEpochs(xor, { optimizer: 'adagrad' }), "unknown optimizer 'adagrad'; allowed: sgd, momentum, adam"],
  ['zero batch size', () => net.trainEpochs(xor, { batchSize: 0 }), 'batch size must be between 1 and 1,000,000, got 0'],
  ['zero epochs', () => net.trainEpochs(xor, { epochs: 0 }), 'epochs must be at least 1, got 0'],
  ['unknown dataset', () => nn.makeDataset('moons'), "unknown dataset 'moons'; allowed: circle, xor, gauss, spiral, blobs, plane, multigauss (images: digits, fashion)"],
  ['unknown feature', () => nn.makeDataset('xor', { features: ['x1', 'cosx9'] }), "unknown feature 'cosx9'; allowed: x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2"],
  ['bad train ratio', () => nn.makeDataset('xor', { trainRatio: 0 }), 'train ratio must be in (0, 1] (the share of rows used for training), got 0'],
  ['dataset does not fit', () => net.trainEpochs(xor3, {}), 'dataset has 3 inputs but the network expects 2'],
  ['CSV not a number', () => nn.datasetFromCSV('a,b,label\n1,2,0\n3,abc,1\n'), "line 3, column 2 (\"b\"): 'abc' is not a number"],
  ['points of unequal length', () => nn.datasetFromPoints({ x1: [1, 2], x2: [1], labels: [0, 1], classes: 2 }), 'points: x1, x2 and label must have the same length'],
  ['unknown precision', () => net.quantized('int3'), "unknown precision 'int3'; allowed: fp32, fp16, int8, int4"],
  ['grid resolution', () => net.evaluateGrid({ resolution: 1 }), 'grid: resolution must be between 2 and 1000, got 1'],
  ['grid into a non-result', () => net.evaluateGrid({ into: { output: new Float32Array(10000) } }), 'into must be an earlier result of evaluateGrid, got an object'],
  // wrong array lengths (binding messages: they name the expected shape)
  ['predict: wrong length', () => net.predict([1, 2, 3], 1), 'predict: expected n × inputs = 1 × 2 values, got 3'],
  ['activations: wrong length', () => net.activations([1]), 'activations: expected 2 inputs, got 1'],
  ['setWeights: wrong length', () => net.setWeights(0, new Float32Array(7)), 'setWeights(0): expected 8 values (2 x 4), got 7'],
  ['setBiases: wrong length', () => net.setBiases(1, [1, 2]), 'setBiases(1): expected 1 values, got 2'],
  ['block out of range', () => net.getWeights(2), 'block 2 out of range: the network has 2 blocks (0..1)'],
  ['trainBatch: y length', () => net.trainBatch(new Float32Array(4), new Float32Array(3)), 'trainBatch: expected y of n × outputs = 2 × 1 values, got 3'],
  // wrong JS types (wrapper messages)
  ['lr a string', () => net.trainEpochs(xor, { lr: 'abc' }), 'lr must be a number, got "abc"'],
  ['fractional width', () => new nn.Network({ inputs: 2, layers: [{ units: 2.5 }] }), 'layers[0].units must be an integer, got 2.5'],
  ['count: fractional width', () => nn.countParameters([2, 1.5]), 'widths[1] must be an integer, got 1.5'],
  ['x not numbers', () => net.predict('12'), 'x must be a Float32Array or an array of numbers, got "12"'],
  ['dataset not a Dataset', () => net.trainEpochs({}, {}), 'data must be an nnplay Dataset, got an object'],
  ['negative seed', () => new nn.Network({ inputs: 2, layers: [{ units: 1 }], seed: -1 }), 'seed must be a non-negative integer or a seed text, got -1'],
];

test('bad arguments throw Errors with the core\'s message; the module keeps working', () => {
  // warm up: the first error and the first predict allocate lasting state (the error
  // string's buffer, the network's workspace)
  assert.throws(() => nn.countParameters([2, 0]), { message: 'layer 1: units must be between 1 and 1,000,000,000,000, got 0' });
  net.predict([0.5, -0.5]);
  const used0 = nn.heapUsed();
  for (const [what, call, expected] of cases) {
    let caught;
    try { call(); } catch (e) { caught = e; }
    assert.ok(caught !== undefined, `${what}: did not throw`);
    assert.ok(caught instanceof Error, `${what}: threw ${typeof caught} ${caught}, not an Error`);
    assert.equal(caught.message, expected, `${what}: message`);
    // still alive, and the network unharmed
    assert.equal(nn.countParameters([2, 3]).params, 9n, `${what}: module dead afterwards`);
    assert.equal(net.predict([0.5, -0.5]).length, 1);
  }
  assert.equal(nn.heapUsed(), used0, 'errors leaked wasm heap');
});

test('a deleted Network or Dataset says so', () => {
  const n = new nn.Network({ inputs: 2, layers: [{ units: 1 }] });
  n.delete();
  n.delete();  // twice is harmless
  assert.throws(() => n.predict([1, 2]), /^Error: this Network was deleted$/);
  const d = nn.makeDataset('circle');
  d.delete();
  assert.throws(() => net.trainEpochs(d), /this Dataset was deleted/);
});
