// End-to-end benchmark, one process = one run: every engine does every task of
// tasks.mjs in this process, so ratios between engines compare like with like (WASM
// speed varies between node processes on this machine; run.mjs repeats processes).
//   node bench/e2e.mjs [--engines=nnplay,tfjs-wasm,tfjs-cpu,playground] [--quick]
// Prints one JSON object on stdout: { meta, results: { engine: { task: stats } } },
// stats = { rate (median units/s), min, max, samples, msPerCall, unit }.
import { createRequire } from 'node:module';
import os from 'node:os';
import { measure } from './timing.mjs';
import { TRAIN, GRID, GRID_RES, LR, POOL, makeBatches, gridPoints } from './tasks.mjs';
import * as pg from './playground_engine.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? true];
}));
const ENGINES = (args.engines ?? 'nnplay,tfjs-wasm,tfjs-cpu,playground').split(',');
const opts = args.quick ? { warmupMs: 50, sampleMs: 30, samples: 2, budgetMs: 600 } : {};
const require = createRequire(import.meta.url);
const log = (...m) => process.stderr.write(m.join(' ') + '\n');

// ---- nnplay through its public JS API ------------------------------------------
async function nnplayEngine() {
  const { createNNPlay } = await import('../web/lib/nnplay.mjs');
  const nn = await createNNPlay();
  const spec = (t) => ({
    inputs: t.inputs,
    layers: [...t.hidden.map((u) => ({ units: u, activation: t.act })), { units: t.outputs, activation: t.out }],
    loss: t.loss, init: 'glorot_uniform', seed: 1,
  });
  return {
    meta: { version: nn.version, simd: nn.simd },
    train(t) {
      const net = new nn.Network(spec(t));
      const batches = makeBatches(t);
      const o = { optimizer: 'sgd', lr: LR, batchSize: t.batch };
      let i = 0;
      return { fn: () => { const b = batches[i++ % POOL]; net.trainBatch(b.x, b.y, o); }, done: () => net.delete() };
    },
    grid(t) {
      const net = new nn.Network(spec(t));
      const o = { resolution: GRID_RES, neurons: true, features: ['x1', 'x2'] };
      return { fn: () => net.evaluateGrid(o), done: () => net.delete() };
    },
    // The same grid refilled into the previous result (`into`), as a loop redrawing its maps
    // calls it: one copy out of wasm memory and no new arrays. Its own column ('nnplay-into').
    gridInto(t) {
      const net = new nn.Network(spec(t));
      const o = { resolution: GRID_RES, neurons: true, features: ['x1', 'x2'] };
      o.into = net.evaluateGrid(o);
      return { fn: () => net.evaluateGrid(o), done: () => net.delete() };
    },
  };
}

// ---- nnplay, POOL batches per call (trainSteps) ------------------------------------
// Not like for like with the peers' one trainOnBatch per batch: reported in its own
// column, never used for a target. The page trains with trainEpochs (one call per
// epoch), which is closer to this than to trainBatch.
async function nnplayStepsEngine() {
  const base = await nnplayEngine();
  const { createNNPlay } = await import('../web/lib/nnplay.mjs');
  const nn = await createNNPlay();
  return {
    meta: { ...base.meta, calls: `trainSteps, ${POOL} batches per call` },
    train(t) {
      const net = new nn.Network({
        inputs: t.inputs,
        layers: [...t.hidden.map((u) => ({ units: u, activation: t.act })), { units: t.outputs, activation: t.out }],
        loss: t.loss, init: 'glorot_uniform', seed: 1,
      });
      const batches = makeBatches(t);
      const cat = (k) => {
        const n = batches.reduce((s, b) => s + b[k].length, 0), a = new Float32Array(n);
        let o = 0;
        for (const b of batches) { a.set(b[k], o); o += b[k].length; }
        return a;
      };
      const x = cat('x'), y = cat('y');
      const o = { optimizer: 'sgd', lr: LR, batchSize: t.batch };
      return { fn: () => net.trainSteps(x, y, POOL, o), done: () => net.delete(), units: t.batch * POOL };
    },
    grid() { return null; },
  };
}

// ---- TensorFlow.js: tf.sequential + trainOnBatch on pre-made tensors -------------
let tf, tfl;
async function tfjsEngine(backend) {
  tf ??= require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-backend-cpu');
  tfl ??= require('@tensorflow/tfjs-layers');
  let meta = { version: tf.version_core, backend };
  if (backend === 'wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    // One thread, the SIMD (non-threaded) binary shipped inside the npm package.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
    wasm.setThreadsCount(1);
    const dist = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm');
    wasm.setWasmPaths(dist.slice(0, dist.lastIndexOf('/') + 1));
    meta.binary = 'tfjs-backend-wasm-simd.wasm';
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
  if (backend === 'wasm') meta.threads = require('@tensorflow/tfjs-backend-wasm').getThreadsCount();
  const lossName = { half_mse: 'meanSquaredError', bce: 'binaryCrossentropy', softmax_ce: 'categoricalCrossentropy' };
  const layersOf = (t) => [...t.hidden.map((u) => [u, t.act]), [t.outputs, t.out]];
  return {
    meta,
    train(t) {
      const model = tfl.sequential();
      layersOf(t).forEach(([units, activation], i) =>
        model.add(tfl.layers.dense(i ? { units, activation } : { units, activation, inputShape: [t.inputs] })));
      model.compile({ optimizer: tf.train.sgd(LR), loss: lossName[t.loss] });
      const batches = makeBatches(t).map((b) => ({
        x: tf.tensor2d(b.x, [b.n, t.inputs]), y: tf.tensor2d(b.y, [b.n, t.outputs]) }));
      let i = 0;
      return {
        fn: async () => { const b = batches[i++ % POOL]; await model.trainOnBatch(b.x, b.y); },
        done: () => { batches.forEach((b) => tf.dispose([b.x, b.y])); model.dispose(); },
      };
    },
    grid(t) {
      // Every layer's output: a functional model over the same layers.
      const input = tfl.input({ shape: [t.inputs] });
      let h = input;
      const outs = layersOf(t).map(([units, activation]) => (h = tfl.layers.dense({ units, activation }).apply(h)));
      const model = tfl.model({ inputs: input, outputs: outs });
      const x = tf.tensor2d(gridPoints(), [GRID_RES * GRID_RES, 2]);
      return {
        // One batch of all 10,000 points (predict's default batchSize is 32), and the
        // maps read back as the heatmap needs them (left in (points, units) layout).
        fn: () => {
          const ys = model.predict(x, { batchSize: GRID_RES * GRID_RES });
          for (const y of ys) y.dataSync();
          tf.dispose(ys);
        },
        done: () => { x.dispose(); model.dispose(); },
      };
    },
  };
}

// ---- TF Playground's engine (per-neuron objects, per-sample passes) ----------------
async function playgroundEngine() {
  const act = (n) => pg.activations[n];
  return {
    meta: { engine: 'tensorflow/playground nn.ts, re-implemented in plain JS (bench/playground_engine.mjs)' },
    train(t) {
      if (t.outputs !== 1) return null;  // one output node only, ½ squared error only
      const net = pg.buildNetwork([t.inputs, ...t.hidden, 1], act(t.act), act('tanh'));
      const batches = makeBatches(t).map((b) => ({
        points: Array.from({ length: b.n }, (_, r) => Array.from(b.x.subarray(r * t.inputs, (r + 1) * t.inputs))),
        labels: Array.from(b.y, (v) => (t.loss === 'bce' ? 2 * v - 1 : v)),
      }));
      let i = 0;
      return { fn: () => { const b = batches[i++ % POOL]; pg.trainSamples(net, b.points, b.labels, t.batch, LR); } };
    },
    grid(t) {
      // 2-256-128-64-1 would take ~10-20 s per grid here (415 M link visits, one object
      // each): too long for the run's budget, and its training figure already shows it.
      if (t.hidden.length > 2) return null;
      const net = pg.buildNetwork([t.inputs, ...t.hidden, 1], act(t.act), act('tanh'));
      const maps = pg.makeBoundary(net, GRID_RES);
      return { fn: () => pg.decisionBoundary(net, maps, GRID_RES) };
    },
  };
}

const factories = {
  nnplay: nnplayEngine,
  'nnplay-steps': nnplayStepsEngine,
  'tfjs-wasm': () => tfjsEngine('wasm'),
  'tfjs-cpu': () => tfjsEngine('cpu'),
  playground: playgroundEngine,
};

const out = { meta: { node: process.version, v8: process.versions.v8, loadavgBefore: os.loadavg(), engines: {} }, results: {} };
for (const name of ENGINES) {
  const res = (out.results[name] = {});
  let engine;
  try {
    engine = await factories[name]();
    out.meta.engines[name] = engine.meta;
  } catch (e) {
    out.meta.engines[name] = { error: String(e && e.message || e) };
    log(`e2e: ${name}: ${e && e.message || e}`);
    continue;
  }
  for (const [kind, tasks] of [['train', TRAIN], ['grid', GRID]]) {
    for (const t of tasks) {
      const job = engine[kind](t);
      if (!job) continue;
      const units = job.units ?? (kind === 'train' ? t.batch : GRID_RES * GRID_RES);
      // The slow peers (per-sample JS objects, pure-JS tfjs) get a tighter budget.
      const slow = name === 'tfjs-cpu' || name === 'playground';
      const o = slow ? { ...opts, budgetMs: Math.min(opts.budgetMs ?? 4000, 2000) } : opts;
      try {
        res[t.id] = { ...(await measure(job.fn, units, o)), unit: kind === 'train' ? 'samples/s' : 'points/s' };
        log(`e2e: ${name.padEnd(10)} ${t.id.padEnd(44)} ${res[t.id].rate.toFixed(0)} ${res[t.id].unit}` +
            `  (${res[t.id].msPerCall.toFixed(3)} ms/call)`);
      } catch (e) {
        res[t.id] = { error: String(e && e.message || e) };
        log(`e2e: ${name} ${t.id}: ${res[t.id].error}`);
      }
      job.done?.();
    }
  }
  if (engine.gridInto) {
    const res2 = (out.results[`${name}-into`] = {});
    for (const t of GRID) {
      const job = engine.gridInto(t);
      try {
        res2[t.id] = { ...(await measure(job.fn, GRID_RES * GRID_RES, opts)), unit: 'points/s' };
        log(`e2e: ${(name + '-into').padEnd(10)} ${t.id.padEnd(44)} ${res2[t.id].rate.toFixed(0)} points/s  (${res2[t.id].msPerCall.toFixed(3)} ms/call)`);
      } catch (e) {
        res2[t.id] = { error: String(e && e.message || e) };
      }
      job.done();
    }
  }
}
out.meta.loadavgAfter = os.loadavg();
process.stdout.write(JSON.stringify(out) + '\n');
