// Seeded random networks for the comparisons with other engines (torch, TF.js): every
// activation, bias on and off, each loss with the output layer it needs, TF features or raw
// inputs. Deterministic: the same seed gives the same cases.
export const HIDDEN_ACTS = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu', 'swish'];
export const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
const INITS = ['playground', 'glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_uniform', 'lecun_normal'];

// mulberry32: a small seeded generator for the test's choices (not nnplay's RNG).
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (list) => list[Math.floor(next() * list.length)];
  next.normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return next;
}

// Case i of a run: a NetworkSpec plus the features (null = raw inputs).
export function randomCase(r, i) {
  const features = r() < 0.7 ? FEATURES.filter(() => r() < 0.5) : null;
  if (features && !features.length) features.push(r.pick(FEATURES));
  const inputs = features ? features.length : r.int(1, 5);
  const hidden = Array.from({ length: r.int(0, 3) }, (_, k) => ({
    // each activation appears as the first hidden layer of some case, whatever the draws
    units: r.int(1, 9), activation: k === 0 ? HIDDEN_ACTS[i % HIDDEN_ACTS.length] : r.pick(HIDDEN_ACTS), bias: r() < 0.85,
  }));
  const loss = ['half_mse', 'bce', 'softmax_ce'][i % 3];
  const out = loss === 'bce' ? { units: 1, activation: 'sigmoid' }
    : loss === 'softmax_ce' ? { units: r.int(2, 4), activation: 'softmax' }
      : { units: r.int(1, 3), activation: r.pick(HIDDEN_ACTS) };
  return { features, spec: { inputs, layers: [...hidden, { ...out, bias: r() < 0.9 }], loss, init: r.pick(INITS), seed: r.int(1, 1e6) } };
}

// Encoded targets for n rows, as nnplay's loss expects them (core/dataset.cpp encode_targets).
export function randomTargets(r, loss, outputs, n) {
  const y = new Float32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    if (loss === 'softmax_ce') y[i * outputs + r.int(0, outputs - 1)] = 1;
    else for (let o = 0; o < outputs; o++) y[i * outputs + o] = loss === 'bce' ? r.int(0, 1) : Math.fround(r.normal());
  }
  return y;
}

export function randomRows(r, n, width, scale = 3) {
  return Float32Array.from({ length: n * width }, () => scale * r.normal());
}

// rows of a flat array, as nested arrays (for JSON to python)
export function rows(flat, width) {
  return Array.from({ length: flat.length / width }, (_, i) => Array.from(flat.subarray(i * width, (i + 1) * width)));
}
