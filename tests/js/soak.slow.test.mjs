// Soak: 10,000,000 training samples through the JS API the way the page drives it (epochs,
// then a heatmap and the loss), and 10,000 networks created, used and destroyed. The wasm
// heap in use (dlmalloc's bytes in use) must come back to the same byte, and the heap
// itself (wasm memory) must not grow during the run. Prints the figures.
// SOAK_SAMPLES overrides the sample count (e.g. 1e8 for a longer local soak).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

const nn = await createNNPlay();
const SAMPLES = Number(process.env.SOAK_SAMPLES ?? 10_000_000);
const mib = (b) => `${(b / 1048576).toFixed(2)} MiB`;

test(`training on ${SAMPLES.toLocaleString('en-US')} samples: heap in use and wasm memory stay flat`, () => {
  const used0 = nn.heapUsed();
  const data = nn.makeDataset('spiral', { samples: 10000, noise: 0.1, trainRatio: 0.8, seed: 5, features: ['x1', 'x2', 'sinx1', 'sinx2'] });
  const net = new nn.Network({ inputs: 4, layers: [{ units: 8, activation: 'relu' }, { units: 4 }, { units: 1 }], seed: 3 });
  // the first epoch and the first heatmap allocate the trainer, workspaces and grid buffers
  net.trainEpochs(data, { epochs: 1, optimizer: 'adam', lr: 0.01 });
  net.evaluateGrid({ resolution: 50 });
  const usedWarm = nn.heapUsed();
  const heapWarm = nn.heapBytes();
  const perEpoch = data.trainSize;  // 8,000 samples
  const t0 = performance.now();
  let samples = perEpoch, epochs = 1, maxUsed = usedWarm, lastLoss = NaN, frames = 0;
  while (samples < SAMPLES) {
    // one "frame" of the page at speed 'max': a few epochs, then the heatmap and the chart
    const n = Math.min(25, Math.ceil((SAMPLES - samples) / perEpoch));
    const r = net.trainEpochs(data, { epochs: n, optimizer: 'adam', lr: 0.01 });
    assert.equal(r.length, n, 'training stopped early');
    samples += n * perEpoch;
    epochs += n;
    lastLoss = r[r.length - 1].train.loss;
    assert.ok(Number.isFinite(lastLoss), `loss ${lastLoss} at epoch ${epochs}`);
    net.evaluateGrid({ resolution: 50 });
    frames++;
    const u = nn.heapUsed();
    if (u > maxUsed) maxUsed = u;
    assert.equal(u, usedWarm, `heap in use grew at epoch ${epochs}: ${usedWarm} → ${u} B`);
  }
  const s = (performance.now() - t0) / 1000;
  assert.equal(nn.heapBytes(), heapWarm, 'wasm memory grew during training');
  const acc = net.evaluate(data).test.accuracy;
  net.delete();
  data.delete();
  assert.equal(nn.heapUsed(), used0, 'not everything was freed');
  console.log(`# soak: ${samples.toLocaleString('en-US')} samples (${epochs} epochs of ${perEpoch}, ${frames} frames with a 50×50 heatmap) ` +
    `in ${s.toFixed(1)} s = ${(samples / s / 1e6).toFixed(2)} M samples/s; final loss ${lastLoss.toFixed(4)}, test accuracy ${acc.toFixed(3)}`);
  console.log(`# soak: heap in use ${used0} B before, ${usedWarm} B while training (max ${maxUsed} B), ${nn.heapUsed()} B after; ` +
    `wasm memory ${mib(heapWarm)} before and ${mib(nn.heapBytes())} after`);
});

test('10,000 networks and 1,000 datasets created, used and destroyed: no growth', () => {
  const spec = (i) => ({ inputs: 2, layers: [{ units: 1 + (i % 7) }, { units: 1 + (i % 3), activation: 'relu' }, { units: 1 }], seed: i });
  const cycle = (i) => {
    const net = new nn.Network(spec(i));
    net.predict([0.1, 0.2]);
    net.setWeight(0, 0, 0, 0.5);
    if (i % 10 === 0) {
      const copy = nn.Network.fromJSON(net.toJSON());
      const q = copy.quantized('int8');
      q.evaluateGrid({ resolution: 8 });
      q.delete();
      copy.clone().delete();
      copy.delete();
      net.trainBatch(new Float32Array([1, 2, 3, 4]), new Float32Array([1, -1]));
    }
    if (i % 10 === 5) {
      const d = nn.makeDataset('circle', { samples: 50, seed: i });
      net.trainEpochs(d, { epochs: 1 });
      d.delete();
      nn.datasetFromCSV('a,b,label\n1,2,0\n3,4,1\n').delete();
    }
    net.delete();
  };
  for (let i = 0; i < 20; i++) cycle(i);  // warm-up
  const used0 = nn.heapUsed();
  const heap0 = nn.heapBytes();
  const t0 = performance.now();
  for (let i = 0; i < 10000; i++) {
    cycle(i);
    if (i % 1000 === 999) assert.equal(nn.heapUsed(), used0, `heap in use grew after ${i + 1} networks`);
  }
  const ms = performance.now() - t0;
  assert.equal(nn.heapUsed(), used0);
  assert.equal(nn.heapBytes(), heap0);
  console.log(`# soak: 10,000 networks (1,000 with fromJSON/clone/quantized/grid, 1,000 datasets + CSV) in ${(ms / 1000).toFixed(1)} s; ` +
    `heap in use ${used0} B before and ${nn.heapUsed()} B after; wasm memory ${mib(heap0)} before and ${mib(nn.heapBytes())} after`);
});
