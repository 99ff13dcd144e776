// Train and test loss over epochs, on a canvas, with axes (loss from 0 to the largest value
// shown; epochs from the first to the last) and a legend. Keeps its own history (thinned to at
// most MAX_POINTS by dropping every other point, so hours of training stay cheap to draw).
// Non-finite losses are not drawn. reset() starts a new history (a new network or new data).
// What never changes (background, axes, legend) is drawn once into a layer of its own and copied
// in each frame: its text was ~1 ms of every frame (issue 14's profile).
import { fmtInt, fmtLoss } from './format.js';

const MAX_POINTS = 2000;
const TRAIN_COLOR = '#999';
const TEST_COLOR = '#111';

// aggregate: false draws every point (the reference the M4 drawing is tested against).
// filter(): a CSS filter the finished chart is drawn through ('none': none), as a widget's
// dark theme draws its diagram (a CSS filter on the canvas would cost the compositor a
// filtered surface every frame: tests/browser/compositing.test.mjs).
export function createLossChart(canvas, { width = 300, height = 90, axes = true, aggregate = true, filter = null } = {}) {
  const dpr = (typeof devicePixelRatio === 'number' && devicePixelRatio) || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  let train = [], test = [], stride = 1, pending = 0;

  function reset() { train = []; test = []; stride = 1; pending = 0; draw(); }

  // one value per epoch
  function push(trainLosses, testLosses) {
    for (let i = 0; i < trainLosses.length; i++) {
      if (pending++ % stride !== 0) continue;
      train.push(trainLosses[i]);
      test.push(testLosses[i]);
      if (train.length > MAX_POINTS) {
        train = train.filter((_, j) => j % 2 === 0);
        test = test.filter((_, j) => j % 2 === 0);
        stride *= 2;
      }
    }
  }

  // The plot area in canvas pixels: room on the left for the loss labels, below for epochs.
  function area() {
    const W = canvas.width, H = canvas.height;
    if (!axes) return { x0: 0, y0: 2 * dpr, x1: W, y1: H - 2 * dpr };
    return { x0: 44 * dpr, y0: 14 * dpr, x1: W - 4 * dpr, y1: H - 14 * dpr };
  }

  // One line, one device pixel wide (Skia draws that as a hairline; at 1.5 px it outlined the
  // stroke first). Where there are more values than pixel columns, each column's run of values
  // is drawn through its first, lowest, highest and last value only (M4 aggregation, in index
  // order): the same pixels as every segment, at most four points a column. Stroking up to
  // 2,000 points a line, 1.5 px wide, every frame was most of a playground's frame by the end
  // of a 30 s run (ten widgets: the canvases' raster in the main thread's commit grew to 8 ms a
  // frame, bench/frames.mjs --profile=ten --thread=CrRendererMain).
  function line(values, max, color, a) {
    const n = values.length;
    ctx.strokeStyle = color;
    ctx.lineWidth = dpr;
    ctx.beginPath();
    const X = (i) => (n === 1 ? a.x1 : a.x0 + (i / (n - 1)) * (a.x1 - a.x0));
    const Y = (v) => a.y1 - Math.min(1, v / max) * (a.y1 - a.y0);
    let started = false;
    const to = (i) => {
      if (started) ctx.lineTo(X(i), Y(values[i])); else ctx.moveTo(X(i), Y(values[i]));
      started = true;
    };
    const m4 = aggregate && n > 4 * (a.x1 - a.x0);
    let col = NaN, first = -1, lo = -1, hi = -1, last = -1;
    const flush = () => {
      if (first < 0) return;
      // first ≤ lo, hi ≤ last: the extremes in the order they came, each point once
      const [m, M] = lo <= hi ? [lo, hi] : [hi, lo];
      to(first);
      if (m !== first) to(m);
      if (M !== m && M !== first) to(M);
      if (last !== M && last !== m && last !== first) to(last);
      first = lo = hi = last = -1;
    };
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) { flush(); started = false; continue; }
      if (!m4) { to(i); continue; }
      const c = Math.floor(X(i));
      if (c !== col) { flush(); col = c; }
      if (first < 0) { first = lo = hi = i; }
      if (v < values[lo]) lo = i;
      if (v > values[hi]) hi = i;
      last = i;
    }
    flush();
    ctx.stroke();
  }

  function label(text, x, y, align, color = '#666') {
    ctx.fillStyle = color;
    ctx.textAlign = align;
    ctx.fillText(text, x, y);
  }

  // The background, the axes, '0', 'epoch 0' and the legend: the same every frame.
  let still = null;
  function drawStill(c, a) {
    c.fillStyle = '#fafafa';
    c.fillRect(0, 0, canvas.width, canvas.height);
    if (!axes) return;
    c.strokeStyle = '#bbb';
    c.lineWidth = dpr;
    c.beginPath();
    c.moveTo(a.x0, a.y0); c.lineTo(a.x0, a.y1); c.lineTo(a.x1, a.y1);
    c.stroke();
    c.font = `${10 * dpr}px system-ui, sans-serif`;
    c.fillStyle = '#666';
    c.textBaseline = 'middle';
    c.textAlign = 'right';
    c.fillText('0', a.x0 - 3 * dpr, a.y1);
    c.textBaseline = 'top';
    c.textAlign = 'left';
    c.fillText('epoch 0', a.x0, a.y1 + 2 * dpr);
    // legend, top right: a short line in each colour and its name
    c.textBaseline = 'middle';
    c.textAlign = 'right';
    const y = 6 * dpr;
    let x = a.x1;
    for (const [name, color] of [['test loss', TEST_COLOR], ['training loss', TRAIN_COLOR]]) {
      const w = c.measureText(name).width;
      c.fillStyle = '#666';
      c.fillText(name, x, y);
      x -= w + 4 * dpr;
      c.strokeStyle = color; c.lineWidth = 2 * dpr;
      c.beginPath(); c.moveTo(x - 12 * dpr, y); c.lineTo(x, y); c.stroke();
      x -= 20 * dpr;
    }
  }
  function stillLayer(a) {
    const W = canvas.width, H = canvas.height;
    if (!still || still.width !== W || still.height !== H) {
      still = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(W, H) : document.createElement('canvas');
      still.width = W; still.height = H;
      drawStill(still.getContext('2d'), a);
    }
    return still;
  }

  // The loss axis's top and the epoch count: the parts of the axes that change.
  function drawAxes(a, max) {
    ctx.font = `${10 * dpr}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    if (max > 0) label(fmtLoss(max), a.x0 - 3 * dpr, a.y0, 'right');
    ctx.textBaseline = 'top';
    if (pending > 0) label(fmtInt(pending), a.x1, a.y1 + 2 * dpr, 'right');
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
  }

  function draw() {
    let max = 0;
    for (const v of train) if (v > max && v < Infinity) max = v;
    for (const v of test) if (v > max && v < Infinity) max = v;
    const a = area();
    ctx.drawImage(stillLayer(a), 0, 0);
    if (axes) drawAxes(a, max);
    // what the chart shows, for screen readers (and tests)
    canvas.setAttribute('aria-label', pending === 0 ? 'Loss chart: no epochs trained yet'
      : `Loss chart over ${fmtInt(pending)} epoch${pending === 1 ? '' : 's'}: training loss (grey line) and test loss (black line), loss axis from 0 to ${fmtLoss(max)}`);
    if (max > 0) {
      line(train, max, TRAIN_COLOR, a);
      line(test, max, TEST_COLOR, a);
    }
    const f = typeof filter === 'function' ? filter() : 'none';
    if (f && f !== 'none') {
      ctx.save();
      ctx.filter = f;
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(canvas, 0, 0);
      ctx.restore();
    }
  }

  // The losses as drawn: exact doubles, one per epoch while stride is 1 (the link-replay test
  // compares them with the CLI's).
  const values = () => ({ train: train.slice(), test: test.slice(), stride });
  return {
    push, draw, reset, values,
    get length() { return train.length; },
    /** Epochs pushed since the last reset (for tests and labels). */
    get epochs() { return pending; },
  };
}
