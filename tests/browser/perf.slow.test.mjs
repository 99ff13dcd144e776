// Measures what a person feels while training: frame time on the page and epochs per second,
// for TF Playground's default network and for 2-256-128-64-1. It prints the figures and writes
// test-output/browser/perf.json. The only assertions are loose sanity bounds (a page that
// stalls for seconds fails); these are measurements, not benchmarks (see bench/).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, waitReady, shot, OUT } from './harness.mjs';

let srv, browser;
test.before(async () => { srv = await startServer(); browser = await launch(); });
test.after(async () => { await browser?.close(); srv?.stop(); });

const SECONDS = 5;
const figures = {};

async function measure(name, hash) {
  const { page, problems } = await openPage(browser.context, srv.url + hash);
  await waitReady(page);
  await page.locator('#play').click();
  await page.waitForTimeout(1000);  // warm up
  const e0 = await page.evaluate(() => [performance.now(), Number(document.getElementById('epoch').textContent.replace(/,/g, ''))]);
  await page.waitForTimeout(SECONDS * 1000);
  const r = await page.evaluate(() => ({ now: performance.now(), epoch: Number(document.getElementById('epoch').textContent.replace(/,/g, '')), ...window.nnplayPerf() }));
  await page.locator('#play').click();
  const f = {
    epochsPerSec: Math.round((r.epoch - e0[1]) / ((r.now - e0[0]) / 1000)),
    frameMs: Number(r.frameMs.toFixed(1)),
    drawMs: Number(r.drawMs.toFixed(1)),
  };
  figures[name] = f;
  console.log(`${name}: ${f.epochsPerSec} epochs/s, frame ${f.frameMs} ms, draw ${f.drawMs} ms`);
  await shot(page, `perf-${name}`);
  assert.deepEqual(problems, []);
  await page.close();
  return f;
}

test('frame time and epochs per second while training', async () => {
  // TF Playground's pace: one epoch per frame
  const a = await measure('default-1-per-frame', '#speed=1');
  assert.ok(a.frameMs < 100, `frame ${a.frameMs} ms`);
  assert.ok(a.epochsPerSec > 10);
  const b = await measure('default-max', '#speed=max');
  assert.ok(b.frameMs < 200, `frame ${b.frameMs} ms`);
  assert.ok(b.epochsPerSec > a.epochsPerSec);
  // 2-256-128-64-1 (41,985 parameters), 250 training samples per epoch
  const c = await measure('2-256-128-64-1-max', '#networkShape=256,128,64&speed=max');
  assert.ok(c.epochsPerSec > 1);
  const d = await measure('2-256-128-64-1-1-per-frame', '#networkShape=256,128,64&speed=1');
  assert.ok(d.frameMs < 500, `frame ${d.frameMs} ms`);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'perf.json'), JSON.stringify(figures, null, 2) + '\n');
});
