// Soak in a real browser (issue 7): the playground trains at full speed for SOAK_SECONDS
// (default 180) with the maps redrawing; the worker's wasm heap (bytes in use and the
// heap's size) and the page's JS heap must stay flat. Prints the figures.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitReady, shot } from './harness.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS || 180);

test(`the page trains for ${SECONDS} s with flat memory`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  const srv = await startServer();
  const browser = await launch();
  try {
    // spiral, 8-8 tanh with sin features: the maps change every frame.
    const hash = '#dataset=spiral&networkShape=8,8&sinX=true&sinY=true&speed=max';
    const { page, problems } = await openPage(browser.context, srv.url + hash);
    await waitReady(page);
    const worker = () => page.workers()[0];
    // The page's JS heap swings by ~20 MiB between collections, so one reading says nothing
    // about a leak: collect garbage through the DevTools protocol, then read what is live.
    const cdp = await page.context().newCDPSession(page);
    const liveJsHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const sample = async () => ({
      epoch: Number((await page.locator('#epoch').textContent()).replace(/,/g, '')),
      wasm: await worker().evaluate(() => self.nnplayMemory()),
      js: await liveJsHeap(),
    });
    await page.keyboard.press('Space');  // play
    await page.waitForTimeout(10000);   // warm-up: buffers and caches reach their size
    const first = await sample();
    await page.waitForTimeout((SECONDS - 10) * 1000);
    const last = await sample();
    await page.keyboard.press('Space');  // pause
    await shot(page, '30-soak-end');
    const mib = (b) => (b / 1048576).toFixed(2);
    console.log(`# soak ${SECONDS} s: epochs ${first.epoch} -> ${last.epoch}; ` +
      `wasm heap in use ${first.wasm.heapUsed} -> ${last.wasm.heapUsed} B, ` +
      `wasm memory ${mib(first.wasm.heapBytes)} -> ${mib(last.wasm.heapBytes)} MiB, ` +
      `page JS heap after GC ${mib(first.js)} -> ${mib(last.js)} MiB`);
    assert.ok(last.epoch > first.epoch + 100, 'training kept running');
    assert.equal(last.wasm.heapBytes, first.wasm.heapBytes, 'wasm memory did not grow');
    assert.ok(last.wasm.heapUsed <= first.wasm.heapUsed + 65536, 'wasm heap in use is flat');
    // Live heap after a collection; a leak of per-frame buffers would grow it by far more.
    assert.ok(last.js < first.js + 4 * 1048576, 'page JS heap is flat (within 4 MiB after GC)');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    srv.stop();
  }
});
