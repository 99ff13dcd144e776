// A drawing pad (issue 15): the reader draws a digit with a mouse, a finger or a pen (pointer
// events) or the keyboard (arrow keys move a cursor, Space lifts and lowers the pen, Enter inks
// one cell, Delete clears). It turns the strokes into a 28 × 28 image the way MNIST's were made:
// the ink's bounding box scaled into 20 × 20, centred by its centre of mass; for images of another
// size (a CSV's pixel columns, setSize) the same proportions (20/28 of each side). Owns its canvas
// and nothing else; tells the caller through onChange(x | null) (null: nothing drawn).
const PAD = 280;             // the canvas is 280 × 280 whatever the image size
const BRUSH = 22;            // stroke width in canvas pixels (for 28 × 28; scaled with the cell)

export function createDigitPad(canvas, { onChange }) {
  canvas.width = canvas.height = PAD;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const work = document.createElement('canvas');
  const wctx = work.getContext('2d', { willReadFrequently: true });
  let W = 28, H = 28;          // the image's size in pixels
  let last = null, inked = false, shown = null;  // shown: a test image drawn on the pad
  const cursor = { x: 14, y: 14, down: false };
  const cell = () => ({ x: PAD / W, y: PAD / H });

  function clear(silent) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    inked = false; shown = null;
    if (!silent) onChange(null);
  }
  function style() {
    ctx.strokeStyle = '#111'; ctx.fillStyle = '#111';
    ctx.lineWidth = BRUSH * Math.min(1.5, Math.max(cell().x, cell().y) / 10); ctx.lineCap = 'round'; ctx.lineJoin = 'round';
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
    const centre = (c) => ({ x: (c.x + 0.5) * cell().x, y: (c.y + 0.5) * cell().y });
    if (moves[e.key]) {
      const from = centre(cursor);
      cursor.x = Math.max(0, Math.min(W - 1, cursor.x + moves[e.key][0]));
      cursor.y = Math.max(0, Math.min(H - 1, cursor.y + moves[e.key][1]));
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

  // The drawing as W × H values in 0..1 (784 for 28 × 28), MNIST-style; null when nothing is drawn.
  function image() {
    if (shown) return shown.slice();
    if (!inked) return null;
    const a = ctx.getImageData(0, 0, PAD, PAD).data;
    let x0 = PAD, y0 = PAD, x1 = -1, y1 = -1;
    for (let y = 0; y < PAD; y++) for (let x = 0; x < PAD; x++) {
      if (a[(y * PAD + x) * 4 + 3] > 20) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
    }
    if (x1 < 0) return null;
    // the ink's box, in image pixels, scaled to fit 20/28 of each side (20 × 20 for MNIST)
    const bw = (x1 - x0 + 1) * W / PAD, bh = (y1 - y0 + 1) * H / PAD;
    const k = Math.min(W * 20 / 28 / bw, H * 20 / 28 / bh);
    const dw = bw * k, dh = bh * k;
    if (work.width !== W) work.width = W;
    if (work.height !== H) work.height = H;
    wctx.clearRect(0, 0, W, H);
    wctx.imageSmoothingEnabled = true;
    wctx.imageSmoothingQuality = 'high';
    wctx.drawImage(canvas, x0, y0, x1 - x0 + 1, y1 - y0 + 1, (W - dw) / 2, (H - dh) / 2, dw, dh);
    const small = wctx.getImageData(0, 0, W, H).data;
    const v = new Float32Array(W * H);
    let sum = 0, cx = 0, cy = 0;
    for (let i = 0; i < v.length; i++) {
      v[i] = small[i * 4 + 3] / 255;
      sum += v[i]; cx += v[i] * (i % W); cy += v[i] * Math.floor(i / W);
    }
    // shift so the centre of mass sits at the middle, as MNIST's preprocessing did
    const sx = Math.round((W - 1) / 2 - cx / sum), sy = Math.round((H - 1) / 2 - cy / sum);
    const out = new Float32Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const fx = x - sx, fy = y - sy;
      if (fx >= 0 && fx < W && fy >= 0 && fy < H) out[y * W + x] = v[fy * W + fx];
    }
    return out;
  }

  // Shows a test image (W × H bytes) on the pad; it is the current image until the reader draws.
  function show(bytes) {
    clear(true);
    const big = ctx.createImageData(PAD, PAD);
    const px = new Uint32Array(big.data.buffer);
    for (let y = 0; y < PAD; y++) for (let x = 0; x < PAD; x++) {
      const v = bytes[Math.floor(y * H / PAD) * W + Math.floor(x * W / PAD)];
      px[y * PAD + x] = ((v << 24) | 0x111111) >>> 0;  // ink #111 with the pixel as alpha
    }
    ctx.putImageData(big, 0, 0);
    shown = Float32Array.from(bytes, (b) => b / 255);
    onChange(shown.slice());
  }

  // Images of another size (a CSV's pixel columns): clears the pad.
  function setSize(w, h) {
    if (w === W && h === H) return;
    W = w; H = h;
    cursor.x = Math.floor(W / 2); cursor.y = Math.floor(H / 2);
    clear(true);
    drawCursor();
  }

  drawCursor();
  return { clear: () => clear(), image, show, setSize };
}
