// Issue 11 "every view shows the current state", history part: the loss chart (with axes and a
// legend) starts over when the network or the data is replaced, the epoch counter shows an
// imported model's epoch, and a clicked point keeps the trained weights. Every test here failed
// on main before the web split (see /work/notes/web.md). Screenshots: test-output/browser/5x-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitReady, shot } from './harness.mjs';

let srv, browser;
test.before(async () => { srv = await startServer(); browser = await launch(); });
test.after(async () => { await browser?.close(); srv?.stop(); });

async function fresh(hash = '') {
  const { page, problems } = await openPage(browser.context, srv.url + hash);
  await waitReady(page);
  await page.waitForFunction(() => document.querySelector('.total-params'), null, { timeout: 10000 });
  return { page, problems };
}
const epochOf = async (page) => Number((await page.locator('#epoch').textContent()).replace(/,/g, ''));
async function trainTo(page, epochs) {
  await page.locator('#play').click();
  await page.waitForFunction((n) => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= n, epochs, { timeout: 30000 });
  await page.locator('#play').click();
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-label') === 'Train');
  await page.waitForTimeout(300);  // a frame still in flight
}
const chartLabel = (page) => page.locator('#chart').getAttribute('aria-label');
// Dark pixels in the chart's plot area (the test-loss line; legend and labels are lighter).
const chartInk = (page) => page.evaluate(() => {
  const c = document.getElementById('chart');
  const top = Math.ceil(16 * devicePixelRatio);
  const d = c.getContext('2d').getImageData(0, top, c.width, c.height - top).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] < 100) n++;
  return n;
});
async function exportModel(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-model').click()]);
  return (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString());
}

test('the loss chart starts over when the data or the network is replaced', async () => {
  const { page, problems } = await fresh('#dataset=xor&networkShape=4');
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
  const { page, problems } = await fresh('#dataset=xor&networkShape=4');
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
  const { page, problems } = await fresh('#dataset=xor&networkShape=4');
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
