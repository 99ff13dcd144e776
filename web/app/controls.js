// The page's setting controls: every element with data-setting shows app.state and writes a
// patch through state.js's update() (a refused value puts the control back and says why).
// setState is the one way the page's settings change; it keeps the URL hash and the worker in step.
import { SETTINGS, FEATURES, ACTIVATIONS, INITS, toHash, update, datasetClasses, hasTfData } from './state.js';
import { CLASS_COLORS } from './heatmap.js';
import { LEARNING_RATES, REGULARIZATION_RATES, activationName, initName } from './labels.js';
import { showParams } from './drawing.js';
import { app, $, send } from './page.js';
import { showMessage } from './messages.js';
import { renderLayerEditor } from './layer-editor.js';

export function setState(next, { send: toWorker = true, url = true } = {}) {
  const optimizerChanged = app.state.optimizer !== next.optimizer;
  app.state = next;
  syncControls();
  if (optimizerChanged) showParams();  // "Optimiser state" follows the optimiser select
  if (url) {
    const h = toHash(next);
    if (location.hash !== h) history.replaceState(null, '', h);
  }
  if (toWorker) send('configure', { settings: next });
}

export function applyPatch(patch) {
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

export function fillSelect(sel, values, label = (v) => String(v)) {
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

export function syncControls() {
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
  for (const box of document.querySelectorAll('[data-setting-box]')) box.hidden = s.hide.includes(box.dataset.settingBox);
  // the box for a rule that cannot apply to this data (the core refuses tfMode without TF's data)
  if (!hasTfData(s)) document.querySelector('[data-setting-box="tfMode"]').hidden = true;
  for (const f of FEATURES) {
    const box = document.querySelector(`[data-setting="${f.key}"]`).closest('label');
    box.hidden = s.hide.includes(f.key);
  }
  renderLayerEditor(s, applyPatch);
  fillAddClass();
}

// The "click adds" choices: a class per class of the data, or values for regression.
export function fillAddClass() {
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

// Fills the lists and listens to every data-setting control.
export function bindControls() {
  fillSelect($('learningRate'), LEARNING_RATES);
  fillSelect($('regularizationRate'), REGULARIZATION_RATES);
  fillSelect($('activation'), ACTIVATIONS, activationName);
  fillSelect($('init'), INITS, initName);
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
}
