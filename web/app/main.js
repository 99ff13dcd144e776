// The page: binds controls to the settings (state.js), sends them to the training worker, and
// draws what comes back (diagram, heatmap, chart, parameter panel). All page state lives in
// the one `app` object below; every message shown uses textContent, never HTML.
import {
  SETTINGS, ACTIVATIONS, INITS, MAX_LAYERS, MAX_WIDTH, FEATURES, defaults, parseHash, toHash, update,
  featureNames, networkSpec, hiddenActivation, quote, datasetClasses,
} from './state.js';
import { createDiagram } from './diagram.js';
import { createHeatmap, featureMap, CLASS_COLORS } from './heatmap.js';
import { createLossChart } from './chart.js';
import { renderParams } from './params.js';
import { fmtNum, fmtPct, fmtInt } from './format.js';
import { kerasCode, pytorchCode, download, diagramSVGBlob, diagramPNGBlob } from './export.js';

const $ = (id) => document.getElementById(id);
const LR_VALUES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_VALUES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const THUMB_RES = 20;
const MAX_FILE_BYTES = 64 << 20;

const app = {
  state: defaults(),
  worker: null,
  ready: false,
  playing: false,
  points: null,           // {x1, x2, labels, trainSize, classes} from the worker
  dataInfo: null,         // {classes, inputNames, raw, custom}
  net: null,              // {inputs, layers, loss, inputNames, raw}
  frame: null,            // latest frame not yet drawn
  drawScheduled: false,
  countId: 0,
  hoverTarget: null,
  perf: { frames: [], lastFrameAt: 0, epochAt: [], drawMs: 0 },
  lastEpoch: 0,
  diagram: null, heatmap: null, quantmap: null, chart: null,
  featureThumbs: new Map(),
};

// ---------- messages ----------

function showMessage(text, { kind = 'error', actions = [], id } = {}) {
  const list = $('messages');
  if (id) for (const old of list.querySelectorAll(`[data-id="${id}"]`)) old.remove();
  const li = document.createElement('li');
  li.className = `message ${kind}`;
  if (id) li.dataset.id = id;
  li.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const span = document.createElement('span');
  span.textContent = text;
  li.appendChild(span);
  for (const a of actions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = a.label;
    b.addEventListener('click', () => { li.remove(); a.run(); });
    li.appendChild(b);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'dismiss';
  close.setAttribute('aria-label', 'Dismiss message');
  close.textContent = '×';
  close.addEventListener('click', () => li.remove());
  li.appendChild(close);
  list.prepend(li);
  while (list.children.length > 6) list.lastChild.remove();
}

// ---------- settings ----------

function setState(next, { send = true, url = true } = {}) {
  app.state = next;
  syncControls();
  if (url) {
    const h = toHash(next);
    if (location.hash !== h) history.replaceState(null, '', h);
  }
  if (send && app.worker) app.worker.postMessage({ type: 'configure', settings: next });
}

function applyPatch(patch) {
  const r = update(app.state, patch);
  if (r.error) {
    showMessage(`${r.error}. The current network is kept.`);
    syncControls();  // put the control back
    return false;
  }
  setState(r.state);
  return true;
}

function valueFromControl(key, input) {
  const spec = SETTINGS[key];
  if (spec.type === 'bool') return input.checked;
  if (spec.type === 'int' || spec.type === 'num') return input.value.trim() === '' ? NaN : Number(input.value);
  return input.value;
}

function fillSelect(sel, values, label = (v) => String(v)) {
  sel.replaceChildren();
  for (const v of values) {
    const o = document.createElement('option');
    o.value = String(v);
    o.textContent = label(v);
    sel.appendChild(o);
  }
}

function ensureOption(sel, value) {
  const v = String(value);
  if (![...sel.options].some((o) => o.value === v)) {
    const o = document.createElement('option');
    o.value = v; o.textContent = v;
    sel.appendChild(o);
  }
  sel.value = v;
}

function syncControls() {
  const s = app.state;
  for (const input of document.querySelectorAll('[data-setting]')) {
    const key = input.dataset.setting;
    const v = s[key];
    if (SETTINGS[key].type === 'bool') input.checked = !!v;
    else if (input.tagName === 'SELECT') ensureOption(input, v);
    else input.value = String(v);
  }
  for (const out of document.querySelectorAll('output[data-for]')) out.textContent = String(s[out.dataset.for]);
  document.body.classList.toggle('regression', s.problem === 'regression');
  document.body.classList.toggle('blobs', s.problem === 'classification' && s.dataset === 'blobs');
  document.body.classList.toggle('hide-text', s.hideText);
  for (const box of document.querySelectorAll('[data-setting-box]')) {
    const key = box.dataset.settingBox;
    box.hidden = s.hide.includes(key) || (key === 'features' && FEATURES.some((f) => s.hide.includes(f.key)) && false);
  }
  for (const f of FEATURES) {
    const box = document.querySelector(`[data-setting="${f.key}"]`).closest('label');
    box.hidden = s.hide.includes(f.key);
  }
  renderLayerEditor();
  fillAddClass();
}

function renderLayerEditor() {
  const s = app.state;
  const root = $('layer-editor');
  root.replaceChildren();
  $('layer-count').textContent = `${s.networkShape.length} hidden layer${s.networkShape.length === 1 ? '' : 's'}`;
  $('add-layer').disabled = s.networkShape.length >= MAX_LAYERS;
  $('remove-layer').disabled = s.networkShape.length === 0;
  s.networkShape.forEach((units, i) => {
    const box = document.createElement('fieldset');
    box.className = 'layer';
    const legend = document.createElement('legend');
    legend.textContent = `Hidden ${i + 1}`;
    box.appendChild(legend);
    const minus = document.createElement('button');
    minus.type = 'button'; minus.textContent = '−';
    minus.setAttribute('aria-label', `Remove a neuron from hidden layer ${i + 1}`);
    minus.disabled = units <= 1;
    minus.addEventListener('click', () => setWidth(i, units - 1));
    const input = document.createElement('input');
    input.type = 'number'; input.min = '1'; input.max = String(MAX_WIDTH); input.step = '1';
    input.value = String(units);
    input.setAttribute('aria-label', `Neurons in hidden layer ${i + 1}`);
    input.dataset.layer = String(i);
    input.addEventListener('change', () => setWidth(i, input.value.trim() === '' ? NaN : Number(input.value)));
    const plus = document.createElement('button');
    plus.type = 'button'; plus.textContent = '+';
    plus.setAttribute('aria-label', `Add a neuron to hidden layer ${i + 1}`);
    plus.disabled = units >= MAX_WIDTH;
    plus.addEventListener('click', () => setWidth(i, units + 1));
    const act = document.createElement('select');
    act.setAttribute('aria-label', `Activation of hidden layer ${i + 1}`);
    fillSelect(act, ACTIVATIONS);
    act.value = hiddenActivation(s, i);
    act.addEventListener('change', () => setLayerActivation(i, act.value));
    box.append(minus, input, plus, act);
    root.appendChild(box);
  });
}

function setWidth(i, units) {
  const shape = app.state.networkShape.slice();
  shape[i] = units;
  applyPatch({ networkShape: shape });
}

function setLayerActivation(i, act) {
  const s = app.state;
  const acts = s.networkShape.map((_, j) => hiddenActivation(s, j));
  acts[i] = act;
  applyPatch({ activations: acts.every((a) => a === s.activation) ? [] : acts });
}

function changeLayers(delta) {
  const s = app.state;
  const shape = s.networkShape.slice();
  const acts = s.activations.slice();
  if (delta > 0) { shape.push(shape.length ? shape[shape.length - 1] : 4); if (acts.length) acts.push(s.activation); }
  else { shape.pop(); if (acts.length > shape.length) acts.length = shape.length; }
  applyPatch({ networkShape: shape, activations: acts });
}

function fillAddClass() {
  const sel = $('add-class');
  const keep = sel.value;
  const classes = app.dataInfo ? app.dataInfo.classes : datasetClasses(app.state);
  const opts = [['off', 'nothing']];
  if (classes === 0) for (const v of [-1, -0.5, 0, 0.5, 1]) opts.push([String(v), `value ${v}`]);
  else for (let k = 0; k < classes; k++) opts.push([String(k), `class ${k}${k < CLASS_COLORS.length && classes <= 2 ? (k === 0 ? ' (orange)' : ' (blue)') : ''}`]);
  sel.replaceChildren();
  for (const [v, t] of opts) {
    const o = document.createElement('option');
    o.value = v; o.textContent = t;
    sel.appendChild(o);
  }
  sel.value = opts.some(([v]) => v === keep) ? keep : 'off';
}

// ---------- worker ----------

function startWorker() {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  app.worker = w;
  w.onmessage = (e) => onWorkerMessage(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    workerFailed(`the training worker stopped: ${e.message || 'it could not start (see the console)'}`);
  };
  w.onmessageerror = () => workerFailed('a message from the training worker could not be read');
  w.postMessage({ type: 'configure', settings: app.state });
}

function workerFailed(text) {
  app.ready = false;
  setPlaying(false);
  $('status').textContent = 'Training is not available.';
  showMessage(`${text}.`, { id: 'fatal', actions: [{ label: 'Reload', run: () => location.reload() }] });
}

function onWorkerMessage(m) {
  switch (m.type) {
    case 'ready':
      app.ready = true;
      $('status').textContent = `Ready · nnplay ${m.version} · SIMD ${m.simd}`;
      break;
    case 'fatal':
      workerFailed(m.message);
      break;
    case 'error': {
      const where = m.context ? `${m.context}: ` : '';
      showMessage(`${where}${m.message}. The current network is kept.`);
      if (m.context === 'settings' && m.keep) {
        // the worker refused these settings: go back to the ones it still runs
        const back = parseHash(m.keep, app.state).state;
        setState(back, { send: false });
      }
      break;
    }
    case 'note':
      showMessage(m.message, { kind: 'note' });
      break;
    case 'settings':
      setState(m.settings, { send: false });
      break;
    case 'data':
      app.points = m.points;
      app.dataInfo = m;
      $('data-note').textContent = m.raw
        ? `Your CSV: ${fmtInt(m.size)} rows, ${m.inputNames.length} inputs (${m.inputNames.join(', ')}). Not stored in the link.`
        : m.custom ? `Your data: ${fmtInt(m.size)} points (${fmtInt(m.trainSize)} for training). Not stored in the link.` : '';
      $('clear-points').disabled = !m.custom;
      $('map-caption').textContent = m.raw ? `No map: the data has ${m.inputNames.length} inputs, the map needs 2`
        : 'FP32 output, −6…6 on both axes';
      fillAddClass();
      break;
    case 'net':
      app.net = m;
      renderNetwork();
      break;
    case 'counts':
      if (m.id !== app.countId) break;
      if (m.error) showMessage(`parameter count: ${m.error}`);
      else renderParams($('params'), m.report, { layerNames: layerNames(), optimizer: app.state.optimizer });
      break;
    case 'frame':
    case 'metrics':
      onFrame(m);
      break;
    case 'state':
      setPlaying(m.playing);
      break;
    case 'diverged':
      setPlaying(false);
      showMessage(`Training stopped at epoch ${fmtInt(m.epoch)}: ${m.message}.`, {
        id: 'diverged',
        actions: [
          { label: 'Lower the learning rate ÷10', run: () => lowerLearningRate() },
          { label: 'Reset the network', run: () => reset() },
        ],
      });
      break;
    case 'model':
      download(`${safeFileName(m.name)}.json`, new Blob([m.json], { type: 'application/json' }));
      break;
    case 'imported':
      $('model-name').textContent = `Loaded model: ${m.name}`;
      for (const n of m.notes) showMessage(`model settings: ${n}`, { kind: 'note' });
      break;
    default:
      break;
  }
}

function lowerLearningRate() {
  const lr = app.state.learningRate / 10;
  applyPatch({ learningRate: Math.max(lr, 0.00001) });
}

function safeFileName(name) {
  return String(name || 'nnplay-model').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'nnplay-model';
}

function layerNames() {
  const n = app.net ? app.net.layers.length : app.state.networkShape.length + 1;
  return ['input', ...Array.from({ length: n - 1 }, (_, i) => `hidden ${i + 1}`), 'output'];
}

function requestCounts() {
  if (!app.net || !app.worker) return;
  app.countId++;
  const widths = [app.net.inputs, ...app.net.layers.map((l) => l.units)];
  app.worker.postMessage({ type: 'count', id: app.countId, widths });
}

function inputLabels() {
  if (app.net && app.net.raw) return app.net.inputNames;
  const names = featureNames(app.state);
  return names.map((n) => (FEATURES.find((f) => f.name === n) || { label: n }).label);
}

function renderNetwork() {
  const n = app.net;
  app.diagram.render({
    inputs: inputLabels(),
    widths: n.layers.map((l) => l.units),
    activations: n.layers.map((l) => l.activation),
  });
  requestCounts();
  if (app.lastFrame) drawDiagram(app.lastFrame, true);
}

// ---------- drawing ----------

function onFrame(m) {
  if (m.history && m.history.train.length) app.chart.push(m.history.train, m.history.test);
  if (m.type === 'metrics') { showMetrics(m); return; }
  // a frame may leave out the maps (a big network refreshes them less often): keep the last ones
  const prev = app.frame || app.lastFrame;
  if (prev && !m.raw) {
    if (!m.map) m.map = prev.map;
    if (!m.neurons) m.neurons = prev.neurons;
  }
  app.frame = m;
  if (!app.drawScheduled) {
    app.drawScheduled = true;
    requestAnimationFrame(drawFrame);
  }
}

function mapMode() {
  const n = app.net;
  if (!n) return 'signed';
  const out = n.layers[n.layers.length - 1];
  if (out.activation === 'softmax' || out.units > 1) return 'classes';
  if (out.activation === 'sigmoid') return 'prob';
  return 'signed';
}

function drawFrame(now) {
  app.drawScheduled = false;
  const m = app.frame;
  if (!m) return;
  app.frame = null;
  const t0 = performance.now();
  const opts = { mode: mapMode(), discretize: app.state.discretize, showTest: app.state.showTestData };
  app.heatmap.draw(m.map, app.points, opts);
  const qf = $('quant-figure');
  if (m.quant) {
    qf.hidden = false;
    app.quantmap.draw(m.quant.map, app.points, opts);
    $('quant-caption').textContent = `${m.quant.precision.toUpperCase()} weights: test loss ${fmtNum(m.quant.test.loss)}` +
      (m.quant.test.accuracy == null ? '' : `, accuracy ${fmtPct(m.quant.test.accuracy)}`) +
      ` (FP32: ${fmtNum(m.test && m.test.loss)})`;
  } else qf.hidden = true;
  drawDiagram(m);
  app.lastFrame = m;
  showMetrics(m);
  app.chart.draw();
  app.perf.drawMs = performance.now() - t0;
  if (app.playing) {
    if (app.perf.lastFrameAt) app.perf.frames.push(now - app.perf.lastFrameAt);
    if (app.perf.frames.length > 120) app.perf.frames.shift();
    app.perf.lastFrameAt = now;
  }
  app.worker.postMessage({ type: 'drawn' });
}

function drawDiagram(m, full = false) {
  const neurons = m.neurons;
  // thumbnails are redrawn only when the worker sent new maps (they cost data: URLs)
  const fresh = full || neurons !== app.drawnNeurons;
  app.drawnNeurons = neurons;
  const names = app.net && !app.net.raw ? featureNames(app.state) : [];
  const lastLayer = app.net ? app.net.layers.length - 1 : 0;
  const outAct = app.net ? app.net.layers[lastLayer].activation : 'tanh';
  app.diagram.update({
    weights: m.weights,
    biases: m.biases,
    thumbs: fresh && ((c, u) => {
      if (c === 0) {
        const name = names[u];
        if (!name) return null;
        if (!app.featureThumbs.has(name)) app.featureThumbs.set(name, featureMap(name, THUMB_RES));
        return { values: app.featureThumbs.get(name), res: THUMB_RES, mode: 'signed' };
      }
      const v = neurons && neurons[c - 1] && neurons[c - 1][u];
      if (!v) return null;
      const mode = c - 1 === lastLayer && (outAct === 'sigmoid' || outAct === 'softmax') ? 'prob' : 'signed';
      return { values: v, res: THUMB_RES, mode };
    }),
  });
  showHover();
}

function showMetrics(m) {
  $('epoch').textContent = String(m.epoch).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  $('train-loss').textContent = fmtNum(m.train && m.train.loss);
  $('test-loss').textContent = fmtNum(m.test && m.test.loss);
  $('train-acc').textContent = m.train && m.train.accuracy != null ? fmtPct(m.train.accuracy) : '—';
  $('test-acc').textContent = m.test && m.test.accuracy != null ? fmtPct(m.test.accuracy) : '—';
  const now = performance.now();
  app.perf.epochAt.push([now, m.epoch]);
  while (app.perf.epochAt.length > 2 && now - app.perf.epochAt[0][0] > 2000) app.perf.epochAt.shift();
  if (m.epoch < app.lastEpoch) app.perf.epochAt = [[now, m.epoch]];
  app.lastEpoch = m.epoch;
  showPerf(m);
}

function perfFigures() {
  const f = app.perf.frames;
  const frameMs = f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
  const e = app.perf.epochAt;
  const eps = e.length > 1 ? (e[e.length - 1][1] - e[0][1]) / ((e[e.length - 1][0] - e[0][0]) / 1000) : NaN;
  return { frameMs, epochsPerSec: eps, drawMs: app.perf.drawMs };
}

function showPerf(m) {
  const p = perfFigures();
  const el = $('perf');
  el.textContent = app.playing
    ? `frame ${fmtNum(p.frameMs, 1)} ms · draw ${fmtNum(p.drawMs, 1)} ms · ${fmtNum(p.epochsPerSec, 0)} epochs/s · ${fmtNum(m.epochMs, 3)} ms per epoch in the worker`
    : '';
  el.dataset.frameMs = String(p.frameMs);
  el.dataset.epochsPerSec = String(p.epochsPerSec);
  el.dataset.drawMs = String(p.drawMs);
}

function showHover() {
  const t = app.hoverTarget;
  if (!t) return;
  $('hover').textContent = app.diagram.describe(t, inputLabels());
}

// ---------- run controls ----------

function setPlaying(p) {
  app.playing = p;
  const b = $('play');
  b.textContent = p ? '❚❚' : '▶';
  b.setAttribute('aria-label', p ? 'Pause' : 'Train');
  b.classList.toggle('playing', p);
  if (!p) { app.perf.lastFrameAt = 0; app.perf.frames = []; }
}

function togglePlay() {
  if (!app.worker) return;
  setPlaying(!app.playing);
  app.worker.postMessage({ type: app.playing ? 'play' : 'pause' });
}

function reset() {
  setPlaying(false);
  app.chart.reset();
  app.worker.postMessage({ type: 'pause' });
  app.worker.postMessage({ type: 'reset' });
}

// ---------- files ----------

function readFile(input, then) {
  const file = input.files && input.files[0];
  input.value = '';
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    showMessage(`file ${quote(file.name)}: ${fmtInt(file.size)} bytes is over the ${fmtInt(MAX_FILE_BYTES)}-byte limit. The current network is kept.`);
    return;
  }
  file.text().then((text) => then(text, file.name), (e) => showMessage(`file ${quote(file.name)} could not be read: ${e.message}`));
}

function currentSpec() {
  const n = app.net;
  if (n) return { inputs: n.inputs, layers: n.layers, loss: n.loss };
  return networkSpec(app.state);
}

// ---------- wiring ----------

function bind() {
  fillSelect($('learningRate'), LR_VALUES);
  fillSelect($('regularizationRate'), REG_VALUES);
  fillSelect($('activation'), ACTIVATIONS);
  fillSelect($('init'), INITS);
  for (const input of document.querySelectorAll('[data-setting]')) {
    const key = input.dataset.setting;
    input.addEventListener('change', () => {
      const patch = { [key]: valueFromControl(key, input) };
      if (key === 'activation') patch.activations = [];  // one choice for every layer, as TF Playground
      applyPatch(patch);
    });
    if (input.type === 'range') {
      input.addEventListener('input', () => {
        const out = document.querySelector(`output[data-for="${key}"]`);
        if (out) out.textContent = input.value;
      });
    }
  }
  $('play').addEventListener('click', togglePlay);
  $('step').addEventListener('click', () => { setPlaying(false); app.worker.postMessage({ type: 'step' }); });
  $('reset').addEventListener('click', reset);
  $('add-layer').addEventListener('click', () => changeLayers(+1));
  $('remove-layer').addEventListener('click', () => changeLayers(-1));
  $('regenerate').addEventListener('click', () => applyPatch({ seed: Math.random().toFixed(5) }));
  $('clear-points').addEventListener('click', () => app.worker.postMessage({ type: 'clearCustom' }));
  $('csv').addEventListener('change', (e) => readFile(e.target, (text, name) => {
    setPlaying(false);
    app.worker.postMessage({ type: 'pause' });
    app.worker.postMessage({ type: 'csv', text, name });
  }));
  $('import-model').addEventListener('change', (e) => readFile(e.target, (text, name) => {
    setPlaying(false);
    app.worker.postMessage({ type: 'pause' });
    app.worker.postMessage({ type: 'importModel', text, name });
  }));
  $('export-model').addEventListener('click', () => app.worker.postMessage({ type: 'exportModel', name: 'nnplay-model' }));
  $('export-svg').addEventListener('click', () => download('nnplay-network.svg', diagramSVGBlob($('diagram'))));
  $('export-png').addEventListener('click', () => diagramPNGBlob($('diagram')).then(
    (b) => download('nnplay-network.png', b), (e) => showMessage(`PNG export: ${e.message}`)));
  $('export-keras').addEventListener('click', () => {
    $('code').value = kerasCode(app.state, currentSpec(), app.net && app.net.raw ? app.net.inputNames : featureNames(app.state));
  });
  $('export-torch').addEventListener('click', () => {
    $('code').value = pytorchCode(app.state, currentSpec(), app.net && app.net.raw ? app.net.inputNames : featureNames(app.state));
  });
  $('heatmap').addEventListener('click', (e) => {
    const v = $('add-class').value;
    if (v === 'off' || !app.points) return;
    const [x1, x2] = app.heatmap.toData(e.offsetX, e.offsetY);
    app.worker.postMessage({ type: 'addPoint', x1, x2, label: Number(v) });
  });
  $('editor').addEventListener('submit', (e) => {
    e.preventDefault();
    const kind = $('edit-kind').value;
    const value = Number($('edit-value').value.trim() === '' ? NaN : $('edit-value').value);
    if (!Number.isFinite(value)) { showMessage(`edit: ${quote($('edit-value').value)} is not a finite number. Nothing was changed.`); return; }
    const a = Number($('edit-block').value), b = Number($('edit-from').value), c = Number($('edit-to').value);
    const target = kind === 'weight' ? { kind, block: a, from: b, to: c } : { kind, layer: a, unit: c };
    app.worker.postMessage({ type: 'edit', target, value });
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === toHash(app.state)) return;
    const { state, errors } = parseHash(location.hash, app.state);
    for (const e of errors) showMessage(`link: ${e}`);
    setState(state);
  });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea, button, [tabindex="0"]')) return;
    if (e.key === ' ') { e.preventDefault(); togglePlay(); }
    else if (e.key === 's' || e.key === 'S') $('step').click();
    else if (e.key === 'r' || e.key === 'R') reset();
  });
}

function selectTarget(t) {
  $('edit-kind').value = t.kind;
  if (t.kind === 'weight') {
    $('edit-block').value = String(t.block); $('edit-from').value = String(t.from); $('edit-to').value = String(t.to);
  } else {
    $('edit-block').value = String(t.layer); $('edit-from').value = '0'; $('edit-to').value = String(t.unit);
  }
  const v = app.diagram.valueOf(t);
  $('edit-value').value = Number.isFinite(v) ? String(Number(v.toFixed(4))) : '';
  $('edit-value').focus();
  $('edit-value').select();
}

function main() {
  app.diagram = createDiagram($('diagram'), {
    hover: (t) => { app.hoverTarget = t; if (t) showHover(); },
    select: selectTarget,
  });
  const size = Math.min(300, Math.max(200, window.innerWidth - 60));
  app.heatmap = createHeatmap($('heatmap'), size);
  app.quantmap = createHeatmap($('quantmap'), size);
  app.chart = createLossChart($('chart'), { width: size, height: 80 });
  app.heatmap.draw(null, null, {});
  bind();
  const { state, errors } = parseHash(location.hash, defaults());
  for (const e of errors) showMessage(`link: ${e}`);
  setState(state, { send: false });
  try {
    startWorker();
  } catch (e) {
    workerFailed(`the training worker could not start: ${e.message}`);
  }
}

// Figures for tests and the curious: frame time and epochs per second while training.
// Read-only views for tests and the console.
window.nnplayPerf = perfFigures;
window.nnplayDebug = () => ({ state: app.state, points: app.points, net: app.net, playing: app.playing });
main();
