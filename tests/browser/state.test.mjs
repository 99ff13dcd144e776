// web/app/state.js in node: the page's settings as the core owns them (core/link_settings.h,
// reached through the JS API): defaults, validation messages, the URL round trip, TF
// Playground links, and what the settings train. No browser needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import {
  defaults, parseHash, toHash, update, changeLevel, networkSpec, trainOptions, featureNames,
  patchFromNetwork, SETTINGS, quote, useCore,
} from '../../web/app/state.js';

const nn = await createNNPlay();
useCore(nn);
const units = (layers) => layers.map(({ units, activation }) => ({ units, activation }));

const TF_LINK = '#activation=relu&batchSize=10&dataset=spiral&regDataset=reg-plane&learningRate=0.03' +
  '&regularizationRate=0&noise=0&networkShape=8,8&seed=0.5&showTestData=false&discretize=false' +
  '&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=true' +
  '&cosY=false&sinY=true&collectStats=false&problem=classification&initZero=false&hideText=false';

test('defaults are TF Playground\'s', () => {
  const s = defaults();
  assert.deepEqual(s.networkShape, [4, 2]);
  assert.equal(s.learningRate, 0.03);
  assert.equal(s.batchSize, 10);
  assert.equal(s.percTrainData, 50);
  assert.equal(s.noise, 0);
  assert.equal(s.dataset, 'circle');
  assert.equal(s.activation, 'tanh');
  assert.deepEqual(featureNames(s), ['x1', 'x2']);
  const spec = networkSpec(s);
  // TF: features in, hidden 4,2 tanh, one tanh output, ½MSE, U(−0.5, 0.5) init
  assert.deepEqual(units(spec.layers), [
    { units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }]);
  assert.equal(spec.inputs, 2);
  assert.equal(spec.loss, 'half_mse');
  assert.equal(spec.init, 'playground');
});

test('a TF Playground link opens with the same setup', () => {
  const { state, errors } = parseHash(TF_LINK);
  assert.deepEqual(errors, []);
  assert.equal(state.dataset, 'spiral');
  assert.equal(state.activation, 'relu');
  assert.deepEqual(state.networkShape, [8, 8]);
  assert.equal(state.regDataset, 'plane');  // reg-plane is TF's name
  assert.equal(state.seed, '0.5');
  assert.deepEqual(featureNames(state), ['x1', 'x2', 'sinx1', 'sinx2']);
  const spec = networkSpec(state);
  assert.equal(spec.inputs, 4);
  assert.deepEqual(spec.layers.map((l) => l.units), [8, 8, 1]);
  assert.equal(spec.layers[0].activation, 'relu');
  assert.equal(spec.layers[2].activation, 'tanh');
});

test('TF regression, regularization, initZero and _hide flags', () => {
  const { state, errors } = parseHash('#problem=regression&regDataset=reg-gauss&regularization=L2' +
    '&regularizationRate=0.003&initZero=true&networkShape=&dataset_hide=true&noise_hide=true');
  assert.deepEqual(errors, []);
  assert.equal(state.regDataset, 'multigauss');
  assert.deepEqual(state.networkShape, []);
  assert.deepEqual(state.hide, ['dataset', 'noise']);
  const spec = networkSpec(state);
  assert.equal(spec.init, 'zeros');
  assert.deepEqual(units(spec.layers), [{ units: 1, activation: 'linear' }]);
  // TF's regularization=L2 + regularizationRate=r is l2 = r (core/optim.h)
  assert.deepEqual(trainOptions(state), { optimizer: 'sgd', lr: 0.03, batchSize: 10, l1: 0, l2: 0.003, momentum: 0.9, seed: '1', order: 'shuffle' });
});

test('round trip: toHash then parseHash gives the same state', () => {
  const s = defaults();
  Object.assign(s, { dataset: 'blobs', classes: 5, loss: 'softmax_ce', networkShape: [256, 128, 64],
    activations: ['relu', 'gelu', 'tanh'], learningRate: 0.001, optimizer: 'adam', seed: '0.83747',
    noise: 35, percTrainData: 70, sinX: true, showTestData: true, hide: ['noise'], precision: 'int8' });
  const { state, errors } = parseHash(toHash(s));
  assert.deepEqual(errors, []);
  assert.deepEqual(state, s);
  // and the defaults
  assert.deepEqual(parseHash(toHash(defaults())).state, defaults());
});

test('random settings round trip', () => {
  // A small property test: every setting drawn from its own domain survives the URL.
  let r = 12345;
  const rnd = () => ((r = Math.imul(r, 1103515245) + 12345 >>> 0) / 2 ** 32);
  for (let n = 0; n < 300; n++) {
    const s = defaults();
    for (const [k, spec] of Object.entries(SETTINGS)) {
      if (spec.type === 'enum') s[k] = spec.values[Math.floor(rnd() * spec.values.length)];
      else if (spec.type === 'bool') s[k] = rnd() < 0.5;
      else if (spec.type === 'int') s[k] = spec.min + Math.floor(rnd() * (spec.max - spec.min + 1));
      else if (spec.type === 'num') s[k] = Math.max(1e-6, Number((rnd() * spec.max).toPrecision(3)));
    }
    s.networkShape = Array.from({ length: Math.floor(rnd() * 9) }, () => 1 + Math.floor(rnd() * 512));
    s.x = true;
    s.problem = 'classification'; s.loss = 'softmax_ce';
    if (['blobs', 'digits', 'fashion'].includes(s.dataset)) s.tfMode = false;  // tfMode needs TF's data
    const { state, errors } = parseHash(toHash(s));
    assert.deepEqual(errors, [], toHash(s));
    assert.deepEqual(state, s);
  }
});

test('bad values name the problem and keep the current value', () => {
  const current = { ...defaults(), networkShape: [3, 3] };
  const cases = [
    ['networkShape=4,abc', /networkShape: '4,abc' layer 2: 'abc' is not a whole number; kept '3,3'/],
    ['networkShape=1000000000', /1000000000 neurons; allowed 1 to 512/],
    ['networkShape=1,1,1,1,1,1,1,1,1', /9 hidden layers; at most 8/],
    ['networkShape=0', /0 neurons/],
    ['networkShape=2.5', /'2.5' is not a whole number/],
    ['learningRate=NaN', /learningRate: 'NaN' is not a number/],
    ['learningRate=Infinity', /is not a number/],
    ['learningRate=-1', /out of range/],
    ['learningRate=0', /out of range/],
    ['learningRate=', /is not a number/],
    ['noise=51', /noise: '51' is out of range/],
    ['batchSize=1e9', /out of range/],
    ['dataset=moons', /dataset: 'moons' is not one of circle, xor, gauss, spiral, blobs/],
    ['x=yes', /x: 'yes' is not true or false/],
    ['seed=<img src=x onerror=alert(1)>', /seed '<img src=x onerror=alert\(1\)>' is not a seed/],
    ['bogus=1', /unknown setting 'bogus' ignored/],
    ['activations=relu,softmax', /'softmax' is not one of/],
    ['%E0%A4%A=1', /malformed text in the link/],
    ['cosX=true', /cosine features are not available/],
  ];
  for (const [hash, re] of cases) {
    const { state, errors } = parseHash('#' + hash, current);
    assert.equal(errors.length, 1, `${hash}: ${errors.join(' | ')}`);
    assert.match(errors[0], re, hash);
    assert.deepEqual(state.networkShape, hash.startsWith('networkShape') ? [3, 3] : [4, 2], hash);
  }
  // duplicates: the last wins, with a message
  const d = parseHash('#noise=10&noise=20');
  assert.equal(d.state.noise, 20);
  assert.match(d.errors[0], /'noise' appears twice/);
  // long values are shortened in messages, control characters escaped (web/lib/quote.mjs)
  assert.equal(quote('a'.repeat(1000)), `"${'a'.repeat(40)}" (cut, 1000 characters)`);
  assert.equal(quote('x\u0000y\u001b[31m'), '"x\\x00y\\x1b[31m"');
});

test('impossible combinations keep the whole current state', () => {
  const current = { ...defaults(), networkShape: [3] };
  const a = parseHash('#x=false&y=false', current);
  assert.deepEqual(a.state, current);
  assert.match(a.errors[0], /select at least one input feature/);
  const b = parseHash('#problem=regression&loss=bce', current);
  assert.deepEqual(b.state, current);
  assert.match(b.errors[0], /loss bce needs 2 classes \(1 sigmoid output\), but the data is regression data; regression uses half_mse/);
  const c = parseHash('#dataset=blobs&classes=4&loss=bce', current);
  assert.match(c.errors[0], /loss bce needs 2 classes \(1 sigmoid output\), but the data is 4 classes; use softmax_ce/);
  const u = update(current, { x: false, y: false });
  assert.match(u.error, /select at least one input feature/);
  assert.match(update(current, { networkShape: [600] }).error, /600 neurons; allowed 1 to 512/);
  assert.deepEqual(update(current, { networkShape: [5, 6] }).state.networkShape, [5, 6]);
});

test('changeLevel says what must be rebuilt', () => {
  const s = defaults();
  assert.equal(changeLevel(s, { ...s }), null);
  assert.equal(changeLevel(s, { ...s, learningRate: 0.1 }), 'train');
  assert.equal(changeLevel(s, { ...s, networkShape: [4] }), 'net');
  assert.equal(changeLevel(s, { ...s, noise: 5, learningRate: 0.1 }), 'data');
  assert.equal(changeLevel(s, { ...s, discretize: true }), 'view');
});

test('multi-class and imported networks', () => {
  const s = { ...defaults(), dataset: 'blobs', classes: 4, loss: 'softmax_ce' };
  assert.deepEqual(units([networkSpec(s).layers.at(-1)]), [{ units: 4, activation: 'softmax' }]);
  assert.equal(nn.linkRun(s).dataset.classes, 4);
  const t = update(defaults(), patchFromNetwork(defaults(), { features: ['x1', 'sinx2'], loss: 'bce',
    layers: [{ units: 3, activation: 'relu' }, { units: 5, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] })).state;
  assert.deepEqual(t.networkShape, [3, 5]);
  assert.deepEqual(t.activations, ['relu', 'tanh']);
  assert.deepEqual(featureNames(t), ['x1', 'sinx2']);
  assert.equal(t.loss, 'bce');
});

// state.js remembers what settings train (the worker asks every frame); the remembered answer
// must be the core's for the settings as they are now, whichever object carries them.
test('what settings train is the core\'s answer, also when remembered', () => {
  let s = defaults();
  for (const patch of [{}, { learningRate: 0.1 }, { networkShape: [3, 5], activation: 'relu' },
    { dataset: 'spiral', sinX: true, ySquared: true }, { batchSize: 30, seed: 'abc' }, {}]) {
    const r = update(s, patch);
    assert.equal(r.error, undefined, JSON.stringify(patch));
    s = r.state;
    for (let k = 0; k < 2; k++) {  // first asked, then remembered
      const core = nn.linkRun(s, { classes: 2, inputs: featureNames(s).length });
      assert.deepEqual(trainOptions(s), nn.linkRun(s).train);
      assert.deepEqual(featureNames(s), nn.linkRun(s).dataset.features);
      assert.deepEqual(networkSpec(s, 2, featureNames(s).length), core.network);
    }
  }
  // the same object changed in place is asked again, not answered from memory
  const t = { ...s };
  const before = trainOptions(t).lr;
  t.learningRate = before * 3;
  assert.equal(trainOptions(t).lr, before * 3);
  // a remembered answer cannot be changed by one caller for the next
  assert.throws(() => { trainOptions(t).lr = 1; }, TypeError);
  assert.throws(() => { featureNames(t).push('x'); }, TypeError);
});
