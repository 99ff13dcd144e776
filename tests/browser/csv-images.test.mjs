// A CSV of pixel columns shown and trained as images in the page (issue 15: "Any CSV of N pixel
// columns can be shown as images when the user says its width and height"). The CSV is made here
// from the build's digits (web/gen/digits.nnim.gz read through the JS API): 600 rows of 784
// columns + a label. After uploading it the page offers "Show as images" with 28 × 28 guessed; a
// size whose product is not 784 gets a visible message naming both numbers and keeps the current
// network; 28 × 28 turns the rows into images with the digits views (pad, bars, weight images,
// confusion matrix) and they train. A regression CSV is refused by name.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, shot } from './harness.mjs';
import { playgroundSuite, messages, totalParams, waitMessage, epochOf } from './page-steps.mjs';
import { createNNPlay } from '../../web/lib/nnplay.mjs';

const ctx = playgroundSuite();
const ROWS = 600;

// 600 digits as "p0,…,p783,label" with grey levels 0..1 (two decimals: 0 or 0.xx or 1).
async function digitsCsv() {
  const nn = await createNNPlay();
  const bytes = zlib.gunzipSync(fs.readFileSync(path.join(ROOT, 'web/gen/digits.nnim.gz')));
  const d = nn.datasetFromNNIM(new Uint8Array(bytes), { trainRatio: 1, seed: 7, samples: ROWS });
  try {
    const x = d.x(), labels = d.labels(), k = d.inputs;
    const lines = [[...Array.from({ length: k }, (_, j) => `p${j}`), 'label'].join(',')];
    for (let r = 0; r < d.size; r++) {
      const row = [];
      for (let j = 0; j < k; j++) { const v = x[r * k + j]; row.push(v === 0 ? '0' : v === 1 ? '1' : v.toFixed(2)); }
      row.push(String(labels[r]));
      lines.push(row.join(','));
    }
    return Buffer.from(lines.join('\n') + '\n');
  } finally { d.delete(); }
}

test('a CSV of 784 pixel columns: a wrong size is refused by name, 28 × 28 shows and trains it as images', { timeout: 90000 }, async () => {
  const csv = await digitsCsv();
  // a network that can learn digits from 480 rows in a few epochs (the CSV keeps the page's network
  // and training settings; TF Playground's ±0.5 start saturates on 784 inputs, as the page explains)
  const { page, problems } = await ctx.fresh('#networkShape=64&activation=relu&loss=softmax_ce&init=he_uniform&optimizer=adam&learningRate=0.003&batchSize=32&percTrainData=80');
  await page.locator('#csv').setInputFiles({ name: 'my-digits.csv', mimeType: 'text/csv', buffer: csv });
  await page.waitForFunction(() => !document.getElementById('csv-image').hidden, null, { timeout: 20000 });
  assert.match(await page.textContent('#data-note'), /^Your CSV: 600 rows, 784 inputs \(p0, p1,/);
  // the same file again: one remark about the map, not two
  await page.locator('#csv').setInputFiles({ name: 'my-digits.csv', mimeType: 'text/csv', buffer: csv });
  await page.waitForTimeout(500);
  await waitMessage(page, /my-digits\.csv: 784 input columns — the map needs exactly 2, so it is hidden/);
  assert.equal(await page.locator('#messages li', { hasText: 'the map needs exactly 2' }).count(), 1);
  // 784 is 28²: the form guesses it
  assert.equal(await page.inputValue('#csv-image-w'), '28');
  assert.equal(await page.inputValue('#csv-image-h'), '28');
  assert.match(await page.textContent('#csv-image-note'), /^784 columns of pixels\? Give the image size \(width × height = 784\)/);
  assert.equal(await page.isHidden('#digits'), true);
  const paramsBefore = await totalParams(page);
  assert.equal(paramsBefore.replace(/\D/g, ''), String(784 * 64 + 64 + 64 * 10 + 10));  // 784·64 + 64 + 64·10 + 10 = 50,890

  // 20 × 30 = 600 ≠ 784: a visible message naming both, and nothing replaced
  await page.fill('#csv-image-w', '20');
  await page.fill('#csv-image-h', '30');
  await page.click('#csv-image-apply');
  await waitMessage(page, /image size 20 × 30/);
  assert.match(await messages(page), /file my-digits\.csv: image size 20 × 30 = 600 pixels, but the data has 784 input columns; give a width and height whose product is the number of pixel columns\. The current network is kept\./);
  assert.equal(await page.isHidden('#digits'), true, 'still columns, not images');
  assert.equal(await totalParams(page), paramsBefore);
  assert.match(await page.textContent('#data-note'), /^Your CSV: 600 rows, 784 inputs/);
  // an empty box: the core's allowed sizes
  await page.fill('#csv-image-w', '');
  await page.click('#csv-image-apply');
  await waitMessage(page, /width is 0; allowed 1\.\.4,096/);

  // 28 × 28: the digits views, on the CSV's rows
  await page.fill('#csv-image-w', '28');
  await page.fill('#csv-image-h', '28');
  await page.click('#csv-image-apply');
  await page.waitForFunction(() => !document.getElementById('digits').hidden, null, { timeout: 20000 });
  assert.equal(await page.textContent('#h-digits'), 'Your CSV as images');
  assert.match(await page.textContent('#digits-status'), /^600 images of 28 × 28 pixels from your CSV, 10 classes\./);
  assert.match(await page.textContent('#data-note'), /^Your CSV: 600 rows as 28 × 28 images, 10 classes \(480 for training\)\./);
  assert.match(await page.textContent('#csv-image-note'), /^Shown as 28 × 28 images/);
  assert.doesNotMatch(await messages(page), /the map needs exactly 2/, 'the columns remark is gone with the columns');
  assert.match(await page.textContent('#map-caption'), /^No map: the inputs are 28 × 28 images \(see Your CSV as images below\)/);
  assert.equal(await totalParams(page), paramsBefore, 'the same 784-64-10 network shape');
  assert.deepEqual(await page.$$eval('#digit-probs .name', (els) => els.map((e) => e.textContent)), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(await page.textContent('#digit-verdict'), 'draw an image');
  await page.waitForFunction(() => /28 × 28/.test(document.getElementById('diagram').textContent));

  // a test image from the CSV on the pad, and the network's answer
  await page.click('#pad-test');
  assert.match(await page.textContent('#pad-source'), /^Test image 1 of 120: labelled \d$/);
  await page.waitForFunction(() => /^Prediction: \d \(\d+\.\d%\)$/.test(document.getElementById('digit-verdict').textContent), null, { timeout: 20000 });

  // it trains: the weight images come, the test accuracy climbs well above chance (10%)
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= 5, null, { timeout: 40000, polling: 250 });
  await page.click('#play');
  const acc = parseFloat(await page.textContent('#test-acc'));
  console.log(`# CSV images: test accuracy ${acc}% after epoch ${await epochOf(page)} (784-64-10 ReLU, 480 training rows)`);
  assert.ok(acc >= 40, `test accuracy ${acc}%`);
  assert.equal(await page.textContent('#train-acc-label'), 'Training accuracy', '480 training rows: all of them measured');
  const grid = await page.evaluate(() => { const c = document.getElementById('weight-grid'); return [c.width, c.height]; });
  assert.deepEqual(grid, [8 * 29 - 1, 8 * 29 - 1]);  // 64 first-layer neurons: 8 × 8 tiles of 28 + 1
  await page.waitForFunction(() => document.querySelectorAll('#wrong button').length > 0, null, { timeout: 20000 });
  assert.match(await page.textContent('#wrong-caption'), /of 120 test images misclassified/);
  await shot(page, 'csv-images');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a regression CSV cannot be shown as images: the message says why, the network is kept', { timeout: 30000 }, async () => {
  const { page, problems } = await ctx.fresh();
  const rows = ['a,b,c,d,y', '0,0.5,1,0,0.25', '1,0,0.5,0,0.75', '0,1,0,0.5,1.5', '0.5,0,0,1,2.25'];
  await page.locator('#csv').setInputFiles({ name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
  await page.waitForFunction(() => !document.getElementById('csv-image').hidden, null, { timeout: 20000 });
  assert.equal(await page.inputValue('#csv-image-w'), '2');  // 4 columns: 2 × 2 guessed
  const before = await totalParams(page);
  await page.click('#csv-image-apply');
  await waitMessage(page, /the image views need class labels/);  // (the columns remark names the file too)
  assert.match(await messages(page), /file values\.csv: the image views need class labels \(whole numbers 0, 1, …\), but the label column has other numbers \(a regression problem\); allowed: a CSV whose last column is the class\. The current network is kept\./);
  assert.equal(await page.isHidden('#digits'), true);
  assert.equal(await totalParams(page), before);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a CSV shown as images is offered the digits\' training settings, and one click applies them', { timeout: 30000 }, async () => {
  const { page, problems } = await ctx.fresh();  // TF Playground's defaults: 4-2 tanh, ±0.5 start, SGD 0.03
  const rows = ['a,b,c,d,label', '0,1,0,1,0', '1,0,1,0,1', '0,0,1,1,0', '1,1,0,0,1', '0,1,1,0,0', '1,0,0,1,1'];
  await page.locator('#csv').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
  await page.waitForFunction(() => !document.getElementById('csv-image').hidden, null, { timeout: 20000 });
  await page.click('#csv-image-apply');  // 2 × 2 guessed
  await page.waitForFunction(() => !document.getElementById('digits').hidden, null, { timeout: 20000 });
  await waitMessage(page, /digits' settings/);
  assert.match(await messages(page), /Images like the digits train much better with the digits' settings: hidden layers 256, 128, 64, ReLU, softmax cross-entropy, He uniform start, learning rate 0\.002, batch 128, Adam/);
  await shot(page, 'csv-images-settings-offer', { fullPage: false });
  await page.getByRole('button', { name: 'Use the digits\' settings' }).click();
  await page.waitForFunction(() => document.querySelector('.total-params').textContent === '42,562');  // 4·256+256 + 256·128+128 + 128·64+64 + 64·2+2
  assert.equal(await page.inputValue('[data-setting="init"]'), 'he_uniform');
  assert.equal(await page.inputValue('[data-setting="optimizer"]'), 'adam');
  assert.equal(await page.isHidden('#digits'), false, 'still the CSV as images');
  assert.match(await page.textContent('#data-note'), /^Your CSV: 6 rows as 2 × 2 images, 2 classes/);
  assert.deepEqual(problems, []);
  await page.close();
});
