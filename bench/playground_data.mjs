// TF Playground's data and start-up, in plain JS, as the reference for nnplay's tfMode
// (core/tf_playground.h): what tensorflow/playground's dataset.ts and playground.ts
// (generateData, reset → buildNetwork, oneStep) do on load, rewritten here from their
// documented behaviour, in double precision, with Math.random replaced by an explicit
// `random` (tests pass npm seedrandom's ARC4 for the link's seed, which is what
// Math.seedrandom(seed) installs). Used by tests/js/tf_playground.test.mjs and
// bench/tf_page.mjs; the network and its training are bench/playground_engine.mjs.
import * as engine from './playground_engine.mjs';

const uniform = (random, a, b) => random() * (b - a) + a;
// dataset.ts normalRandom: Marsaglia's polar method, mean + sqrt(variance)·z.
function normal(random, mean, variance) {
  let v1, v2, s;
  do {
    v1 = 2 * random() - 1;
    v2 = 2 * random() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  return mean + Math.sqrt(variance) * (Math.sqrt(-2 * Math.log(s) / s) * v1);
}
const dist = (x, y, cx, cy) => Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
// d3 v3's linear scale: t = (v − d0)/(d1 − d0), r0·(1 − t) + r1·t.
function linear(v, d0, d1, r0, r1, clamp = false) {
  let t = (v - d0) / (d1 - d0);
  if (clamp) t = Math.max(0, Math.min(1, t));
  return r0 * (1 - t) + r1 * t;
}

// Each generator returns [{x, y, label}] with TF's labels (±1 for classes).
export const generators = {
  circle(n, noise, random) {
    const pts = [], radius = 5;
    const one = (lo, hi) => {
      const r = uniform(random, lo, hi), angle = uniform(random, 0, 2 * Math.PI);
      const x = r * Math.sin(angle), y = r * Math.cos(angle);
      const nx = uniform(random, -radius, radius) * noise, ny = uniform(random, -radius, radius) * noise;
      pts.push({ x, y, label: dist(x + nx, y + ny, 0, 0) < radius * 0.5 ? 1 : -1 });
    };
    for (let i = 0; i < n / 2; i++) one(0, radius * 0.5);
    for (let i = 0; i < n / 2; i++) one(radius * 0.7, radius);
    return pts;
  },
  xor(n, noise, random) {
    const pts = [];
    for (let i = 0; i < n; i++) {
      let x = uniform(random, -5, 5);
      x += x > 0 ? 0.3 : -0.3;
      let y = uniform(random, -5, 5);
      y += y > 0 ? 0.3 : -0.3;
      const nx = uniform(random, -5, 5) * noise, ny = uniform(random, -5, 5) * noise;
      pts.push({ x, y, label: (x + nx) * (y + ny) >= 0 ? 1 : -1 });
    }
    return pts;
  },
  gauss(n, noise, random) {
    const pts = [], variance = linear(noise, 0, 0.5, 0.5, 4);
    for (const [c, label] of [[2, 1], [-2, -1]])
      for (let i = 0; i < n / 2; i++) {
        const x = normal(random, c, variance);
        const y = normal(random, c, variance);
        pts.push({ x, y, label });
      }
    return pts;
  },
  spiral(n, noise, random) {
    const pts = [], m = n / 2;
    for (const [delta, label] of [[0, 1], [Math.PI, -1]])
      for (let i = 0; i < m; i++) {
        const r = i / m * 5, t = 1.75 * i / m * 2 * Math.PI + delta;
        const x = r * Math.sin(t) + uniform(random, -1, 1) * noise;
        const y = r * Math.cos(t) + uniform(random, -1, 1) * noise;
        pts.push({ x, y, label });
      }
    return pts;
  },
  plane(n, noise, random) { return regression(n, noise, random, (x, y) => linear(x + y, -10, 10, -1, 1)); },
  multigauss(n, noise, random) {
    const g = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];
    return regression(n, noise, random, (x, y) => {
      let label = 0;
      for (const [cx, cy, sign] of g) {
        const v = sign * linear(dist(x, y, cx, cy), 0, 2, 1, 0, true);
        if (Math.abs(v) > Math.abs(label)) label = v;
      }
      return label;
    });
  },
};
function regression(n, noise, random, labelOf) {
  const pts = [], radius = 6;
  for (let i = 0; i < n; i++) {
    const x = uniform(random, -radius, radius), y = uniform(random, -radius, radius);
    const nx = uniform(random, -radius, radius) * noise, ny = uniform(random, -radius, radius) * noise;
    pts.push({ x, y, label: labelOf(x + nx, y + ny) });
  }
  return pts;
}

// dataset.ts shuffle: from the end, swap each place with a random index at or before it.
export function shuffle(a, random) {
  for (let counter = a.length; counter > 0;) {
    const index = Math.floor(random() * counter);
    counter--;
    const t = a[counter];
    a[counter] = a[index];
    a[index] = t;
  }
}

// playground.ts constructInput, in INPUTS order, for the features turned on.
const FEATURES = { x: (x) => x, y: (x, y) => y, xSquared: (x) => x * x, ySquared: (x, y) => y * y,
  xTimesY: (x, y) => x * y, sinX: (x) => Math.sin(x), sinY: (x, y) => Math.sin(y) };
export const featureKeys = Object.keys(FEATURES);

// What the page has after load for settings s ({problem, dataset, regDataset, noise,
// percTrainData, networkShape, activation, initZero, features: [keys]}) and `random`:
// {train, test, net}. generateData(true) then reset(true): data, shuffle, split, network.
export function startUp(s, random) {
  const reg = s.problem === 'regression';
  const data = generators[reg ? s.regDataset : s.dataset](reg ? 1200 : 500, s.noise / 100, random);
  shuffle(data, random);
  const split = Math.floor(data.length * s.percTrainData / 100);
  const input = (p) => s.features.map((k) => FEATURES[k](p.x, p.y));
  const rows = (ps) => ({ points: ps, inputs: ps.map(input), labels: ps.map((p) => p.label) });
  const act = engine.activations[s.activation];
  const net = engine.buildNetwork([s.features.length, ...s.networkShape, 1], act,
    reg ? engine.activations.linear : engine.activations.tanh, 1,
    s.regularization ? engine.regularizations[s.regularization] : null, random);
  if (s.initZero) for (const layer of net) for (const node of layer) {
    node.bias = 0;
    for (const l of node.inLinks) l.weight = 0;
  }
  return { train: rows(data.slice(0, split)), test: rows(data.slice(split)), net };
}

// playground.ts getLoss: mean of ½(output − label)².
export function getLoss(net, rows) {
  let sum = 0;
  for (let i = 0; i < rows.inputs.length; i++) {
    const d = engine.forwardProp(net, rows.inputs[i]) - rows.labels[i];
    sum += 0.5 * d * d;
  }
  return sum / rows.inputs.length;
}

// playground.ts oneStep: one epoch over the training rows in their order, then both losses.
export function oneStep(net, train, test, s) {
  engine.trainSamples(net, train.inputs, train.labels, s.batchSize, s.learningRate, s.regularizationRate);
  return { train: getLoss(net, train), test: getLoss(net, test) };
}
