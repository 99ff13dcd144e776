// The page's settings on the page's side: a thin layer over the core, which owns the settings
// table, the URL-hash parser and writer, the checks and what settings train
// (core/link_settings.h, through the JS API's parseLink/linkOf/updateSettings/linkRun). This
// file parses and checks nothing itself, so the page, the widgets, the worker and
// `nnplay train --link` cannot disagree. It adds only display text (feature labels) and
// message quoting. Importing it starts nothing: useCore(nn) gives it the loaded module.
import { FEATURE_LABELS as LABELS } from './labels.js';
import { quoted } from '../lib/quote.mjs';
import { featureThumb } from './thumbs.js';

export let SETTINGS = {};     // key → the core's spec {type, group, default, min, max, values, …}
export let ACTIVATIONS = [];  // hidden-layer activations, the core's order
export let INITS = [];
export let FEATURES = [];     // [{key, name, label}]: TF's keys, the core's feature names
export let MAX_LAYERS = 0;
export let MAX_WIDTH = 0;

const MAX_VALUE_SHOWN = 40;

let core = null;

// Call once the module is loaded (web/lib/nnplay.mjs's createNNPlay()), before anything below.
export function useCore(nn) {
  core = nn;
  const table = nn.linkSettingsTable();
  SETTINGS = Object.fromEntries(table.map((s) => [s.key, s]));
  ACTIVATIONS = SETTINGS.activation.values.slice();
  INITS = SETTINGS.init.values.slice();
  FEATURES = table.filter((s) => s.feature).map((s) => ({ key: s.key, name: s.feature, label: LABELS[s.feature] || s.feature }));
  MAX_LAYERS = SETTINGS.networkShape.maxItems;
  MAX_WIDTH = SETTINGS.networkShape.max;
}

function need() {
  if (!core) throw new Error('state.js: useCore(nn) was not called (the module is not loaded yet)');
  return core;
}

export function defaults() { return need().defaultSettings(); }

// A user-supplied value in a page or widget message: the one JS quoting function
// (web/lib/quote.mjs, the twin of the core's nn::quoted), in double quotes.
export function quote(v) {
  return quoted(v, { quote: '"', max: MAX_VALUE_SHOWN });
}

// { state, errors } (core: parse_link). A rejected link keeps `base`.
export function parseHash(hash, base) {
  const r = need().parseLink(String(hash || ''), base);
  return { state: r.settings, errors: r.errors };
}

export function toHash(s) { return need().linkOf(s); }

// A control's patch: { state } or { error } (the old state stays current).
export function update(s, patch) {
  const r = need().updateSettings(s, patch);
  return r.error !== undefined ? { error: r.error } : { state: r.settings };
}

// Which rebuild a change needs: 'data' > 'net' > 'train' > 'view' > null.
export function changeLevel(a, b) { return need().settingsChangeLevel(a, b); }

// ---- what the settings train (the core's answer) ----
// Remembered per settings text: the worker asks for the features and training options of
// every session on every frame, and each answer crossing Embind (some 30 keys each way) took
// over a third of the worker's time with ten playgrounds (bench/frames.mjs --profile=ten
// --worker-js). The answers are frozen: a caller that changed one would change them all.
const RUN_MEMO_SIZE = 64;
const runMemo = new Map();  // JSON of [settings, options] → frozen answer, oldest first
function deepFreeze(v) {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) { Object.freeze(v); for (const x of Object.values(v)) deepFreeze(x); }
  return v;
}
function run(s, o) {
  const nn = need();
  const key = JSON.stringify([s, o ?? null]);
  let r = runMemo.get(key);
  if (r === undefined || runMemo.core !== nn) {
    if (runMemo.core !== nn) { runMemo.clear(); runMemo.core = nn; }
    r = deepFreeze(nn.linkRun(s, o));
    if (runMemo.size >= RUN_MEMO_SIZE) runMemo.delete(runMemo.keys().next().value);
    runMemo.set(key, r);
  }
  return r;
}
export function featureNames(s) { return run(s).dataset.features; }
export function datasetClasses(s) { return run(s).dataset.dataClasses; }
// NetworkSpec for createNNPlay().Network; `classes` and `inputs` of the data in use.
export function networkSpec(s, classes, inputs) { return run(s, { classes, inputs }).network; }
export function trainOptions(s) { return run(s).train; }
export function hiddenActivation(s, i) { return networkSpec(s).layers[i].activation; }

// After a model is imported: the settings patch that describes it (features, shape,
// activations, loss); update() checks it like any other.
export function patchFromNetwork(s, net) {
  const patch = {};
  const names = net.features || [];
  if (names.length) for (const f of FEATURES) patch[f.key] = names.includes(f.name);
  const hidden = net.layers.slice(0, -1);
  patch.networkShape = hidden.map((l) => l.units);
  const acts = hidden.map((l) => l.activation);
  const same = acts.every((a) => a === acts[0]);
  patch.activation = same && acts.length ? acts[0] : s.activation;
  patch.activations = same ? [] : acts;
  patch.loss = net.loss;
  return patch;
}
// dataset=digits (issue 15): the worker loads the image set; the core's rule (page_images).
export function isImageDataset(s) { return run(s).dataset.images; }
// TF Playground has the settings' data set, so "As in TF Playground" (tfMode) can apply.
export function hasTfData(s) { return run(s).dataset.tfData; }
// A feature's picture over the grid for a diagram input (the core's values, display scale).
export function featureMap(name, res) { return featureThumb(name, need().featureGrid({ features: [name], resolution: res })[0]); }
