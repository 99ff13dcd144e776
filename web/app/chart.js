// Train and test loss over epochs, on a canvas. Keeps its own history (thinned to at most
// MAX_POINTS by dropping every other point, so hours of training stay cheap to draw).
// Non-finite losses are not drawn.
const MAX_POINTS = 2000;

export function createLossChart(canvas, { width = 300, height = 90 } = {}) {
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

  function line(values, max, color) {
    const W = canvas.width, H = canvas.height;
    const n = values.length;
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) { started = false; continue; }
      const x = n === 1 ? W : (i / (n - 1)) * W;
      const y = H - Math.min(1, v / max) * (H - 4 * dpr) - 2 * dpr;
      if (started) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      started = true;
    }
    ctx.stroke();
  }

  function draw() {
    const W = canvas.width, H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(0, 0, W, H);
    let max = 0;
    for (const v of train.concat(test)) if (Number.isFinite(v) && v > max) max = v;
    if (max <= 0) return;
    line(train, max, '#777');
    line(test, max, '#111');
  }

  return { push, draw, reset, get length() { return train.length; } };
}
