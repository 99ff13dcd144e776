// What a training network diagram repaints every frame, on one 2D canvas under the diagram's
// SVG: the links (colour by sign, width by |weight|), the bias squares and the neuron maps
// (thumbnails). The SVG (web/app/diagram.js) keeps everything a reader points at, focuses,
// clicks or reads (nodes, invisible link hit-paths, labels); it no longer changes while a
// network trains, so the browser does not restyle, repaint and re-rasterise it every frame.
// Why (issue 14, bench/frames.mjs --profile): writing ~400 link attributes and 56 data: URL
// thumbnails per frame was most of the page's drawing time, and each change re-rasterised the
// whole SVG. Here a frame is one canvas repaint, done only when a rounded colour or width (the
// keys below) or a thumbnail changed.
// DOM-free: it paints on any 2D context (a page canvas's, or an OffscreenCanvas's in a worker)
// from plain data: geometry from diagram.js (`geometry`), weights as (in, out) row-major
// w[from * out + to], biases per layer, thumbnails as {values, res, mode}.
import { cssColor, paintImage } from './heatmap.js';

export const NODE_FILL = '#f4f4f4';
// A link or bias is repainted only when one of these rounded values changes.
export const COLOUR_STEPS = 128;  // over −1…1, finer than the eye tells apart on a 1–8 px line
const WIDTH_STEP = 0.05;
// key = colour step · 4096 + width step; −1 for a non-finite weight (drawn grey, 1 px)
export const linkKey = (v) => (Number.isFinite(v)
  ? Math.round((Math.max(-1, Math.min(1, v)) + 1) * COLOUR_STEPS) * 4096 + Math.round(Math.min(8, 0.6 + 1.8 * Math.abs(v)) / WIDTH_STEP)
  : -1);
export const biasKey = (v) => (Number.isFinite(v) ? Math.round((Math.max(-1, Math.min(1, v)) + 1) * COLOUR_STEPS) : -1);
const colours = new Map();  // colour step → CSS string, made once
export function keyColour(q) {
  if (q < 0) return '#888';
  if (!colours.has(q)) colours.set(q, cssColor(q / COLOUR_STEPS - 1));
  return colours.get(q);
}
export const linkStroke = (key) => (key < 0 ? '#888' : keyColour(Math.floor(key / 4096)));
export const linkWidth = (key) => (key < 0 ? 1 : (key % 4096) * WIDTH_STEP);
export const biasFill = (key, v) => (key < 0 ? cssColor(v) : keyColour(key));

// A scratch canvas for the thumbnail atlas: OffscreenCanvas where there is one (workers, and
// every current browser's page), else a page canvas.
function scratchCanvas(w, h) {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w; c.height = h;
  return c;
}

export function createDiagramPainter() {
  let geo = null;
  let linkKeys = [], biasKeys = [];
  let biasValues = [];
  let atlas = null, atlasCtx = null, atlasImg = null, thumbRes = 0;
  let thumbOn = [];           // [column][unit] → whether the atlas cell holds a map
  let dirty = true;
  let filter = 'none';        // a CSS filter over the whole layer (a widget's dark theme)

  // geometry: {width, height, node, links: [block][k] → [x0, y0, x1, y1], nodes: [column][unit]
  // → [x, y], biases: [layer][unit] → [x, y, size]} in the SVG's user units.
  function setGeometry(g) {
    geo = g;
    linkKeys = g.links.map((l) => new Int32Array(l.length).fill(-2));
    biasKeys = g.biases.map((b) => new Int32Array(b.length).fill(-2));
    biasValues = g.biases.map((b) => new Float32Array(b.length).fill(NaN));
    thumbOn = g.nodes.map((c) => new Uint8Array(c.length));
    atlas = null; thumbRes = 0;
    dirty = true;
  }

  // Takes a frame's values; returns true when something drawn changed (then paint()).
  // weights[b]: Float32Array (in, out) of block b; biases[l]: Float32Array of layer l;
  // thumbs(column, unit) → {values, res, mode} | null.
  function update({ weights, biases, thumbs } = {}) {
    if (!geo) return false;
    const { cols, shown } = geo;
    if (weights) {
      for (let b = 0; b < linkKeys.length; b++) {
        const w = weights[b];
        // a frame of another network (its drawing is on its way) is not painted on this one
        if (!w || w.length !== cols[b] * cols[b + 1]) continue;
        const out = cols[b + 1], keys = linkKeys[b];
        let k = 0;
        for (let from = 0; from < shown[b]; from++) {
          for (let to = 0; to < shown[b + 1]; to++, k++) {
            const key = linkKey(w[from * out + to]);
            if (keys[k] !== key) { keys[k] = key; dirty = true; }
          }
        }
      }
    }
    if (biases) {
      for (let l = 0; l < biasKeys.length; l++) {
        const b = biases[l];
        if (!b || b.length !== cols[l + 1]) continue;
        for (let u = 0; u < biasKeys[l].length; u++) {
          const key = biasKey(b[u]);
          biasValues[l][u] = b[u];
          if (biasKeys[l][u] !== key) { biasKeys[l][u] = key; dirty = true; }
        }
      }
    }
    if (thumbs) { paintThumbs(thumbs); dirty = true; }
    return dirty;
  }

  // Every neuron's map into one atlas image (a res × res cell per neuron), put on it at once.
  let cellImg = null;
  function paintThumbs(thumbs) {
    const { nodes } = geo;
    const rows = Math.max(1, ...nodes.map((c) => c.length));
    let res = 0;
    const list = nodes.map((c, ci) => c.map((_, u) => {
      const t = thumbs(ci, u);
      if (t && !res) res = t.res;
      return t;
    }));
    if (!res) { for (const c of thumbOn) c.fill(0); return; }
    const W = nodes.length * res;
    if (!atlas || thumbRes !== res) {
      thumbRes = res;
      atlas = scratchCanvas(W, rows * res);
      atlasCtx = atlas.getContext('2d');
      atlasImg = atlasCtx.createImageData(W, rows * res);
      cellImg = atlasCtx.createImageData(res, res);
    }
    const dst = new Uint32Array(atlasImg.data.buffer), src = new Uint32Array(cellImg.data.buffer);
    for (let c = 0; c < nodes.length; c++) {
      for (let u = 0; u < nodes[c].length; u++) {
        const t = list[c][u];
        thumbOn[c][u] = t && t.res === res ? 1 : 0;
        if (!thumbOn[c][u]) continue;
        paintImage(cellImg, t.values, res, t);
        for (let y = 0; y < res; y++) dst.set(src.subarray(y * res, (y + 1) * res), (u * res + y) * W + c * res);
      }
    }
    atlasCtx.putImageData(atlasImg, 0, 0);
  }

  // Paints the whole layer at `scale` canvas pixels per SVG unit (the canvas is the SVG's size).
  function paint(ctx, scale) {
    dirty = false;
    if (!geo) return;
    const cw = ctx.canvas.width, ch = ctx.canvas.height;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, cw, ch);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.lineCap = 'butt';
    for (let b = 0; b < geo.links.length; b++) {
      const links = geo.links[b], keys = linkKeys[b];
      for (let k = 0; k < links.length; k++) {
        const key = keys[k];
        const [x0, y0, x1, y1] = links[k];
        const mx = (x0 + x1) / 2;
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1);
        ctx.strokeStyle = key === -2 ? '#c8cacc' : linkStroke(key);
        ctx.lineWidth = key === -2 ? 1 : linkWidth(key);
        ctx.stroke();
      }
    }
    const S = geo.node;
    ctx.imageSmoothingEnabled = true;
    for (let c = 0; c < geo.nodes.length; c++) {
      for (let u = 0; u < geo.nodes[c].length; u++) {
        const [x, y] = geo.nodes[c][u];
        ctx.fillStyle = NODE_FILL;
        ctx.fillRect(x, y, S, S);
        if (thumbOn[c] && thumbOn[c][u]) ctx.drawImage(atlas, c * thumbRes, u * thumbRes, thumbRes, thumbRes, x, y, S, S);
      }
    }
    for (let l = 0; l < geo.biases.length; l++) {
      for (let u = 0; u < geo.biases[l].length; u++) {
        const [x, y, s] = geo.biases[l][u];
        const key = biasKeys[l][u];
        ctx.fillStyle = key === -2 ? '#e8eaeb' : biasFill(key, biasValues[l][u]);
        ctx.fillRect(x, y, s, s);
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (filter !== 'none') {
      // the layer through the filter, once per paint: the same look as the CSS filter on its
      // box, which made the compositor draw every live widget through a filtered surface of
      // its own each frame (ten dark widgets: 23 fps against 60)
      ctx.save();
      ctx.filter = filter;
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(ctx.canvas, 0, 0);
      ctx.restore();
    }
  }

  // f: a CSS filter ('none', or e.g. 'invert(0.88) hue-rotate(180deg)'). True when it changed.
  function setFilter(f) {
    const next = typeof f === 'string' && f.trim() && f.length <= 300 ? f.trim() : 'none';
    if (next === filter) return false;
    filter = next;
    dirty = true;
    return true;
  }

  return {
    setGeometry, update, paint, setFilter,
    get dirty() { return dirty; },
    get geometry() { return geo; },
  };
}
