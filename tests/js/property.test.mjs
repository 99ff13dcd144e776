// Property-based tests (fast-check): random inputs against an independent model of the
// answer. (1) countParameters against a BigInt formula for random architectures, including
// widths up to 10^12 where the 64-bit counts overflow and must be refused instead;
// (2) model JSON: random networks and weights (−0, denormals, float32 extremes) survive
// toJSON → fromJSON bit for bit, and the text is a fixed point; (3) the URL state of
// the core's link settings (through web/app/state.js): any valid state survives toHash → parseHash, and any hash string
// parses without throwing into a valid state. Seeded, so a failure reproduces; fast-check
// prints the seed and the shrunk counterexample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import {
  SETTINGS, defaults, toHash, parseHash, update, MAX_WIDTH, MAX_LAYERS, useCore,
} from '../../web/app/state.js';

const nn = await createNNPlay();
useCore(nn);  // state.js is a thin layer over the core's settings table and parser
// A settings object the core accepts whole: every value and the cross-checks.
const problems = (s) => { const r = update(defaults(), s); return r.error ? [r.error] : []; };
const SEED = Number(process.env.FC_SEED ?? 20261122);
const runs = (n) => ({ seed: SEED, numRuns: n });
const INT64_MAX = 2n ** 63n - 1n;

// ---- (1) parameter counts --------------------------------------------------------------------
// The formula, written from the documentation (core/arch.h, nnplay.d.ts), not from arch.cpp.
function expectedReport(widths, bias) {
  const blocks = [];
  let weights = 0n, biases = 0n, neurons = 0n, int8 = 0n, int4 = 0n, inference = 0n;
  let training = widths[0];
  for (let i = 1; i < widths.length; i++) {
    const inn = widths[i - 1], out = widths[i];
    const w = inn * out, b = bias ? out : 0n, p = w + b;
    blocks.push({ in: inn, out, weights: w, biases: b, params: p, macs: w });
    weights += w; biases += b; neurons += out;
    int8 += p + 4n;                 // 1 B per parameter + one fp32 scale per block
    int4 += (p + 1n) / 2n + 4n;     // two per byte, rounded up, + one scale per block
    if (inn + out > inference) inference = inn + out;  // ping-pong: input and output of a block
    training += 2n * out;           // z and a of every layer, plus the input
  }
  const params = weights + biases;
  return {
    blocks, weights, biases, params, macs: weights, neurons,
    storage: { fp32: 4n * params, fp16: 2n * params, int8, int4 },
    optimizer: { sgd: 0n, momentum: params, adam: 2n * params },
    activations: { inference, training },
  };
}
function maxValue(r) {
  let m = 0n;
  const walk = (v) => {
    if (typeof v === 'bigint') { if (v > m) m = v; } else if (Array.isArray(v)) v.forEach(walk);
    else for (const k of Object.keys(v)) walk(v[k]);
  };
  walk(r);
  return m;
}

const width = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 2000 }), weight: 6 },
  { arbitrary: fc.bigInt({ min: 1n, max: 10n ** 12n }), weight: 1 },
  { arbitrary: fc.constantFrom(1, 65536, 2 ** 32, 2 ** 53 - 1), weight: 1 },
);

test('countParameters equals the BigInt formula, or refuses what overflows int64', () => {
  let exact = 0, refused = 0;
  fc.assert(fc.property(fc.array(width, { minLength: 2, maxLength: 8 }), fc.boolean(), (ws, bias) => {
    const big = ws.map((w) => BigInt(w));
    const want = expectedReport(big, bias);
    if (big.some((w) => w > 10n ** 12n)) {
      assert.throws(() => nn.countParameters(ws, { bias }), /units must be between 1 and 1,000,000,000,000/);
      refused++;
      return;
    }
    if (maxValue(want) > INT64_MAX) {
      assert.throws(() => nn.countParameters(ws, { bias }), /overflows a 64-bit integer/);
      refused++;
      return;
    }
    assert.deepEqual(nn.countParameters(ws, { bias }), want);
    exact++;
  }), runs(3000));
  assert.ok(exact > 1000 && refused > 50, `both branches exercised: ${exact} exact, ${refused} refused`);
  console.log(`# countParameters: ${exact} architectures matched the BigInt formula, ${refused} refused (overflow or width)`);
});

test('a network built from the same widths reports the same parameter count', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 2, maxLength: 5 }), fc.boolean(), (ws, bias) => {
    const net = new nn.Network({ inputs: ws[0], layers: ws.slice(1).map((units) => ({ units, bias })) });
    try {
      assert.equal(net.paramCount(), expectedReport(ws.map(BigInt), bias).params);
    } finally { net.delete(); }
  }), runs(200));
});

// ---- (2) model JSON round trip ------------------------------------------------------------------
// Floats chosen to hit the writer's hard cases: −0, denormals, extremes, 1-ulp neighbours.
const f32 = fc.oneof(
  { arbitrary: fc.float({ noNaN: true, noDefaultInfinity: true }), weight: 8 },
  { arbitrary: fc.constantFrom(-0, 0, 1e-45, -1e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38,
    0.1, 1 / 3, 16777217), weight: 2 },
);
const ACTS = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu', 'swish'];
const FEATS = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
const archArb = fc.record({
  inputs: fc.integer({ min: 1, max: 7 }),
  hidden: fc.array(fc.record({ units: fc.integer({ min: 1, max: 9 }), activation: fc.constantFrom(...ACTS), bias: fc.boolean() }), { maxLength: 3 }),
  head: fc.constantFrom('half_mse', 'bce', 'softmax_ce'),
  outputs: fc.integer({ min: 2, max: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
  epochs: fc.integer({ min: 0, max: 1e6 }),
  dataset: fc.string({ maxLength: 20 }),
});
function specOf(a) {
  const out = a.head === 'bce' ? { units: 1, activation: 'sigmoid' }
    : a.head === 'softmax_ce' ? { units: a.outputs, activation: 'softmax' }
      : { units: a.outputs, activation: 'tanh' };
  return { inputs: a.inputs, layers: [...a.hidden, out], loss: a.head, seed: a.seed };
}
const bits = (f32s) => Array.from(new Uint32Array(Float32Array.from(f32s).buffer));

test('model JSON round-trips every weight bit for bit, and the text is a fixed point', () => {
  fc.assert(fc.property(archArb, fc.infiniteStream(f32), (a, stream) => {
    const net = new nn.Network(specOf(a));
    const it = stream[Symbol.iterator]();
    try {
      for (let l = 0; l < net.layers.length; l++) {
        const w = net.getWeights(l);
        net.setWeights(l, w.map(() => it.next().value));
        const b = net.getBiases(l);
        if (b.length) net.setBiases(l, b.map(() => it.next().value));
      }
      const features = a.inputs <= FEATS.length ? FEATS.slice(0, a.inputs) : undefined;
      const text = net.toJSON({ epochs: a.epochs, dataset: a.dataset, ...(features ? { features } : {}) });
      JSON.parse(text);  // plain JSON, readable by anything
      const back = nn.Network.fromJSON(text);
      try {
        assert.deepEqual(back.layers, net.layers);
        assert.equal(back.loss, net.loss);
        for (let l = 0; l < net.layers.length; l++) {
          assert.deepEqual(bits(back.getWeights(l)), bits(net.getWeights(l)), `layer ${l} weights`);
          assert.deepEqual(bits(back.getBiases(l)), bits(net.getBiases(l)), `layer ${l} biases`);
        }
        assert.equal(back.toJSON(), text, 'read → write is not a fixed point');
        const x = Array.from({ length: a.inputs }, (_, i) => (i - 1) / 3);
        assert.deepEqual(bits(back.predict(x)), bits(net.predict(x)), 'same predictions');
      } finally { back.delete(); }
    } finally { net.delete(); }
  }), runs(300));
});

// ---- (3) URL state (web/app/state.js exports pure functions) -------------------------------------
function arbFor(key, spec) {
  switch (spec.type) {
    case 'enum': return fc.constantFrom(...spec.values);
    case 'bool': return fc.boolean();
    case 'int': return fc.integer({ min: spec.min, max: spec.max });
    case 'num': return fc.double({ min: spec.min, max: spec.max, noNaN: true })
      .filter((v) => !(spec.exclusiveMin && v === spec.min) && !Object.is(v, -0));
    case 'seed': return fc.stringMatching(/^[0-9A-Za-z._-]{1,32}$/);
    case 'widths': return fc.array(fc.integer({ min: 1, max: MAX_WIDTH }), { maxLength: MAX_LAYERS });
    case 'acts': return fc.constant([]);  // filled below to match networkShape
    case 'hide': return fc.uniqueArray(fc.constantFrom(...Object.keys(SETTINGS).filter((k) => k !== 'hide')), { maxLength: 4 })
      .map((h) => h.sort());
    default: throw new Error(`no arbitrary for ${key} (${spec.type}): add one`);
  }
}
const stateArb = fc.record(Object.fromEntries(Object.entries(SETTINGS).map(([k, s]) => [k, arbFor(k, s)])))
  .chain((s) => fc.array(fc.constantFrom(...SETTINGS.activation.values), { minLength: s.networkShape.length, maxLength: s.networkShape.length })
    .map((acts) => ({ ...s, activations: acts.length && acts.some((a) => a !== s.activation) ? acts : [] })))
  .filter((s) => problems(s).length === 0);

test('URL state: every valid state survives toHash → parseHash unchanged', () => {
  assert.deepEqual(Object.keys(defaults()).sort(), Object.keys(SETTINGS).sort());
  fc.assert(fc.property(stateArb, (s) => {
    const hash = toHash(s);
    const { state, errors } = parseHash(hash, defaults());
    assert.deepEqual(errors, []);
    assert.deepEqual(state, s);
    assert.equal(toHash(state), hash);
  }), runs(1000));
});

test('URL state: any hash parses without throwing into a valid state, and re-encodes stably', () => {
  const keys = Object.keys(SETTINGS);
  const pair = fc.oneof(
    fc.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 30 })).map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
    fc.tuple(fc.constantFrom(...keys), fc.constantFrom('NaN', 'Infinity', '-1', '0', '1e9', '2.5', '', '1,2,3', 'true', '%', '%E0%A4%A', '<img src=x onerror=alert(1)>'))
      .map(([k, v]) => `${k}=${v}`),
    fc.string({ maxLength: 40 }),
  );
  fc.assert(fc.property(fc.array(pair, { maxLength: 12 }), (pairs) => {
    const hash = '#' + pairs.join('&');
    const { state, errors } = parseHash(hash, defaults());
    assert.ok(Array.isArray(errors) && errors.every((e) => typeof e === 'string' && e.length < 400));
    assert.deepEqual(problems(state), []);
    const again = parseHash(toHash(state), defaults());
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.state, state);
  }), runs(2000));
});
