// Time and memory to refuse two hostile files through the JS API (issue 12, class 4):
// a 48 MB model (valid header, one long weights array) and a 25,000,000-column CSV.
// Usage: node bench/refuse.mjs [model|csv|both] [path/to/gen]   (default both, web/gen)
// Prints one JSON line per case: ms, the message (or the failure), the wasm heap before
// and after (heapBytes: linear memory; heapUsed: bytes malloc'd), and the process's
// peak RSS. Run it under /usr/bin/time -v for the peak of the whole process.
import path from 'node:path';
import fs from 'node:fs';

const which = process.argv[2] || 'both';
const gen = path.resolve(process.argv[3] || 'web/gen');

export function bigModel(mb = 48) {
  const head = '{"format":"nnplay-model","version":1,"inputs":2,"loss":"half_mse","layers":[' +
    '{"units":1,"activation":"tanh","bias":true,"weights":[';
  const n = Math.floor((mb * 1e6 - head.length - 20) / 2);
  return head + '0,'.repeat(n) + '0],"biases":[0]}]}';
}
export function wideCsv(cols = 25000000) { return '1,'.repeat(cols - 1) + '1\n'; }

async function main() {
  process.env.NNPLAY_GEN = gen;  // the lib beside gen/ (lib/nnplay.mjs) loads that module
  const { createNNPlay } = await import(path.join(gen, '..', 'lib', 'nnplay.mjs'));
  const nn = await createNNPlay();
  const cases = [];
  if (which !== 'csv') cases.push(['model 48 MB', bigModel(), (t) => nn.Network.fromJSON(t)]);
  if (which !== 'model') cases.push(['CSV 25,000,000 columns', wideCsv(), (t) => nn.datasetFromCSV(t)]);
  for (const [name, text, f] of cases) {
    const before = { heapBytes: nn.heapBytes(), heapUsed: nn.heapUsed() };
    const t0 = performance.now();
    let msg;
    try { f(text); msg = 'accepted'; } catch (e) { msg = String(e && e.message || e).slice(0, 200); }
    const ms = performance.now() - t0;
    let after;
    try { after = { heapBytes: nn.heapBytes(), heapUsed: nn.heapUsed() }; } catch (e) { after = String(e); }
    let alive;
    try { nn.countParameters([2, 3]); alive = true; } catch { alive = false; }
    console.log(JSON.stringify({ case: name, bytes: text.length, ms: Math.round(ms), message: msg,
      before, after, moduleAlive: alive, rssPeakMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  }
}
if (process.argv[1] && fs.realpathSync(process.argv[1]) === new URL(import.meta.url).pathname) await main();
