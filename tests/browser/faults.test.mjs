// Worker faults (issue 7): when the WASM module cannot load or the training worker dies,
// the page says so in a visible message with a Reload button, and nothing hangs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, shot } from './harness.mjs';

let srv, browser;
test.before(async () => { srv = await startServer(); browser = await launch(); });
test.after(async () => { await browser?.close(); srv?.stop(); });

async function expectFatal(page, re, name) {
  await page.waitForFunction(() => /Training is not available/.test(document.getElementById('status').textContent),
    null, { timeout: 20000 });
  const msg = await page.locator('#messages').innerText();
  assert.match(msg, re);
  assert.ok(await page.getByRole('button', { name: 'Reload' }).isVisible(), 'a Reload button is offered');
  await shot(page, name);
}

// Routes are set on the (persistent) context so that the worker's own requests are caught too.
async function withRoute(pattern, handler, run) {
  const context = browser.context;
  await context.route(pattern, handler);
  const page = await context.newPage();
  try {
    await page.goto(srv.url);
    await run(page);
  } finally {
    await page.close();
    await context.unroute(pattern, handler);
  }
}

test('a module that fails to load is reported with a way to reload', async () => {
  await withRoute('**/nnplay_core.wasm', (r) => r.abort(), (page) =>
    expectFatal(page, /WebAssembly module did not load/i, '20-fault-wasm-missing'));
});

test('a worker that dies while running is reported with a way to reload', async () => {
  // The real worker, plus an uncaught error a moment after it starts.
  const crash = async (route) => {
    const res = await route.fetch();
    const body = (await res.text()) + '\nsetTimeout(() => { throw new Error("simulated crash"); }, 1500);\n';
    await route.fulfill({ response: res, body });
  };
  await withRoute('**/app/worker.js', crash, async (page) => {
    await page.waitForFunction(() => /Ready/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
    await expectFatal(page, /training worker stopped/i, '21-fault-worker-died');
  });
});
