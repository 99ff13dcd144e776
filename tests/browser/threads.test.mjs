// Threads where the browser allows them (issue 14). On a cross-origin isolated page the
// threaded module (web/gen/nnplay_core_mt.*) trains with several threads and gives the same
// bits as the single-thread module: per-step losses, per-epoch losses and the weights, for
// 784-256-128-64-10, 2-256-128-64-1 (batch 10 and 1) and a ragged 5-33-129-7-3 (weights
// compared by a hash of their bits). Without
// isolation the API refuses the threaded build saying what to send, and the page trains on one
// thread with the same losses. The page's training worker picks the module by itself.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { createServer } from '../../scripts/serve.mjs';
import { stepEpochs } from './page-steps.mjs';

// The repo root, so the test page can start tests/browser/threads/worker.mjs (same origin as
// web/lib/nnplay.mjs and web/gen/); once with the isolation headers, once without.
async function listen(isolate) {
  const server = createServer(ROOT, { isolate });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}
const isolated = await listen(true);
const plain = await listen(false);
const browser = await launch();
after(async () => { await browser.close(); isolated.close(); plain.close(); });

// Runs one job in a module worker started from the test page of `server`.
async function inWorker(server, message) {
  const { page, problems } = await openPage(browser.context, `${server.url}tests/browser/threads/page.html`);
  const answer = await page.evaluate((m) => new Promise((resolve) => {
    const w = new Worker('worker.mjs', { type: 'module' });
    w.onmessage = (e) => { resolve(e.data); w.terminate(); };
    w.onerror = (e) => resolve({ error: `worker error: ${e.message}` });
    w.postMessage(m);
  }), message);
  const pageIsolated = await page.evaluate(() => self.crossOriginIsolated);
  await page.close();
  return { ...answer, pageIsolated, problems };
}

const RUNS = [
  { shape: [784, 256, 128, 64, 10], activation: 'relu', optimizer: 'adam', lr: 0.002, batch: 32, steps: 4 },
  { shape: [2, 256, 128, 64, 1], activation: 'tanh', optimizer: 'sgd', lr: 0.03, batch: 10, steps: 10 },
  { shape: [2, 256, 128, 64, 1], activation: 'tanh', optimizer: 'momentum', lr: 0.01, batch: 1, steps: 6 },
  { shape: [5, 33, 129, 7, 3], activation: 'gelu', optimizer: 'adam', lr: 0.01, batch: 17, steps: 5 },
];
const runs = (threads) => RUNS.map((r) => ({ ...r, threads }));

test('isolated: the threaded module in a worker gives the single-thread module\'s bits with 2 and 3 threads', async () => {
  const one = await inWorker(isolated, { build: 'split', job: 'runs', runs: runs(1) });
  assert.equal(one.error, undefined, one.error);
  assert.equal(one.pageIsolated, true, 'the page is cross-origin isolated');
  assert.equal(one.threads, 1);
  const many = await inWorker(isolated, { build: 'threads', threads: 3, job: 'runs', runs: [...runs(2), ...runs(3)] });
  assert.equal(many.error, undefined, many.error);
  assert.equal(many.threads, 3, 'the module started 3 threads (2 pthread workers + the worker itself)');
  assert.deepEqual(many.problems, []);
  for (const [j, got] of many.result.entries()) {
    const i = j % RUNS.length, r = RUNS[i];
    const what = `${r.shape.join('-')} batch ${r.batch}, ${j < RUNS.length ? 2 : 3} threads`;
    assert.equal(got.losses.length, r.steps, what);
    assert.deepEqual(got.losses, one.result[i].losses, `${what}: per-step losses`);
    assert.deepEqual(got.epochs, one.result[i].epochs, `${what}: epoch losses`);
    assert.equal(got.params, one.result[i].params, `${what}: weights and biases (hash of their bits)`);
  }
});

test('not isolated: the API refuses build \'threads\' and says which headers to send', async () => {
  const r = await inWorker(plain, { build: 'threads', threads: 2, job: 'runs', runs: [] });
  assert.equal(r.pageIsolated, false);
  assert.equal(r.error, "createNNPlay({build:'threads'}): this page is not cross-origin isolated, so " +
    'SharedArrayBuffer is off; serve it with Cross-Origin-Opener-Policy: same-origin and ' +
    "Cross-Origin-Embedder-Policy: require-corp (docs/embed.md), or use build 'split'");
});

// The page itself: scripts/serve.mjs sends the headers unless NNPLAY_ISOLATE=0.
const LINK = '#dataset=spiral&noise=10&seed=5&networkShape=256,128,64&activation=tanh&batchSize=10&learningRate=0.03';
async function pageRun(env) {
  const saved = process.env.NNPLAY_ISOLATE;
  if (env === undefined) delete process.env.NNPLAY_ISOLATE; else process.env.NNPLAY_ISOLATE = env;
  const server = await startServer();
  if (saved === undefined) delete process.env.NNPLAY_ISOLATE; else process.env.NNPLAY_ISOLATE = saved;
  try {
    const { page, problems } = await openPage(browser.context, server.url + LINK);
    await waitReady(page);
    const status = await page.locator('#status').textContent();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const { losses } = await stepEpochs(page, 3, { timeout: 30000 });
    const isolatedPage = await page.evaluate(() => self.crossOriginIsolated);
    await shot(page, `threads-page-${isolatedPage ? 'isolated' : 'plain'}`);
    await page.close();
    return { status, cores, losses, isolatedPage, problems };
  } finally { server.stop(); }
}

test('the page trains with threads where it is isolated, on one thread elsewhere, with the same losses', async () => {
  const threaded = await pageRun(undefined);
  const single = await pageRun('0');
  assert.equal(threaded.isolatedPage, true);
  // the page's worker uses the browser's cores, at most 8 (one core: the single-thread module)
  const want = Math.min(threaded.cores, 8);
  if (want > 1) assert.match(threaded.status, new RegExp(`· ${want} threads$`), 'npm start: the status line says the threads');
  else assert.doesNotMatch(threaded.status, /threads/);
  assert.equal(single.isolatedPage, false);
  assert.doesNotMatch(single.status, /threads/);
  assert.deepEqual(threaded.problems, []);
  assert.deepEqual(single.problems, []);
  assert.deepEqual(threaded.losses.train, single.losses.train);
  assert.deepEqual(threaded.losses.test, single.losses.test);
});
