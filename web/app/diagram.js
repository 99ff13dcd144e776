// SVG drawing of a network: one column per layer, wide layers collapsed to their first few
// neurons plus "… N more", each connection block labelled with its arithmetic, links with width
// by |weight| and colour by sign, a bias square per neuron and a map thumbnail per neuron.
// It takes plain arrays and calls back on hover/click; it owns no model and no settings, so the
// embeds (<nn-diagram>, <nn-weight-count>) reuse it. Colours are attributes, not CSS classes,
// so an exported SVG looks the same outside the page.
// Two ways to show live values (issue 14):
// - static (default; <nn-diagram>, snapshots): links, biases and thumbnails are SVG attributes
//   and data: URL images, written only when a rounded colour or width changed.
// - live (options.canvas, the page and <nn-playground> while training): what changes every
//   frame is painted on that canvas under the SVG (web/app/diagram-paint.js); the SVG keeps the
//   nodes, labels and transparent link hit-paths for hover/focus/click/keyboard and does not
//   change while training. The SVG export writes the canvas's values back as attributes.
// Tried and dropped earlier: thumbnails alone as one atlas (in a foreignObject, a canvas under
// the SVG, one blob: image): slower while the links were still SVG attributes, because every
// link change re-rasterised the atlas with the SVG.
// Weights for block b are (in, out) row-major: w[from * out + to] (the JS API's layout).
import { mapToDataURL } from './heatmap.js';
import { createDiagramPainter, NODE_FILL, linkKey, biasKey, linkStroke, linkWidth, biasFill } from './diagram-paint.js';
import { featureMap } from './state.js';  // the core's feature values (page only: inputSlots)
import { xmlDocument } from './escape.js';
import { blockArithmetic, blockCounts, fmtInt, fmtNum } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
export const SHOW_ALL_UP_TO = 8;  // wider layers show SHOWN_WHEN_COLLAPSED neurons + "… N more"
export const SHOWN_WHEN_COLLAPSED = 6;

// How many neurons of a layer of `width` are drawn.
export function shownUnits(width) {
  return width <= SHOW_ALL_UP_TO ? width : SHOWN_WHEN_COLLAPSED;
}

function el(name, attrs = {}, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

function text(parent, x, y, str, attrs = {}) {
  const t = el('text', { x, y, ...attrs }, parent);
  t.textContent = str;  // never innerHTML: names may come from files
  return t;
}

const LAYOUT = { node: 30, pitch: 40, gap: 160, left: 64, top: 44, labelH: 40 };
// Columns come closer when there are many (TF Playground's 6 × 8 network has 8), so the
// drawing needs less shrinking to fit its box; 112 still fits "8 × 8 = 64 weights" under a block.
const gapFor = (columns) => (columns <= 5 ? LAYOUT.gap : Math.max(112, LAYOUT.gap - 16 * (columns - 5)));
const MAX_INPUT_LABEL = 9;

// model: { inputs: [label...], widths: [units per layer incl. output], activations: [name per layer],
//          inputSlots?: [{key, name, label, on}] every input feature that could be used, in order
//            (the used ones are `inputs`): unused ones are drawn greyed, without links, and
//            clicking or Enter on any of them calls handlers.feature({key, on}) (as TF Playground),
//          blocks?: ParamReport.blocks (BigInt counts), compact?: bool (no thumbnails/links labels) }
// options.canvas: live mode (above): a canvas placed before the SVG in a positioned parent whose
// top-left corner is the SVG's; it is sized to the SVG and follows it.
// options.filter(): live mode: the CSS filter the paint layer is drawn through ('none' or absent:
// none); refilter() after it may have changed.
// options.remote(geometry, pixelWidth, pixelHeight, canvas, filter): live mode painted elsewhere (the
// training worker, through the canvas's OffscreenCanvas): called with the painter's geometry
// (null when only the size changed) whenever the drawing or its size changes; update() then only
// keeps the values (hover text, export). setCanvas(c) swaps in a fresh canvas (one whose control
// was handed to a worker session that has gone cannot be handed again).
export function createDiagram(svg, handlers = {}, options = {}) {
  let canvas = options.canvas || null;
  const live = !!canvas;
  const remote = live && typeof options.remote === 'function' ? options.remote : null;
  const painter = live && !remote ? createDiagramPainter() : null;
  let lastThumbs = null;   // live: the last thumbnails callback (for the SVG export)
  let geo = null;           // positions of the drawn neurons
  let linkEls = [];         // [block][k] → path
  let biasEls = [];         // [layer][unit] → rect
  let imgEls = [];          // [column][unit] → image
  let linkKeys = [];        // [block] → Int32Array of what each link shows now
  let biasKeys = [];        // [layer] → Int32Array
  let weights = [], biases = [];
  let inputImageEl = null, inputImageHref = '';  // image inputs: a blob: URL of the current image

  let model0 = {};
  function render(model) {
    model0 = model;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const cols = [model.inputs.length, ...model.widths];
    const shown = cols.map(shownUnits);
    const slots = model.inputSlots && model.inputSlots.filter((x) => x.on).length === cols[0] ? model.inputSlots : null;
    const rows = Math.max(slots ? slots.length : 0, ...shown.map((s, i) => s + (cols[i] > s ? 1 : 0)));
    const { node: S, pitch: P, left: L, top: T, labelH } = LAYOUT;
    const G = gapFor(cols.length);
    const width = L + (cols.length - 1) * G + S + 24;
    const height = T + rows * P + labelH + 8;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('xmlns', NS);
    svg.setAttribute('font-family', 'system-ui, sans-serif');
    svg.setAttribute('font-size', '11');
    el('rect', { x: 0, y: 0, width, height, fill: live ? 'none' : '#ffffff' }, svg);  // the background

    const pos = cols.map((n, c) => Array.from({ length: shown[c] }, (_, u) => {
      const colH = (shown[c] + (n > shown[c] ? 1 : 0)) * P;
      const y0 = T + (rows * P - colH) / 2;
      return { x: L + c * G, y: y0 + u * P };
    }));
    // with slots, column 0 shows every slot; the used inputs keep their slot's place
    let slotPos = null;
    if (slots) {
      const y0 = T + (rows * P - slots.length * P) / 2;
      slotPos = slots.map((_, i) => ({ x: L, y: y0 + i * P }));
      pos[0] = slots.map((x, i) => (x.on ? slotPos[i] : null)).filter(Boolean);
    }
    geo = { cols, shown, pos, width, height, node: S };

    // links first so nodes sit on top
    const gLinks = el('g', { 'data-part': 'links', fill: 'none' }, svg);
    linkEls = []; linkKeys = []; biasKeys = [];
    for (let b = 0; b + 1 < cols.length; b++) {
      const list = [];
      for (let from = 0; from < shown[b]; from++) {
        for (let to = 0; to < shown[b + 1]; to++) {
          const a = pos[b][from], z = pos[b + 1][to];
          const x0 = a.x + S, y0 = a.y + S / 2, x1 = z.x, y1 = z.y + S / 2;
          const mx = (x0 + x1) / 2;
          // live: a transparent path of one width is the hover/click target; the canvas shows it
          const p = el('path', {
            d: `M${x0},${y0} C${mx},${y0} ${mx},${y1} ${x1},${y1}`,
            stroke: live ? 'transparent' : '#c8cacc', 'stroke-width': live ? 6 : 1,
            'data-block': b, 'data-from': from, 'data-to': to, class: 'link',
          }, gLinks);
          list.push(p);
        }
      }
      linkEls.push(list);
      linkKeys.push(new Int32Array(list.length).fill(-2));
    }

    // columns: header, nodes, "… N more"
    biasEls = []; imgEls = [];
    const blocks = model.blocks || blockCounts(cols);
    for (let c = 0; c < cols.length; c++) {
      const g = el('g', { 'data-column': c }, svg);
      const x = L + c * G;
      const head = c === 0 ? 'input' : c === cols.length - 1 ? 'output' : `hidden ${c}`;
      text(g, x + S / 2, 14, head, { 'text-anchor': 'middle', 'font-weight': '600', fill: '#333' });
      const act = c === 0 ? `${cols[0]} features` : `${fmtInt(cols[c])} · ${model.activations[c - 1] || ''}`;
      text(g, x + S / 2, 28, act, { 'text-anchor': 'middle', fill: '#666', 'font-size': 10 });
      const imgs = [], bs = [];
      for (let u = 0; u < shown[c]; u++) {
        const { y } = pos[c][u];
        const slot = c === 0 && slots ? slots.filter((x) => x.on)[u] : null;
        const n = el('g', {
          class: 'node', 'data-layer': c - 1, 'data-unit': u, tabindex: c === 0 && !slot ? -1 : 0,
          role: c === 0 && !slot ? 'img' : 'button',
          'aria-label': c === 0 ? `input ${model.inputs[u]}${slot ? ': used, press to leave it out' : ''}` : `neuron ${u + 1} of layer ${c}`,
          ...(slot ? { 'data-feature': slot.key, 'data-on': 'true' } : {}),
        }, g);
        // live: the canvas paints the node's fill and map; a transparent fill keeps it a target
        el('rect', { x, y, width: S, height: S, fill: live ? 'transparent' : NODE_FILL, stroke: '#888', 'stroke-width': 1 }, n);
        if (!live) imgs.push(el('image', { x, y, width: S, height: S, preserveAspectRatio: 'none' }, n));
        if (c === 0 && model.inputImage) {
          // image inputs: the picture stands left of the column (setInputImage), not pixel names
        } else if (c === 0) {
          const name = String(model.inputs[u]);
          const short = name.length > MAX_INPUT_LABEL ? name.slice(0, MAX_INPUT_LABEL - 1) + '…' : name;
          const t = text(g, x - 6, y + S / 2 + 4, short, { 'text-anchor': 'end', fill: '#333' });
          if (short !== name) el('title', {}, t).textContent = name;
        } else {
          const br = el('rect', {
            x: x - 5, y: y + S - 7, width: 7, height: 7, fill: live ? 'transparent' : '#e8eaeb', stroke: '#555', 'stroke-width': 0.6,
            class: 'bias', 'data-layer': c - 1, 'data-unit': u,
          }, n);
          bs.push(br);
        }
      }
      if (c === 0 && slots) {
        slots.forEach((slot, i) => {
          if (slot.on) return;
          const { y } = slotPos[i];
          const n = el('g', {
            class: 'node off', 'data-feature': slot.key, 'data-on': 'false', tabindex: 0, role: 'button', opacity: 0.35,
            'aria-label': `input ${slot.label}: not used, press to use it`,
          }, g);
          el('rect', { x, y, width: S, height: S, fill: NODE_FILL, stroke: '#888', 'stroke-width': 1, 'stroke-dasharray': '3 2' }, n);
          const url = mapToDataURL(featureMap(slot.name, 20), 20, { mode: 'signed' });
          if (url) el('image', { x, y, width: S, height: S, preserveAspectRatio: 'none', href: url }, n);
          text(n, x - 6, y + S / 2 + 4, slot.label, { 'text-anchor': 'end', fill: '#333' });
        });
      }
      if (cols[c] > shown[c]) {
        const y = pos[c][shown[c] - 1].y + P;
        text(g, x + S / 2, y + S / 2, `… ${fmtInt(cols[c] - shown[c])} more`, {
          'text-anchor': 'middle', fill: '#555', 'font-style': 'italic',
        });
      }
      imgEls.push(imgs);
      if (c > 0) { biasEls.push(bs); biasKeys.push(new Int32Array(bs.length).fill(-2)); }
    }

    // image inputs (issue 15): the current image drawn where the input labels would be
    inputImageEl = null;
    if (model.inputImage && pos[0].length) {
      const side = Math.min(L - 8, 56), y = pos[0][0].y;
      el('rect', { x: L - side - 6, y, width: side, height: side, fill: '#fff', stroke: '#bbb' }, svg);
      inputImageEl = el('image', { x: L - side - 6, y, width: side, height: side, preserveAspectRatio: 'none',
        'data-part': 'input-image', 'image-rendering': 'pixelated' }, svg);
      if (inputImageHref) inputImageEl.setAttribute('href', inputImageHref);
      text(svg, L - side / 2 - 6, y + side + 12, `${model.inputImage.width} × ${model.inputImage.height}`,
        { 'text-anchor': 'middle', fill: '#666', 'font-size': 10 });
    }

    // block labels along the bottom, between the columns they connect
    const gl = el('g', { 'data-part': 'block-labels', fill: '#333', 'font-size': 10 }, svg);
    for (let b = 0; b < blocks.length; b++) {
      const cx = L + b * G + S + (G - S) / 2;
      const y = T + rows * P + 12;
      const line = blockArithmetic(blocks[b]);
      const [w, bias] = line.split(' + ');
      const t = text(gl, cx, y, w, { 'text-anchor': 'middle', class: 'block-label', 'data-block': b });
      if (bias) text(gl, cx, y + 13, '+ ' + bias, { 'text-anchor': 'middle', fill: '#666' });
      t.setAttribute('aria-label', line);
    }
    if (live) startLive();
  }

  // Live values: weights[b] (in,out), biases[l] (out), thumbs(column, unit) → {values,res,mode}|null.
  function update(data = {}) {
    if (!geo) return;
    if (data.weights) weights = data.weights;
    if (data.biases) biases = data.biases;
    if (live) {
      if (data.thumbs) lastThumbs = data.thumbs;
      if (painter && painter.update(data)) paintNow();
      return;
    }
    const { cols, shown } = geo;
    if (data.weights) {
      for (let b = 0; b < linkEls.length; b++) {
        const w = weights[b];
        if (!w) continue;
        const out = cols[b + 1], keys = linkKeys[b];
        let k = 0;
        for (let from = 0; from < shown[b]; from++) {
          for (let to = 0; to < shown[b + 1]; to++, k++) {
            const key = linkKey(w[from * out + to]);
            if (keys[k] === key) continue;
            keys[k] = key;
            setLink(linkEls[b][k], key);
          }
        }
      }
    }
    if (data.biases) {
      for (let l = 0; l < biasEls.length; l++) {
        const b = biases[l];
        if (!b) continue;
        for (let u = 0; u < biasEls[l].length; u++) {
          const key = biasKey(b[u]);
          if (biasKeys[l][u] === key) continue;
          biasKeys[l][u] = key;
          biasEls[l][u].setAttribute('fill', biasFill(key, b[u]));
        }
      }
    }
    if (data.thumbs) setThumbs(imgEls, data.thumbs);
  }

  function setLink(p, key) {
    p.setAttribute('stroke', linkStroke(key));
    p.setAttribute('stroke-width', key < 0 ? '1' : linkWidth(key).toFixed(2));
  }

  function setThumbs(imgs, thumbs) {
    for (let c = 0; c < imgs.length; c++) {
      for (let u = 0; u < imgs[c].length; u++) {
        const t = thumbs(c, u);
        // no map for this neuron (e.g. a CSV with other than 2 inputs): show none, not a stale one
        if (!t) { imgs[c][u].removeAttribute('href'); continue; }
        const url = mapToDataURL(t.values, t.res, t);
        if (url) imgs[c][u].setAttribute('href', url);
      }
    }
  }

  // ---- live mode: the canvas under the SVG ----
  // The painter's geometry, in the SVG's user units (plain data: a worker could paint it too).
  function paintGeometry() {
    const { pos, node: S } = geo;
    const links = linkEls.map((list) => list.map((p) => {
      const a = pos[+p.dataset.block][+p.dataset.from], z = pos[+p.dataset.block + 1][+p.dataset.to];
      return [a.x + S, a.y + S / 2, z.x, z.y + S / 2];
    }));
    const nodes = pos.map((col) => col.map((q) => [q.x, q.y]));
    const biasBoxes = pos.slice(1).map((col) => col.map((q) => [q.x - 5, q.y + S - 7, 7]));
    return { width: geo.width, height: geo.height, node: S, cols: geo.cols, shown: geo.shown, links, nodes, biases: biasBoxes };
  }

  let observed = false, cssW = 0, cssH = 0, sent = '';
  // options.filter() → the CSS filter the paint layer is drawn through (a widget's dark theme;
  // the painter applies it, not CSS on the box: see diagram-paint.js)
  const filterNow = () => (typeof options.filter === 'function' ? options.filter() || 'none' : 'none');
  function paintNow() {
    if (!cssW) return;  // not laid out yet: the resize observer paints
    painter.setFilter(filterNow());
    painter.paint(canvas.getContext('2d'), canvas.width / geo.width);
  }
  // The canvas follows the SVG's laid-out size (it scales with its box), at device pixels.
  function fitCanvas(w, h, fresh = false) {
    const dpr = (typeof devicePixelRatio === 'number' && devicePixelRatio) || 1;
    cssW = w; cssH = h;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    const pw = Math.max(1, Math.round(w * dpr)), ph = Math.max(1, Math.round(h * dpr));
    if (remote) {
      // the OffscreenCanvas is sized where it is painted; tell it only what changed
      const filter = filterNow(), key = `${pw}x${ph} ${filter}`;
      if (geo && w && (fresh || key !== sent)) { sent = key; remote(fresh ? paintGeometry() : null, pw, ph, canvas, filter); }
      return;
    }
    if (canvas.width !== pw || canvas.height !== ph) { canvas.width = pw; canvas.height = ph; }
    if (geo && w) paintNow();
  }
  function startLive() {
    if (painter) painter.setGeometry(paintGeometry());
    Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' });
    canvas.setAttribute('aria-hidden', 'true');
    svg.style.position = 'relative';  // painted above the (positioned) canvas
    if (!observed && typeof ResizeObserver === 'function') {
      observed = true;
      new ResizeObserver((entries) => {
        const r = entries[entries.length - 1].contentRect;
        fitCanvas(r.width, r.height);
      }).observe(svg);
    }
    const r = svg.getBoundingClientRect();
    fitCanvas(r.width, r.height, true);
  }

  // An SVG copy that shows what the canvas shows (the export: attributes and data: URL images).
  function materialize(copy) {
    if (!live || !geo) return copy;
    const bg = copy.querySelector(':scope > rect');  // the background, the SVG's first rect
    if (bg) bg.setAttribute('fill', '#ffffff');
    for (const p of copy.querySelectorAll('path.link')) {
      const t = { kind: 'weight', block: +p.dataset.block, from: +p.dataset.from, to: +p.dataset.to };
      if (!weights[t.block]) { p.setAttribute('stroke', '#c8cacc'); p.setAttribute('stroke-width', '1'); } else setLink(p, linkKey(valueOf(t)));
    }
    const imgs = [];
    for (const n of copy.querySelectorAll('.node:not(.off)')) {
      const c = +n.dataset.layer + 1, u = +n.dataset.unit;
      const r = n.querySelector('rect');
      r.setAttribute('fill', NODE_FILL);
      const img = document.createElementNS(NS, 'image');
      for (const k of ['x', 'y', 'width', 'height']) img.setAttribute(k, r.getAttribute(k));
      img.setAttribute('preserveAspectRatio', 'none');
      r.after(img);
      (imgs[c] ||= [])[u] = img;
      const b = n.querySelector('.bias');
      if (b) {
        const v = valueOf({ kind: 'bias', layer: c - 1, unit: u });
        b.setAttribute('fill', biases[c - 1] ? biasFill(biasKey(v), v) : '#e8eaeb');
      }
    }
    if (lastThumbs) setThumbs(imgs.map((x) => x || []), lastThumbs);
    return copy;
  }

  // What the pointer is over, in API terms.
  function targetOf(node) {
    const f = node.closest && node.closest('.node[data-feature]');
    if (f) return { kind: 'feature', key: f.dataset.feature, on: f.dataset.on === 'true' };
    const link = node.closest && node.closest('.link');
    if (link) {
      return { kind: 'weight', block: +link.dataset.block, from: +link.dataset.from, to: +link.dataset.to };
    }
    const n = node.closest && node.closest('.node');
    if (n && +n.dataset.layer >= 0) return { kind: 'bias', layer: +n.dataset.layer, unit: +n.dataset.unit };
    return null;
  }

  function valueOf(t) {
    if (!t || !geo || t.kind === 'feature') return NaN;
    if (t.kind === 'weight') {
      const w = weights[t.block];
      return w ? w[t.from * geo.cols[t.block + 1] + t.to] : NaN;
    }
    const b = biases[t.layer];
    return b ? b[t.unit] : NaN;
  }

  function describe(t, inputs) {
    if (!t) return '';
    if (t.kind === 'feature') {
      const label = (model0.inputSlots || []).find((x) => x.key === t.key)?.label ?? t.key;
      return t.on ? `input ${label}: used; click to leave it out` : `input ${label}: not used; click to use it`;
    }
    const name = (c, u) => (c === 0 ? inputs[u] : `h${c},${u + 1}`);
    if (t.kind === 'weight') {
      const toName = t.block + 1 === geo.cols.length - 1 ? `out${t.to + 1}` : name(t.block + 1, t.to);
      return `weight ${name(t.block, t.from)} → ${toName} = ${fmtNum(valueOf(t), 4)}`;
    }
    return `bias of neuron ${t.unit + 1} in layer ${t.layer + 1} = ${fmtNum(valueOf(t), 4)}`;
  }

  svg.addEventListener('pointerover', (e) => handlers.hover && handlers.hover(targetOf(e.target)));
  svg.addEventListener('pointerleave', () => handlers.hover && handlers.hover(null));
  const act = (t) => {
    if (t && t.kind === 'feature') { if (handlers.feature) handlers.feature(t); return true; }
    if (t && handlers.select) { handlers.select(t); return true; }
    return false;
  };
  svg.addEventListener('click', (e) => act(targetOf(e.target)));
  svg.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    if (act(targetOf(e.target))) e.preventDefault();
  });
  svg.addEventListener('focusin', (e) => handlers.hover && handlers.hover(targetOf(e.target)));

  // Image inputs: the picture shown for the input layer (a blob: or same-origin URL; '' for none).
  function setInputImage(href) {
    inputImageHref = href || '';
    if (inputImageEl) {
      if (inputImageHref) inputImageEl.setAttribute('href', inputImageHref);
      else inputImageEl.removeAttribute('href');
    }
  }

  // The theme changed (options.filter may answer differently): paint the layer again.
  function refilter() { if (live && geo && cssW) fitCanvas(cssW, cssH); }

  function setCanvas(c) {
    canvas.replaceWith(c);
    canvas = c;
    sent = '';
    if (geo) startLive();
  }

  if (live) liveDiagrams.set(svg, materialize);
  return { render, update, valueOf, describe, setInputImage, setCanvas, refilter, get geometry() { return geo; } };
}
const liveDiagrams = new WeakMap();  // svg → materialize(copy), for svgToString

// The drawing as a standalone SVG file; names from a CSV may hold any character (escape.js).
export function svgToString(svg) {
  const copy = svg.cloneNode(true);
  copy.setAttribute('xmlns', NS);
  copy.style.removeProperty('position');
  if (!copy.getAttribute('style')) copy.removeAttribute('style');
  if (liveDiagrams.has(svg)) liveDiagrams.get(svg)(copy);
  return xmlDocument(copy);
}
