// Issue 7: create and destroy widgets 10,000 times on one page; the shared worker's wasm heap
// and session count come back to where they were, and the page's JS heap stays flat.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, ROOT } from './harness.mjs';

const BUNDLE = path.join(ROOT, 'web', 'gen', 'nnplay-widgets.js');
const ROUNDS = Number(process.env.CHURN_ROUNDS || 10000);

test(`${ROUNDS} widgets created and destroyed: no growth`, { timeout: 600000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-churn-'));
  const file = path.join(tmp, 'churn.html');
  fs.writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="${pathToFileURL(BUNDLE).href}"></script></head><body><div id="host"></div></body></html>`);
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser.context, pathToFileURL(file).href);
    await page.waitForFunction(() => window.nnplayWidgets && customElements.get('nn-playground'));
    // One round: a trainer (session in the worker, dataset, network) and a counter, added,
    // given a frame to start, removed. Batches of 50 keep the page responsive.
    const churn = (rounds) => page.evaluate(async (n) => {
      const host = document.getElementById('host');
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      for (let i = 0; i < n; i += 50) {
        const made = [];
        for (let j = 0; j < 50 && i + j < n; j++) {
          const p = document.createElement('nn-playground');
          p.setAttribute('dataset', ['circle', 'xor', 'spiral'][j % 3]);
          p.setAttribute('layers', '2,4,1');
          const c = document.createElement('nn-weight-count');
          c.setAttribute('layers', `${j + 1},128,64`);
          host.append(p, c);
          made.push(p, c);
        }
        await frame();
        for (const el of made) el.remove();
      }
    }, rounds);
    const settle = async () => {
      for (let k = 0; k < 50; k++) {
        const m = await page.evaluate(() => window.nnplayWidgets.workerMemory());
        if (m.sessions === 0) return m;
        await page.waitForTimeout(100);
      }
      throw new Error('sessions did not close');
    };
    const jsHeap = () => page.evaluate(() => { return performance.memory.usedJSHeapSize; });
    await churn(200);  // warm-up: the module, caches and pools reach their size
    const before = await settle();
    const jsBefore = await jsHeap();
    const t0 = Date.now();
    await churn(ROUNDS);
    const after = await settle();
    const jsAfter = await jsHeap();
    const mib = (b) => (b / 1048576).toFixed(2);
    console.log(`# ${ROUNDS} rounds (a playground + a counter each) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ` +
      `wasm heap in use ${before.heapUsed} -> ${after.heapUsed} B, wasm memory ${mib(before.heapBytes)} -> ` +
      `${mib(after.heapBytes)} MiB, page JS heap ${mib(jsBefore)} -> ${mib(jsAfter)} MiB, live sessions ${after.sessions}`);
    assert.equal(statsClean(await page.evaluate(() => window.nnplayWidgets.stats())), true);
    assert.equal(after.heapUsed, before.heapUsed, 'wasm heap in use is back where it was');
    assert.equal(after.heapBytes, before.heapBytes, 'wasm memory did not grow');
    assert.ok(jsAfter < jsBefore + 16 * 1048576, 'page JS heap is flat (within 16 MiB)');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

// One worker and no sessions left on the page side either.
function statsClean(s) { return s.workers === 1 && s.sessions === 0 && !s.fatal; }
