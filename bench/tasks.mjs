// The end-to-end workloads of issue 6, described once for every engine: three
// training steps (forward + backward + SGD update on one minibatch) and two grid
// evaluations (100×100 points with every neuron's map). Data is pre-made and
// deterministic; each engine cycles through the same POOL batches.
import { randomFloats } from './timing.mjs';

export const POOL = 16;   // distinct minibatches per task
export const LR = 0.03;

export const TRAIN = [
  { id: 'train 2-8-8-1 tanh ½MSE b10', inputs: 2, hidden: [8, 8], act: 'tanh', outputs: 1, out: 'tanh',
    loss: 'half_mse', batch: 10 },
  { id: 'train 2-256-128-64-1 ReLU BCE b32', inputs: 2, hidden: [256, 128, 64], act: 'relu', outputs: 1,
    out: 'sigmoid', loss: 'bce', batch: 32 },
  { id: 'train 784-256-128-64-10 ReLU softmax-CE b64', inputs: 784, hidden: [256, 128, 64], act: 'relu',
    outputs: 10, out: 'softmax', loss: 'softmax_ce', batch: 64 },
];

export const GRID_RES = 100;
export const GRID = [
  { id: 'grid 100×100 2-8-8-1', inputs: 2, hidden: [8, 8], act: 'tanh', outputs: 1, out: 'tanh', loss: 'half_mse' },
  { id: 'grid 100×100 2-256-128-64-1', inputs: 2, hidden: [256, 128, 64], act: 'relu', outputs: 1, out: 'sigmoid',
    loss: 'bce' },
];

// Multiply-adds per sample of a forward pass.
export function macs(t) {
  const w = [t.inputs, ...t.hidden, t.outputs];
  let s = 0;
  for (let i = 1; i < w.length; ++i) s += w[i - 1] * w[i];
  return s;
}

// POOL batches of (x, y); y encoded for the loss (±1 for half_mse with tanh as in
// TF Playground, 0/1 for bce, one-hot for softmax_ce).
export function makeBatches(t) {
  const out = [];
  for (let p = 0; p < POOL; ++p) {
    const n = t.batch;
    const x = t.inputs === 2 ? randomFloats(n * 2, 100 + p, 6) : randomFloats(n * t.inputs, 100 + p, 1).map(Math.abs);
    const y = new Float32Array(n * t.outputs);
    for (let r = 0; r < n; ++r) {
      const c = t.inputs === 2 ? (x[r * 2] * x[r * 2 + 1] >= 0 ? 1 : 0) : (r * 7 + p) % t.outputs;
      if (t.loss === 'softmax_ce') y[r * t.outputs + c] = 1;
      else y[r] = t.loss === 'half_mse' ? (c ? 1 : -1) : c;
    }
    out.push({ x, y, n });
  }
  return out;
}

// Cell centres of the grid, row-major with row 0 at yMax (nnplay's order).
export function gridPoints(res = GRID_RES, lo = -6, hi = 6) {
  const p = new Float32Array(res * res * 2);
  const d = (hi - lo) / res;
  for (let r = 0; r < res; ++r)
    for (let c = 0; c < res; ++c) {
      p[(r * res + c) * 2] = lo + (c + 0.5) * d;
      p[(r * res + c) * 2 + 1] = hi - (r + 0.5) * d;
    }
  return p;
}
