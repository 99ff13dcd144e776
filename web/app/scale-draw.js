// The Scale view's drawings, from one TransformerReport (web/lib/nnplay.d.ts): one block with
// each matrix and its arithmetic, the stack of N blocks, where the parameters live, memory per
// precision, the KV cache against context, and a log-scale ladder with the playground's MLP.
// Every number shown is the core's (counts, bytes, GB/GiB text, arithmetic); this file only
// lays them out, with textContent and SVG attributes (never HTML from data).

const SVG = 'http://www.w3.org/2000/svg';
export const PART_NAMES = { embeddings: 'embeddings', attention: 'attention', mlp: 'MLP', norms: 'norms', head: 'output head / pooler' };

export function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}
function sv(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
const fmt = (v) => (typeof v === 'bigint' ? v.toLocaleString('en-US') : Number(v).toLocaleString('en-US'));
// A share of a BigInt total as a fraction for drawing only (widths, never a printed count).
const share = (part, total) => (total > 0n ? Number((part * 1000000n) / total) / 1000000 : 0);

export function drawSummary(box, r) {
  const s = r.spec;
  const kind = s.kv_heads === s.heads ? 'multi-head' : s.kv_heads === 1 ? 'multi-query' : 'grouped-query';
  const lines = [
    el('p', { class: 'scale-total', 'data-params': String(r.params) },
      el('b', { text: `${s.name || 'custom stack'}: ` }), `${fmt(r.params)} parameters`,
      r.active_params !== r.params ? ` (${fmt(r.active_params)} active per token)` : ''),
    el('p', { class: 'muted', text:
      `${fmt(s.layers)} blocks of ${fmt(r.block_params)} · width ${fmt(s.width)} · ${fmt(s.heads)} heads × ${fmt(r.head_dim)}` +
      ` · ${fmt(s.kv_heads)} kv heads (${kind}) · MLP ${s.mlp} ${fmt(s.mlp_width)}` +
      (s.experts > 1 ? ` × ${fmt(s.experts)} experts (${fmt(s.experts_per_token)} per token)` : '') +
      ` · ${s.norm === 'layernorm' ? 'LayerNorm' : 'RMSNorm'} · ${s.positions} positions · ` +
      (!s.lm_head ? 'no output head' : s.tied ? 'tied output head' : 'separate output head') }),
  ];
  box.replaceChildren(...lines);
}

// One block: a bar per matrix (width ∝ √weights, so q and the MLP are comparable), its name
// and its arithmetic; then the stack of blocks.
export function drawBlock(svg, r) {
  const rows = r.tensors.filter((t) => t.in_block);
  const W = 760, rowH = 30, top = 24, barX = 150, barMax = 220;
  const maxW = rows.reduce((m, t) => (t.weights > m ? t.weights : m), 1n);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${top + rows.length * rowH + 70}`);
  svg.append(sv('text', { x: 0, y: 14, class: 'scale-h' }, `one block (× ${fmt(r.spec.layers)})`));
  rows.forEach((t, i) => {
    const y = top + i * rowH;
    const w = Math.max(2, barMax * Math.sqrt(share(t.weights, maxW)));
    const g = sv('g', { class: `scale-row part-${t.part}`, 'data-name': t.name });
    g.append(sv('text', { x: 0, y: y + 18 }, t.name));
    g.append(sv('rect', { x: barX, y: y + 4, width: w.toFixed(1), height: rowH - 10, class: `fill-${t.part}` }));
    const per = t.copies / BigInt(r.spec.layers);  // experts per block
    g.append(sv('text', { x: barX + barMax + 12, y: y + 18, class: 'arith' },
      `${t.arithmetic}${per > 1n ? ` × ${fmt(per)} experts` : ''}`));
    svg.append(g);
  });
  // The stack: one thin bar per block (at most 128 drawn; the label gives the count).
  const y0 = top + rows.length * rowH + 16;
  const L = Number(r.spec.layers), drawn = Math.min(L, 128), step = 600 / Math.max(drawn, 1);
  for (let i = 0; i < drawn; i++)
    svg.append(sv('rect', { x: (barX + i * step).toFixed(1), y: y0, width: Math.max(1, step - 1).toFixed(1), height: 18, class: 'fill-block' }));
  svg.append(sv('text', { x: 0, y: y0 + 14 }, `${fmt(r.spec.layers)} blocks`));
  svg.append(sv('text', { x: barX, y: y0 + 40, class: 'arith stack-arith' },
    `${fmt(r.block_params)} parameters per block × ${fmt(r.spec.layers)} = ${fmt(r.stack_params)}`));
}

export function drawParts(box, r) {
  const bar = el('div', { class: 'parts-bar', role: 'img', 'aria-label': 'where the parameters live' });
  const legend = el('ul', { class: 'parts-legend' });
  for (const [k, label] of Object.entries(PART_NAMES)) {
    const v = r.parts[k];
    if (v === 0n) continue;
    const seg = el('span', { class: `seg fill-${k}`, title: `${label}: ${fmt(v)}` });
    seg.style.width = `${(100 * share(v, r.params)).toFixed(3)}%`;  // CSSOM: allowed by the CSP
    bar.append(seg);
    legend.append(el('li', { 'data-part': k }, el('span', { class: `swatch fill-${k}` }), `${label} ${fmt(v)}`));
  }
  box.replaceChildren(bar, legend);
}

export function drawMemory(box, r) {
  const label = { fp32: 'FP32', bf16: 'BF16 / FP16', int8: 'INT8', int4: 'INT4' };
  const t = el('table', { class: 'memory' });
  t.append(el('tr', {}, el('th', { text: 'weights at' }), el('th', { text: 'bytes' }), el('th', { text: 'GB' }),
    el('th', { text: 'GiB' }), el('th', { text: 'how' })));
  for (const p of r.storage)
    t.append(el('tr', { 'data-precision': p.name }, el('td', { text: label[p.name] }), el('td', { class: 'num', text: fmt(p.bytes) }),
      el('td', { class: 'num', text: p.gb }), el('td', { class: 'num', text: p.gib }), el('td', { class: 'muted', text: p.rule })));
  const a = r.training_adam_fp32;
  t.append(el('tr', { 'data-precision': 'adam' }, el('td', { text: 'training, Adam' }), el('td', { class: 'num', text: fmt(a.total) }),
    el('td', { class: 'num', text: a.gb }), el('td', { class: 'num', text: a.gib }),
    el('td', { class: 'muted', text: 'FP32 weights + gradients + Adam m + v: 16 B per parameter, activations not included' })));
  const k = r.kv_cache;
  t.append(el('tr', { 'data-precision': 'kv' }, el('td', { text: 'KV cache, FP16' }), el('td', { class: 'num', text: fmt(k.bytes_fp16) }),
    el('td', { class: 'num', text: k.gb_fp16 }), el('td', { class: 'num', text: k.gib_fp16 }),
    el('td', { class: 'muted', text: `2 × ${fmt(r.spec.layers)} layers × ${fmt(r.spec.kv_heads)} kv heads × ${fmt(r.head_dim)} = ${fmt(k.elements_per_token)} values per token × ${fmt(k.context)} tokens × ${fmt(k.batch)} × 2 B` })));
  const f = r.flops_per_token;
  const flops = el('p', { class: 'flops' },
    `Forward FLOPs per token (2 × multiply-adds): weight matrices ${fmt(f.matmul)} + attention at ${fmt(k.context)} tokens ${fmt(f.attention)} = ${fmt(f.total)}`);
  box.replaceChildren(el('div', { class: 'table-scroll' }, t), flops);  // a phone scrolls the table, not the page
}

// Log-log bars: the KV cache at 512 … 131,072 tokens (and the chosen context), FP16.
export function drawKv(svg, r) {
  const pts = r.kv_cache.curve;
  const W = 760, H = 200, left = 50, bottom = 40, bw = (W - left) / pts.length;
  const logs = pts.map((p) => Math.log10(Number(p.bytes)));
  const lo = Math.floor(Math.min(...logs)), hi = Math.ceil(Math.max(...logs) + 1e-9);
  const yOf = (l) => (H - bottom) - ((l - lo) / Math.max(hi - lo, 1)) * (H - bottom - 20);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  pts.forEach((p, i) => {
    const x = left + i * bw, y = yOf(logs[i]);
    const chosen = p.context === r.kv_cache.context;
    const g = sv('g', { class: chosen ? 'kv chosen' : 'kv', 'data-context': String(p.context), 'data-bytes': String(p.bytes) });
    g.append(sv('rect', { x: (x + 2).toFixed(1), y: y.toFixed(1), width: (bw - 4).toFixed(1), height: (H - bottom - y).toFixed(1) }));
    g.append(sv('text', { x: (x + bw / 2).toFixed(1), y: (y - 4).toFixed(1), 'text-anchor': 'middle', class: 'small' }, p.gb));
    g.append(sv('text', { x: (x + bw / 2).toFixed(1), y: H - bottom + 14, 'text-anchor': 'middle', class: 'small' }, fmt(p.context)));
    svg.append(g);
  });
  svg.append(sv('text', { x: left, y: H - 6, class: 'small' }, `tokens of context (× ${fmt(r.kv_cache.batch)} sequence${r.kv_cache.batch === 1n ? '' : 's'}); bar heights on a log scale`));
}

// A log10 axis of parameter counts with markers: [{label, params (bigint), cls}].
export function drawLadder(svg, marks) {
  const W = 760, H = 60 + marks.length * 18, left = 20, right = W - 20;
  const logs = marks.map((m) => Math.log10(Number(m.params)));
  const lo = Math.floor(Math.min(2, ...logs)), hi = Math.ceil(Math.max(11, ...logs));
  const xOf = (l) => left + ((l - lo) / (hi - lo)) * (right - left);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.append(sv('line', { x1: left, x2: right, y1: 30, y2: 30, class: 'axis' }));
  for (let e = lo; e <= hi; e++) {
    svg.append(sv('line', { x1: xOf(e), x2: xOf(e), y1: 26, y2: 34, class: 'axis' }));
    svg.append(sv('text', { x: xOf(e), y: 20, 'text-anchor': 'middle', class: 'small' }, `10^${e}`));
  }
  marks.forEach((m, i) => {
    const x = xOf(logs[i]), y = 52 + i * 18;
    const g = sv('g', { class: `mark ${m.cls || ''}`, 'data-params': String(m.params) });
    g.append(sv('circle', { cx: x.toFixed(1), cy: 30, r: 5 }));
    g.append(sv('line', { x1: x.toFixed(1), x2: x.toFixed(1), y1: 35, y2: y - 10, class: 'lead' }));
    const anchor = x > W / 2 ? 'end' : 'start';
    g.append(sv('text', { x: x.toFixed(1), y, 'text-anchor': anchor }, `${m.label}: ${fmt(m.params)}`));
    svg.append(g);
  });
}

// The table per component, like `nnplay count --preset …`.
export function drawTable(box, r) {
  const t = el('table', { class: 'components' });
  t.append(el('tr', {}, el('th', { text: 'component' }), el('th', { text: 'part' }), el('th', { text: 'one copy' }),
    el('th', { text: 'copies' }), el('th', { text: 'parameters' })));
  for (const c of r.tensors)
    t.append(el('tr', { 'data-name': c.name }, el('td', { text: c.name + (c.note ? ` (${c.note})` : '') }), el('td', { text: c.part }),
      el('td', { class: 'num', text: c.arithmetic }), el('td', { class: 'num', text: (c.in_block ? '× ' : '') + fmt(c.copies) }),
      el('td', { class: 'num', text: c.tied ? '0 (tied)' : fmt(c.params) })));
  t.append(el('tr', { class: 'total' }, el('td', { text: 'total' }), el('td'), el('td'), el('td'), el('td', { class: 'num', text: fmt(r.params) })));
  box.replaceChildren(el('div', { class: 'table-scroll' }, t));
}
