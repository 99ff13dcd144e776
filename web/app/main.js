// The playground page's entry: builds the views, binds the controls and starts the training
// worker. The parts live in their own modules: page.js (the page's state), controls.js
// (settings controls and the URL), layer-editor.js, page-session.js (the worker client and its
// events), drawing.js (diagram, maps, chart, metrics), run.js (play/pause/step/reset) and
// messages.js. Every message shown uses textContent, never HTML.
import { defaults, parseHash, toHash, quote } from './state.js';
import { createDiagram } from './diagram.js';
import { createHeatmap } from './heatmap.js';
import { createLossChart } from './chart.js';
import { fmtInt } from './format.js';
import { download, diagramSVGBlob, diagramPNGBlob } from './export.js';
import { app, $, send } from './page.js';
import { showMessage } from './messages.js';
import { setState, applyPatch, bindControls } from './controls.js';
import { bindLayerButtons } from './layer-editor.js';
import { showHover, perfFigures } from './drawing.js';
import { setPlaying, togglePlay, step, reset } from './run.js';
import { startWorker, workerFailed } from './page-session.js';
import { setupDigits } from './digits-view.js';

const MAX_FILE_BYTES = 64 << 20;

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

// ---------- the weight editor ----------

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

function submitEdit(e) {
  e.preventDefault();
  const kind = $('edit-kind').value;
  const value = Number($('edit-value').value.trim() === '' ? NaN : $('edit-value').value);
  if (!Number.isFinite(value)) { showMessage(`edit: ${quote($('edit-value').value)} is not a finite number. Nothing was changed.`); return; }
  const a = Number($('edit-block').value), b = Number($('edit-from').value), c = Number($('edit-to').value);
  const target = kind === 'weight' ? { kind, block: a, from: b, to: c } : { kind, layer: a, unit: c };
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
    setPlaying(false);
    send('pause');
    send('csv', { text, name });
  }));
  $('import-model').addEventListener('change', (e) => readFile(e.target, (text, name) => {
    setPlaying(false);
    send('pause');
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

function main() {
  app.diagram = createDiagram($('diagram'), {
    hover: (t) => { app.hoverTarget = t; if (t) showHover(); },
    select: selectTarget,
    feature: (t) => applyPatch({ [t.key]: !t.on }),  // TF Playground's click on an input
  });
  const size = Math.min(300, Math.max(200, window.innerWidth - 60));
  app.heatmap = createHeatmap($('heatmap'), size);
  app.quantmap = createHeatmap($('quantmap'), size);
  app.chart = createLossChart($('chart'), { width: size, height: 80 });
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
window.nnplayDebug = () => ({ state: app.state, points: app.points, net: app.net, playing: app.playing });
main();
