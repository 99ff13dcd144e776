// <nn-weight-count preset="llama-2-7b" precision="bf16">: the transformer side of the counting
// explainer (issue 13). Every figure is the core's TransformerReport (exact BigInt counts, the
// arithmetic and the GB/GiB text), computed in the shared worker; this file lays it out.
import { parseEnum } from './attrs.js';
import { NNElement, h } from './base.js';
import { countTransformer } from './manager.js';

export const TRANSFORMER_PRECISIONS = ['fp32', 'bf16', 'int8', 'int4'];
const LABEL = { fp32: 'FP32', bf16: 'BF16/FP16', int8: 'INT8', int4: 'INT4' };
const PARTS = { embeddings: 'embeddings', attention: 'attention', mlp: 'MLP', norms: 'norms', head: 'output head' };
const fmt = (v) => v.toLocaleString('en-US');

// el: the <nn-weight-count> element (an NNElement); called from its render().
export async function renderTransformer(el) {
  const preset = String(el.getAttribute('preset')).trim();
  const { values: v, errors } = NNElement.parseAll({
    precision: () => parseEnum('precision', el.getAttribute('precision'), TRANSFORMER_PRECISIONS, 'bf16'),
  });
  const seq = ++el.seq;
  if (errors.length) { el.showMessage(errors); return; }
  if (!el.body.firstChild || el.body.dataset.state === 'error')
    el.body.replaceChildren(h('div', { class: 'muted', text: `Counting ${preset}…` }));
  let r;
  try {
    r = await countTransformer(preset);
  } catch (e) {
    if (seq !== el.seq) return;
    el.showMessage([`${e.fatal ? 'nn-weight-count' : 'preset'}: ${e.message}`]);
    el.body.dataset.state = 'error';
    return;
  }
  if (seq !== el.seq) return;
  el.clearMessage();
  el.body.dataset.state = 'ok';
  draw(el, r, v.precision);
}

function draw(el, r, precision) {
  const s = r.spec;
  const kids = [h('div', { class: 'title', part: 'title' }, s.name,
    h('span', { class: 'muted', text: ` · ${fmt(s.layers)} blocks · width ${fmt(s.width)} · ${fmt(s.heads)} heads, ${fmt(s.kv_heads)} kv heads` }))];
  // per component: "MLP up   4,096 × 11,008 = 45,088,768 weights   × 32   = 1,442,840,576"
  const table = h('table', { class: 'blocks', part: 'blocks' });
  for (const t of r.tensors) {
    table.append(h('tr', { 'data-name': t.name },
      h('th', { class: 'muted', text: t.name }),
      h('td', { class: 'arith num', text: t.arithmetic }),
      h('td', { class: 'num', text: t.in_block ? `× ${fmt(t.copies)}` : '' }),
      h('td', { class: 'num', text: t.tied ? '(tied)' : `= ${fmt(t.params)}` })));
  }
  kids.push(table);
  kids.push(h('div', { class: 'totals', part: 'totals' },
    h('div', { class: 'total-params', 'data-params': String(r.params) },
      h('b', { text: 'Parameters: ' }),
      h('span', { class: 'num', text: `${fmt(r.params)}${r.active_params !== r.params ? ` (${fmt(r.active_params)} active per token)` : ''}` })),
    h('div', { class: 'muted num', text: `one block ${fmt(r.block_params)} × ${fmt(s.layers)} = ${fmt(r.stack_params)}` }),
    h('div', { class: 'muted num', text: Object.entries(PARTS).filter(([k]) => r.parts[k] > 0n).map(([k, n]) => `${n} ${fmt(r.parts[k])}`).join(' · ') })));
  const p = r.storage.find((x) => x.name === precision);
  kids.push(h('div', { class: 'storage', part: 'storage', 'data-bytes': String(p.bytes), 'data-precision': precision },
    h('b', { text: `Storage at ${LABEL[precision]}: ` }),
    h('span', { class: 'num', text: `${fmt(p.bytes)} bytes (${p.gb}, ${p.gib})` })));
  kids.push(h('div', { class: 'muted num', text: r.storage.map((x) => `${LABEL[x.name]} ${x.gb}`).join(' · ') }));
  el.body.replaceChildren(...kids);
  el.report = r;
  el.dispatchEvent(new CustomEvent('nn-counted', { detail: { params: r.params, preset: String(el.getAttribute('preset')) } }));
}
