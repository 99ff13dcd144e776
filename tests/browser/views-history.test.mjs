// Issue 11 "every view shows the current state", history part: the loss chart (with axes and a
// legend) starts over when the network or the data is replaced, the epoch counter shows an
// imported model's epoch, and a clicked point keeps the trained weights. Every test here failed
// on main before the web split (see /work/notes/web.md). Screenshots: test-output/browser/5x-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { playgroundSuite, epochOf, trainTo, chartLabel, chartInk, exportModel } from './page-steps.mjs';

const ctx = playgroundSuite();

test('the loss chart starts over when the data or the network is replaced', async () => {
  const { page, problems } = await ctx.fresh('#dataset=xor&networkShape=4');
  await trainTo(page, 40);
  assert.match(await chartLabel(page), /Loss chart over \d+ epochs: training loss \(grey line\) and test loss \(black line\), loss axis from 0 to \d\.\d{4}/);
  assert.ok(await chartInk(page) > 20, 'a line is drawn');
  await shot(page, '50-chart-axes-legend');
  // a new dataset: the chart is empty until training starts again
  await page.locator('#dataset').selectOption('circle');
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '000,000');
  await page.waitForFunction(() => /no epochs trained yet/.test(document.getElementById('chart').getAttribute('aria-label')));
  assert.equal(await chartInk(page), 0);
  // again after a model import (the model's run replaces this one)
  await trainTo(page, 20);
  const model = await exportModel(page);
  await trainTo(page, 40);
  await page.locator('#import-model').setInputFiles({ name: 'm.json', mimeType: 'application/json', buffer: Buffer.from(model) });
  await page.waitForFunction(() => /no epochs trained yet/.test(document.getElementById('chart').getAttribute('aria-label')));
  assert.equal(await chartInk(page), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the epoch counter shows an imported model\'s epoch', async () => {
  const { page, problems } = await ctx.fresh('#dataset=xor&networkShape=4');
  await trainTo(page, 30);
  const trained = await epochOf(page);
  const model = await exportModel(page);
  assert.match(model, new RegExp(`"epochs": ${trained}\\b`));
  await page.locator('#reset').click();
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '000,000');
  await page.locator('#import-model').setInputFiles({ name: 'trained.json', mimeType: 'application/json', buffer: Buffer.from(model) });
  await page.waitForFunction((n) => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) === n, trained);
  assert.match(await page.locator('#model-name').textContent(), new RegExp(`trained ${trained} epochs`));
  // training goes on from there
  await page.locator('#step').click();
  await page.waitForFunction((n) => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) === n + 1, trained);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a clicked point keeps the trained weights; the chart starts over', async () => {
  const { page, problems } = await ctx.fresh('#dataset=xor&networkShape=4');
  await trainTo(page, 60);
  const epoch = await epochOf(page);
  const loss = Number(await page.locator('#train-loss').textContent());
  const points = await page.evaluate(() => window.nnplayDebug().points.x1.length);
  await page.locator('#add-class').selectOption('1');
  await page.locator('#heatmap').click({ position: { x: 20, y: 20 } });
  await page.waitForFunction((n) => document.getElementById('data-note').textContent.startsWith(`Your data: ${n} points`),
    (points + 1).toLocaleString('en-US'));
  assert.equal(await epochOf(page), epoch, 'same network, same epoch');
  const after = Number(await page.locator('#train-loss').textContent());
  // one more point changes the mean loss a little; a new network would be back at its start
  assert.ok(Math.abs(after - loss) < 0.05, `loss ${loss} → ${after}`);
  await page.waitForFunction(() => /no epochs trained yet/.test(document.getElementById('chart').getAttribute('aria-label')));
  await shot(page, '51-point-added');
  assert.deepEqual(problems, []);
  await page.close();
});
