// The Scale view (web/scale.html, issue 13): a transformer counted exactly by the core, block by
// block, beside the playground's own MLP. A preset picker, editable fields, a config.json
// (opened or pasted), all of it in the link. Counting takes microseconds and trains nothing,
// so the module runs on the page's thread through the JS API (no worker).
// A refused value (the core's message, naming the field) is shown and nothing else changes:
// the fields go back to the last counted spec, the drawings and the link stay.
import { createNNPlay } from '../lib/nnplay.mjs';
import { quoted } from '../lib/quote.mjs';
import { DEFAULT_PLAYGROUND, DEFAULT_PRESET, OPTION_KEYS, parseScaleHash, scaleHash } from './scale-state.js';
import { drawBlock, drawKv, drawLadder, drawMemory, drawParts, drawSummary, drawTable, el } from './scale-draw.js';

const $ = (id) => document.getElementById(id);
const INT_FIELDS = ['vocab', 'width', 'layers', 'heads', 'kv_heads', 'head_dim', 'mlp_width', 'context', 'token_types', 'experts', 'experts_per_token'];
const ENUM_FIELDS = { mlp: ['gelu', 'swiglu'], norm: ['layernorm', 'rmsnorm'], positions: ['learned', 'rotary'] };
const BOOL_FIELDS = ['tied', 'qkv_bias', 'out_bias', 'mlp_bias', 'final_norm', 'embedding_norm', 'pooler', 'lm_head'];
const LADDER = ['gpt2', 'bert-base', 'llama-2-7b', 'llama-2-70b'];

let nn = null;
let presets = [];
// The last state the core accepted: {preset, spec, options, playground, report, mlp}.
let cur = null;

function showError(text) {
  $('scale-messages').append(el('li', { class: 'message error', role: 'alert' }, el('span', { text })));
}
function clearError() { $('scale-messages').replaceChildren(); }

const presetSpec = (id) => presets.find((p) => p.id === id)?.spec;

// Counts a candidate; on success it becomes the state, else the message is shown and the
// page (fields, drawings, link) keeps the last good state.
function attempt(next, context) {
  let report, mlp;
  try {
    const spec = next.preset ? { preset: next.preset, ...next.fields } : { ...next.fields };
    report = nn.countTransformer(spec, next.options);
    mlp = nn.countParameters(next.playground);
  } catch (e) {
    showError(`${context ? `${context}: ` : ''}${e.message}. Nothing was changed.`);
    if (cur) syncFields();
    return false;
  }
  clearError();
  const options = { group_size: report.options.group_size, kv_context: next.options.kv_context ?? 0, batch: report.options.batch };
  cur = { preset: next.preset, spec: report.spec, options, playground: next.playground, report, mlp };
  render();
  return true;
}

function render() {
  const r = cur.report;
  drawSummary($('scale-summary'), r);
  drawBlock($('scale-block'), r);
  drawParts($('scale-parts'), r);
  drawMemory($('scale-memory'), r);
  drawKv($('scale-kv'), r);
  const marks = [{ label: `the playground's MLP ${cur.playground.join('-')}`, params: cur.mlp.params, cls: 'mlp' }];
  for (const id of LADDER) if (id !== cur.preset) marks.push({ label: presets.find((p) => p.id === id).spec.name, params: ladderCounts[id] });
  marks.push({ label: r.spec.name || 'this stack', params: r.params, cls: 'this' });
  marks.sort((a, b) => (a.params < b.params ? -1 : a.params > b.params ? 1 : 0));
  drawLadder($('scale-ladder'), marks);
  drawTable($('scale-table'), r);
  syncFields();
  const h = scaleHash({ preset: cur.preset, spec: cur.spec, base: presetSpec(cur.preset), options: cur.options, playground: cur.playground });
  if (location.hash !== h) history.replaceState(null, '', h);
}
const ladderCounts = {};

function syncFields() {
  $('preset').value = cur.preset || '';
  for (const k of INT_FIELDS) $(`f-${k}`).value = String(cur.spec[k]);
  for (const k of Object.keys(ENUM_FIELDS)) $(`f-${k}`).value = cur.spec[k];
  for (const k of BOOL_FIELDS) $(`f-${k}`).checked = cur.spec[k];
  for (const k of OPTION_KEYS) $(`o-${k}`).value = String(cur.options[k]);
  $('f-name').value = cur.spec.name;
}

// A field edit: the current spec with one key changed. The edited stack is no longer the
// preset, but stays expressed against it in the link.
function edit(key, value) {
  const fields = { ...cur.spec, [key]: value };
  delete fields.name;
  fields.name = key === 'name' ? value : cur.spec.name;
  attempt({ preset: cur.preset, fields, options: cur.options, playground: cur.playground }, '');  // the core's message names the key
}
function editOption(key, value) {
  attempt({ preset: cur.preset, fields: { ...cur.spec }, options: { ...cur.options, [key]: value }, playground: cur.playground }, '');
}

function readConfig(text, source) {
  let spec;
  try {
    spec = nn.transformerFromHFConfig(text);
  } catch (e) {
    showError(`${source ? `${source}: ` : ''}${e.message}. Nothing was changed.`);
    return;
  }
  attempt({ preset: '', fields: spec, options: cur.options, playground: cur.playground }, source);
}

function buildFields() {
  const box = $('scale-fields');
  const sel = $('preset');
  sel.replaceChildren(el('option', { value: '', text: 'custom (edited or from a config.json)' }));
  for (const p of presets) sel.append(el('option', { value: p.id, text: `${p.spec.name} (${p.id})` }));
  sel.addEventListener('change', () => {
    if (!sel.value) { syncFields(); return; }
    attempt({ preset: sel.value, fields: {}, options: cur.options, playground: cur.playground }, '');
  });
  const name = el('input', { id: 'f-name', type: 'text', maxlength: '200' });
  name.addEventListener('change', () => edit('name', name.value));
  box.append(el('label', {}, 'name', name));
  for (const k of INT_FIELDS) {
    const inp = el('input', { id: `f-${k}`, type: 'text', inputmode: 'numeric', 'data-field': k, size: '9' });
    // Sent as text: the core reads whole numbers of any size up to int64 and names the field
    // when it is not one.
    inp.addEventListener('change', () => edit(k, inp.value.trim()));
    box.append(el('label', {}, k, inp));
  }
  for (const [k, opts] of Object.entries(ENUM_FIELDS)) {
    const s = el('select', { id: `f-${k}`, 'data-field': k });
    for (const o of opts) s.append(el('option', { value: o, text: o }));
    s.addEventListener('change', () => edit(k, s.value));
    box.append(el('label', {}, k, s));
  }
  for (const k of BOOL_FIELDS) {
    const c = el('input', { id: `f-${k}`, type: 'checkbox', 'data-field': k });
    c.addEventListener('change', () => edit(k, c.checked));
    box.append(el('label', { class: 'check' }, c, ` ${k}`));
  }
  const ob = $('scale-options');
  for (const k of OPTION_KEYS) {
    const inp = el('input', { id: `o-${k}`, type: 'text', inputmode: 'numeric', 'data-option': k, size: '9' });
    inp.addEventListener('change', () => editOption(k, inp.value.trim()));
    ob.append(el('label', {}, k === 'kv_context' ? 'kv_context (0 = context)' : k, inp));
  }
  $('config-file').addEventListener('change', (e) => {
    const f = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!f) return;
    if (f.size > nn.transformerConfigLimit) {
      showError(`config.json ${quoted(f.name, { quote: '"' })}: ${f.size.toLocaleString('en-US')} bytes; the limit is ` +
        `${nn.transformerConfigLimit.toLocaleString('en-US')} bytes. Nothing was changed.`);
      return;
    }
    f.text().then((t) => readConfig(t, quoted(f.name, { quote: '"' })),
      (err) => showError(`config.json could not be read: ${err.message}`));
  });
  $('config-read').addEventListener('click', () => readConfig($('config-text').value, ''));
}

function fromHash(hash) {
  const types = presetSpec(DEFAULT_PRESET);
  const h = parseScaleHash(hash, types);
  const next = { preset: h.preset, fields: h.fields, options: h.options, playground: h.playground || DEFAULT_PLAYGROUND };
  const ok = attempt(next, 'link');
  for (const e of h.errors) showError(`link: ${e}`);
  return ok;
}

async function main() {
  try {
    nn = await createNNPlay();
  } catch (e) {
    $('scale-status').textContent = `The WebAssembly module did not load: ${e.message}`;
    return;
  }
  presets = nn.transformerPresets();
  for (const id of LADDER) ladderCounts[id] = nn.countTransformer(id).params;
  buildFields();
  if (!fromHash(location.hash)) {
    const msg = $('scale-messages').textContent;
    attempt({ preset: DEFAULT_PRESET, fields: {}, options: {}, playground: DEFAULT_PLAYGROUND }, 'default');
    showError(`${msg} The link was not applied; ${presetSpec(DEFAULT_PRESET).name} is shown.`);
  }
  window.addEventListener('hashchange', () => {
    const h = scaleHash({ preset: cur.preset, spec: cur.spec, base: presetSpec(cur.preset), options: cur.options, playground: cur.playground });
    if (location.hash !== h) fromHash(location.hash);
  });
  $('scale-status').textContent = 'Ready.';
}

main();
