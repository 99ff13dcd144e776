// A module worker for the threads test and benchmark (tests/browser/threads.test.mjs,
// bench/threads.mjs): loads the JS API with the module asked for ('threads' or the default
// single-thread one) and answers one job. Served from the repo root by scripts/serve.mjs's
// createServer, on a page sent with or without cross-origin isolation.
import { createNNPlay } from '../../../web/lib/nnplay.mjs';

// Deterministic inputs (xorshift32): the same batches in every run and module.
function fill(n, seed, scale) {
  const v = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    v[i] = (s / 4294967296 * 2 - 1) * scale;
  }
  return v;
}

// n rows of a shape's inputs and one-hot / ±1 targets.
function batches(shape, rows) {
  const [inputs, outputs] = [shape[0], shape[shape.length - 1]];
  const x = fill(rows * inputs, 7 + inputs, inputs === 2 ? 6 : 1);
  const y = new Float32Array(rows * outputs);
  for (let r = 0; r < rows; r++) {
    if (outputs > 1) y[r * outputs + (r * 7) % outputs] = 1;
    else y[r] = x[r * inputs] * x[r * inputs + 1] >= 0 ? 1 : -1;
  }
  return { x, y };
}

// FNV-1a over the bytes of every weight and bias: equal only if every float has the same bits.
// (net.toJSON() would do too, but writes 784-256-128-64-10 in ~14 s.)
function paramsHash(net) {
  let h = 0x811c9dc5;
  for (let l = 0; l < net.layers.length; l++) {
    for (const a of [net.getWeights(l), net.getBiases(l)]) {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    }
  }
  return h.toString(16);
}

function network(nn, shape, activation) {
  const outputs = shape[shape.length - 1];
  return new nn.Network({
    inputs: shape[0],
    layers: [...shape.slice(1, -1).map((units) => ({ units, activation })),
      { units: outputs, activation: outputs > 1 ? 'softmax' : 'tanh' }],
    loss: outputs > 1 ? 'softmax_ce' : 'half_mse', init: 'glorot_uniform', seed: 3,
  });
}

const JOBS = {
  // Per-step losses, epoch losses and a hash of the final weights of a few training runs.
  runs(nn, { runs }) {
    return runs.map((r) => {
      const t0 = performance.now();
      const net = network(nn, r.shape, r.activation);
      const { x, y } = batches(r.shape, r.batch * r.steps);
      const losses = Array.from(net.trainSteps(x, y, r.steps,
        { optimizer: r.optimizer, lr: r.lr, batchSize: r.batch, threads: r.threads }));
      let epochs = [];
      if (r.shape[0] === 2) {  // and whole epochs on a 2-D set, as the page trains
        const data = nn.makeDataset('spiral', { samples: 200, noise: 0.1, seed: 5, trainRatio: 0.5 });
        epochs = net.trainEpochs(data, { epochs: 2, batchSize: r.batch, threads: r.threads })
          .map((e) => [e.train.loss, e.test.loss]);
        data.delete();
      }
      const params = paramsHash(net);
      net.delete();
      return { losses, epochs, params, ms: performance.now() - t0 };
    });
  },
  // Samples/s of training steps with 1 and 2 threads of one module, alternating in rounds.
  bench(nn, { cases, rounds, ms }) {
    const out = [];
    for (const c of cases) {
      const rate = { 1: [], 2: [] };
      const { x, y } = batches(c.shape, c.batch * 8);
      for (let round = 0; round < rounds; round++) {
        for (const t of round % 2 ? [2, 1] : [1, 2]) {
          const net = network(nn, c.shape, c.activation);
          const o = { optimizer: c.optimizer, lr: c.lr, batchSize: c.batch, threads: t };
          net.trainSteps(x, y, 8, o);  // warm-up: V8 tiers up, the pool wakes
          let steps = 0;
          const t0 = performance.now();
          while (performance.now() - t0 < ms) { net.trainSteps(x, y, 8, o); steps += 8; }
          rate[t].push(steps * c.batch * 1000 / (performance.now() - t0));
          net.delete();
        }
      }
      out.push({ id: c.id, rate });
    }
    return out;
  },
};

self.onmessage = async (e) => {
  const { build, threads, job } = e.data;
  try {
    const nn = await createNNPlay(build === 'threads' ? { build, threads } : {});
    postMessage({ threads: nn.threads, isolated: self.crossOriginIsolated === true, result: JOBS[job](nn, e.data) });
  } catch (err) {
    postMessage({ error: String(err && err.message || err), isolated: self.crossOriginIsolated === true });
  }
};
