// The playground page's entry: builds the views, binds the controls and starts the training
// worker. The parts live in their own modules: page.js (the page's state), controls.js
// (settings controls and the URL), layer-editor.js, page-session.js (the worker client and its
// events), drawing.js (diagram, maps, chart, metrics), run.js (play/pause/step/reset) and
// messages.js. Every message shown uses textContent, never HTML.
import { defaults, parseHash, toHash, quote, useCore } from './state.js';
import { createNNPlay } from '../lib/nnplay.mjs';
import { createDiagram } from './diagram.js';
import { workerPainting, workerMap } from './worker-paint.js';
import { createHeatmap } from './heatmap.js';
import { createLossChart } from './chart.js';
import { fmtBytes, fmtInt } from './format.js';
import { download, diagramSVGBlob, diagramPNGBlob } from './export.js';
import { app, $, send } from './page.js';
import { showMessage } from './messages.js';
import { setState, applyPatch, bindControls } from './controls.js';
import { bindLayerButtons } from './layer-editor.js';
import { showHover, hoverNeuron, perfFigures } from './drawing.js';
import { requestPlaying, togglePlay, step, reset } from './run.js';
import { startWorker, workerFailed } from './page-session.js';
import { setupDigits } from './digits-view.js';

const MAX_FILE_BYTES = 64 << 20;

// ---------- files ----------

// Reads a chosen file as UTF-8 text. The size shown is the file's own (not its UTF-8 length
// after decoding), and bytes that are not UTF-8 are refused with a message instead of being
// turned into U+FFFD (which would triple a binary file's size on the way to the core).
function readFile(input, then) {
  const file = input.files && input.files[0];
  input.value = '';
  if (!file) return;
  const name = quote(file.name);
  if (file.size > MAX_FILE_BYTES) {
    showMessage(`file ${name}: ${fmtInt(file.size)} bytes (${fmtBytes(file.size)}) is over the ${fmtInt(MAX_FILE_BYTES)}-byte (${fmtBytes(MAX_FILE_BYTES)}) limit. The current network is kept.`);
    return;
  }
  file.arrayBuffer().then((buf) => {
    const bytes = new Uint8Array(buf);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      showMessage(`file ${name} is UTF-16 text; allowed: UTF-8 (or plain ASCII) text, e.g. save it again as "CSV UTF-8". The current network is kept.`);
      return;
    }
    let text;
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch {
      showMessage(`file ${name} (${fmtInt(file.size)} bytes) is not UTF-8 text; allowed: a UTF-8 (or plain ASCII) text file. The current network is kept.`);
      return;
    }
    then(text.replace(/^\uFEFF/, ''), file.name);
  }, (e) => showMessage(`file ${name} could not be read: ${e.message}`));
}

// ---------- the weight editor ----------

// The editor numbers blocks, layers and neurons from 1, as the hover text does:
// weight (block b, from i, to j) is the link from neuron i of column b to neuron j of column b+1.
function selectTarget(t) {
  app.selected = t;
  $('edit-kind').value = t.kind;
  if (t.kind === 'weight') {
    $('edit-block').value = String(t.block + 1); $('edit-from').value = String(t.from + 1); $('edit-to').value = String(t.to + 1);
  } else {
    $('edit-block').value = String(t.layer + 1); $('edit-from').value = '1'; $('edit-to').value = String(t.unit + 1);
  }
  const v = app.diagram.valueOf(t);
  $('edit-value').value = Number.isFinite(v) ? String(Number(v.toFixed(4))) : '';
  showHover();
  $('edit-value').focus();
  $('edit-value').select();
}

// A 1-based field → a 0-based index, or an error naming the field and what is allowed.
function indexField(id, label, max) {
  const text = $(id).value.trim();
  const allowed = `allowed: a whole number from 1 to ${fmtInt(max)}`;
  if (text === '') return { error: `edit: ${label} is empty; ${allowed}` };
  const v = Number(text);
  if (!/^\d+$/.test(text) || v < 1 || v > max) return { error: `edit: ${label} ${quote(text)} is out of range; ${allowed}` };
  return { value: v - 1 };
}

function submitEdit(e) {
  e.preventDefault();
  const n = app.net;
  if (!n) return;
  const kind = $('edit-kind').value;
  const text = $('edit-value').value.trim();
  const value = Number(text === '' ? NaN : text);
  if (!Number.isFinite(value)) { showMessage(`edit: value ${quote($('edit-value').value)} is not a finite number; allowed: a number such as 0.5 or -1.2. Nothing was changed.`); return; }
  const layers = n.layers.length;
  const block = indexField('edit-block', kind === 'weight' ? 'block' : 'layer', layers);
  if (block.error) { showMessage(`${block.error}. Nothing was changed.`); return; }
  const b = block.value;
  const fromMax = b === 0 ? n.inputs : n.layers[b - 1].units;
  const from = kind === 'weight' ? indexField('edit-from', 'from', fromMax) : { value: 0 };
  const to = indexField('edit-to', kind === 'weight' ? 'to' : 'unit', n.layers[b].units);
  for (const r of [from, to]) if (r.error) { showMessage(`${r.error}. Nothing was changed.`); return; }
  const target = kind === 'weight' ? { kind, block: b, from: from.value, to: to.value } : { kind, layer: b, unit: to.value };
  app.selected = target;
  send('edit', { target, value });
}

// ---------- wiring ----------

function bind() {
  bindControls();
  bindLayerButtons();
  $('play').addEventListener('click', togglePlay);
  $('step').addEventListener('click', step);
  $('reset').addEventListener('click', reset);
  $('regenerate').addEventListener('click', () => applyPatch({ seed: Math.random().toFixed(5) }));
  $('clear-points').addEventListener('click', () => send('clearCustom'));
  $('csv').addEventListener('change', (e) => readFile(e.target, (text, name) => {
    requestPlaying(false);
    app.csvFile = { text, name };  // kept to show it again as images (#csv-image)
    send('csv', { text, name });
  }));
  // a CSV's pixel columns as images of the size the reader gives (the core checks it: issue 15)
  $('csv-image').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!app.csvFile) return;
    requestPlaying(false);
    // an empty box is 0, which the core refuses naming the allowed sizes
    const size = (id) => Number($(id).value.trim() || 0);
    send('csv', { ...app.csvFile, image: { width: size('csv-image-w'), height: size('csv-image-h') } });
  });
  $('import-model').addEventListener('change', (e) => readFile(e.target, (text, name) => {
    requestPlaying(false);
    send('importModel', { text, name });
  }));
  $('export-model').addEventListener('click', () => send('exportModel', { name: 'nnplay-model' }));
  $('export-svg').addEventListener('click', () => download('nnplay-network.svg', diagramSVGBlob($('diagram'))));
  $('export-png').addEventListener('click', () => diagramPNGBlob($('diagram')).then(
    (b) => download('nnplay-network.png', b), (e) => showMessage(`PNG export: ${e.message}`)));
  // the code carries the trained weights, so it is made from the worker's model file (page-session.js)
  $('export-keras').addEventListener('click', () => send('exportModel', { name: 'nnplay-model', as: 'keras' }));
  $('export-torch').addEventListener('click', () => send('exportModel', { name: 'nnplay-model', as: 'pytorch' }));
  $('heatmap').addEventListener('click', (e) => {
    const v = $('add-class').value;
    if (v === 'off' || !app.points) return;
    const [x1, x2] = app.heatmap.toData(e.offsetX, e.offsetY);
    send('addPoint', { x1, x2, label: Number(v) });
  });
  $('editor').addEventListener('submit', submitEdit);
  // The Scale view (scale.html) shows this network's count beside a transformer's: the link carries its widths.
  const scaleHref = () => { const n = app.net; if (n) $('scale-link').href = `scale.html#preset=llama-2-7b&playground=${[n.inputs, ...n.layers.map((l) => l.units)].join('-')}`; };
  for (const ev of ['click', 'focus', 'pointerenter']) $('scale-link').addEventListener(ev, scaleHref);
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

function main(nn) {
  useCore(nn);  // the core owns the settings: parse, check and write links (state.js)
  app.state = defaults();
  app.diagram = createDiagram($('diagram'), {
    hover: (t) => { app.hoverTarget = t; showHover(); },
    select: selectTarget,
    feature: (t) => applyPatch({ [t.key]: !t.on }),  // TF Playground's click on an input
  // links, biases and neuron maps painted on a canvas under the SVG, by the worker where the
  // browser lets it (issue 14: web/app/diagram-paint.js, worker-paint.js)
  }, { canvas: $('diagram-paint'), remote: workerPainting(() => app.session) });
  // a hovered or focused neuron (inputs too) shows its map in the large heatmap
  const svg = $('diagram');
  const nodeOf = (el) => {
    const node = el && el.closest && el.closest('.node');
    return node ? { column: Number(node.dataset.layer) + 1, unit: Number(node.dataset.unit) } : null;
  };
  svg.addEventListener('pointerover', (e) => hoverNeuron(nodeOf(e.target)));
  svg.addEventListener('pointerleave', () => hoverNeuron(null));
  svg.addEventListener('focusin', (e) => hoverNeuron(nodeOf(e.target)));
  svg.addEventListener('focusout', () => hoverNeuron(null));
  const size = Math.min(300, Math.max(200, window.innerWidth - 60));
  // the large map is painted by the worker where the browser lets it (worker-paint.js)
  app.heatmap = workerMap($('heatmap'), size, () => app.session) || createHeatmap($('heatmap'), size);
  app.quantmap = createHeatmap($('quantmap'), size);
  app.chart = createLossChart($('chart'), { width: size, height: 110 });
  app.heatmap.draw(null, null, {});
  bind();
  setupDigits();
  const { state, errors } = parseHash(location.hash, defaults());
  for (const e of errors) showMessage(`link: ${e}`);
  setState(state, { send: false });
  try {
    startWorker();
  } catch (e) {
    workerFailed(`the training worker could not start: ${e.message}`);
  }
}

// Read-only views for tests and the console.
window.nnplayPerf = perfFigures;
window.nnplayDebug = () => ({ state: app.state, points: app.points, net: app.net, playing: app.playing,
  losses: app.chart && app.chart.values() });
// The core runs on the page too (besides the training worker): it is the one parser of the
// settings, and controls need its answer at once.
createNNPlay().then(main, (e) => workerFailed(`the WebAssembly module did not load: ${e.message}`));
