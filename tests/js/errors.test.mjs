// Every bad argument throws a JS Error carrying the core's message (or, for a wrong
// JS type, the wrapper's), never a bare number or an abort, and the module keeps
// working afterwards: each case is followed by a real call, and the heap in use is
// unchanged after all of them (the bindings catch in C++ and free everything).
//
// To add a case: one row in `cases`: [what, () => call, /expected message/].
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
  ['unknown activation', () => new nn.Network({ inputs: 2, layers: [{ units: 3, activation: 'relux' }] }),
    /unknown activation 'relux'; allowed: linear, relu/],
  ['zero width', () => new nn.Network({ inputs: 2, layers: [{ units: 0 }] }), /units must be between 1 and/],
  ['negative width', () => new nn.Network({ inputs: 2, layers: [{ units: -3 }] }), /units must be between 1 and/],
  ['zero inputs', () => new nn.Network({ inputs: 0, layers: [{ units: 1 }] }), /inputs/],
  ['no layers', () => new nn.Network({ inputs: 2, layers: [] }), /layer/],
  ['too big to train', () => new nn.Network({ inputs: 65536, layers: [{ units: 65536 }] }), /param|budget|too/i],
  ['unknown loss', () => new nn.Network({ inputs: 2, layers: [{ units: 1 }], loss: 'l7' }), /loss/],
  ['unknown init', () => new nn.Network({ inputs: 2, layers: [{ units: 1 }], init: 'magic' }), /init|magic/],
  ['softmax not last', () => new nn.Network({ inputs: 2, layers: [{ units: 3, activation: 'softmax' }, { units: 1 }] }), /softmax/],
  ['count: zero width', () => nn.countParameters([256, 0]), /layer 1: units must be between 1 and/],
  ['count: negative width', () => nn.countParameters([-1, 3]), /inputs|between/],
  ['count: overflow', () => nn.countParameters([4000000000, 4000000000]), /overflows a 64-bit integer/],
  ['malformed JSON', () => nn.Network.fromJSON('{"format": "nnplay-model", '), /^model: invalid JSON/],
  ['JSON of the wrong shape', () => nn.Network.fromJSON('{"format": "nnplay-model", "version": 1}'), /^model: /],
  ['JSON with a bad field', () => nn.Network.fromJSON(goodJSON.replace('"units": 4', '"units": -4')), /^model: .*units/],
  ['NaN lr', () => net.trainEpochs(xor, { lr: NaN }), /lr must be a finite number in \[0, 100\], got nan/],
  ['negative lr', () => net.trainEpochs(xor, { lr: -1 }), /lr must be/],
  ['unknown optimizer', () => net.trainEpochs(xor, { optimizer: 'adagrad' }), /adagrad/],
  ['zero batch size', () => net.trainEpochs(xor, { batchSize: 0 }), /batch size must be between 1 and/],
  ['zero epochs', () => net.trainEpochs(xor, { epochs: 0 }), /epochs must be at least 1/],
  ['unknown dataset', () => nn.makeDataset('moons'), /moons/],
  ['unknown feature', () => nn.makeDataset('xor', { features: ['x1', 'cosx9'] }), /cosx9/],
  ['bad train ratio', () => nn.makeDataset('xor', { trainRatio: 0 }), /ratio/i],
  ['dataset does not fit', () => net.trainEpochs(xor3, {}), /dataset has 3 inputs but the network expects 2/],
  ['CSV not a number', () => nn.datasetFromCSV('a,b,label\n1,2,0\n3,abc,1\n'), /line 3.*'abc' is not a number/],
  ['points of unequal length', () => nn.datasetFromPoints({ x1: [1, 2], x2: [1], labels: [0, 1], classes: 2 }), /./],
  ['unknown precision', () => net.quantized('int3'), /int3/],
  ['grid resolution', () => net.evaluateGrid({ resolution: 1 }), /resolution/],
  // wrong array lengths (binding messages: they name the expected shape)
  ['predict: wrong length', () => net.predict([1, 2, 3], 1), /predict: expected n × inputs = 1 × 2 values, got 3/],
  ['activations: wrong length', () => net.activations([1]), /activations: expected 2 inputs, got 1/],
  ['setWeights: wrong length', () => net.setWeights(0, new Float32Array(7)), /setWeights\(0\): expected 8 values \(2 x 4\), got 7/],
  ['setBiases: wrong length', () => net.setBiases(1, [1, 2]), /setBiases\(1\): expected 1 values, got 2/],
  ['block out of range', () => net.getWeights(2), /block 2 out of range: the network has 2 blocks/],
  ['trainBatch: y length', () => net.trainBatch(new Float32Array(4), new Float32Array(3)), /trainBatch: expected y of n × outputs = 2 × 1 values, got 3/],
  // wrong JS types (wrapper messages)
  ['lr a string', () => net.trainEpochs(xor, { lr: 'abc' }), /^lr must be a number, got "abc"$/],
  ['fractional width', () => new nn.Network({ inputs: 2, layers: [{ units: 2.5 }] }), /^layers\[0\]\.units must be an integer, got 2\.5$/],
  ['count: fractional width', () => nn.countParameters([2, 1.5]), /^widths\[1\] must be an integer, got 1\.5$/],
  ['x not numbers', () => net.predict('12'), /^x must be a Float32Array or an array of numbers, got "12"$/],
  ['dataset not a Dataset', () => net.trainEpochs({}, {}), /must be an nnplay Dataset/],
  ['negative seed', () => new nn.Network({ inputs: 2, layers: [{ units: 1 }], seed: -1 }), /^seed must be a non-negative integer, got -1$/],
];

test('bad arguments throw Errors with the core\'s message; the module keeps working', () => {
  // warm up: the first error and the first predict allocate lasting state (the error
  // string's buffer, the network's workspace)
  assert.throws(() => nn.countParameters([2, 0]));
  net.predict([0.5, -0.5]);
  const used0 = nn.heapUsed();
  for (const [what, call, re] of cases) {
    let caught;
    try { call(); } catch (e) { caught = e; }
    assert.ok(caught !== undefined, `${what}: did not throw`);
    assert.ok(caught instanceof Error, `${what}: threw ${typeof caught} ${caught}, not an Error`);
    assert.match(caught.message, re, `${what}: message`);
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
