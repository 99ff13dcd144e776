// Training with 1 and 2 threads in Chromium's worker (issue 14): the threaded module
// (web/gen/nnplay_core_mt.*) in a module worker of a cross-origin isolated page, the same
// networks and batches as nnbench's 'threads' section, alternating 1, 2, 2, 1 … threads in one
// worker so both see the same machine load. Reports samples/s per thread count (median over
// rounds), the 2-vs-1 ratio and the load average before/after each case; any thread count
// gives the same bits (tests/browser/threads.test.mjs), so only time is compared here.
//   node bench/threads.mjs [--rounds=5] [--ms=400] [--quick] [--json]
// run.mjs calls it with --json and prints the rows in its 'Threads' table.
import os from 'node:os';
import { launch, openPage, ROOT } from '../tests/browser/harness.mjs';
import { createServer } from '../scripts/serve.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? true];
}));
const QUICK = !!args.quick;
const ROUNDS = Number(args.rounds ?? (QUICK ? 2 : 6));
const MS = Number(args.ms ?? (QUICK ? 150 : 400));
const log = (m) => process.stderr.write(m + '\n');

// The page's defaults for these shapes (digits: relu, Adam, batch 128; 2-D: tanh, SGD, batch
// 10) and nnbench's e2e batches; ids as nnbench's threads section.
const CASES = [
  { id: '784-256-128-64-10 relu adam b128', shape: [784, 256, 128, 64, 10], activation: 'relu', optimizer: 'adam', lr: 0.002, batch: 128 },
  { id: '784-256-128-64-10 relu sgd b64', shape: [784, 256, 128, 64, 10], activation: 'relu', optimizer: 'sgd', lr: 0.03, batch: 64 },
  { id: '2-256-128-64-1 tanh sgd b10', shape: [2, 256, 128, 64, 1], activation: 'tanh', optimizer: 'sgd', lr: 0.03, batch: 10 },
  { id: '2-256-128-64-1 relu sgd b32', shape: [2, 256, 128, 64, 1], activation: 'relu', optimizer: 'sgd', lr: 0.03, batch: 32 },
];

const server = createServer(ROOT, { isolate: true });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/tests/browser/threads/page.html`;
const browser = await launch();
const results = [];
let meta = {};
try {
  const { page, problems } = await openPage(browser.context, url);
  for (const c of CASES) {
    const load0 = os.loadavg()[0];
    const r = await page.evaluate((m) => new Promise((resolve) => {
      const w = new Worker('worker.mjs', { type: 'module' });
      w.onmessage = (e) => { resolve(e.data); w.terminate(); };
      w.onerror = (e) => resolve({ error: `worker error: ${e.message}` });
      w.postMessage(m);
    }), { build: 'threads', threads: 2, job: 'bench', cases: [c], rounds: ROUNDS, ms: MS });
    const load1 = os.loadavg()[0];
    if (r.error) throw new Error(`${c.id}: ${r.error}`);
    if (problems.length) throw new Error(problems.join('; '));
    meta = { isolated: r.isolated, moduleThreads: r.threads, cores: os.cpus().length };
    const med = (a) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
    const rate = r.result[0].rate;
    for (const t of [1, 2]) {
      results.push({ kind: 'threads', name: c.id, impl: t === 1 ? '1 thread' : '2 threads', unit: 'samples/s',
        rate: med(rate[t]), min: Math.min(...rate[t]), max: Math.max(...rate[t]), threads: t, loadavg: [load0, load1], rounds: ROUNDS });
    }
    log(`threads (Chromium worker): ${c.id.padEnd(36)} 1 thread ${med(rate[1]).toFixed(0).padStart(7)} samples/s, ` +
      `2 threads ${med(rate[2]).toFixed(0).padStart(7)}: ${(med(rate[2]) / med(rate[1])).toFixed(2)}x ` +
      `(load average ${load0.toFixed(2)} -> ${load1.toFixed(2)})`);
  }
  await page.close();
} finally {
  await browser.close();
  server.close();
}
if (args.json) process.stdout.write(JSON.stringify({ meta: { ...meta, rounds: ROUNDS, ms: MS }, results }) + '\n');
