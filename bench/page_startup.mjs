// Time until the playground page is interactive in headless Chromium: from navigation
// start to the status line saying "Ready" (the worker has compiled and instantiated the
// WASM module and built the first network), served by scripts/serve.mjs on localhost.
// Prints JSON { loads: [ms...], domContentLoaded: [ms...], error }. Uses the browser tests' harness.
import { startServer, launch, openPage } from '../tests/browser/harness.mjs';

const N = Number(process.env.BENCH_PAGE_LOADS || 4);
const server = await startServer();
const loads = [];
const domContentLoaded = [];
let error = null;
try {
  for (let i = 0; i < N; ++i) {
    // A fresh browser profile each time: a cold cache, as a first visit.
    const b = await launch();
    try {
      const t0 = Date.now();
      const { page, problems } = await openPage(b.context, server.url);
      try {
        await page.waitForFunction(() => /Ready/.test(document.getElementById('status')?.textContent ?? ''),
          null, { timeout: 30000, polling: 5 });
      } catch (e) {
        const status = await page.evaluate(() => document.getElementById('status')?.textContent);
        error = `not ready: ${e.message.split('\n')[0]}; status line: ${JSON.stringify(status)}; ${problems.join('; ')}`;
        break;
      }
      loads.push(Date.now() - t0);
      domContentLoaded.push(await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return nav ? nav.domContentLoadedEventEnd : null;
      }));
      if (problems.length) process.stderr.write(`page_startup: ${problems.join('; ')}\n`);
    } finally {
      await b.close();
    }
  }
} finally {
  server.stop();
}
process.stdout.write(JSON.stringify({ loads, domContentLoaded, error }) + '\n');
