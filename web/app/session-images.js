// The training session's image-dataset side (issue 15), kept apart from session.js: fetching the
// digits file when the set is chosen, building the Dataset through the core, training in pieces of
// an epoch (an 8,000-digit epoch takes seconds), and the views' questions: class probabilities and
// every layer's activations for one image, the test set's confusion matrix, accuracy at FP16,
// INT8 and INT4, and a comparison of initialisations. Never touches the DOM; importing it starts
// nothing. All answers are plain arrays, posted as session events.
import { quote, trainOptions } from './state.js';
import { weightGridPixels } from './image-draw.js';

// Where the build puts the image sets (scripts/make-digits.mjs, make-fashion.mjs), relative to
// this module: web/gen/<dataset>.nnim.gz.
export const DIGITS_URL = new URL('../gen/digits.nnim.gz', import.meta.url);
export const IMAGE_URLS = Object.freeze({ digits: DIGITS_URL, fashion: new URL('../gen/fashion.nnim.gz', import.meta.url) });
const WHAT = { digits: 'digits', fashion: 'Fashion-MNIST' };
const CHUNK_MS = 25;        // train this long between looks at the message queue
const GRID_MS = 400;        // while training, the weight images are made at most this often
const PRECISIONS = ['fp32', 'fp16', 'int8', 'int4'];

const files = new Map();    // dataset → Promise<{bytes, transferred, ms}>, fetched once per worker
const urls = new Map(Object.entries(IMAGE_URLS));  // an article's widget says where its set is ('imageSource')

// Where this worker fetches an image set from (an article's <nn-digits dataset=… src=…>).
export function setImageUrl(url, name = 'digits') {
  if (!urls.has(name)) throw new Error(`imageSource: ${quote(name)} is not an image set; allowed: ${[...urls.keys()].join(', ')}`);
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') throw new Error(`imageSource: ${u.protocol} URLs are not fetched`);
  if (u.href !== urls.get(name).href) { urls.set(name, u); files.delete(name); }
  return u.href;
}

// Fetches and inflates an image set's file. The transferred size is the .gz's (the server sends
// it as is); DecompressionStream inflates it in the worker.
export function loadImages(name = 'digits') {
  const url = urls.get(name);
  if (!url) return Promise.reject(new Error(`no image file for the dataset ${quote(name)}`));
  let p = files.get(name);
  if (!p) {
    const t0 = performance.now();
    const script = name === 'fashion' ? "it is made by 'bash scripts/build.sh web' from Debian's dataset-fashion-mnist (installed by 'bash scripts/setup.sh')"
      : "it is made by 'bash scripts/build.sh web'";
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`the ${WHAT[name] || name} file ${url.pathname} could not be fetched (HTTP ${r.status}); ${script}`);
      return r.blob();
    }).then(async (blob) => {
      const bytes = new Uint8Array(await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
      return { bytes, transferred: blob.size, ms: performance.now() - t0 };
    });
    p.catch(() => { if (files.get(name) === p) files.delete(name); });  // a failed fetch may be retried
    files.set(name, p);
  }
  return p;
}
export const loadDigits = () => loadImages('digits');

// The session asks for data the worker does not have yet: fetch it, tell the page, and configure
// again when it arrives (with the settings wanted by then). Returns true while loading.
export function needImages(session, s) {
  const name = s.dataset;
  if (session.imageBytes && session.imageName === name) return false;
  session.pendingImages = s;
  if (session.loadingImages === name) return true;
  session.loadingImages = name;
  session.post({ type: 'loading', what: name, url: urls.get(name)?.pathname ?? '' });
  loadImages(name).then((d) => {
    if (session.loadingImages !== name) return;  // another set was chosen meanwhile
    session.loadingImages = null;
    session.imageBytes = d.bytes;
    session.imageName = name;
    session.post({ type: 'loaded', what: name, transferred: d.transferred, bytes: d.bytes.length, ms: d.ms });
    const want = session.pendingImages;
    session.pendingImages = null;
    if (want && session.data !== undefined) session.configure(want, 'data');
  }, (e) => {
    if (session.loadingImages !== name) return;
    session.loadingImages = null;
    session.pendingImages = null;
    session.fail(e && e.message ? e.message : String(e), name);
  });
  return true;
}

export function buildImageData(session, s) {
  return session.nn.datasetFromNNIM(session.imageBytes, { name: s.dataset, trainRatio: s.percTrainData / 100,
    seed: s.seed });
}

// Test rows as floats (for predictions) and bytes (for the page to draw), cached per Dataset.
const testRows = new WeakMap();
export function testSet(data) {
  let t = testRows.get(data);
  if (!t) {
    const x = data.x(), n = data.testSize, k = data.inputs, start = data.trainSize * k;
    const labels = data.labels();
    const xf = x.slice(start, start + n * k);
    const px = new Uint8ClampedArray(n * k);  // a CSV's values outside 0..1 draw as paper or full ink
    for (let i = 0; i < px.length; i++) px[i] = Math.round(xf[i] * 255);
    t = { x: xf, pixels: px, labels: Uint8Array.from(labels.subarray(data.trainSize)), n };
    testRows.set(data, t);
  }
  return t;
}

// Pixels that no training image inks (MNIST's border): their weights never get a gradient and
// keep their random start, so the weight images leave them out. Cached per Dataset.
const inkedRows = new WeakMap();
function inkedPixels(data) {
  let inked = inkedRows.get(data);
  if (!inked) {
    const x = data.x(), k = data.inputs;
    inked = new Uint8Array(k);
    for (let r = 0; r < data.trainSize; r++) for (let j = 0, o = r * k; j < k; j++) if (x[o + j] > 0) inked[j] = 1;
    inkedRows.set(data, inked);
  }
  return inked;
}

// What the 'data' event carries for an image set: which set (digits, fashion, or csv: a CSV's
// pixel columns), size and class names (a CSV's classes are its labels 0, 1, …), the test images
// (bytes).
export function imageInfo(data, set) {
  const t = testSet(data);
  const names = data.classNames.length === data.classes ? [...data.classNames] : Array.from({ length: data.classes }, (_, i) => String(i));
  return { set, width: data.imageWidth, height: data.imageHeight, classNames: names,
    testPixels: new Uint8Array(t.pixels), testLabels: t.labels.slice(), inked: inkedPixels(data).slice() };
}

// What a frame adds for an image set: the first layer's weight images as RGBA pixels (made here,
// in the worker, so the page only puts them on a canvas), while training at most every GRID_MS.
// w0: the first block's weights (in × units). Returns {weightImage} or null, and the buffer to transfer.
export function imageFrame(session, w0, force) {
  const now = performance.now();
  if (!force && session.playing && now - session.weightImageAt < GRID_MS) return { extra: null, transfer: [] };
  session.weightImageAt = now;
  const d = session.data, n = d.imageWidth * d.imageHeight;
  const g = weightGridPixels(w0, w0.length / n, d.imageWidth, d.imageHeight, inkedPixels(d));
  return { extra: { weightImage: g }, transfer: [g.pixels.buffer] };
}

// Trains for about CHUNK_MS in pieces of an epoch. Returns the epoch reports finished (0 or 1
// usually) and records samples per second.
export function trainImages(session) {
  const net = session.net, data = session.data;
  const opts = { ...trainOptions(session.settings), seed: session.settings.seed };
  const st = session.imageTrain || (session.imageTrain = { msPerBatch: 5, samples: 0, ms: 0, position: 0 });
  const batches = Math.max(1, Math.min(1000, Math.round(CHUNK_MS / Math.max(st.msPerBatch, 0.05))));
  const t0 = performance.now();
  const r = net.trainPart(data, { ...opts, batches });
  const ms = performance.now() - t0;
  const rows = r.report ? data.trainSize - st.position : r.position - st.position;
  st.position = r.position;
  // An epoch's end also evaluates every row: leave that time out of the per-batch estimate.
  if (!r.report) st.msPerBatch = 0.7 * st.msPerBatch + 0.3 * (ms / Math.max(1, r.batches));
  else st.lastEvalMs = ms;
  st.samples += rows;
  st.ms += ms;
  return r.report ? [r.report] : [];
}

export function imageProgress(session) {
  const st = session.imageTrain;
  if (!st || !session.data) return null;
  // samplesPerSec counts every millisecond in trainPart, the evaluation of all 10,000 images at
  // each epoch's end included; trainSamplesPerSec is the optimiser steps alone (batch / ms per batch).
  return { position: st.position, trainSize: session.data.trainSize,
    samplesPerSec: st.ms > 0 ? st.samples / (st.ms / 1000) : null,
    trainSamplesPerSec: session.settings.batchSize * 1000 / st.msPerBatch };
}

function argmax(a, off, k) {
  let best = 0;
  for (let j = 1; j < k; j++) if (a[off + j] > a[off + best]) best = j;
  return best;
}

// Probabilities and every layer's activations for one image (784 values in 0..1).
export function predictImage(session, x) {
  const net = session.net;
  const acts = net.activations(x);
  const probs = acts[acts.length - 1];
  session.post({ type: 'prediction', probs, activations: acts }, acts.map((a) => a.buffer));
}

// Confusion matrix (rows: true class, columns: predicted) and each test image's prediction.
export function confusion(session) {
  const net = session.net, data = session.data;
  const t = testSet(data);
  const k = net.outputs;
  const out = net.predict(t.x, t.n);
  const matrix = new Int32Array(k * k);
  const predicted = new Uint8Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const p = argmax(out, i * k, k);
    predicted[i] = p;
    matrix[t.labels[i] * k + p]++;
  }
  session.post({ type: 'confusion', matrix, predicted, classes: k, epoch: session.epoch },
    [matrix.buffer, predicted.buffer]);
}

function testAccuracy(net, t) {
  const k = net.outputs, out = net.predict(t.x, t.n);
  let ok = 0;
  for (let i = 0; i < t.n; i++) if (argmax(out, i * k, k) === t.labels[i]) ok++;
  return ok / t.n;
}

// Test accuracy of the current weights rounded through FP16, INT8 and INT4, and the storage of each.
export function precisions(session) {
  const net = session.net, t = testSet(session.data);
  const report = session.nn.countParameters([net.inputs, ...net.layers.map((l) => l.units)]);
  const rows = PRECISIONS.map((p) => {
    const q = p === 'fp32' ? null : net.quantized(p);
    try {
      return { precision: p, accuracy: testAccuracy(q || net, t), bytes: Number(report.storage[p]) };
    } finally { if (q) q.delete(); }
  });
  session.post({ type: 'precisions', rows, epoch: session.epoch, params: Number(report.params) });
}

// Playground ±0.5 against Glorot and He on this network: each trains `epochs` epochs on the same
// rows with the same seed and optimiser; only the initial weights differ.
export function compareInits(session, epochs = 1) {
  const s = session.settings, data = session.data, t = testSet(data);
  const layers = session.net.layers.map((l) => ({ ...l }));
  const rows = [];
  for (const init of ['playground', 'glorot_uniform', 'he_uniform']) {
    const net = new session.nn.Network({ inputs: data.inputs, layers, loss: session.net.loss, init, seed: s.seed });
    try {
      const before = testAccuracy(net, t);
      const t0 = performance.now();
      net.trainEpochs(data, { ...trainOptions(s), epochs, seed: s.seed });
      rows.push({ init, before, after: testAccuracy(net, t), ms: performance.now() - t0 });
    } finally { net.delete(); }
  }
  session.post({ type: 'inits', rows, epochs });
}
