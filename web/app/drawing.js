// What the page draws from the worker's events: the network diagram (with thumbnails and the
// hover text), the decision map, the quantisation preview, the loss chart, the metrics and the
// parameter panel. Frames are coalesced to one draw per animation frame; after drawing, the page
// tells the worker ('drawn') so it sends the next frame.
import { FEATURES, featureNames } from './state.js';
import { renderParams } from './params.js';
import { fmtInt, fmtLoss, fmtNum, fmtPct } from './format.js';
import { featureLabels, layerNames as columnNames } from './labels.js';
import { featureMap } from './state.js';  // the core's feature values
import { heatmapStats } from './heatmap.js';
import { thumbsFor, THUMB_RES } from './thumbs.js';
import { app, $, send } from './page.js';
import { showMessage } from './messages.js';
import { onDigitsFrame } from './digits-view.js';

// Labels of the network's inputs: CSV column names, or the features' (x₁, sin x₂, …).
export function inputLabels() {
  if (app.net && app.net.image) {
    const { width: w, height: h } = app.net.image;
    return Array.from({ length: w * h }, (_, i) => `pixel (${i % w}, ${Math.floor(i / w)})`);
  }
  if (app.net && app.net.raw) return app.net.inputNames;
  return featureLabels(featureNames(app.state));
}

export function layerNames() {
  const n = app.net ? app.net.layers.length : app.state.networkShape.length + 1;
  return columnNames(n + 1);
}

// The parameter panel: exact counts from the core (a request to the worker); a stale answer
// (the network changed meanwhile) is dropped.
export function requestCounts() {
  if (!app.net || !app.client) return;
  const id = ++app.countId;
  const widths = [app.net.inputs, ...app.net.layers.map((l) => l.units)];
  app.client.request('count', { widths }).then((report) => {
    if (id !== app.countId) return;
    app.paramReport = report;
    showParams();
  }, (e) => {
    if (id === app.countId && !e.fatal) showMessage(`parameter count: ${e.message}`);
  });
}

// The parameter panel from the last count, for the optimiser selected now.
export function showParams() {
  if (app.paramReport) renderParams($('params'), app.paramReport, { layerNames: layerNames(), optimizer: app.state.optimizer });
}

export function renderNetwork() {
  const n = app.net;
  requestCounts();  // first: the worker answers in order, and drawing may send it work (worker-paint.js)
  app.diagram.render({
    inputs: inputLabels(),
    widths: n.layers.map((l) => l.units),
    activations: n.layers.map((l) => l.activation),
    // every feature the link does not hide, used or not: the unused ones are greyed, ready to click
    inputSlots: n.raw || n.image ? undefined : FEATURES.filter((f) => !app.state.hide.includes(f.key))
      .map((f) => ({ key: f.key, name: f.name, label: f.label, on: !!app.state[f.key] })),
    inputImage: n.image || null,  // image inputs: the current image stands for the input layer
  });
  if (app.lastFrame) drawDiagram(app.lastFrame, true);
}

export function onFrame(m) {
  // a new run (network or data replaced): the chart starts over
  if (m.run !== undefined && m.run !== app.run) { app.chart.reset(); app.run = m.run; }
  if (m.history && m.history.train.length) app.chart.push(m.history.train, m.history.test);
  if (m.type === 'metrics') {
    // at "max" speed these come after every training chunk (~80 a second): shown once per
    // display frame, not written into the page per message (issue 14)
    app.metrics = m;
    if (!app.drawScheduled) { app.drawScheduled = true; requestAnimationFrame(drawFrame); }
    return;
  }
  app.metrics = null;
  if (m.mapsPainted) app.workerMaps = m.mapsPainted;
  if (m.mapShown !== undefined) app.mapShown = m.mapShown;
  // image sets: weight images come every few frames; one not drawn yet is not dropped
  if (!m.weightImage && app.frame && app.frame.weightImage) m.weightImage = app.frame.weightImage;
  // a frame may leave out the maps (a big network refreshes them less often): keep the last ones
  const prev = app.frame || app.lastFrame;
  if (prev && !m.raw) {
    if (!m.map) m.map = prev.map;
    if (!m.neurons) { m.neurons = prev.neurons; m.inputs = prev.inputs; }
  }
  // the worker that paints the diagram sends every weight only now and then (session.js)
  if (prev && !m.weights) { m.weights = prev.weights; m.biases = prev.biases; }
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
  if (!m) {
    if (app.metrics) { showMetrics(app.metrics); app.metrics = null; app.chart.draw(); }
    return;
  }
  app.frame = null;
  const t0 = performance.now();
  const opts = { mode: mapMode(), discretize: app.state.discretize, showTest: app.state.showTestData };
  if (opts.mode !== app.legendMode) {
    // the legend follows the output: −1…+1 (tanh, regression), 0…1 (sigmoid), none for classes
    app.legendMode = opts.mode;
    $('map-legend').hidden = opts.mode === 'classes';
    $('legend-lo').textContent = opts.mode === 'prob' ? '0' : '−1';
    $('legend-hi').textContent = opts.mode === 'prob' ? '1' : '+1';
  }
  drawMainMap(m);
  const qf = $('quant-figure');
  if (m.quant) {
    qf.hidden = false;
    app.quantmap.draw(m.quant.map, app.points, opts);
    $('quant-caption').textContent = `${m.quant.precision.toUpperCase()} weights: test loss ${fmtLoss(m.quant.test.loss)}` +
      (m.quant.test.accuracy == null ? '' : `, accuracy ${fmtPct(m.quant.test.accuracy)}`) +
      ` (FP32: ${fmtLoss(m.test && m.test.loss)})`;
  } else qf.hidden = true;
  drawDiagram(m);
  onDigitsFrame(m);
  app.lastFrame = m;
  showMetrics(m);
  app.chart.draw();
  app.perf.drawMs = performance.now() - t0;
  if (app.playing) {
    if (app.perf.lastFrameAt) app.perf.frames.push(now - app.perf.lastFrameAt);
    if (app.perf.frames.length > 120) app.perf.frames.shift();
    app.perf.lastFrameAt = now;
  }
  send('drawn');
}

// The diagram's links, biases and thumbnails are painted on its canvas (by the worker where the
// browser allows, else here: diagram-paint.js), so they follow every frame; the values are kept
// for the hover text, the weight editor and the SVG export.
function drawDiagram(m, full = false) {
  const neurons = m.neurons;
  const fresh = full || neurons !== app.drawnNeurons;
  if (fresh) app.drawnNeurons = neurons;
  const names = app.net && !app.net.raw && !app.net.image ? featureNames(app.state) : [];
  app.diagram.update({
    weights: m.weights,
    biases: m.biases,
    thumbs: fresh && app.net && thumbsFor(m, names, app.net.layers),
  });
  showHover();
}

function showMetrics(m) {
  $('epoch').textContent = String(m.epoch).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  $('train-loss').textContent = fmtLoss(m.train && m.train.loss);
  $('test-loss').textContent = fmtLoss(m.test && m.test.loss);
  $('train-acc').textContent = m.train && m.train.accuracy != null ? fmtPct(m.train.accuracy) : '—';
  // a big training split is measured on the core's 2,000-row sample (core/trainer.h): say so
  const sample = m.train && app.dataInfo && m.train.samples < app.dataInfo.trainSize ? ` (${fmtInt(m.train.samples)}-row sample)` : '';
  if (sample !== app.trainSampleNote) {
    app.trainSampleNote = sample;
    $('train-loss-label').textContent = `Training loss${sample}`;
    $('train-acc-label').textContent = `Training accuracy${sample}`;
  }
  $('test-acc').textContent = m.test && m.test.accuracy != null ? fmtPct(m.test.accuracy) : '—';
  const now = performance.now();
  app.perf.epochAt.push([now, m.epoch]);
  while (app.perf.epochAt.length > 2 && now - app.perf.epochAt[0][0] > 2000) app.perf.epochAt.shift();
  if (m.epoch < app.lastEpoch) app.perf.epochAt = [[now, m.epoch]];
  app.lastEpoch = m.epoch;
  showPerf(m);
}

// Figures for tests and the curious: frame time and epochs per second while training.
export function perfFigures() {
  const f = app.perf.frames;
  const frameMs = f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
  const e = app.perf.epochAt;
  const eps = e.length > 1 ? (e[e.length - 1][1] - e[0][1]) / ((e[e.length - 1][0] - e[0][0]) / 1000) : NaN;
  // maps drawn: on this page (heatmap.js) and by the worker for it (frames carry its count)
  return { frameMs, epochsPerSec: eps, drawMs: app.perf.drawMs, mapsDrawn: heatmapStats.maps + (app.workerMaps || 0) };
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

// The hover text follows the neuron or link under the pointer, or else the one last clicked
// (the weight editor's), so an edited value shows at once.
export function showHover() {
  const t = app.hoverTarget || app.selected;
  if (!t) return;
  $('hover').textContent = app.diagram.describe(t, inputLabels());
}

// The neuron under the pointer (or focused): {column, unit}, column 0 = inputs. Its map takes
// the large heatmap while it is hovered, as in TF Playground.
// Hidden and output neurons' maps come from the worker at the map's resolution (the 'view'
// command; until the first arrives, the thumbnail stands in); inputs' maps are the core's
// feature values on the page (state.js featureMap).
export function hoverNeuron(n) {
  const same = (a, b) => (a && b ? a.column === b.column && a.unit === b.unit : a === b);
  if (same(n, app.hoverNeuron)) return;
  app.hoverNeuron = n;
  // (inputs' maps are the page's own unless the worker paints the map)
  if (app.session && !(app.net && (app.net.raw || app.net.image))) {
    app.session.send('view', { neuron: n && (n.column > 0 || app.heatmap.remote) ? n : null });
  }
  if (app.lastFrame) drawMainMap(app.lastFrame);
}

// What the worker's map shows now (session event 'mapShown'): the caption follows it.
export function onMapShown(m) {
  app.mapShown = m.neuron;
  if (app.lastFrame) drawMainMap(app.lastFrame);
}

const inputMaps = new Map();  // feature name → its map at MAP_RES (the core's; fixed)
function neuronMap(n, m) {
  if (!app.net || app.net.raw || app.net.image) return null;
  const res = m.map ? m.map.res : THUMB_RES;
  if (n.column === 0) {
    const name = featureNames(app.state)[n.unit];
    if (!name) return null;
    if (!inputMaps.has(`${name}@${res}`)) inputMaps.set(`${name}@${res}`, featureMap(name, res));
    return { values: inputMaps.get(`${name}@${res}`), res, mode: 'signed' };
  }
  const full = m.map && m.map.neuron;
  const v = full && full.column === n.column && full.unit === n.unit ? full.values
    : m.neurons && m.neurons[n.column - 1] && m.neurons[n.column - 1][n.unit];
  if (!v) return null;
  const layer = app.net.layers[n.column - 1];
  const out = n.column === app.net.layers.length;
  const mode = out && (layer.activation === 'sigmoid' || layer.activation === 'softmax') ? 'prob' : 'signed';
  return { values: v, res: Math.round(Math.sqrt(v.length)), mode };
}

const MAP_CAPTION = 'FP32 output, −6…6 on both axes';

function drawMainMap(m) {
  const opts = { mode: mapMode(), discretize: app.state.discretize, showTest: app.state.showTestData };
  // painted by the worker (session-map.js): the caption says what it painted (mapShown events)
  const remote = app.heatmap.remote;
  const n = remote ? app.mapShown : app.hoverNeuron;
  const nm = !n ? null : remote ? app.net && !app.net.raw && !app.net.image && { res: m.map ? m.map.res : 100 } : neuronMap(n, m);
  const cap = $('map-caption');
  if (nm) {
    app.heatmap.draw({ values: nm.values, res: nm.res, outputs: 1 }, app.points, { ...opts, mode: nm.mode });
    const label = n.column === 0 ? `input ${inputLabels()[n.unit]}`
      : `neuron ${n.unit + 1} of ${columnNames(app.net.layers.length + 1)[n.column]}`;
    cap.textContent = `Showing ${label} (${nm.res}×${nm.res}); move the pointer away for the output`;
    cap.dataset.neuron = `${n.column},${n.unit}`;
    return;
  }
  app.heatmap.draw(m.map, app.points, opts);
  if (cap.dataset.neuron) {
    delete cap.dataset.neuron;
    cap.textContent = app.net && app.net.raw ? `No map: the data has ${app.net.inputNames.length} inputs, the map needs 2` : MAP_CAPTION;
  }
}

