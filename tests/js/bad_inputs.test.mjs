// The bad-input matrix (docs/bad-inputs.md) driven through the JS API and the URL hash.
// Every rejected call must throw a JS Error with a clear message (not a number, not
// 'Aborted', not an Embind internal), leave the existing network and dataset exactly as
// they were (compared through toJSON() and the dataset's arrays), leak no wasm heap, and
// the module must keep working afterwards.
//
// To add a case: one row [entry, what, () => call, /expected message/] in the table for
// its entry point. Rows in `fixedBugs` are defects issue 7's review found and the core
// now refuses; they stay as regression tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { parseHash, defaults, toHash, useCore } from '../../web/app/state.js';

const nn = await createNNPlay();
useCore(nn);  // the page's settings are the core's (core/link_settings.h)

const net = new nn.Network({ inputs: 2, layers: [{ units: 4 }, { units: 1 }], seed: 2 });
const data = nn.makeDataset('xor', { samples: 40, seed: 3 });
net.trainEpochs(data, { epochs: 1 });  // the network now has a trainer and recorded settings
const goodJSON = net.toJSON();

// Hostile values, by what they pretend to be.
const LONG = 'x'.repeat(100000);
const JUNK = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 167 + 13) % 256));
const NOT_NUMBERS = [['a string', '2'], ['null', null], ['true', true], ['an object', {}], ['an array', []],
  ['a BigInt', 2n], ['a function', () => 1]];
const NOT_FINITE = [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]];
const NOT_INTEGERS = [...NOT_NUMBERS, ...NOT_FINITE, ['fractional', 2.5], ['beyond 2^53', 2 ** 53 + 2]];
const NOT_STRINGS = [['a number', 5], ['null', null], ['an object', {}], ['an array', ['relu']], ['true', true]];

const cases = [];
const add = (entry, what, call, re) => cases.push([entry, what, call, re]);

// ---- JS API: new Network(spec) ------------------------------------------------------------
{
  const N = (spec) => () => new nn.Network(spec);
  const L = (layer, extra = {}) => N({ inputs: 2, layers: [layer, { units: 1 }], ...extra });
  for (const [w, v] of [['undefined', undefined], ['null', null], ['a number', 5], ['a string', 'x'], ['an array', []]])
    add('Network', `spec ${w}`, N(v), /spec must|spec must have inputs and layers/);
  add('Network', 'spec without layers', N({ inputs: 2 }), /spec must have inputs and layers/);
  add('Network', 'layers a string', N({ inputs: 2, layers: 'x' }), /layers must be an array, got "x"/);
  add('Network', 'layers [null]', N({ inputs: 2, layers: [null] }), /layers\[0\] must be an object, got null/);
  add('Network', 'no layers', N({ inputs: 2, layers: [] }), /at least one layer/);
  for (const [w, v] of NOT_INTEGERS) add('Network', `inputs ${w}`, N({ inputs: v, layers: [{ units: 1 }] }), /^inputs must be an integer, got /);
  for (const [w, v] of NOT_INTEGERS) add('Network', `units ${w}`, L({ units: v }), /^layers\[0\]\.units must be an integer, got /);
  add('Network', 'inputs 0', N({ inputs: 0, layers: [{ units: 1 }] }), /inputs: units must be between 1 and 1,000,000,000,000, got 0/);
  add('Network', 'inputs -1', N({ inputs: -1, layers: [{ units: 1 }] }), /inputs: units must be between 1 and/);
  add('Network', 'inputs 1e9', N({ inputs: 1e9, layers: [{ units: 1 }] }), /inputs: 1,000,000,000 is more than this build trains \(at most 65,536\)/);
  add('Network', 'units 0', L({ units: 0 }), /layer 1: units must be between 1 and/);
  add('Network', 'units -3', L({ units: -3 }), /layer 1: units must be between 1 and/);
  add('Network', 'units 1e9', L({ units: 1e9 }), /layer 1: 1,000,000,000 units is more than this build trains/);
  add('Network', 'units 1e13', L({ units: 1e13 }), /layer 1: units must be between 1 and 1,000,000,000,000/);
  add('Network', 'over the parameter budget', N({ inputs: 4096, layers: [{ units: 4096 }, { units: 4096 }] }),
    /network has 33,562,624 parameters \(128\.0 MiB as fp32.*at most 16,777,216/);
  for (const [w, v] of NOT_STRINGS) add('Network', `activation ${w}`, L({ units: 3, activation: v }), /^layers\[0\]\.activation must be a string, got /);
  for (const v of ['', 'RELU', 'relu ', 'cosine'])
    add('Network', `activation ${JSON.stringify(v)}`, L({ units: 3, activation: v }), /unknown activation '.*'; allowed: linear, relu/);
  add('Network', 'softmax in a hidden layer', L({ units: 3, activation: 'softmax' }), /softmax/);
  for (const v of ['true', 1, null]) add('Network', `bias ${JSON.stringify(v)}`, L({ units: 3, bias: v }), /^layers\[0\]\.bias must be true or false, got /);
  for (const v of ['', 'MSE', 'l7']) add('Network', `loss ${JSON.stringify(v)}`, L({ units: 3 }, { loss: v }), /unknown loss '.*'; allowed: half_mse, bce, softmax_ce/);
  add('Network', 'loss a number', L({ units: 3 }, { loss: 5 }), /^loss must be a string, got 5$/);
  add('Network', 'bce with a tanh output', L({ units: 3 }, { loss: 'bce' }), /loss bce needs a sigmoid output layer, got tanh/);
  add('Network', 'softmax_ce with 1 output', N({ inputs: 2, layers: [{ units: 1, activation: 'softmax' }], loss: 'softmax_ce' }), /softmax_ce needs at least 2 output units/);
  for (const v of ['', 'Glorot', 'magic']) add('Network', `init ${JSON.stringify(v)}`, L({ units: 3 }, { init: v }), /unknown init/);
  // seeds are numbers or seed texts (core/rules.h seed_from_text owns the text's rule)
  for (const [w, v] of [['-1', -1], ['fractional', 0.5], ['NaN', NaN], ['Infinity', Infinity], ['null', null]])
    add('Network', `seed ${w}`, L({ units: 3 }, { seed: v }), /^seed must be a non-negative integer or a seed text, got /);
  for (const v of ['', '1 ', 'x'.repeat(33), '<b>', '-1e3 '])
    add('Network', `seed text ${JSON.stringify(v)}`, L({ units: 3 }, { seed: v }), /^seed '.*' is not a seed; allowed: 1 to 32 letters, digits, '\.', '_' or '-'/);
}

// ---- JS API: countParameters (the parameter panel) -----------------------------------------
{
  const C = (w, o) => () => nn.countParameters(w, o);
  for (const [w, v] of [['undefined', undefined], ['a string', '2,3'], ['an object', {}], ['a number', 5]])
    add('countParameters', `widths ${w}`, C(v), /^widths must be an array of integers, got /);
  add('countParameters', 'widths []', C([]), /give at least two widths/);
  add('countParameters', 'widths [2]', C([2]), /at least one layer/);
  add('countParameters', 'width 0', C([2, 0]), /layer 1: units must be between 1 and/);
  add('countParameters', 'width -1', C([-1, 3]), /inputs: units must be between 1 and/);
  add('countParameters', 'width -1n', C([2, -1n]), /layer 1: units must be between 1 and/);
  add('countParameters', 'width 10^13 (BigInt)', C([2, 10n ** 13n]), /units must be between 1 and 1,000,000,000,000/);
  add('countParameters', 'width 2^64 (BigInt)', C([2, 2n ** 64n]), /does not fit in 64 bits/);
  add('countParameters', 'product overflows int64', C([1e12, 1e12, 1e12]), /overflows a 64-bit integer/);
  add('countParameters', 'width beyond 2^53 as a number', C([2, 2 ** 60]), /beyond 2\^53.*BigInt/);
  for (const [w, v] of [['NaN', NaN], ['Infinity', Infinity], ['fractional', 1.5], ['a string', '3'], ['null', null]])
    add('countParameters', `width ${w}`, C([2, v]), /^widths\[1\] must be an integer, got /);
  add('countParameters', 'bias "yes"', C([2, 3], { bias: 'yes' }), /^bias must be true or false, got "yes"$/);
  add('countParameters', 'options a number', C([2, 3], 5), /^options must be an object, got 5$/);
}

// ---- model import: Network.fromJSON --------------------------------------------------------
{
  const F = (t) => () => nn.Network.fromJSON(t);
  const sub = (a, b) => goodJSON.replace(a, b);
  for (const [w, v] of [['a number', 5], ['null', null], ['an object', {}], ['a Uint8Array', new Uint8Array(4)]])
    add('fromJSON', `text ${w}`, F(v), /^text must be a string, got /);
  add('fromJSON', 'empty', F(''), /^model: invalid JSON at byte 1: .*unexpected end of input/);
  add('fromJSON', 'whitespace', F('   \n'), /^model: invalid JSON/);
  add('fromJSON', 'null', F('null'), /^model: the top level must be a JSON object, got null/);
  add('fromJSON', 'an array', F('[]'), /^model: the top level must be a JSON object, got array/);
  add('fromJSON', 'a string', F('"nnplay-model"'), /^model: the top level must be a JSON object, got string/);
  add('fromJSON', '{}', F('{}'), /^model: missing field 'format'/);
  for (const frac of [0.1, 0.5, 0.9])
    add('fromJSON', `truncated at ${frac * 100}%`, F(goodJSON.slice(0, Math.floor(goodJSON.length * frac))), /^model: invalid JSON at byte \d+/);
  add('fromJSON', 'last brace missing', F(goodJSON.trimEnd().slice(0, -1)), /^model: invalid JSON at byte \d+/);
  add('fromJSON', 'nested 100,000 deep', F('['.repeat(100000) + ']'.repeat(100000)), /^model: JSON nests deeper than 64 levels/);
  add('fromJSON', 'nested objects 65 deep', F('{"a":'.repeat(65) + '1' + '}'.repeat(65)), /^model: JSON nests deeper than 64 levels/);
  add('fromJSON', 'binary junk', F(JUNK), /^model: invalid JSON at byte/);
  add('fromJSON', 'a long string', F(JSON.stringify(LONG)), /^model: the top level must be a JSON object, got string/);
  add('fromJSON', 'NaN literal', F(sub(/"weights": \[[^,]*/, '"weights": [NaN')), /^model: invalid JSON/);
  add('fromJSON', 'Infinity literal', F(sub(/"weights": \[[^,]*/, '"weights": [Infinity')), /^model: invalid JSON/);
  add('fromJSON', 'weight 1e39', F(sub(/"weights": \[[^,]*/, '"weights": [1e39')), /^model: field 'layers\[0\]\.weights\[0\]' is 1e\+?39, outside the float32 range/);
  add('fromJSON', 'weight a string', F(sub(/"weights": \[[^,]*/, '"weights": ["1"')), /^model: field 'layers\[0\]\.weights\[0\]' must be a number, got string/);
  add('fromJSON', 'one weight short', F(sub(/"weights": \[[^,]*,/, '"weights": [')), /^model: field 'layers\[0\]\.weights' must have 8 numbers \(2 × 4\), got 7/);
  add('fromJSON', 'not a model', F('{"format": "keras", "version": 1}'), /^model: field 'format' must be "nnplay-model", got "keras"/);
  add('fromJSON', 'version 2', F(sub('"version": 1', '"version": 2')), /^model: unsupported version 2; this build reads version 1/);
  add('fromJSON', 'version "1"', F(sub('"version": 1', '"version": "1"')), /^model: field 'version' must be an integer, got string "1"/);
  add('fromJSON', 'units 0', F(sub('"units": 4', '"units": 0')), /^model: field 'layers\[0\]\.units' must be between 1 and 65536, got 0/);
  add('fromJSON', 'units -4', F(sub('"units": 4', '"units": -4')), /^model: field 'layers\[0\]\.units' must be between 1 and 65536, got -4/);
  add('fromJSON', 'units 1e9', F(sub('"units": 4', '"units": 1000000000')), /^model: field 'layers\[0\]\.units' must be between 1 and 65536, got 1000000000/);
  add('fromJSON', 'units 2^64', F(sub('"units": 4', '"units": 18446744073709551616')), /^model: field 'layers\[0\]\.units' must be an integer, got number/);
  add('fromJSON', 'units 2.5', F(sub('"units": 4', '"units": 2.5')), /^model: field 'layers\[0\]\.units' must be an integer, got number 2\.5/);
  add('fromJSON', 'units "4"', F(sub('"units": 4', '"units": "4"')), /^model: field 'layers\[0\]\.units' must be an integer, got string "4"/);
  add('fromJSON', 'inputs NaN-ish null', F(sub('"inputs": 2', '"inputs": null')), /^model: field 'inputs' must be an integer, got null/);
  add('fromJSON', 'unknown activation', F(sub('"activation": "tanh"', '"activation": "tanhh"')), /^model: field 'layers\[0\]\.activation': unknown activation 'tanhh'/);
  add('fromJSON', 'unknown loss', F(sub('"loss": "half_mse"', '"loss": "hinge"')), /^model: field 'loss': unknown loss 'hinge'/);
  add('fromJSON', 'features count', F(sub('"features": ["x1", "x2"]', '"features": ["x1"]')), /^model: field 'features' must name all 2 inputs \(or be empty\), got 1/);
  add('fromJSON', 'missing activation', F(sub('"activation": "tanh", ', '')), /^model: missing field 'layers\[0\]\.activation'/);
  add('fromJSON', 'negative seed', F(sub(/"seed": \d+/, '"seed": -1')), /^model: field 'training\.seed' must be a non-negative integer/);
  add('fromJSON', 'lr NaN-like string', F(sub(/"lr": [0-9.e-]+/, '"lr": "NaN"')), /^model: field 'training\.lr' must be a number, got string "NaN"/);
  add('fromJSON', 'negative lr', F(sub(/"lr": [0-9.e-]+/, '"lr": -1')), /^model: field 'training': lr must be/);
  add('fromJSON', 'over the budget', F('{"format":"nnplay-model","version":1,"inputs":65536,"loss":"half_mse","layers":[' +
    '{"units":65536,"activation":"relu","bias":true,"weights":[],"biases":[]}]}'),
  /^model: the network has 4,295,032,832 parameters; the limit is 16,777,216/);
  add('fromJSON', '1001 layers', F('{"format":"nnplay-model","version":1,"inputs":1,"loss":"half_mse","layers":[' +
    Array(1001).fill('{"units":1,"activation":"relu","bias":false,"weights":[1]}').join(',') + ']}'),
  /^model: field 'layers' has 1001 layers; the limit is 1000/);
}

// ---- weight editing --------------------------------------------------------------------------
{
  for (const [w, v] of [['-1', -1], ['fractional', 0.5], ['NaN', NaN], ['a string', '0'], ['null', null]]) {
    add('weights', `getWeights block ${w}`, () => net.getWeights(v), /^block must be a non-negative integer, got /);
    add('weights', `setWeights block ${w}`, () => net.setWeights(v, new Float32Array(8)), /^block must be a non-negative integer, got /);
    add('weights', `setBias layer ${w}`, () => net.setBias(v, 0, 1), /^layer must be a non-negative integer, got /);
  }
  add('weights', 'block out of range', () => net.setWeights(2, new Float32Array(4)), /block 2 out of range: the network has 2 blocks \(0\.\.1\)/);
  add('weights', 'too few values', () => net.setWeights(0, new Float32Array(7)), /setWeights\(0\): expected 8 values \(2 x 4\), got 7/);
  add('weights', 'too many values', () => net.setWeights(0, new Array(9).fill(0)), /setWeights\(0\): expected 8 values \(2 x 4\), got 9/);
  add('weights', 'no values', () => net.setWeights(0, []), /setWeights\(0\): expected 8 values \(2 x 4\), got 0/);
  add('weights', 'a string element', () => net.setWeights(0, [1, 2, 3, 4, 5, 6, 7, '8']), /^weights\[7\] must be a number, got "8"$/);
  for (const [w, v] of [['a string', '12345678'], ['null', null], ['an array-like object', { length: 8 }], ['a DataView', new DataView(new ArrayBuffer(32))]])
    add('weights', `values ${w}`, () => net.setWeights(0, v), /^weights must be a Float32Array or an array of numbers, got /);
  add('weights', 'biases wrong length', () => net.setBiases(1, [1, 2]), /setBiases\(1\): expected 1 values, got 2/);
  add('weights', 'setWeight from out of range', () => net.setWeight(0, 2, 0, 1), /setWeight\(0, 2, 0\): block 0 is 2 x 4/);
  add('weights', 'setWeight to out of range', () => net.setWeight(0, 0, 4, 1), /setWeight\(0, 0, 4\): block 0 is 2 x 4/);
  add('weights', 'setWeight value a string', () => net.setWeight(0, 0, 0, '1'), /^value must be a number, got "1"$/);
  add('weights', 'setBias unit out of range', () => net.setBias(1, 1, 0), /setBias\(1, 1\): layer 1 has 1 units/);
  add('weights', 'features unknown name', () => { net.features = ['x1', 'cos']; }, /unknown feature 'cos'/);
  add('weights', 'features a string', () => { net.features = 'x1,x2'; }, /^features must be an array of strings, got "x1,x2"$/);
  add('weights', 'quantized int3', () => net.quantized('int3'), /unknown precision 'int3'; allowed: fp32, fp16, int8, int4/);
  add('weights', 'quantized a number', () => net.quantized(8), /^precision must be a string, got 8$/);
  add('weights', 'toJSON unknown init', () => net.toJSON({ init: 'magic' }), /unknown init 'magic'/);
  add('weights', 'toJSON unknown feature', () => net.toJSON({ features: ['x9'] }), /unknown feature 'x9'/);
  add('weights', 'toJSON extra a number', () => net.toJSON(5), /^extra must be an object, got 5$/);
}

// ---- inference: predict, activations, evaluateGrid -----------------------------------------
{
  add('predict', 'x a string', () => net.predict('12'), /^x must be a Float32Array or an array of numbers, got "12"$/);
  add('predict', 'x [1, "2"]', () => net.predict([1, '2']), /^x\[1\] must be a number, got "2"$/);
  add('predict', 'x empty', () => net.predict([]), /predict: expected n × inputs = 0 × 2 values, got 0/);
  add('predict', 'x wrong length', () => net.predict([1, 2, 3], 1), /predict: expected n × inputs = 1 × 2 values, got 3/);
  add('predict', 'n -1', () => net.predict([1, 2], -1), /^n must be a non-negative integer, got -1$/);
  add('predict', 'n fractional', () => net.predict([1, 2], 0.5), /^n must be a non-negative integer, got 0\.5$/);
  add('predict', 'activations wrong length', () => net.activations([1]), /activations: expected 2 inputs, got 1/);
  const G = (o) => () => net.evaluateGrid(o);
  for (const v of [0, 1, -5, 1001, 1e9])
    add('grid', `resolution ${v}`, G({ resolution: v }), new RegExp(`grid: resolution must be between 2 and 1000, got ${v}$`));
  for (const [w, v] of [['NaN', NaN], ['fractional', 10.5], ['a string', '10']])
    add('grid', `resolution ${w}`, G({ resolution: v }), /^resolution must be an integer, got /);
  for (const [w, o] of [['xMin NaN', { xMin: NaN }], ['xMax Infinity', { xMax: Infinity }], ['xMin > xMax', { xMin: 1, xMax: -1 }],
    ['yMin = yMax', { yMin: 0, yMax: 0 }]])
    add('grid', w, G(o), /grid: the range must be finite with xMin < xMax and yMin < yMax/);
  add('grid', 'xMin a string', G({ xMin: '-6' }), /^xMin must be a number, got "-6"$/);
  add('grid', 'features too few', G({ features: ['x1'] }), /grid: 1 features for a network with 2 inputs/);
  add('grid', 'features unknown', G({ features: ['x1', 'tan'] }), /unknown feature 'tan'/);
  add('grid', 'options a string', G('fast'), /^options must be an object, got "fast"$/);
}

// ---- training ------------------------------------------------------------------------------------
{
  const T = (o, d = data) => () => net.trainEpochs(d, o);
  for (const [w, v] of [['NaN', NaN], ['-1', -1], ['Infinity', Infinity], ['1e9', 1e9]])
    add('train', `lr ${w}`, T({ lr: v }), /lr must be a finite number in \[0, 100\], got /);
  add('train', 'lr a string', T({ lr: '0.1' }), /^lr must be a number, got "0.1"$/);
  for (const [w, v] of [['0', 0], ['-1', -1], ['1e9', 1e9]])
    add('train', `batchSize ${w}`, T({ batchSize: v }), /batch size must be between 1 and 1,000,000, got /);
  for (const [w, v] of [['fractional', 1.5], ['NaN', NaN], ['a string', '10']])
    add('train', `batchSize ${w}`, T({ batchSize: v }), /^batchSize must be an integer, got /);
  for (const v of [0, -1]) add('train', `epochs ${v}`, T({ epochs: v }), /epochs must be at least 1, got /);
  add('train', 'epochs fractional', T({ epochs: 1.5 }), /^epochs must be an integer, got 1\.5$/);
  for (const v of ['', 'Adam', 'adagrad']) add('train', `optimizer ${JSON.stringify(v)}`, T({ optimizer: v }), /unknown optimizer '.*'; allowed: sgd, momentum, adam/);
  for (const [k, v] of [['l1', -1], ['l1', NaN], ['l2', Infinity], ['momentum', -0.5], ['momentum', NaN]])
    add('train', `${k} ${v}`, T({ [k]: v }), new RegExp(`${k} must be`));
  add('train', 'seed -1', T({ seed: -1 }), /^seed must be a non-negative integer or a seed text, got -1$/);
  add('train', 'options a string', T('fast'), /^options must be an object, got "fast"$/);
  for (const [w, v] of [['null', null], ['an object', {}]])
    add('train', `data ${w}`, () => net.trainEpochs(v, {}), /^data must be an nnplay Dataset, got /);
  const three = nn.makeDataset('xor', { samples: 20, features: ['x1', 'x2', 'x1x2'] });
  add('train', 'dataset of the wrong width', T({}, three), /dataset has 3 inputs but the network expects 2/);
  const blobs = nn.makeDataset('blobs', { samples: 30, classes: 4 });
  add('train', 'dataset with 4 classes for 1 output', T({}, blobs), /half_mse with 4 classes/);
  add('train', 'trainBatch x wrong length', () => net.trainBatch(new Float32Array(3), new Float32Array(1)), /trainBatch: expected x of n × inputs = 1 × 2 values, got 3/);
  add('train', 'trainBatch y wrong length', () => net.trainBatch(new Float32Array(4), new Float32Array(3)), /trainBatch: expected y of n × outputs = 2 × 1 values, got 3/);
  add('train', 'trainBatch empty', () => net.trainBatch([], []), /trainBatch: expected x of n × inputs = 0 × 2 values, got 0/);
  add('train', 'evaluate not a dataset', () => net.evaluate({}), /^data must be an nnplay Dataset, got an object$/);
}

// ---- datasets: generated, points -------------------------------------------------------------
{
  const D = (name, o) => () => nn.makeDataset(name, o);
  for (const v of ['', 'Circle', 'moons']) add('dataset', `name ${JSON.stringify(v)}`, D(v), /unknown dataset '.*'; allowed: circle, xor, gauss, spiral, blobs, plane, multigauss/);
  for (const [w, v] of [['a number', 5], ['null', null]]) add('dataset', `name ${w}`, D(v), /^name must be a string, got /);
  for (const [w, v] of [['-1', -1], ['fractional', 0.5], ['NaN', NaN], ['a string', '10']])
    add('dataset', `samples ${w}`, D('xor', { samples: v }), /^samples must be a non-negative integer, got /);
  add('dataset', 'samples 1e9', D('xor', { samples: 1e9 }), /samples must be between 1 and 1,000,000 .*got 1000000000/);
  for (const v of [-0.1, 0.6, NaN, Infinity]) add('dataset', `noise ${v}`, D('xor', { noise: v }), /noise must be between 0 and 0\.5/);
  for (const v of [1, 11, 1e9]) add('dataset', `classes ${v}`, D('blobs', { classes: v }), new RegExp(`classes must be between 2 and 10 for 'blobs', got ${v}$`));
  for (const v of [0, -1, 1.5, NaN]) add('dataset', `trainRatio ${v}`, D('xor', { trainRatio: v }), /train ratio must be in \(0, 1\]/);
  add('dataset', 'features []', D('xor', { features: [] }), /at least one input feature is needed/);
  add('dataset', 'features unknown', D('xor', { features: ['cosx1'] }), /unknown feature 'cosx1'/);
  add('dataset', 'features a string', D('xor', { features: 'x1' }), /^features must be an array of strings, got "x1"$/);
  add('dataset', 'features [1]', D('xor', { features: [1] }), /^features\[0\] must be a string, got 1$/);
  const P = (p) => () => nn.datasetFromPoints(p);
  const pts = { x1: [0, 1, 2], x2: [0, 1, 2], labels: [0, 1, 0], classes: 2 };
  add('points', 'unequal lengths', P({ ...pts, x2: [0, 1] }), /points: x1, x2 and label must have the same length/);
  add('points', 'no points', P({ x1: [], x2: [], labels: [], classes: 2 }), /the dataset has no points/);
  add('points', 'NaN coordinate', P({ ...pts, x1: [0, NaN, 2] }), /finite/);
  add('points', 'label out of range', P({ ...pts, labels: [0, 5, 0] }), /label of row 1 is 5/);
  add('points', 'fractional class label', P({ ...pts, labels: [0, 0.5, 0] }), /label of row 1 is 0\.5/);
  add('points', 'NaN label', P({ ...pts, labels: [0, NaN, 0] }), /label of row 1 is not a finite number/);
  add('points', 'classes 1', P({ ...pts, classes: 1 }), /classes must be 0 \(regression\) or between 2 and 1000, got 1/);
  add('points', 'classes 1001', P({ ...pts, classes: 1001 }), /classes must be 0 \(regression\) or between 2 and 1000, got 1001/);
  add('points', 'x1 a string', P({ ...pts, x1: 'abc' }), /^x1 must be a Float32Array or an array of numbers, got "abc"$/);
  add('points', 'classes missing', P({ x1: [0], x2: [0], labels: [0] }), /^classes must be an integer, got undefined$/);
}

// ---- CSV upload ------------------------------------------------------------------------------------
{
  const V = (t, o) => () => nn.datasetFromCSV(t, o);
  for (const [w, v] of [['a number', 5], ['null', null], ['an ArrayBuffer', new ArrayBuffer(4)]])
    add('csv', `text ${w}`, V(v), /^text must be a string, got /);
  add('csv', 'empty', V(''), /CSV is empty: expected comma-separated numeric columns/);
  add('csv', 'blank lines', V('\n\r\n  \n'), /CSV is empty/);
  add('csv', 'one column', V('a\n1\n'), /line 1: need at least 2 columns/);
  add('csv', 'header only', V('a,b\n'), /CSV has a header but no data rows/);
  add('csv', 'ragged row', V('a,b\n1,2\n3\n'), /line 3: expected 2 columns, got 1/);
  add('csv', 'NaN value', V('a,b\n1,2\nnan,1\n'), /line 3, column 1 \("a"\): 'nan' is not allowed; values must be finite numbers/);
  add('csv', 'Infinity value', V('a,b\n1,2\n1,-Infinity\n'), /line 3, column 2 \("b"\): '-Infinity' is not allowed/);
  add('csv', 'hex value', V('a,b\n1,2\n0x10,1\n'), /line 3, column 1 \("a"\): '0x10' is not a number/);
  add('csv', 'empty value', V('a,b\n1,\n'), /line 2, column 2 \("b"\): empty value/);
  add('csv', 'input beyond float32', V('a,b\n1e39,1\n'), /line 2, column 1 \("a"\): '1e39' is too large for a 32-bit float/);
  add('csv', 'unclosed quote', V('a,b\n"1,2\n'), /line 2: a quoted field is never closed/);
  add('csv', 'text after a quote', V('a,b\n"1"x,2\n'), /line 2, column 1: unexpected text after a closing quote/);
  add('csv', 'binary junk', V(JUNK), /line \d+|CSV/);
  add('csv', 'a long field', V('a,b\n1,' + '9'.repeat(100000) + 'x\n'), /line 2, column 2 \("b"\): '9{40}' \(cut, 100001 characters\) is not a number/);
  add('csv', 'unknown label column', V('a,b\n1,0\n', { labelColumn: 'c' }), /label column 'c' not found; the columns are: 'a', 'b' \(or give/);
  add('csv', 'label column out of range', V('a,b\n1,0\n', { labelColumn: '7' }), /label column 7 is out of range: the file has 2 columns/);
  add('csv', 'label column a number', V('a,b\n1,0\n', { labelColumn: 1 }), /^labelColumn must be a string, got 1$/);
  add('csv', 'regression "yes"', V('a,b\n1,0\n', { regression: 'yes' }), /^regression must be true or false, got "yes"$/);
  for (const v of [0, NaN, 2]) add('csv', `trainRatio ${v}`, V('a,b\n1,0\n', { trainRatio: v }), /train ratio must be in \(0, 1\]/);
  add('csv', '1,000,001 rows', V('a,b\n' + '1,0\n'.repeat(1000001)), /CSV has more than 1,000,000 data rows \(the limit\); line 1000002 is one too many/);
  add('csv', 'over 64 MiB', V(' '.repeat((64 << 20) + 1)), /CSV is 67,108,865 bytes; the limit is 67,108,864 bytes \(64\.0 MiB\)/);
  add('csv', 'over 64 MiB in UTF-8 bytes, not characters', V('é'.repeat((32 << 20) + 1)), /^CSV is 67,108,866 bytes; the limit is 67,108,864 bytes/);
}

// ---- hostile sizes and text (issue 12, classes 4 and 5): refused before they are stored ------
{
  const F = (t) => () => nn.Network.fromJSON(t);
  const V = (t, o) => () => nn.datasetFromCSV(t, o);
  const head = '{"format":"nnplay-model","version":1,"inputs":2,"loss":"half_mse","layers":[';
  // 10 MB of zeros in a 2 × 1 layer's weights (the 48 MB file of the issue, shorter).
  add('hostile', 'a long weights array', F(head + '{"units":1,"activation":"tanh","bias":true,"weights":[' +
    '0,'.repeat(5e6) + '0],"biases":[0]}]}'), /^model: field 'layers\[0\]\.weights' must have 2 numbers \(2 × 1\), got more \(reading stopped at number 3\)$/);
  add('hostile', 'weights before units', F(head + '{"weights":[0,0,0],"biases":[0],"units":1,"activation":"tanh","bias":true}]}'),
    /^model: field 'layers\[0\]\.weights' must have 2 numbers \(2 × 1\), got 3$/);
  add('hostile', 'a 5,000-byte string field', F(head.slice(0, -10) + '"note":"' + 'x'.repeat(5000) + '"}'),
    /^model: field 'note' is a string of 5,000 bytes; the limit is 4,096$/);
  add('hostile', 'a model in UTF-16', F('\uFFFD\uFFFD' + Array.from('{"format":1}', (c) => c + '\0').join('')),
    /^model: the file looks like UTF-16 \(it starts with a UTF-16 byte-order mark\); save it as UTF-8$/);
  add('hostile', '1,001 layers in new Network', () => new nn.Network({ inputs: 2,
    layers: Array.from({ length: 1001 }, () => ({ units: 2, activation: 'tanh' })) }),
  /^network has 1,001 layers; this build trains at most 1,000 \(hidden and output layers\)$/);
  add('hostile', '100,000 CSV columns', V('1,'.repeat(99999) + '1\n'), /^line 1: more than 65,537 columns; the limit is 65,537 \(65,536 inputs and a label\)$/);
  add('hostile', 'a CSV in UTF-16', V('\uFFFD\uFFFD' + Array.from('a,b\n1,0\n', (c) => c + '\0').join('')),
    /^CSV: the file looks like UTF-16 \(it starts with a UTF-16 byte-order mark\); save it as UTF-8$/);
  add('hostile', 'a 129-byte column name', V('h'.repeat(129) + ',b\n1,0\n'),
    /^line 1, column 1: the name "h{40}" \(cut, 129 characters\) is 129 bytes; a column name is at most 128$/);
  add('hostile', 'an ESC sequence in a column name', V('a\x1b[2J,b\nx,0\n'), /^line 2, column 1 \("a\\x1b\[2J"\): 'x' is not a number$/);
  const wide = Array.from({ length: 1000 }, (_, i) => 'column' + i);
  add('hostile', 'a 1,000-column header, unknown label', V(wide.join(',') + '\n' + '1,'.repeat(999) + '1\n', { labelColumn: 'nope' }),
    /^label column 'nope' not found; the columns are: 'column0', .* … and 992 more \(or give a 0-based index\)$/);
  add('hostile', 'a 100,000-character string value in an API message', () => nn.makeDataset('x'.repeat(100000)),
    /^unknown dataset 'x{40}' \(cut, 100000 characters\); allowed: /);
  add('hostile', 'a 100,000-character value in a type error', () => new nn.Network({ inputs: 'x'.repeat(1e5), layers: [] }),
    /^inputs must be an integer, got "x{40}" \(cut, 100000 characters\)$/);
  add('hostile', 'a long label column', () => nn.datasetFromCSV('a,b\n1,0\n', { labelColumn: 'x'.repeat(100000) }),
    /^label column 'x{40}' \(cut, 100000 characters\) not found/);
}

// ---- fixed after this matrix first found them (d805f06): now ordinary rows -------------------
{
  add('weights', 'setWeight NaN (toJSON would write "nan")', () => net.setWeight(0, 0, 0, NaN), /^setWeight: value must be a finite float32, got nan$/);
  add('weights', 'setWeights Infinity', () => net.setWeights(0, [Infinity, 0, 0, 0, 0, 0, 0, 0]), /^setWeights: weights\[0\] must be a finite float32$/);
  add('weights', 'setBias 1e39 (Infinity as float32)', () => net.setBias(0, 0, 1e39), /^setBias: value must be a finite float32, got 1e\+39$/);
  add('weights', 'setBiases NaN', () => net.setBiases(0, [0, NaN, 0, 0]), /^setBiases: biases\[1\] must be a finite float32$/);
  add('weights', 'block 2^32 (used to wrap to block 0)', () => net.getWeights(2 ** 32), /^block is out of range, got 4294967296$/);
  add('weights', 'setWeight from 2^32 (used to wrap to row 0)', () => net.setWeight(0, 2 ** 32, 0, 1), /^setWeight: from is out of range, got 4294967296$/);
  add('weights', 'features duplicated', () => { net.features = ['x1', 'x1']; }, /^feature 'x1' is listed twice$/);
  add('weights', 'features for 3 inputs of 2', () => { net.features = ['x1', 'x2', 'x1sq']; }, /^features: the network has 2 inputs, got 3 features$/);
  add('weights', 'toJSON epochs -1', () => net.toJSON({ epochs: -1 }), /^extra\.epochs must be a non-negative integer, got -1$/);
  add('weights', 'toJSON seed NaN', () => net.toJSON({ seed: NaN }), /^extra\.seed must be a non-negative integer, got NaN$/);
  add('weights', 'toJSON batchSize "x"', () => net.toJSON({ batchSize: 'x' }), /^extra\.batchSize must be an integer, got "x"$/);
  add('weights', 'toJSON dataset 5', () => net.toJSON({ dataset: 5 }), /^extra\.dataset must be a string, got 5$/);
  add('grid', 'resolution 2^31 (used to say -2147483648)', () => net.evaluateGrid({ resolution: 2 ** 31 }), /resolution is out of range, got 2147483648$/);
  add('dataset', 'classes 2^40', () => nn.makeDataset('blobs', { classes: 2 ** 40 }), /classes is out of range, got 1099511627776$/);
  add('predict', 'n 2^32+1 (used to run with n = 1)', () => net.predict([1, 2], 2 ** 32 + 1), /^predict: n is out of range, got 4294967297$/);
  add('train', 'a Network passed as the dataset', () => net.trainEpochs(net, {}), /^data must be an nnplay Dataset, got an object$/);
}

// ---- after delete ---------------------------------------------------------------------------------
{
  const gone = new nn.Network({ inputs: 2, layers: [{ units: 1 }] });
  gone.delete();
  const goneData = nn.makeDataset('circle', { samples: 10 });
  goneData.delete();
  for (const [w, f] of [['predict', () => gone.predict([1, 2])], ['toJSON', () => gone.toJSON()], ['setWeights', () => gone.setWeights(0, [1, 2])],
    ['getWeights', () => gone.getWeights(0)], ['trainEpochs', () => gone.trainEpochs(data)]])
    add('deleted', `${w} on a deleted Network`, f, /^this Network was deleted$/);
  add('deleted', 'training on a deleted Dataset', () => net.trainEpochs(goneData), /^this Dataset was deleted$/);
  add('deleted', 'x() of a deleted Dataset', () => goneData.x(), /^this Dataset was deleted$/);
}

// Defects found while writing this matrix that are still open (issue 7's note; the
// ones already fixed in wasm/ and web/lib are ordinary rows above, under "fixed").
// A network of their own: before the fixes some of these calls changed it.
const bnet = new nn.Network({ inputs: 2, layers: [{ units: 4 }, { units: 1 }], seed: 2 });
const fixedBugs = [
  ['predict', 'predict with a NaN input is refused', () => bnet.predict([NaN, 1]), /finite|NaN/],
  ['dataset', 'makeDataset refuses a duplicated feature (parse_features does; the binding parses names one by one)',
    () => nn.makeDataset('xor', { features: ['x1', 'x1'] }), /twice/],
  ['dataset', 'a 100,000-character dataset name is shortened in the message', () => nn.makeDataset(LONG), /^.{1,300}$/s],
  ['Network', 'an activation name with a NUL byte is quoted whole (the message stops at the NUL today)',
    () => new nn.Network({ inputs: 2, layers: [{ units: 1, activation: 'relu\u0000x' }] }), /allowed: linear/],
  ['Network', 'a 100,000-character activation name is shortened in the message', () =>
    new nn.Network({ inputs: 2, layers: [{ units: 1, activation: LONG }] }), /^.{1,300}$/s],
  ['train', 'a batch whose activations cannot fit is refused up front with the size (today libc++ says "vector")',
    () => {
      const wide = new nn.Network({ inputs: 2, layers: [{ units: 65536 }, { units: 1 }] });
      const big = nn.makeDataset('circle', { samples: 1000000, trainRatio: 1 });
      try { return wide.trainEpochs(big, { batchSize: 1000000 }); } finally { wide.delete(); big.delete(); }
    }, /batch|MiB|GiB|memory/],
];

// ---- the checks ------------------------------------------------------------------------------------
const dataX = data.x();
const dataLabels = data.labels();
function checkRejected(entry, what, call, re, target = net) {
  const before = target.toJSON();
  let caught;
  try { call(); } catch (e) { caught = e; }
  const label = `${entry}: ${what}`;
  assert.ok(caught !== undefined, `${label}: did not throw`);
  assert.ok(caught instanceof Error, `${label}: threw ${typeof caught} ${String(caught).slice(0, 80)}, not an Error`);
  const m = caught.message;
  assert.equal(typeof m, 'string', `${label}: message is not a string`);
  assert.ok(m.length > 0, `${label}: empty message`);
  assert.doesNotMatch(m, /^\d+$|Aborted|RuntimeError|unknown C\+\+ exception|Cannot (pass|convert)|BindingError|std::/,
    `${label}: unclear message ${JSON.stringify(m.slice(0, 120))}`);
  assert.ok(m.length <= 400, `${label}: message of ${m.length} characters`);
  assert.match(m, re, `${label}: message`);
  // nothing changed: weights, biases, features and recorded settings; the dataset
  assert.equal(target.toJSON(), before, `${label}: the network changed`);
  // and the module still works
  assert.equal(nn.countParameters([2, 3]).params, 9n, `${label}: module dead afterwards`);
  assert.equal(target.predict([0.5, -0.5]).length, 1, `${label}: predict fails afterwards`);
}

test('the bad-input matrix: each case throws a clear Error and changes nothing', () => {
  // First pass warms up lasting allocations (error string buffer, workspaces, heap growth
  // for the 64 MiB CSV); the second pass must leave the heap in use exactly where it was.
  // Every failing case is listed, not just the first.
  const failures = [];
  const pass = () => {
    for (const c of cases) {
      try { checkRejected(...c); } catch (e) { failures.push(`${e.message}${e.actual !== undefined ? ` (got ${JSON.stringify(e.actual).slice(0, 200)})` : ''}`); }
    }
  };
  pass();
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases failed`);
  const used0 = nn.heapUsed();
  const t0 = performance.now();
  pass();
  const ms = performance.now() - t0;
  assert.deepEqual(failures, []);
  assert.equal(nn.heapUsed(), used0, 'rejected calls leaked wasm heap');
  assert.deepEqual(data.x(), dataX, 'the dataset changed');
  assert.deepEqual(data.labels(), dataLabels, 'the dataset changed');
  assert.equal(net.toJSON(), goodJSON, 'the network changed over the whole matrix');
  // the network still trains after all of it
  const r = net.trainEpochs(data, { epochs: 2 });
  assert.equal(r.length, 2);
  assert.ok(Number.isFinite(r[1].train.loss));
  const entries = new Set(cases.map((c) => c[0]));
  console.log(`# bad-input matrix: ${cases.length} rejected cases over ${entries.size} JS API entry points ` +
    `(${[...entries].join(', ')}), each checked for message, unchanged network and a live module; ` +
    `heap in use ${used0} B before and after (${ms.toFixed(0)} ms per pass)`);
});

test('model import: duplicated keys follow JSON.parse (the last one wins)', () => {
  const dup = goodJSON.replace('"inputs": 2,', '"inputs": 3, "inputs": 2,');
  assert.deepEqual(JSON.parse(dup).inputs, 2);
  const n = nn.Network.fromJSON(dup);
  assert.equal(n.inputs, 2);
  n.delete();
});

test('the URL hash: hostile values give a message and keep the page\'s settings', () => {
  const base = { ...defaults(), networkShape: [6, 3], learningRate: 0.1 };
  const hostile = [
    ['networkShape=1000000000', /networkShape: '1000000000' layer 1: 1000000000 neurons; allowed 1 to 512/],
    ['networkShape=-1', /layer 1: -1 neurons/],
    ['networkShape=0', /layer 1: 0 neurons/],
    ['networkShape=2.5', /is not a whole number/],
    ['networkShape=NaN', /is not a whole number/],
    ['networkShape=' + '1,'.repeat(20) + '1', /has 21 hidden layers; at most 8/],
    ['learningRate=NaN', /learningRate: 'NaN' is not a number/],
    ['learningRate=Infinity', /learningRate: 'Infinity' is not a number/],
    ['learningRate=0', /is out of range/],
    ['learningRate=-1', /is out of range/],
    ['learningRate=1e9', /is out of range/],
    ['batchSize=0.5', /is not a whole number/],
    ['batchSize=', /batchSize: '' is not a number/],
    ['activation=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', /activation: '<img src=x onerror=alert\(1\)>' is not one of/],
    ['dataset=moons', /dataset: 'moons' is not one of circle/],
    ['seed=' + 'x'.repeat(100), /is not a seed/],
    ['noSuchKey=1', /unknown setting 'noSuchKey' ignored/],
    ['learningRate=0.1&learningRate=0.2', /'learningRate' appears twice in the link; the last value is used/],
    ['x=%E0%A4%A', /malformed text in the link/],
    ['x=maybe', /x: 'maybe' is not true or false/],
  ];
  for (const [hash, re] of hostile) {
    const { state, errors } = parseHash('#' + hash, base);
    assert.ok(errors.length > 0, `${hash}: no message`);
    assert.ok(errors.some((e) => re.test(e)), `${hash}: messages ${JSON.stringify(errors)}`);
    for (const e of errors) assert.ok(e.length < 300, `${hash}: long message`);
    // a rejected value keeps the current page's value
    if (/^(networkShape|learningRate)=/.test(hash) && !hash.includes('&')) {
      const key = hash.split('=')[0];
      assert.deepEqual(state[key], base[key], `${hash}: ${key} not kept`);
    }
  }
  // a link that is too long, or binary junk, keeps everything
  const long = parseHash('#' + 'a'.repeat(5000), base);
  assert.deepEqual(long.state, base);
  assert.match(long.errors[0], /too long/);
  const junk = parseHash('#' + JUNK, base);
  assert.ok(junk.errors.length > 0);
  // a link that reads back from the state it produced is stable
  assert.equal(toHash(parseHash(toHash(base), base).state), toHash(base));
  console.log(`# URL hash: ${hostile.length + 2} hostile links`);
});

for (const [entry, what, call, re] of fixedBugs) {
  test(`fixed defect (issue 7 finding): ${entry}: ${what}`, () => {
    checkRejected(entry, what, call, re, bnet);
  });
}
