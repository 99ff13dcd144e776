// A drawing pad (issue 15): the reader draws a digit with a mouse, a finger or a pen (pointer
// events) or the keyboard (arrow keys move a cursor, Space lifts and lowers the pen, Enter inks
// one cell, Delete clears). It turns the strokes into a 28 × 28 image the way MNIST's were made:
// the ink's bounding box scaled into 20 × 20, centred by its centre of mass. Owns its canvas and
// nothing else; tells the caller through onChange(x | null) (null: nothing drawn).
const SIDE = 28;
const SCALE = 10;            // the canvas is 280 × 280
const BRUSH = 22;            // stroke width in canvas pixels

export function createDigitPad(canvas, { onChange }) {
  canvas.width = canvas.height = SIDE * SCALE;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const work = document.createElement('canvas');
  work.width = work.height = SIDE;
  const wctx = work.getContext('2d', { willReadFrequently: true });
  let last = null, inked = false, shown = null;  // shown: a test image drawn on the pad
  const cursor = { x: 14, y: 14, down: false };

  function clear(silent) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    inked = false; shown = null;
    if (!silent) onChange(null);
  }
  function style() {
    ctx.strokeStyle = '#111'; ctx.fillStyle = '#111';
    ctx.lineWidth = BRUSH; ctx.lineCap = 'round'; ctx.lineJoin = 'round';
  }
  function line(a, b) {
    if (shown) clear(true);
    style();
    ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
    inked = true;
  }
  let pending = false;
  function changed() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; onChange(image()); });
  }
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * (canvas.width / r.width), y: (e.clientY - r.top) * (canvas.height / r.height) };
  };
  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    canvas.setPointerCapture?.(e.pointerId);
    last = at(e);
    line(last, { x: last.x + 0.01, y: last.y });
    changed();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    const p = at(e);
    line(last, p);
    last = p;
    changed();
  });
  const up = () => { if (last) { last = null; changed(); } };
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('keydown', (e) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const centre = (c) => ({ x: (c.x + 0.5) * SCALE, y: (c.y + 0.5) * SCALE });
    if (moves[e.key]) {
      const from = centre(cursor);
      cursor.x = Math.max(0, Math.min(SIDE - 1, cursor.x + moves[e.key][0]));
      cursor.y = Math.max(0, Math.min(SIDE - 1, cursor.y + moves[e.key][1]));
      if (cursor.down) { line(from, centre(cursor)); changed(); }
    } else if (e.key === ' ') {
      cursor.down = !cursor.down;
      if (cursor.down) { const c = centre(cursor); line(c, { x: c.x + 0.01, y: c.y }); changed(); }
    } else if (e.key === 'Enter') {
      const c = centre(cursor); line(c, { x: c.x + 0.01, y: c.y }); changed();
    } else if (e.key === 'Delete' || e.key === 'Backspace' || e.key === 'c') {
      clear();
    } else return;
    e.preventDefault();
    drawCursor();
  });
  canvas.addEventListener('blur', () => { cursor.down = false; });
  function drawCursor() {
    canvas.dataset.cursor = `${cursor.x},${cursor.y}${cursor.down ? ',down' : ''}`;
    canvas.setAttribute('aria-valuetext', `cursor at column ${cursor.x + 1}, row ${cursor.y + 1}, pen ${cursor.down ? 'down' : 'up'}`);
  }

  // The drawing as 784 values in 0..1, MNIST-style; null when nothing is drawn.
  function image() {
    if (shown) return shown.slice();
    if (!inked) return null;
    const { width: W, height: H } = canvas;
    const a = ctx.getImageData(0, 0, W, H).data;
    let x0 = W, y0 = H, x1 = -1, y1 = -1;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      if (a[(y * W + x) * 4 + 3] > 20) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
    }
    if (x1 < 0) return null;
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1, k = 20 / Math.max(bw, bh);
    const dw = bw * k, dh = bh * k;
    wctx.clearRect(0, 0, SIDE, SIDE);
    wctx.imageSmoothingEnabled = true;
    wctx.imageSmoothingQuality = 'high';
    wctx.drawImage(canvas, x0, y0, bw, bh, (SIDE - dw) / 2, (SIDE - dh) / 2, dw, dh);
    const small = wctx.getImageData(0, 0, SIDE, SIDE).data;
    const v = new Float32Array(SIDE * SIDE);
    let sum = 0, cx = 0, cy = 0;
    for (let i = 0; i < v.length; i++) {
      v[i] = small[i * 4 + 3] / 255;
      sum += v[i]; cx += v[i] * (i % SIDE); cy += v[i] * Math.floor(i / SIDE);
    }
    // shift so the centre of mass sits at the middle, as MNIST's preprocessing did
    const sx = Math.round(13.5 - cx / sum), sy = Math.round(13.5 - cy / sum);
    const out = new Float32Array(SIDE * SIDE);
    for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) {
      const fx = x - sx, fy = y - sy;
      if (fx >= 0 && fx < SIDE && fy >= 0 && fy < SIDE) out[y * SIDE + x] = v[fy * SIDE + fx];
    }
    return out;
  }

  // Shows a test image (784 bytes) on the pad; it is the current image until the reader draws.
  function show(bytes) {
    clear(true);
    const big = ctx.createImageData(canvas.width, canvas.height);
    const px = new Uint32Array(big.data.buffer);
    for (let y = 0; y < canvas.height; y++) for (let x = 0; x < canvas.width; x++) {
      const v = bytes[Math.floor(y / SCALE) * SIDE + Math.floor(x / SCALE)];
      px[y * canvas.width + x] = ((v << 24) | 0x111111) >>> 0;  // ink #111 with the pixel as alpha
    }
    ctx.putImageData(big, 0, 0);
    shown = Float32Array.from(bytes, (b) => b / 255);
    onChange(shown.slice());
  }

  drawCursor();
  return { clear: () => clear(), image, show };
}
