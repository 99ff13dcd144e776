// Canvas drawing of a function over the input square (-6..6)² and of data points on it:
// the decision-boundary map, neuron thumbnails and the quantisation preview. It draws only
// what it is given (plain arrays) and keeps no model; embeds reuse it.
// Maps are row-major res×res, y from top (+6) to bottom (−6), x from left (−6) to right (+6);
// with k outputs the value of unit j at cell i is values[i * k + j].

export const DOMAIN = [-6, 6];

// TF Playground's colour scale: −1 orange, 0 light grey, +1 blue.
const NEG = [245, 147, 34], MID = [232, 234, 235], POS = [8, 119, 189];
export const CLASS_COLORS = ['#f59322', '#0877bd', '#2ca02c', '#9467bd', '#d62728', '#8c564b', '#e377c2', '#17becf'];

export function colorFor(v) {
  if (!Number.isFinite(v)) return [128, 128, 128];
  const t = Math.max(-1, Math.min(1, v));
  const [a, b] = t < 0 ? [MID, NEG] : [MID, POS];
  const f = Math.abs(t);
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function cssColor(v) {
  const [r, g, b] = colorFor(v);
  return `rgb(${r | 0},${g | 0},${b | 0})`;
}

function hexRGB(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

// Colour lookup tables of packed RGBA pixels, built once: a map is painted by one table
// read and one 32-bit store per pixel (no per-pixel arrays, no string colours). Bytes are
// written through a Uint8Array view, so the packed order is right on any endianness.
const LUT_STEPS = 1024;  // −1…1 in 1024 steps: finer than the 8-bit colour channels
const PALE = 0.45;       // the map under points is mixed this far towards white, so points stay readable
const luts = new Map();
function pack(list) {
  const out = new Uint32Array(list.length);
  const bytes = new Uint8Array(out.buffer);
  list.forEach(([r, g, b], i) => { bytes[4 * i] = r; bytes[4 * i + 1] = g; bytes[4 * i + 2] = b; bytes[4 * i + 3] = 255; });
  return out;
}
const toward = (rgb, f) => rgb.map((c) => Math.round(c + (255 - c) * f));
// signed: index 0…LUT_STEPS-1 covers −1…1, the last entry is NaN's grey.
function signedLUT(pale) {
  const key = `s${pale}`;
  if (!luts.has(key)) {
    const list = [];
    for (let i = 0; i < LUT_STEPS; i++) list.push(toward(colorFor(-1 + (2 * i) / (LUT_STEPS - 1)), pale));
    list.push(toward([128, 128, 128], pale));
    luts.set(key, pack(list));
  }
  return luts.get(key);
}
// classes: 256 confidence steps (0…1 of the class colour over white) per class colour.
function classLUT(pale) {
  const key = `c${pale}`;
  if (!luts.has(key)) {
    const list = [];
    for (const c of CLASS_COLORS.map(hexRGB)) {
      for (let i = 0; i < 256; i++) {
        const f = i / 255;
        list.push(toward([255 + (c[0] - 255) * f, 255 + (c[1] - 255) * f, 255 + (c[2] - 255) * f], pale));
      }
    }
    luts.set(key, pack(list));
  }
  return luts.get(key);
}

// Fills an ImageData (res×res) from values. opts.mode: 'signed' (−1..1, tanh or regression),
// 'prob' (0..1, sigmoid: shown as 2p−1), 'classes' (k softmax outputs per cell).
// opts.pale: mix towards white (the main map, under the data points).
export function paintImage(img, values, res, opts = {}) {
  const { mode = 'signed', outputs = 1, discretize = false, pale = false } = opts;
  const px = new Uint32Array(img.data.buffer, img.data.byteOffset, res * res);
  const n = res * res;
  const p = pale ? PALE : 0;
  if (mode === 'classes') {
    const lut = classLUT(p), nc = CLASS_COLORS.length;
    for (let i = 0; i < n; i++) {
      let best = 0, bv = -Infinity;
      for (let j = 0; j < outputs; j++) {
        const v = values[i * outputs + j];
        if (v > bv) { bv = v; best = j; }
      }
      // confidence above chance fades the class colour in from white (at most 0.8 of it)
      const f = discretize ? 0.75 : Math.max(0, Math.min(1, (bv - 1 / outputs) / (1 - 1 / outputs))) * 0.8;
      px[i] = lut[(best % nc) * 256 + Math.round(f * 255)];
    }
    return img;
  }
  const lut = signedLUT(p), half = (LUT_STEPS - 1) / 2;
  const prob = mode === 'prob';
  for (let i = 0; i < n; i++) {
    let v = values[i * outputs];
    if (prob) v = 2 * v - 1;
    if (discretize) v = v >= 0 ? 1 : -1;
    // as colorFor: clamped to −1…1, NaN and ±inf grey
    if (v >= -1 && v <= 1) px[i] = lut[Math.round((v + 1) * half)];
    else if (v > 1 && v < Infinity) px[i] = lut[LUT_STEPS - 1];
    else if (v < -1 && v > -Infinity) px[i] = lut[0];
    else px[i] = lut[LUT_STEPS];
  }
  return img;
}

// A small canvas and ImageData reused for every thumbnail; the diagram shows each as a data: URL
// image (small per-node images re-rasterise cheaply when the links around them change).
let scratch = null, scratchImg = null;
export function mapToDataURL(values, res, opts) {
  if (typeof document === 'undefined') return null;
  if (!scratch || scratch.width !== res) {
    scratch = document.createElement('canvas');
    scratch.width = scratch.height = res;
    scratchImg = scratch.getContext('2d').createImageData(res, res);
  }
  paintImage(scratchImg, values, res, opts);
  scratch.getContext('2d').putImageData(scratchImg, 0, 0);
  return scratch.toDataURL();
}

// Maps drawn since load, for the frames benchmark (bench/frames.mjs reads it through the page).
export const heatmapStats = { maps: 0 };

// A scratch canvas: an OffscreenCanvas where there is one (always in a worker), else a page's.
function scratchCanvas() {
  return typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
}

// A heatmap canvas with points on top. size is in CSS pixels; the backing store follows
// devicePixelRatio so points stay crisp. The map is painted into one reused ImageData through
// the colour tables; the points, which do not change while training, are drawn once into a
// layer of their own and copied on top each frame. In the training worker (session-map.js)
// canvas is an OffscreenCanvas the page handed over, already sized: size null, opts.dpr the page's.
export function createHeatmap(canvas, size = 300, opts = {}) {
  const dpr = opts.dpr || (typeof devicePixelRatio === 'number' && devicePixelRatio) || 1;
  if (size != null) canvas.width = canvas.height = Math.round(size * dpr);
  const ctx = canvas.getContext('2d');
  const off = scratchCanvas();
  const octx = off.getContext('2d');
  let img = null;
  const dots = scratchCanvas();
  let dotsKey = null, dotsPoints = null;
  let last = null;

  function toPixel(x1, x2) {
    const s = canvas.width / (DOMAIN[1] - DOMAIN[0]);
    return [(x1 - DOMAIN[0]) * s, (DOMAIN[1] - x2) * s];
  }

  function draw(map, points, opts = {}) {
    last = { map, points, opts };
    const W = canvas.width;
    if (map) {
      if (off.width !== map.res) { off.width = off.height = map.res; img = null; }
      if (!img) img = octx.createImageData(map.res, map.res);
      paintImage(img, map.values, map.res, { ...opts, outputs: map.outputs || 1, pale: !!points });
      octx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = !opts.discretize;
      ctx.drawImage(off, 0, 0, W, W);
      heatmapStats.maps++;
    } else {
      ctx.fillStyle = '#f4f4f4';
      ctx.fillRect(0, 0, W, W);
    }
    if (points) {
      const key = `${W}|${!!opts.showTest}|${dpr}`;
      if (dotsKey !== key || dotsPoints !== points) {
        dots.width = dots.height = W;
        drawPoints(dots.getContext('2d'), points, opts);
        dotsKey = key;
        dotsPoints = points;
      }
      ctx.drawImage(dots, 0, 0);
    }
  }

  // points: {x1, x2, labels, trainSize, classes}; test points drawn only with showTest.
  function drawPoints(c, p, opts) {
    const r = 3.2 * dpr;
    const n = p.x1.length;
    c.lineWidth = dpr;
    for (let i = 0; i < n; i++) {
      const test = i >= p.trainSize;
      if (test && !opts.showTest) continue;
      const [px, py] = toPixel(p.x1[i], p.x2[i]);
      const lab = p.labels[i];
      c.fillStyle = p.classes === 0 ? cssColor(lab)
        : p.classes === 2 ? (lab >= 1 ? CLASS_COLORS[1] : CLASS_COLORS[0])
          : CLASS_COLORS[lab % CLASS_COLORS.length];
      c.beginPath();
      c.arc(px, py, r, 0, 2 * Math.PI);
      c.fill();
      c.strokeStyle = test ? '#000' : '#fff';
      c.stroke();
    }
  }

  const toData = (offsetX, offsetY) => mapCoords(canvas, offsetX, offsetY);
  return { draw, redraw: () => last && draw(last.map, last.points, last.opts), toData, canvas };
}

// CSS-pixel offset within a map's canvas (on the page) → data coordinates.
export function mapCoords(canvas, offsetX, offsetY) {
  const rect = canvas.getBoundingClientRect();
  const fx = offsetX / rect.width, fy = offsetY / rect.height;
  return [DOMAIN[0] + fx * (DOMAIN[1] - DOMAIN[0]), DOMAIN[1] - fy * (DOMAIN[1] - DOMAIN[0])];
}
