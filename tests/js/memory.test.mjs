// The wasm heap returns to where it was: after creating and freeing 10,000
// networks, and after training on 1,000,000 samples. heapUsed() is dlmalloc's
// bytes-in-use (mallinfo().uordblks), so any leak of even one block shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

const nn = await createNNPlay();

test('10,000 networks created and deleted leave the heap where it was', () => {
  const make = (i) => new nn.Network({ inputs: 2, layers: [{ units: 8 }, { units: 8 }, { units: 1 }], seed: i });
  make(0).delete();  // warm-up
  const used0 = nn.heapUsed();
  for (let i = 1; i <= 10000; i++) {
    const net = make(i);
    if (i % 100 === 0) { net.predict([1, 2]); net.toJSON(); net.getWeights(1); }
    net.delete();
  }
  assert.equal(nn.heapUsed(), used0);
});

test('training on 1,000,000 samples leaves the heap where it was', () => {
  const used0 = nn.heapUsed();
  const heap0 = nn.heapBytes();
  const data = nn.makeDataset('circle', { samples: 2000, trainRatio: 1, seed: 1 });
  const net = new nn.Network({ inputs: 2, layers: [{ units: 8 }, { units: 8 }, { units: 1 }], seed: 1 });
  net.trainEpochs(data, { epochs: 1 });
  const usedTraining = nn.heapUsed();
  const t0 = performance.now();
  // 2,000 rows × 500 epochs = 1,000,000 samples; the heap must not creep per epoch
  let epochs = 1;
  for (let i = 0; i < 499; i++) {
    net.trainEpochs(data, { epochs: 1 });
    epochs++;
    if (i % 100 === 0) assert.equal(nn.heapUsed(), usedTraining, `heap grew at epoch ${epochs}`);
  }
  const ms = performance.now() - t0;
  assert.equal(epochs * data.trainSize, 1000000);
  net.delete();
  data.delete();
  assert.equal(nn.heapUsed(), used0);
  console.log(`# 1,000,000 samples (2-8-8-1, batch 10): ${ms.toFixed(0)} ms; heap ${heap0} B, in use ${used0} B`);
});

test('Float32Arrays from the API survive memory growth', () => {
  const net = new nn.Network({ inputs: 2, layers: [{ units: 4 }, { units: 1 }] });
  const w = net.getWeights(0);
  const heap0 = nn.heapBytes();
  // a 2,000 × 2,000 network (16 MB of weights) makes the heap grow
  const big = new nn.Network({ inputs: 2000, layers: [{ units: 2000 }] });
  assert.ok(nn.heapBytes() > heap0, 'the heap grew');
  assert.equal(w.length, 8);
  assert.deepEqual(net.getWeights(0), w);
  big.delete(); net.delete();
});

test('deleting a Dataset that a Network trained on is safe; both free everything', () => {
  const used0 = nn.heapUsed();
  const a = nn.makeDataset('circle', { seed: 1 });
  const b = nn.makeDataset('xor', { seed: 1 });
  const net = new nn.Network({ inputs: 2, layers: [{ units: 4 }, { units: 1 }] });
  net.trainEpochs(a, { epochs: 2 });
  a.delete();                        // the network's trainer still holds the rows
  net.trainBatch([1, 2], [1]);       // … and keeps stepping on its own batch
  net.trainEpochs(b, { epochs: 2 }); // a new dataset: a new trainer, a's rows are freed
  assert.throws(() => net.evaluate(a), /this Dataset was deleted/);
  net.delete();
  b.delete();
  assert.equal(nn.heapUsed(), used0);
});
