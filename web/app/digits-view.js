// The page's image-dataset panel (issue 15): the drawing pad and the ten class probabilities,
// every layer's activations for the current image, the first layer's weights as images, the
// confusion matrix with the misclassified test images, and the precision and initialisation
// comparisons. It reads session events (page-session.js forwards them) and sends session
// commands; all text goes in with textContent. Pixels go through image-draw.js (ImageData + LUT).
import { app, $, send } from './page.js';
import { fmtInt, fmtPct } from './format.js';
import { createDigitPad } from './digit-pad.js';
import { drawGrey, putPixels, drawNeuron, drawActivations } from './image-draw.js';
import { imageNoun, predictionText } from './labels.js';

const MAX_WRONG = 60;
const RETHINK_MS = 250;     // while training, the current image is predicted again this often

const view = {
  on: false, info: null, pad: null, current: null, testIndex: -1,
  waiting: false, again: false, lastAsk: 0,
  grid: null, weights: null, units: 0, zoom: -1, confEpoch: -1, predicted: null,
};

const noun = imageNoun;  // what the panel calls the set's images (labels.js)

function fmtBytes(b) {
  return b >= 1048576 ? `${(b / 1048576).toFixed(2)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${fmtInt(b)} B`;
}

export function setupDigits() {
  view.pad = createDigitPad($('digit-pad'), { onChange: (x) => { view.current = x; view.testIndex = x ? view.testIndex : -1; if (!x) showPadSource(); ask(); } });
  $('pad-clear').addEventListener('click', () => { view.testIndex = -1; view.pad.clear(); showPadSource(); });
  $('pad-test').addEventListener('click', () => pickTest((view.testIndex + 1) % (view.info ? view.info.testLabels.length : 1)));
  $('digit-pad').addEventListener('pointerdown', () => { view.testIndex = -1; showPadSource(); });
  probBars(10);
  const grid = $('weight-grid');
  const zoomAt = (e) => {
    if (!view.grid) return;
    const r = grid.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left) * grid.width / r.width / view.grid.tileW);
    const y = Math.floor((e.clientY - r.top) * grid.height / r.height / view.grid.tileH);
    const u = y * view.grid.cols + x;
    if (x >= 0 && x < view.grid.cols && u >= 0 && u < view.units) setZoom(u);
  };
  grid.addEventListener('pointermove', zoomAt);
  grid.addEventListener('focus', () => setZoom(Math.max(0, view.zoom)));
  grid.addEventListener('keydown', (e) => {
    if (!view.grid) return;
    const d = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -view.grid.cols, ArrowDown: view.grid.cols }[e.key];
    if (d === undefined) return;
    e.preventDefault();
    setZoom(Math.max(0, Math.min(view.units - 1, Math.max(0, view.zoom) + d)));
  });
  $('compare-precisions').addEventListener('click', () => { $('compare-precisions').disabled = true; send('precisions'); });
  $('compare-inits').addEventListener('click', () => {
    $('compare-inits').disabled = true;
    $('inits').replaceChildren(row(['training one epoch from each start…'], 'td'));
    send('compareInits', { epochs: 1 });
  });
}

// One probability bar per class (10 for the digits and the clothing; a CSV has its own count).
function probBars(n) {
  const probs = $('digit-probs');
  while (probs.children.length > n) probs.lastChild.remove();
  while (probs.children.length < n) {
    const li = document.createElement('li');
    const name = document.createElement('span'); name.className = 'name';
    const barBox = document.createElement('span'); const bar = document.createElement('span'); bar.className = 'bar';
    bar.style.width = '0%'; barBox.appendChild(bar);
    const val = document.createElement('span'); val.className = 'val';
    li.append(name, barBox, val);
    probs.appendChild(li);
  }
}

function showPadSource() {
  const info = view.info;
  $('pad-source').textContent = view.testIndex >= 0 && info
    ? `Test image ${fmtInt(view.testIndex + 1)} of ${fmtInt(info.testLabels.length)}: labelled ${info.classNames[info.testLabels[view.testIndex]]}`
    : '';
}

function pickTest(i) {
  const info = view.info;
  if (!info) return;
  const n = info.width * info.height;
  view.testIndex = i;
  view.pad.show(info.testPixels.subarray(i * n, (i + 1) * n));
  showPadSource();
}

// Asks the worker for the current image's probabilities; one question at a time.
function ask() {
  if (!view.on) return;
  if (!view.current) { showPrediction(null); return; }
  if (view.waiting) { view.again = true; return; }
  view.waiting = true;
  view.lastAsk = performance.now();
  send('predict', { x: view.current });
}

// The diagram's input layer shows the current image (a blob: URL of a 28 × 28 PNG).
let inputUrl = '';
let inputCanvas = null;
let inputShown = null;  // the image whose PNG is (being) made: a new prediction of it needs none
function showInputImage(x) {
  if (!app.diagram || !app.diagram.setInputImage) return;
  if (!x) { inputShown = null; app.diagram.setInputImage(''); if (inputUrl) URL.revokeObjectURL(inputUrl); inputUrl = ''; return; }
  if (x === inputShown) return;
  inputShown = x;
  if (!inputCanvas) inputCanvas = document.createElement('canvas');
  drawGrey(inputCanvas, x, view.info.width, view.info.height, true);
  inputCanvas.toBlob((b) => {
    if (!b) return;
    const old = inputUrl;
    inputUrl = URL.createObjectURL(b);
    app.diagram.setInputImage(inputUrl);
    if (old) URL.revokeObjectURL(old);
  });
}

function showPrediction(m) {
  const lis = $('digit-probs').children;
  const names = view.info ? view.info.classNames : [];
  if (!m) {
    $('digit-verdict').textContent = noun(app.imageSet).draw;
    for (let k = 0; k < lis.length; k++) {
      lis[k].className = '';
      lis[k].children[0].textContent = names[k] ?? String(k);
      lis[k].children[1].firstChild.style.width = '0%';
      lis[k].children[2].textContent = '';
    }
    $('digit-acts').replaceChildren();
    showInputImage(null);
    return;
  }
  showInputImage(view.current);
  const p = m.probs;
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  $('digit-verdict').textContent = predictionText(names[best] ?? String(best), p[best]);
  $('digit-verdict').dataset.predicted = String(best);
  for (let k = 0; k < lis.length; k++) {
    lis[k].className = k === best ? 'top' : '';
    lis[k].children[0].textContent = names[k] ?? String(k);
    lis[k].children[1].firstChild.style.width = `${(100 * p[k]).toFixed(1)}%`;
    lis[k].children[2].textContent = fmtPct(p[k]);
  }
  showActivations(m.activations);
}

function showActivations(acts) {
  const box = $('digit-acts');
  const layers = [view.current, ...acts];
  while (box.children.length > layers.length) box.lastChild.remove();
  layers.forEach((values, i) => {
    let rowEl = box.children[i];
    if (!rowEl) {
      rowEl = document.createElement('div'); rowEl.className = 'layer-act';
      const label = document.createElement('span'); const c = document.createElement('canvas');
      rowEl.append(label, c); box.appendChild(rowEl);
    }
    const [label, canvas] = rowEl.children;
    const last = i === layers.length - 1;
    label.textContent = i === 0 ? `input ${view.info.width} × ${view.info.height}` : last ? `output ${values.length}` : `hidden ${i}: ${values.length}`;
    if (i === 0) { drawGrey(canvas, values, view.info.width, view.info.height, true); canvas.style.width = '56px'; }
    else {
      const cols = last ? values.length : Math.min(32, Math.ceil(Math.sqrt(values.length * 4)));
      drawActivations(canvas, values, cols);
      canvas.style.width = `${cols * 6}px`;
    }
  });
}

function setZoom(u) {
  view.zoom = u;
  if (!view.weights) return;
  drawNeuron($('weight-zoom'), view.weights, view.units, u, view.info.width, view.info.height, view.info.inked);
  $('weight-zoom-caption').textContent = `Neuron ${fmtInt(u + 1)} of ${fmtInt(view.units)} in hidden layer 1`;
  $('weight-grid').setAttribute('aria-label', `First-layer weight images; neuron ${u + 1} of ${view.units} enlarged`);
}

function row(cells, tag = 'td') {
  const tr = document.createElement('tr');
  for (const c of cells) { const td = document.createElement(tag); td.textContent = c; tr.appendChild(td); }
  return tr;
}

// The confusion matrix and the misclassified test images, after each epoch. The table's cells and
// the image buttons are made once and updated in place (a fresh table and 60 fresh canvases each
// epoch cost the page's main thread tens of milliseconds in one task).
function showConfusion(m) {
  const info = view.info, k = m.classes, names = info.classNames;
  const t = $('confusion');
  if (t.dataset.classes !== String(k) || t.dataset.names !== names.join('\n')) {
    const cap = t.querySelector('caption');
    const blank = Array.from({ length: k }, () => '');
    t.replaceChildren(cap, row(['', ...names.map((n) => `→${n}`)], 'th'), ...names.map((n) => row([n, ...blank])));
    t.dataset.classes = String(k);
    t.dataset.names = names.join('\n');
  }
  let max = 1;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) max = Math.max(max, m.matrix[i * k + j]);
  const rows = t.querySelectorAll('tr');
  for (let i = 0; i < k; i++) {
    const cells = rows[i + 1].children;
    for (let j = 0; j < k; j++) {
      const v = m.matrix[i * k + j], td = cells[j + 1];
      const text = String(v);
      if (td.textContent !== text) td.textContent = text;
      const bg = i === j ? '#e3f1fa' : v ? `rgba(245,147,34,${(0.15 + 0.85 * v / max).toFixed(2)})` : '';
      if (td.style.background !== bg) td.style.background = bg;
    }
  }
  // misclassified test images, clickable: each opens on the pad
  view.predicted = m.predicted;
  const wrong = [];
  for (let i = 0; i < m.predicted.length; i++) if (m.predicted[i] !== info.testLabels[i]) wrong.push(i);
  $('wrong-caption').textContent = `${fmtInt(wrong.length)} of ${fmtInt(m.predicted.length)} test images misclassified after epoch ${fmtInt(m.epoch)}` +
    (wrong.length > MAX_WRONG ? ` (the first ${MAX_WRONG} shown)` : '') + '. Click one to see what the network sees.';
  const box = $('wrong');
  const n = info.width * info.height;
  const shown = wrong.slice(0, MAX_WRONG);
  while (box.children.length > shown.length) box.lastChild.remove();
  while (box.children.length < shown.length) {
    const b = document.createElement('button');
    b.type = 'button';
    b.appendChild(document.createElement('canvas'));
    b.addEventListener('click', () => pickTest(Number(b.dataset.index)));
    box.appendChild(b);
  }
  shown.forEach((i, s) => {
    const b = box.children[s];
    const label = `test image ${i + 1}: labelled ${names[info.testLabels[i]]}, predicted ${names[m.predicted[i]]}`;
    if (b.title !== label) { b.setAttribute('aria-label', label); b.title = label; }
    if (b.dataset.index !== String(i)) {
      b.dataset.index = String(i);
      drawGrey(b.firstChild, info.testPixels.subarray(i * n, (i + 1) * n), info.width, info.height);
    }
  });
}

function showTable(id, head, rows) {
  $(id).replaceChildren(row(head, 'th'), ...rows.map((r) => row(r)));
}

// Session events for image sets (page-session.js calls this for every event; false = not ours).
export function onDigitsEvent(m) {
  switch (m.type) {
    case 'loading':
      $('digits').hidden = false;
      app.imageSet = m.what;
      $('digits').dataset.set = m.what;
      $('h-digits').textContent = noun(m.what).title;
      $('pad-caption').textContent = noun(m.what).caption;
      delete $('digits-status').dataset.transferred;
      $('digits-status').textContent = `Fetching the 10,000 ${noun(m.what).many}…`;
      return true;
    case 'loaded':
      app.digitsLoad = m;
      $('digits-status').textContent = `10,000 ${noun(m.what).many}: ${fmtBytes(m.transferred)} transferred (${fmtBytes(m.bytes)} inflated) in ${(m.ms / 1000).toFixed(2)} s.`;
      $('digits-status').dataset.transferred = String(m.transferred);
      return true;
    case 'prediction':
      view.waiting = false;
      if (view.current) showPrediction(m); else showPrediction(null);
      if (view.again) { view.again = false; ask(); }
      return true;
    case 'confusion':
      if (view.info) showConfusion(m);
      return true;
    case 'precisions':
      $('compare-precisions').disabled = false;
      showTable('precisions', ['weights', 'test accuracy', `storage of ${fmtInt(m.params)} parameters`],
        m.rows.map((r) => [r.precision.toUpperCase(), fmtPct(r.accuracy), fmtBytes(r.bytes)]));
      $('precisions').dataset.epoch = String(m.epoch);
      return true;
    case 'inits':
      $('compare-inits').disabled = false;
      showTable('inits', ['initialisation', 'test accuracy at the start', `after ${m.epochs} epoch`, 'time'],
        m.rows.map((r) => [{ playground: 'playground ±0.5', glorot_uniform: 'Glorot (Xavier) uniform', he_uniform: 'He uniform' }[r.init] || r.init,
          fmtPct(r.before), fmtPct(r.after), `${(r.ms / 1000).toFixed(1)} s`]));
      return true;
    default:
      return false;
  }
}

// The 'data' event: an image set switches the panel on (and the 2-D views off), else off.
export function onDigitsData(m) {
  view.on = !!m.images;
  $('digits').hidden = !view.on;
  document.body.classList.toggle('images', view.on);
  if (!view.on) { view.info = null; return; }
  view.info = m.images;
  view.confEpoch = -1;
  view.testIndex = -1;
  view.zoom = -1;
  // the set's names (a CSV's pixel columns have no 'loading' event: they are here already)
  app.imageSet = m.images.set;
  $('digits').dataset.set = m.images.set;
  $('h-digits').textContent = noun(m.images.set).title;
  $('pad-caption').textContent = noun(m.images.set).caption;
  if (m.images.set === 'csv') {
    delete $('digits-status').dataset.transferred;
    $('digits-status').textContent = `${fmtInt(m.size)} images of ${m.images.width} × ${m.images.height} pixels from your CSV, ${m.classes} classes.`;
  }
  probBars(m.images.classNames.length);
  view.pad.setSize(m.images.width, m.images.height);
  view.pad.clear();
  showPadSource();
  $('confusion').replaceChildren($('confusion').querySelector('caption'));
  delete $('confusion').dataset.classes;
  $('wrong').replaceChildren();
  $('wrong-caption').textContent = '';
  $('precisions').replaceChildren();
  $('inits').replaceChildren();
}

// Every drawn frame: the weight images, the current image again (it changes as the network
// learns) and, after each epoch, the confusion matrix.
export function onDigitsFrame(m) {
  if (!view.on || !m.weights || !view.info) return;
  const w = m.weights[0];
  const units = w.length / (view.info.width * view.info.height);
  view.weights = w; view.units = units;
  // the worker made the 214,369 pixels of the weight images (while training, every 400 ms)
  if (m.weightImage) view.grid = putPixels($('weight-grid'), m.weightImage);
  if (view.zoom >= 0 && view.zoom < units) setZoom(view.zoom);
  if (view.current && performance.now() - view.lastAsk > RETHINK_MS) ask();
  if (m.epoch !== view.confEpoch) { view.confEpoch = m.epoch; send('confusion'); }
  const p = m.progress;
  const load = app.digitsLoad && app.digitsLoad.what === app.imageSet ? app.digitsLoad : null;
  if (p && (load || app.imageSet === 'csv')) {
    const what = load ? `10,000 ${noun(app.imageSet).many} (${fmtBytes(load.transferred)} transferred)`
      : `${fmtInt(app.dataInfo ? app.dataInfo.size : 0)} images from your CSV`;
    $('digits-status').textContent = `${what} · epoch ${fmtInt(m.epoch + 1)}: ` +
      `${Math.round(100 * p.position / p.trainSize)}% of ${fmtInt(p.trainSize)} training images` +
      (p.samplesPerSec ? ` · ${fmtInt(Math.round(p.samplesPerSec))} samples/s` : '') +
      // the core measures the training loss/accuracy on 2,000 spread rows of a bigger split (docs/training.md)
      (m.train && m.train.samples < p.trainSize ? ` · training loss and accuracy on ${fmtInt(m.train.samples)} of them` : '');
    $('digits-status').dataset.samplesPerSec = String(p.samplesPerSec || 0);
    $('digits-status').dataset.trainSamplesPerSec = String(p.trainSamplesPerSec || 0);
  }
}
