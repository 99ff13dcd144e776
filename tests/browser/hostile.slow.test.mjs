// Hostile sizes through the page's import controls (issue 12, class 4): a 48 MB model file
// (valid header, one long weights array) and a 25,000,000-column CSV. Each must be refused
// with the core's message, keep the current network, leave the worker's wasm heap in use
// where it was, and leave the page working. Prints the time and memory each refusal took
// (the figures in docs/bad-inputs.md). Slow (two 50 MB uploads): runs in npm run test:all.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { bigModel, wideCsv } from '../../bench/refuse.mjs';

test('a 48 MB model and a 25,000,000-column CSV are refused by the page, memory returned', { timeout: 900000 }, async () => {
  const srv = await startServer();
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser.context, srv.url + '#networkShape=3');
    await waitReady(page);
    const worker = () => page.workers()[0];
    const wasm = () => worker().evaluate(() => self.nnplayMemory());
    const cdp = await page.context().newCDPSession(page);
    const pageHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const params = () => page.locator('.total-params').first().textContent();
    const paramsBefore = await params();
    const mib = (b) => (b / 1048576).toFixed(1);
    const cases = [
      ['#import-model', 'big48.json', 'application/json', bigModel(), /must have 2 numbers \(2 × 1\), got more \(reading stopped at number 3\)/],
      ['#csv', 'wide25m.csv', 'text/csv', wideCsv(), /line 1: more than 65,537 columns; the limit is 65,537/],
    ];
    for (const [input, name, mimeType, text, message] of cases) {
      const before = await wasm();
      // Timed inside the page, from the input's change event to the message: the upload
      // through the DevTools protocol (playwright's setInputFiles) is not the page's time.
      await page.evaluate(([sel, n]) => {
        window.__refuse = {};
        document.querySelector(sel).addEventListener('change', () => { window.__refuse.start = performance.now(); },
          { capture: true, once: true });
        const box = document.getElementById('messages');
        new MutationObserver((_, obs) => {
          if (box.textContent.includes(n)) { window.__refuse.end = performance.now(); obs.disconnect(); }
        }).observe(box, { childList: true, subtree: true, characterData: true });
      }, [input, name]);
      await page.locator(input).setInputFiles({ name, mimeType, buffer: Buffer.from(text) }, { timeout: 300000 });
      await page.waitForFunction(() => window.__refuse.end !== undefined, null, { timeout: 300000 });
      const ms = Math.round(await page.evaluate(() => window.__refuse.end - window.__refuse.start));
      const after = await wasm();
      const msg = await page.locator('#messages').textContent();
      const jsHeap = await pageHeap();
      console.log(`# ${name} (${(text.length / 1e6).toFixed(0)} MB): refused in ${ms} ms; worker wasm memory ` +
        `${mib(before.heapBytes)} -> ${mib(after.heapBytes)} MiB (the peak: it never shrinks), in use ` +
        `${before.heapUsed} -> ${after.heapUsed} B; page JS heap after GC ${mib(jsHeap)} MiB`);
      assert.match(msg, message, name);
      assert.doesNotMatch(msg, /Aborted|RuntimeError|bad_alloc/);
      assert.ok(after.heapUsed <= before.heapUsed + 4096, `${name}: wasm heap in use returned (${before.heapUsed} -> ${after.heapUsed})`);
      assert.ok(after.heapBytes <= before.heapBytes + 256 * 1048576, `${name}: wasm memory grew by at most the text's copy`);
      assert.equal(await params(), paramsBefore, `${name}: the network is kept`);
    }
    // The page still trains.
    await page.locator('#step').click();
    await page.waitForFunction(() => document.getElementById('epoch').textContent === '000,001');
    await shot(page, '40-hostile-sizes');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    srv.stop();
  }
});
