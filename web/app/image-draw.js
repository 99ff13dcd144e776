// Pixel drawing for image datasets (issue 15): every image is written into an ImageData through a
// Uint32 colour look-up table, then put on a canvas once; no per-pixel canvas calls, no data:
// URLs. Pure functions over arrays plus a canvas to put the result on; weightGridPixels needs
// no DOM at all (the worker imports it). Importing builds the three LUTs and nothing else.

// RGBA bytes as one little-endian Uint32 (what a Uint32Array view of ImageData.data holds).
const pack = (r, g, b) => ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;

// Grey levels 0..255 → ink on paper (0 = white, 255 = near black), as a digit is seen.
export const INK_LUT = (() => {
  const t = new Uint32Array(256);
  for (let v = 0; v < 256; v++) { const c = 255 - Math.round(v * 0.9); t[v] = pack(c, c, c); }
  return t;
})();

// Signed values mapped to 0..255 (128 = zero): TF Playground's orange (negative) → white → blue.
export const SIGNED_LUT = (() => {
  const t = new Uint32Array(256);
  const neg = [245, 147, 34], pos = [8, 119, 189];
  for (let i = 0; i < 256; i++) {
    const a = (i - 128) / 127, c = a < 0 ? neg : pos, k = Math.min(1, Math.abs(a));
    t[i] = pack(...c.map((v) => Math.round(255 + (v - 255) * k)));
  }
  return t;
})();

// Activations ≥ 0 → white to blue.
export const HEAT_LUT = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) { const k = i / 255; t[i] = pack(Math.round(255 - 247 * k), Math.round(255 - 136 * k), Math.round(255 - 66 * k)); }
  return t;
})();

export function signedIndex(v, scale) {
  const i = Math.round(128 + 127 * (v / scale));
  return i < 1 ? 1 : i > 255 ? 255 : i;
}

// A canvas of w × h pixels and its Uint32 view (reused while the size stays).
export function pixelBuffer(canvas, w, h) {
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  let img = canvas._nnImage;
  if (!img || img.width !== w || img.height !== h) {
    img = canvas._nnImage = ctx.createImageData(w, h);
    canvas._nnPixels = new Uint32Array(img.data.buffer);
  }
  return { ctx, img, px: canvas._nnPixels };
}

// One grey image (bytes or 0..1 floats) onto a canvas of its size.
export function drawGrey(canvas, values, w, h, floats = false) {
  const { ctx, img, px } = pixelBuffer(canvas, w, h);
  for (let i = 0; i < w * h; i++) px[i] = INK_LUT[floats ? Math.round(values[i] * 255) : values[i]];
  ctx.putImageData(img, 0, 0);
}

// The first block's weights (in × units, w[from * units + to]) as one tile per neuron, each
// scaled by its own largest |weight|, in a grid with 1-pixel gaps: RGBA bytes and the grid's
// geometry. No DOM: the training worker makes it (issue 15: 200,704 weights → 214,369 pixels
// took 10-20 ms of the page's main thread per redraw) and transfers the pixels to the page.
// mask (optional, w × h): 0 where no training image has ink; drawn UNUSED and left out of the scale.
export const UNUSED = pack(232, 232, 232);
export function weightGridPixels(weights, units, w, h, mask = null) {
  const cols = Math.ceil(Math.sqrt(units)), rows = Math.ceil(units / cols);
  const W = cols * (w + 1) - 1, H = rows * (h + 1) - 1;
  const pixels = new Uint8ClampedArray(W * H * 4);
  const px = new Uint32Array(pixels.buffer);
  px.fill(pack(255, 255, 255));
  const n = w * h;
  for (let u = 0; u < units; u++) {
    let m = 1e-12;
    for (let i = 0; i < n; i++) { const a = Math.abs(weights[i * units + u]); if (a > m && (!mask || mask[i])) m = a; }
    const ox = (u % cols) * (w + 1), oy = Math.floor(u / cols) * (h + 1);
    for (let y = 0; y < h; y++) {
      let o = (oy + y) * W + ox, i = y * w;
      for (let x = 0; x < w; x++, i++) px[o++] = mask && !mask[i] ? UNUSED : SIGNED_LUT[signedIndex(weights[i * units + u], m)];
    }
  }
  return { pixels, width: W, height: H, cols, rows, tileW: w + 1, tileH: h + 1 };
}

// Puts RGBA pixels made elsewhere (weightGridPixels) on a canvas of their size; returns the geometry.
export function putPixels(canvas, g) {
  if (canvas.width !== g.width) canvas.width = g.width;
  if (canvas.height !== g.height) canvas.height = g.height;
  canvas.getContext('2d').putImageData(new ImageData(g.pixels, g.width, g.height), 0, 0);
  return { cols: g.cols, rows: g.rows, tileW: g.tileW, tileH: g.tileH };
}

// One neuron's weights as a w × h image.
export function drawNeuron(canvas, weights, units, unit, w, h, mask = null) {
  const { ctx, img, px } = pixelBuffer(canvas, w, h);
  let m = 1e-12;
  for (let i = 0; i < w * h; i++) if (!mask || mask[i]) m = Math.max(m, Math.abs(weights[i * units + unit]));
  for (let i = 0; i < w * h; i++) px[i] = mask && !mask[i] ? UNUSED : SIGNED_LUT[signedIndex(weights[i * units + unit], m)];
  ctx.putImageData(img, 0, 0);
}

// A layer's activations as a grid of cells (cols × rows pixels), scaled by the layer's maximum.
export function drawActivations(canvas, values, cols) {
  const n = values.length, rows = Math.ceil(n / cols);
  const { ctx, img, px } = pixelBuffer(canvas, cols, rows);
  let m = 1e-12;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(values[i]));
  px.fill(pack(240, 240, 240));
  for (let i = 0; i < n; i++) px[i] = HEAT_LUT[Math.min(255, Math.round(255 * Math.max(0, values[i]) / m))];
  ctx.putImageData(img, 0, 0);
}
