// The page's link to the training worker: starts the worker (web/app/worker.js) through the
// shared client (worker-client.js), opens the page's session and turns the session's events
// (protocol.js EVENTS) into what the page shows.
import { parseHash, featureNames, trainOptions, update, SETTINGS } from './state.js';
import { fmtInt } from './format.js';
import { createWorkerClient } from './worker-client.js';
import { app, $ } from './page.js';
import { showMessage, clearMessage } from './messages.js';
import { setState, fillAddClass, applyPatch } from './controls.js';
import { onFrame, onMapShown, renderNetwork } from './drawing.js';
import { download, exportCode } from './export.js';
import { setPlaying, onWorkerState, reset } from './run.js';
import { onDigitsEvent, onDigitsData } from './digits-view.js';
import { simdName, imageNoun, activationName, initName, optimizerName } from './labels.js';

export function startWorker() {
  app.client = createWorkerClient(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
  app.client.ready().then((info) => {
    app.ready = true;
    $('status').textContent = `Ready · nnplay ${info.version} · ${simdName(info.simd, info.lanes)}` +
      (info.threads > 1 ? ` · ${info.threads} threads` : '');
  }, () => { /* the session gets the same failure as a 'fatal' event */ });
  app.session = app.client.openSession(app.state, onSessionEvent);
}

export function workerFailed(text) {
  app.ready = false;
  setPlaying(false);
  $('status').textContent = 'Training is not available.';
  showMessage(`${text}.`, { id: 'fatal', actions: [{ label: 'Reload', run: () => location.reload() }] });
}

// The Keras or PyTorch code for the exported model, with the page's current training settings
// and, for a CSV's raw columns (which the model file does not name), the column names.
function showCode(m) {
  const inputNames = app.net && app.net.raw ? app.net.inputNames : featureNames(app.state);
  try {
    $('code').value = exportCode(m.as, m.json, { inputNames, training: trainOptions(app.state) });
  } catch (e) { showMessage(`code export: ${e.message}`); }
}

function lowerLearningRate() {
  const lr = app.state.learningRate / 10;
  applyPatch({ learningRate: Math.max(lr, 0.00001) });
}

function safeFileName(name) {
  return String(name || 'nnplay-model').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'nnplay-model';
}

// "Show as images" under a CSV of other than 2 columns, or of pixel columns already shown as
// images (to change the size): filled with the size in use, or a square guess (784 → 28 × 28).
function showCsvImageForm(m) {
  const csvImages = !!(m.images && m.images.set === 'csv');
  if (csvImages) clearMessage('csv-columns');  // "the map needs exactly 2 columns" no longer applies
  const form = $('csv-image');
  form.hidden = !(csvImages || (m.raw && app.csvFile));
  if (form.hidden) return;
  const n = csvImages ? m.images.width * m.images.height : m.inputNames.length;
  const side = Math.round(Math.sqrt(n));
  const [w, h] = csvImages ? [m.images.width, m.images.height] : side * side === n ? [side, side] : ['', ''];
  $('csv-image-w').value = String(w);
  $('csv-image-h').value = String(h);
  $('csv-image-note').textContent = csvImages
    ? `Shown as ${m.images.width} × ${m.images.height} images; another size:`
    : `${fmtInt(n)} columns of pixels? Give the image size (width × height = ${fmtInt(n)}) to see and train the rows as images.`;
}

// A CSV shown as images keeps the page's training settings; TF Playground's 2-D defaults (±0.5
// start, SGD) barely learn from hundreds of pixel inputs. Offer the settings the core gives the
// digits (what choosing them changes, minus the data settings), once per CSV shown as images.
function offerImageSettings(m) {
  if (!(m.images && m.images.set === 'csv') || app.imageSettingsOffered === app.csvFile) return;
  app.imageSettingsOffered = app.csvFile;
  const digits = update(app.state, { dataset: 'digits' });
  if (digits.error) return;
  const patch = {};
  for (const k of Object.keys(digits.state)) {
    if (!SETTINGS[k] || SETTINGS[k].group === 'data') continue;
    if (JSON.stringify(digits.state[k]) !== JSON.stringify(app.state[k])) patch[k] = digits.state[k];
  }
  const keys = Object.keys(patch);
  if (!keys.length) return;
  const say = { networkShape: (v) => `hidden layers ${v.join(', ')}`, activation: (v) => activationName(v), init: (v) => `${initName(v)} start`,
    optimizer: (v) => optimizerName(v), learningRate: (v) => `learning rate ${v}`, batchSize: (v) => `batch ${v}`,
    loss: (v) => ({ softmax_ce: 'softmax cross-entropy', bce: 'binary cross-entropy', half_mse: 'half MSE' }[v] || v) };
  const what = keys.map((k) => (say[k] ? say[k](patch[k]) : `${k} ${patch[k]}`)).join(', ');
  showMessage(`Your CSV is shown as images with the page's settings. Images like the digits train much better with the digits' settings: ${what} (see "Initialisation matters" below for why the 2-D start fails here).`, {
    id: 'csv-image-settings', kind: 'note',
    actions: [{ label: 'Use the digits\' settings', run: () => applyPatch(patch) }],
  });
}

function onSessionEvent(m) {
  if (onDigitsEvent(m)) return;
  switch (m.type) {
    case 'fatal':
      workerFailed(m.message);
      break;
    case 'error': {
      const where = m.context ? `${m.context}: ` : '';
      // "kept": the session refused the command and is unchanged (it says so only then)
      showMessage(`${where}${m.message}.${m.kept ? ' The current network is kept.' : ''}`);
      if (m.context === 'settings' && m.keep) {
        // the worker refused these settings: go back to the ones it still runs
        const back = parseHash(m.keep, app.state).state;
        setState(back, { send: false });
      }
      break;
    }
    case 'note':
      showMessage(m.message, { kind: 'note', id: m.id });
      break;
    case 'settings':
      setState(m.settings, { send: false });
      break;
    case 'data':
      app.points = m.points;
      app.dataInfo = m;
      $('data-note').textContent = m.images && m.images.set === 'csv'
        ? `Your CSV: ${fmtInt(m.size)} rows as ${m.images.width} × ${m.images.height} images, ${m.classes} classes (${fmtInt(m.trainSize)} for training). Not stored in the link.`
        : m.raw ? `Your CSV: ${fmtInt(m.size)} rows, ${m.inputNames.length} inputs (${m.inputNames.join(', ')}). Not stored in the link.`
          : m.custom ? `Your data: ${fmtInt(m.size)} points (${fmtInt(m.trainSize)} for training). Not stored in the link.` : '';
      $('clear-points').disabled = !m.custom;
      $('map-caption').textContent = m.images ? `No map: the inputs are ${m.images.width} × ${m.images.height} images (see ${imageNoun(m.images.set).title} below)`
        : m.raw ? `No map: the data has ${m.inputNames.length} inputs, the map needs 2`
          : 'FP32 output, −6…6 on both axes';
      showCsvImageForm(m);
      offerImageSettings(m);
      onDigitsData(m);
      fillAddClass();
      break;
    case 'net':
      app.net = m;
      renderNetwork();
      break;
    case 'frame':
    case 'metrics':
      onFrame(m);
      break;
    case 'state':
      onWorkerState(m);
      break;
    case 'mapShown':
      onMapShown(m);
      break;
    case 'stalled':
      showMessage(`Epoch ${fmtInt(m.epoch)}: training has ${m.message.replace(/^stalled at epoch \d+: /, 'stalled: ')}.`, {
        id: 'stalled', kind: 'note',
        actions: [
          ...(app.state.initZero ? [{ label: 'Use random initial weights', run: () => applyPatch({ initZero: false }) }] : []),
          ...(/saturated/.test(m.message) ? [{ label: 'Lower the learning rate ÷10', run: () => lowerLearningRate() }] : []),
          { label: 'Reset the network', run: () => reset() },
        ],
      });
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
      if (m.as === 'keras' || m.as === 'pytorch') showCode(m);
      else download(`${safeFileName(m.name)}.json`, new Blob([m.json], { type: 'application/json' }));
      break;
    case 'imported':
      $('model-name').textContent = `Loaded model: ${m.name}${m.epoch ? ` (trained ${fmtInt(m.epoch)} epochs)` : ''}`;
      for (const n of m.notes) showMessage(`model settings: ${n}`, { kind: 'note' });
      break;
    default:
      break;
  }
}
