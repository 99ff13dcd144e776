// The page-level steps the playground's browser tests share: one server and one Chromium per
// test file (registered by playgroundSuite()), a freshly loaded page, and what a person reads
// off it (epoch, messages, parameter total, the loss chart).
import test from 'node:test';
import { startServer, launch, openPage, waitReady } from './harness.mjs';

// Registers the file's before/after hooks; the returned object holds { srv, browser } once
// they have run.
export function playgroundSuite() {
  const ctx = { srv: null, browser: null };
  test.before(async () => { ctx.srv = await startServer(); ctx.browser = await launch(); });
  test.after(async () => { await ctx.browser?.close(); ctx.srv?.stop(); });
  ctx.fresh = async (hash = '') => {
    const { page, problems } = await openPage(ctx.browser.context, ctx.srv.url + hash);
    await waitReady(page);
    await page.waitForFunction(() => document.querySelector('.total-params'), null, { timeout: 10000 });
    return { page, problems };
  };
  return ctx;
}
export const epochOf = async (page) => Number((await page.locator('#epoch').textContent()).replace(/,/g, ''));
export const messages = (page) => page.locator('#messages').textContent();
export const totalParams = (page) => page.locator('.total-params').first().textContent();
export async function waitMessage(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(document.getElementById('messages').textContent), re.source, { timeout: 15000 });
}
// Does the worker train now? The epoch counter moves within a second.
export async function advancing(page) {
  const e0 = await epochOf(page);
  await page.waitForTimeout(1000);
  return (await epochOf(page)) > e0;
}
export async function trainTo(page, epochs) {
  await page.locator('#play').click();
  await page.waitForFunction((n) => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) >= n, epochs, { timeout: 30000 });
  await page.locator('#play').click();
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-label') === 'Train');
  await page.waitForTimeout(300);  // a frame still in flight
}
// Clicks Step n times, each after the page shows the epoch before it, and returns what the page
// then holds: the losses its chart drew (the doubles), the training loss shown, and its hash.
export async function stepEpochs(page, n, { timeout = 15000 } = {}) {
  for (let e = 1; e <= n; e++) {
    await page.locator('#step').click();
    await page.waitForFunction((want) => Number(document.getElementById('epoch').textContent.replace(/,/g, '')) === want,
      e, { timeout });
  }
  await page.waitForFunction((k) => window.nnplayDebug().losses.train.length === k, n, { timeout: 10000 });
  return {
    losses: await page.evaluate(() => window.nnplayDebug().losses),
    shownTrain: await page.locator('#train-loss').textContent(),
    hash: await page.evaluate(() => location.hash),
  };
}
export const chartLabel = (page) => page.locator('#chart').getAttribute('aria-label');
// Dark pixels in the chart's plot area (the test-loss line; legend and labels are lighter).
export const chartInk = (page) => page.evaluate(() => {
  const c = document.getElementById('chart');
  const top = Math.ceil(16 * devicePixelRatio);
  const d = c.getContext('2d').getImageData(0, top, c.width, c.height - top).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] < 100) n++;
  return n;
});
export async function exportModel(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-model').click()]);
  return (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString());
}
