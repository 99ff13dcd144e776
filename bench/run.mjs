// Runs every benchmark several times, one process per run and per program, and writes
// bench/results/latest.json and latest.md: median and min–max over runs, ratios taken
// within each run (same process, same moment) and then their median across runs.
//   node bench/run.mjs [--runs=5] [--quick] [--native=build/b-native] [--wasm=build/b-wasm]
//     [--no-page] [--no-frames] [--no-digits] [--no-tf-page] [--frames-runs=3] [--digits-runs=1] [--frames-task-cpu]
// scripts/bench.sh builds what this needs first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { median } from './timing.mjs';
import { TRAIN, GRID, GRID_RES } from './tasks.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? true];
}));
const RUNS = Number(args.runs ?? process.env.BENCH_RUNS ?? (args.quick ? 1 : 5));
const QUICK = !!args.quick;
const SLOW_PEER_RUNS = Math.min(RUNS, 3);  // tfjs-cpu and TF Playground: seconds per grid
const NATIVE = path.resolve(ROOT, args.native ?? 'build/b-native', 'nnbench');
// V8 first runs wasm in its baseline tier (Liftoff) and swaps in optimised code once
// a function is hot, compiled on a background thread. On this loaded 2-core machine
// that swap was seen to come seconds late or not within a run: the same kernel then
// measured 7-9 GFLOP/s (Liftoff speed: `node --liftoff-only` gives 8.5) in one process
// and 15-20 in the next. This flag compiles every function optimised up front, so
// every run times the steady-state code a long training session gets. It applies to
// every WASM engine alike (nnplay and tfjs-wasm); module start-up is measured without it.
const V8_FLAGS = ['--no-wasm-dynamic-tiering'];
const WASM = path.resolve(ROOT, args.wasm ?? 'build/b-wasm', 'nnbench.cjs');
const OUTDIR = path.join(ROOT, 'bench', 'results');
const log = (m) => process.stderr.write(m + '\n');
const BENCH_VERBOSE = !!args.verbose || !!process.env.BENCH_VERBOSE;  // show each program's progress

function runJSON(cmd, argv, env = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, argv, {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', BENCH_VERBOSE ? 'inherit' : 'pipe'],
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    log(`run: ${cmd} ${argv.join(' ')} failed (${r.status}) after ${secs} s:\n${(r.stderr ?? '').slice(-2000)}`);
    return null;
  }
  log(`run: ${argv[0] === '-e' ? 'node load' : path.basename(argv[0] ?? cmd)} ${argv[0] === '-e' ? '' : argv.slice(1).join(' ')} ${secs} s`);
  return JSON.parse(r.stdout);
}

// ---- collect ----------------------------------------------------------------------------
const rows = new Map();  // key → { source, kind, name, impl, op, unit, runs: [rate per run] }
function add(run, source, kind, name, impl, op, unit, rate) {
  const key = [source, kind, name, impl, op].join('|');
  if (!rows.has(key)) rows.set(key, { source, kind, name, impl, op, unit, runs: [] });
  rows.get(key).runs[run] = rate;
}
const get = (source, kind, name, impl, op = '') => rows.get([source, kind, name, impl, op].join('|'));

const meta = {
  date: new Date().toISOString(), cpu: os.cpus()[0]?.model, cores: os.cpus().length,
  node: process.version, v8Flags: V8_FLAGS, runs: RUNS, quick: QUICK, loadavg: [], native: null, wasm: null, engines: null,
};
const nativeOK = fs.existsSync(NATIVE), wasmOK = fs.existsSync(WASM);
if (!nativeOK) log(`run: ${NATIVE} missing, native figures skipped`);
if (!wasmOK) log(`run: ${WASM} missing, wasm kernel figures skipped`);
const q = QUICK ? ['--quick'] : [];
const t0 = Date.now();
for (let run = 0; run < RUNS; ++run) {
  log(`run: ---- run ${run + 1}/${RUNS} (load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')})`);
  meta.loadavg.push(os.loadavg()[0]);
  if (nativeOK) {
    const r = runJSON(NATIVE, q, { OPENBLAS_NUM_THREADS: '1' });
    if (r) {
      meta.native = r.meta;
      for (const x of r.results) add(run, 'native', x.kind, x.name, x.impl, x.op, x.unit, x.rate);
    }
  }
  if (wasmOK) {
    const r = runJSON(process.execPath, [...V8_FLAGS, WASM, ...q]);
    if (r) {
      meta.wasm = r.meta;
      for (const x of r.results) add(run, 'wasm', x.kind, x.name, x.impl, x.op, x.unit, x.rate);
    }
  }
  // Threads in a browser worker (issue 14, the threads helper's bench/threads.mjs when present):
  // JSON {results: [{kind: 'threads', name, impl: '1 thread' | 'N threads', op, unit, rate}]}.
  if (!args['no-page'] && fs.existsSync(path.join(ROOT, 'bench', 'threads.mjs')) && fs.existsSync('/usr/bin/chromium')) {
    const r = runJSON(process.execPath, ['bench/threads.mjs', '--json', ...q], {
      NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace('--no-experimental-fetch', '').trim(),
    });
    if (r) for (const x of r.results) add(run, 'browser', x.kind, x.name, x.impl, x.op ?? '', x.unit ?? 'samples/s', x.rate);
  }
  const engines = run < SLOW_PEER_RUNS ? 'nnplay,nnplay-steps,tfjs-wasm,tfjs-cpu,playground' : 'nnplay,nnplay-steps,tfjs-wasm';
  const r = runJSON(process.execPath, [...V8_FLAGS, 'bench/e2e.mjs', `--engines=${engines}`, ...q]);
  if (r) {
    meta.engines = { ...meta.engines, ...r.meta.engines };
    for (const [engine, tasks] of Object.entries(r.results))
      for (const [task, s] of Object.entries(tasks))
        if (s.rate) add(run, 'js', 'e2e', task, engine, '', s.unit, s.rate);
  }
}
meta.seconds = Math.round((Date.now() - t0) / 1000);

// ---- sizes and start-up ---------------------------------------------------------------------
const sizes = [];
for (const f of ['nnplay_core.wasm', 'nnplay_core.js', 'nnplay_core.mjs', 'nnplay_core.single.js']) {
  const p = path.join(ROOT, 'web', 'gen', f);
  if (!fs.existsSync(p)) continue;
  const buf = fs.readFileSync(p);
  sizes.push({ file: `web/gen/${f}`, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length });
}
const startup = {};
{
  // Module load in node: import + compile + instantiate, a fresh process each time.
  const loads = [];
  for (let i = 0; i < (QUICK ? 2 : 5); ++i) {
    const r = runJSON(process.execPath, ['-e', `
      const t0 = performance.now();
      import('${path.join(ROOT, 'web/lib/nnplay.mjs')}').then((m) => m.createNNPlay()).then(() =>
        console.log(JSON.stringify({ ms: performance.now() - t0 })));`]);
    if (r) loads.push(r.ms);
  }
  if (loads.length) startup.nodeLoadMs = loads;
  if (!args['no-page'] && fs.existsSync('/usr/bin/chromium')) {
    // playwright-core needs node's fetch globals (Headers): drop env.sh's --no-experimental-fetch.
    const r = runJSON(process.execPath, ['bench/page_startup.mjs'], {
      BENCH_PAGE_LOADS: QUICK ? '2' : '4',
      NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace('--no-experimental-fetch', '').trim(),
    });
    if (r) startup.page = r;
  }
}
// Frames while training (issue 14): nnplay's page beside TF Playground's real page, one
// headless Chromium, alternating; its own runs (3 at most: the widget and article cases are
// 30 s each). Skipped with --no-page or --no-frames, or without Chromium.
let frames = null;
if (!args['no-page'] && !args['no-frames'] && fs.existsSync('/usr/bin/chromium')) {
  frames = runJSON(process.execPath, ['bench/frames.mjs', `--runs=${args['frames-runs'] ?? Math.min(RUNS, 3)}`,
    ...(args['frames-task-cpu'] ? ['--task-cpu'] : []), ...q], {
    NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace('--no-experimental-fetch', '').trim(),
  });
}
// Handwritten digits in the page (issue 15): bench/digits.mjs in its own Chromium, after the
// frames (one run by default: each run trains to 95%, ~20-60 s). Skipped like the frames.
let digits = null;
if (!args['no-page'] && !args['no-digits'] && fs.existsSync('/usr/bin/chromium')) {
  digits = runJSON(process.execPath, ['bench/digits.mjs', '--json', `--runs=${args['digits-runs'] ?? 1}`, ...q], {
    NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace('--no-experimental-fetch', '').trim(),
  });
}
// TF Playground links in nnplay's tfMode against the real TF Playground page (issue 11,
// bench/tf_page.mjs): points and shown losses. Says it was skipped where the page is absent.
let tfPage = null;
if (!args['no-page'] && !args['no-tf-page'] && fs.existsSync('/usr/bin/chromium')) {
  tfPage = runJSON(process.execPath, ['bench/tf_page.mjs', '--json'], {
    NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace('--no-experimental-fetch', '').trim(),
  });
}

// ---- summarise ---------------------------------------------------------------------------------
for (const r of rows.values()) {
  const v = r.runs.filter((x) => x !== undefined);
  Object.assign(r, { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length });
}
// Ratio of a to b within each run where both ran, then the median of those ratios.
function ratio(a, b) {
  if (!a || !b) return null;
  const v = [];
  for (let i = 0; i < RUNS; ++i) if (a.runs[i] !== undefined && b.runs[i] !== undefined) v.push(a.runs[i] / b.runs[i]);
  return v.length ? { median: median(v), min: Math.min(...v), max: Math.max(...v) } : null;
}

const SHAPES = ['64x256->128', '256x256->256', '32x2->8', '10000x2->8'];
const OPS = ['forward', 'dx', 'dW', 'backward'];
const wasmArch = meta.wasm?.simd ?? 'sse4.1';
const nativeArch = meta.native?.simd;
const nativeArches = ['sse2', 'avx2', 'avx512f'].filter((a) => get('native', 'kernel', SHAPES[0], a, 'forward'));
const ceilWasm = get('wasm', 'ceiling', 'mul+add', wasmArch);
const ceilNative = Object.fromEntries(['sse2', 'avx2', 'avx512f'].map((a) => [a, get('native', 'ceiling', 'mul+add', a)]));

const G = (x) => (x / 1e9);
const fmtG = (r) => (r ? `${G(r.median).toFixed(2)} (${G(r.min).toFixed(2)}–${G(r.max).toFixed(2)})` : '–');
const fmtN = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e4 ? `${(x / 1e3).toFixed(1)} k` : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtR = (r) => (r ? `${fmtN(r.median)} (${fmtN(r.min)}–${fmtN(r.max)})` : '–');
const pct = (r) => (r ? `${(100 * r.median).toFixed(0)}%` : '–');
const times = (r) => (r ? `${r.median >= 10 ? r.median.toFixed(0) : r.median.toFixed(2)}×` : '–');

const md = [];
md.push('# nnplay benchmarks', '');
md.push(`${meta.date} · ${meta.cpu}, ${meta.cores} cores · node ${meta.node} · ${RUNS} runs` +
  ` (one process per run and program; median (min–max) over runs; ratios are taken within a run, then the median)` +
  ` · load average at the start of each run: ${meta.loadavg.map((v) => v.toFixed(1)).join(', ')}` +
  ` · ${meta.seconds} s${QUICK ? ' · QUICK (short samples, indicative only)' : ''}.`, '');
md.push(`Native kernels dispatch at run time to **${nativeArch ?? '?'}** here (${meta.native?.lanes ?? '?'} lanes);` +
  ` WASM uses **${wasmArch}** over SIMD128 (4 lanes). All kernels do a separate multiply and add (no FMA), as the ceilings do.` +
  ` WASM programs run under \`node ${V8_FLAGS.join(' ')}\` (every wasm function optimised from the first call, for nnplay and tfjs-wasm alike; see bench/README.md).` +
  (meta.native?.openblas ? ` OpenBLAS: ${meta.native.openblas}, ${meta.native.openblasThreads} thread.` : ' OpenBLAS: not built.'), '');

md.push('## Multiply-add ceilings (GFLOP/s)', '');
md.push('| where | instruction set | GFLOP/s |', '|---|---|---|');
if (ceilWasm) md.push(`| WASM (node) | ${wasmArch} f32x4 | ${fmtG(ceilWasm)} |`);
for (const [a, c] of Object.entries(ceilNative)) if (c) md.push(`| native | ${a} | ${fmtG(c)} |`);
md.push('');

md.push('## Dense kernels in WASM (node), GFLOP/s', '');
md.push('x is (batch, in), W is (in, out): forward y = x·W + b, dx = dY·Wᵀ, dW = xᵀ·dY; `backward` is the whole' +
  ' dense_backward call (dW + db + dx, including its Wᵀ copy), counted as 2 products.', '');
md.push(`| shape batch×in→out | op | _ref | _simd (${wasmArch}) | simd/ref | simd/ceiling |`, '|---|---|---|---|---|---|');
for (const s of SHAPES) for (const op of OPS) {
  const ref = get('wasm', 'kernel', s, 'ref', op), simd = get('wasm', 'kernel', s, wasmArch, op);
  if (!simd) continue;
  md.push(`| ${s} | ${op} | ${fmtG(ref)} | ${fmtG(simd)} | ${times(ratio(simd, ref))} | ${pct(ratio(simd, ceilWasm))} |`);
}
md.push('');

md.push('## Dense kernels natively, GFLOP/s', '');
md.push(`| shape | op | _ref | ${nativeArches.map((a) => `_simd ${a}`).join(' | ')} | OpenBLAS 1 thread | ${nativeArch}/OpenBLAS | ${nativeArch}/ceiling |`);
md.push(`|---|---|---|${nativeArches.map(() => '---|').join('')}---|---|---|`);
for (const s of SHAPES) for (const op of OPS) {
  const ref = get('native', 'kernel', s, 'ref', op);
  if (!ref) continue;
  const best = get('native', 'kernel', s, nativeArch, op), blas = get('native', 'kernel', s, 'openblas', op);
  md.push(`| ${s} | ${op} | ${fmtG(ref)} | ${nativeArches.map((a) => fmtG(get('native', 'kernel', s, a, op))).join(' | ')} | ` +
    `${fmtG(blas)} | ${pct(ratio(best, blas))} | ${pct(ratio(best, ceilNative[nativeArch]))} |`);
}
md.push('');

const E = [['native', 'nnplay-native', 'nnplay native'], ['wasm', 'nnplay-wasm-core', 'nnplay WASM core (no JS API)'],
  ['js', 'nnplay', 'nnplay WASM via JS API'], ['js', 'nnplay-steps', 'nnplay JS API, trainSteps (16 batches a call)'],
  ['js', 'tfjs-wasm', 'tfjs-wasm'], ['js', 'tfjs-cpu', 'tfjs-cpu'],
  ['js', 'playground', 'TF Playground engine']];
const e2e = (task, [src, impl]) => get(src, 'e2e', task, impl);
for (const [name, m] of Object.entries(meta.engines ?? {}))
  if (m.error) md.push(`**${name} did not run:** ${m.error}`, '');
md.push('## Training: samples per second (one step = forward + backward + SGD update)', '');
md.push(`| workload | ${E.map((e) => e[2]).join(' | ')} | nnplay/tfjs-wasm | nnplay/tfjs-cpu | nnplay/Playground |`);
md.push(`|---|${E.map(() => '---|').join('')}---|---|---|`);
for (const t of TRAIN) {
  const nn = get('js', 'e2e', t.id, 'nnplay');
  md.push(`| ${t.id} | ${E.map((e) => fmtR(e2e(t.id, e))).join(' | ')} | ${times(ratio(nn, get('js', 'e2e', t.id, 'tfjs-wasm')))} | ` +
    `${times(ratio(nn, get('js', 'e2e', t.id, 'tfjs-cpu')))} | ${times(ratio(nn, get('js', 'e2e', t.id, 'playground')))} |`);
}
{
  // trainSteps: 16 batches per call; the peers do one call per batch, so this is a separate figure.
  const r = ratio(get('js', 'e2e', TRAIN[0].id, 'nnplay-steps'), get('js', 'e2e', TRAIN[0].id, 'playground'));
  if (r) md.push('', `nnplay through trainSteps (16 batches per call, like the page's one call per epoch) / TF Playground on ${TRAIN[0].id}: ${times(r)}. ` +
    'The peers make one call per batch, so the targets use the trainBatch column.');
}
md.push('', 'TF Playground\'s engine has only ½ squared error and a tanh output, so it runs 2-256-128-64-1 with those' +
  ' (same matrix work) and cannot run the 10-class softmax net.', '');

md.push(`## Grid: ${GRID_RES}×${GRID_RES} points with every neuron's map, milliseconds per grid`, '');
// trainSteps has no grid; 'nnplay-into' refills the previous result (evaluateGrid's `into`).
const EG = E.filter((e) => e[1] !== 'nnplay-steps').flatMap((e) => (e[1] === 'nnplay' ? [e, ['js', 'nnplay-into', 'nnplay JS API, into the last result']] : [e]));
md.push(`| workload | ${EG.map((e) => e[2]).join(' | ')} | nnplay/tfjs-wasm |`);
md.push(`|---|${EG.map(() => '---|').join('')}---|`);
const msGrid = (r) => (r ? `${(1e3 * GRID_RES * GRID_RES / r.median).toFixed(2)} (${(1e3 * GRID_RES * GRID_RES / r.max).toFixed(2)}–${(1e3 * GRID_RES * GRID_RES / r.min).toFixed(2)})` : '–');
for (const t of GRID) {
  const nn = get('js', 'e2e', t.id, 'nnplay');
  md.push(`| ${t.id} | ${EG.map((e) => msGrid(e2e(t.id, e))).join(' | ')} | ${times(ratio(nn, get('js', 'e2e', t.id, 'tfjs-wasm')))} |`);
}
md.push('', 'tfjs: predict of all 10,000 points in one batch on a pre-made tensor, every layer\'s output read back' +
  ' (left in its (points, units) layout). TF Playground: its per-point forward pass and per-node copy;' +
  ' 2-256-128-64-1 is skipped there (10–20 s a grid).', '');
// Issue 14: the grid against the GEMMs it runs (nnbench's gemm-only: the same products, kernel and
// layout, buffers made once, nothing else), timed in alternating samples in the WASM core's process.
const gridVsGemm = GRID.map((t) => {
  const gemm = get('wasm', 'e2e', t.id, 'gemm-only');
  return { t, gemm, core: ratio(gemm, get('wasm', 'e2e', t.id, 'nnplay-wasm-core')), api: ratio(gemm, get('js', 'e2e', t.id, 'nnplay')),
    into: ratio(gemm, get('js', 'e2e', t.id, 'nnplay-into')) };
});
if (gridVsGemm.some((g) => g.gemm)) {
  md.push('### The grid against its own GEMMs (WASM)', '');
  md.push('| workload | GEMMs only, ms | WASM core, × GEMM (same process) | JS API, × GEMM (same run) | JS API into the last result, × GEMM |', '|---|---|---|---|---|');
  for (const g of gridVsGemm) md.push(`| ${g.t.id} | ${msGrid(g.gemm)} | ${times(g.core)} | ${times(g.api)} | ${times(g.into)} |`);
  md.push('', 'GEMMs only: the products the grid runs (10,000 × 2→…→1) with the same kernel and layout, buffers made once,' +
    ' no features, bias, activation, allocation or copy; timed in alternating samples with the core\'s grid in one process.' +
    ' The JS API ratio divides by the GEMM of the same run (another process).', '');
}

md.push('## Size and start-up', '');
md.push('| file | raw | gzip -9 |', '|---|---|---|');
for (const s of sizes) md.push(`| ${s.file} | ${(s.raw / 1024).toFixed(1)} KiB | ${(s.gzip / 1024).toFixed(1)} KiB |`);
md.push('');
if (startup.nodeLoadMs) md.push(`- node: import nnplay.mjs + compile + instantiate: median ${median(startup.nodeLoadMs).toFixed(0)} ms` +
  ` (${startup.nodeLoadMs.map((v) => v.toFixed(0)).join(', ')}).`);
if (startup.page?.error) md.push(`- page in headless Chromium: **${startup.page.error}**`);
if (startup.page?.loads.length) md.push(`- page in headless Chromium, localhost, cold profile: navigation to the status line saying "Ready":` +
  ` median ${median(startup.page.loads)} ms (${startup.page.loads.join(', ')});` +
  ` DOMContentLoaded ${startup.page.domContentLoaded.map((v) => v?.toFixed(0)).join(', ')} ms.`);
md.push('');

// ---- frames (issue 14) ------------------------------------------------------------------------
const FR = frames?.results ?? [];
const frameRuns = (key, pageName) => FR.filter((r) => r.case === key && r.page === pageName && !r.error);
const fmtMed = (v, d = 0) => (v.length ? `${median(v).toFixed(d)} (${Math.min(...v).toFixed(d)}–${Math.max(...v).toFixed(d)})` : '–');
function frameCells(key, pageName) {
  const r = frameRuns(key, pageName);
  if (!r.length) return null;
  return {
    fps: fmtMed(r.map((x) => x.fps)), p95: fmtMed(r.map((x) => x.p95), 1),
    eps: r.every((x) => x.epochsPerSec != null) ? fmtMed(r.map((x) => x.epochsPerSec)) : '–',
    maps: r.every((x) => x.mapsPerSec != null) ? fmtMed(r.map((x) => x.mapsPerSec)) : '–',
    // "3 (0 CPU)": long tasks, and of them those with > 50 ms of their own CPU (with --frames-task-cpu)
    long: r.map((x) => `${x.longTasks}${x.longTasksCpu != null ? ` (${x.longTasksCpu} CPU)` : ''}`).join(', '), load: r.map((x) => x.loadavg.toFixed(1)).join(', '), runs: r,
  };
}
if (frames) {
  const fm = frames.meta;
  md.push('## Frames while training (headless Chromium)', '');
  md.push(`nnplay's page and ${fm.peer ? `TF Playground's real page (\`${fm.peer}\`, built from its published source)` : 'TF Playground (absent)'}` +
    ` in one headless Chromium ${fm.chromium ?? ''}, opened in turn (the order alternates between runs), ${fm.runs} runs;` +
    ` a ${fm.warmup} s warm-up, then ${fm.seconds} s of requestAnimationFrame deltas (${fm.longSeconds} s for the widgets and the article).` +
    ' Frames/s, p95 frame (ms), epochs/s (each page\'s own counter), new 100×100 maps per second (nnplay: maps its worker' +
    ' painted; TF Playground: 100×100 images put on a canvas), main-thread long tasks' +
    ' (> 50 ms) per run; median (min–max) over runs; the load average when each run of the case started.' +
    ' On a loaded machine frames/s can exceed epochs/s at 1 epoch/frame: the page draws at the display\'s rate and shows' +
    ' each epoch the worker delivers.', '');
  if (fm.peerMissing) md.push(`**${fm.peerMissing}.**`, '');
  md.push('| network, speed | nnplay frames/s | p95 ms | epochs/s | maps/s | long tasks | TF Playground frames/s | p95 ms | epochs/s | maps/s | long tasks | load |');
  md.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const c of fm.cases.filter((x) => !x.long)) {
    const a = frameCells(c.key, 'nnplay'), b = frameCells(c.key, 'tf-playground');
    if (!a && !b) continue;
    const na = '–';
    md.push(`| ${c.id} | ${a?.fps ?? na} | ${a?.p95 ?? na} | ${a?.eps ?? na} | ${a?.maps ?? na} | ${a?.long ?? na} | ` +
      (b ? `${b.fps} | ${b.p95} | ${b.eps} | ${b.maps} | ${b.long}` : `${c.tf ? 'not measured' : '—'} | | | | `) + ` | ${a?.load ?? b?.load ?? ''} |`);
  }
  md.push('', `—: ${fm.tfWhy}.`, '');
  md.push('| page, 30 s of training | frames/s | p95 ms | long tasks (> 50 ms) per run | long-task ms per run | widgets training | load |', '|---|---|---|---|---|---|---|');
  for (const c of fm.cases.filter((x) => x.long)) {
    const a = frameCells(c.key, 'nnplay');
    if (!a) continue;
    md.push(`| ${c.id} | ${a.fps} | ${a.p95} | ${a.long} | ${a.runs.map((x) => x.longTaskMs.toFixed(0)).join(', ')} | ${a.runs.map((x) => x.widgetsTraining).join(', ')} | ${a.load} |`);
  }
  const errs = FR.filter((r) => r.error);
  if (errs.length) md.push('', `Failed measurements: ${errs.map((e) => `${e.case} ${e.page} run ${e.run + 1}: ${e.error}`).join('; ')}`);
  md.push('');
}

// ---- threads (issue 14) -----------------------------------------------------------------------
// Rows of kind 'threads' (nnbench natively and in WASM, bench/threads.mjs in a browser worker):
// name '<net> <activation> <optimiser> b<batch>', impl '1 thread' or 'N threads', samples/s. The
// speed-up is N threads / 1 thread within each run (same process), then the median over runs.
const THREAD_SOURCES = { native: 'native (C++)', wasm: 'WASM in node', browser: 'WASM in a browser worker' };
const threadRows = [...rows.values()].filter((r) => r.kind === 'threads' && r.impl !== '1 thread');
const threadSpeedups = [];
if (threadRows.length) {
  md.push('## Threads: samples/s, 1 vs more threads (issue 14)', '');
  md.push(`Training samples/s with one thread and with more, in the same process and run; speed-up = more / one within each run, median (min–max) over runs. Load average at the start of each run: ${meta.loadavg.map((v) => v.toFixed(1)).join(', ')} (${os.cpus().length} cores).`, '');
  md.push('| where | network | 1 thread samples/s | more threads | samples/s | speed-up |', '|---|---|---|---|---|---|');
  for (const r of threadRows) {
    const one = get(r.source, 'threads', r.name, '1 thread', r.op);
    const sp = ratio(r, one);
    if (sp) threadSpeedups.push({ where: THREAD_SOURCES[r.source] ?? r.source, name: r.name, impl: r.impl, sp });
    const cell = (x) => (x ? `${Math.round(x.median).toLocaleString('en-US')} (${Math.round(x.min).toLocaleString('en-US')}–${Math.round(x.max).toLocaleString('en-US')})` : '–');
    md.push(`| ${THREAD_SOURCES[r.source] ?? r.source} | ${r.name} | ${cell(one)} | ${r.impl} | ${cell(r)} | ${sp ? `${sp.median.toFixed(2)}× (${sp.min.toFixed(2)}–${sp.max.toFixed(2)})` : '–'} |`);
  }
  md.push('');
}

// ---- digits (issue 15) ------------------------------------------------------------------------
const DR = digits?.runs ?? [];
const fnum = (v, d = 0) => (v == null || Number.isNaN(v) ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
if (digits) {
  md.push('## Handwritten digits in the page (issue 15, bench/digits.mjs)', '');
  md.push('Headless Chromium, page defaults (784-256-128-64-10 ReLU, softmax, He uniform, Adam 0.002, batch 128, 80% train).' +
    ' "Choose" = picking Handwritten digits in the Dataset menu with Play pressed at once; "to 95%" = Play on a fresh' +
    ` \`#dataset=digits\` until the test accuracy shows ≥ 95% (limit ${digits.limitS} s); long tasks = main-thread tasks > 50 ms` +
    ` meanwhile (PerformanceObserver), with each one's own CPU time and the most CPU any task used (Chromium trace; on a loaded` +
    ` machine a task waits for a core, so wall time ≫ CPU time); samples/s of the page (all of trainPart, each epoch's evaluation included / optimiser` +
    ` steps only) next to tfjs-wasm training the same network with trainOnBatch in the same browser (${digits.tfjsWindowMs / 1000} s window).` +
    (digits.quick ? ' QUICK: a smoke test, not figures.' : ''), '');
  md.push('| run | load | file B | choose → data ms | → network drawn ms | → first epoch ms | Play → 95% | long tasks (longest ms) | page samples/s (steps only) | tfjs-wasm samples/s | steps / tfjs | spiral 65% / 75% s |');
  md.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of DR) {
    const c = r.choose, t = r.train;
    md.push(`| ${r.run + 1} | ${r.loadAverage.split(' ')[0]} | ${fnum(c.transferred)} | ${fnum(c.loadedMs)} | ${fnum(c.networkMs)} | ${fnum(c.firstEpochMs)} | ` +
      `${t.reached ? `${fnum(t.reached.seconds, 1)} s (epoch ${t.reached.epoch}, ${t.reached.accuracy}%)` : `not in ${t.limitS} s (epoch ${t.epochs}, ${t.accuracy}%)`} | ` +
      `${t.longTasks} (${fnum(t.longestMs)})${t.traced ? `; CPU ${t.longTaskCpuMs.join('/') || '–'}, max task CPU ${fnum(t.maxTaskCpuMs, 1)}` : ''} | ${fnum(t.samplesPerSec)} (${fnum(t.trainSamplesPerSec)}) | ${fnum(r.tfjs.samplesPerSec)} | ` +
      `${fnum(t.trainSamplesPerSec / r.tfjs.samplesPerSec, 2)}× | ${fnum(r.spiral.to65, 1)} / ${fnum(r.spiral.to75, 1)} |`);
  }
  md.push('');
}

// ---- targets (issue 6) ---------------------------------------------------------------------------
const targets = [];
function target(what, value, goal, met, note = '') { targets.push({ what, value, goal, met, note }); }
for (const op of ['forward', 'dx', 'dW']) {
  const r = ratio(get('wasm', 'kernel', '64x256->128', wasmArch, op), ceilWasm);
  if (r) target(`WASM ${op} 64×256→128 vs WASM ceiling`, `${(100 * r.median).toFixed(0)}%`, '≥ 60%', r.median >= 0.6);
}
for (const [task, goal] of [[TRAIN[1].id, 10], [TRAIN[2].id, 5]]) {
  const r = ratio(get('js', 'e2e', task, 'nnplay'), get('js', 'e2e', task, 'tfjs-wasm'));
  if (r) target(`${task}: nnplay / tfjs-wasm`, times(r), `≥ ${goal}×`, r.median >= goal);
}
{
  const r = ratio(get('js', 'e2e', TRAIN[0].id, 'nnplay'), get('js', 'e2e', TRAIN[0].id, 'playground'));
  if (r) target(`${TRAIN[0].id}: nnplay / TF Playground`, times(r), '≥ 5×', r.median >= 5);
}
for (const [task, goal] of [[GRID[0].id, 1], [GRID[1].id, 30]]) {
  for (const [impl, how] of [['nnplay', 'nnplay WASM via JS API'], ['nnplay-into', 'JS API into the last result']]) {
    const r = get('js', 'e2e', task, impl);
    if (r) { const ms = 1e3 * GRID_RES * GRID_RES / r.median; target(`${task} (${how})`, `${ms.toFixed(2)} ms`, `≤ ${goal} ms`, ms <= goal); }
  }
}
if (nativeArch) target('native runtime dispatch', nativeArch, 'AVX2/AVX-512 where present', nativeArch !== 'sse2');
for (const s of SHAPES) for (const op of ['forward', 'dx', 'dW']) {
  const r = ratio(get('native', 'kernel', s, nativeArch, op), get('native', 'kernel', s, 'openblas', op));
  if (r) target(`native ${op} ${s} vs OpenBLAS`, `${(100 * r.median).toFixed(0)}%`, '≥ 60%', r.median >= 0.6);
}
// issue 14: frames, and the grids against the GEMM's own measured speed in this run
if (frames) {
  const med = (key, f) => { const r = frameRuns(key, 'nnplay'); return r.length ? median(r.map(f)) : null; };
  for (const key of ['circle', 'spiral', 'wide']) {
    const fps = med(key, (x) => x.fps), p95 = med(key, (x) => x.p95);
    if (fps != null) target(`frames: ${frames.meta.cases.find((c) => c.key === key).id}`, `${fps.toFixed(0)} fps, p95 ${p95.toFixed(1)} ms`, '60 fps, p95 ≤ 20 ms', fps >= 57 && p95 <= 20);
  }
  {
    const fps = med('digits', (x) => x.fps);
    if (fps != null) target('frames: digits 784-256-128-64-10 (page defaults)', `${fps.toFixed(0)} fps`, '≥ 30 fps', fps >= 30);
  }
  for (const key of ['spiral-max', 'wide-max']) {
    const fps = med(key, (x) => x.fps), maps = med(key, (x) => x.mapsPerSec ?? 0);
    if (fps != null) target(`frames: ${frames.meta.cases.find((c) => c.key === key).id}`, `${fps.toFixed(0)} fps, ${maps.toFixed(1)} maps/s`, '≥ 30 fps, maps updating', fps >= 30 && maps > 1);
  }
  for (const key of ['ten', 'article']) {
    const r = frameRuns(key, 'nnplay');
    if (!r.length) continue;
    const fps = median(r.map((x) => x.fps)), long = Math.max(...r.map((x) => x.longTasks ?? Infinity));
    target(`${frames.meta.cases.find((c) => c.key === key).id}`, `${fps.toFixed(0)} fps, at most ${long} long tasks in a run`,
      key === 'ten' ? '60 fps, no long task in 30 s' : 'no long task in 30 s', (key === 'ten' ? fps >= 57 : true) && long === 0);
  }
}
for (const t of threadSpeedups.filter((x) => /^(784-256-128-64-10|2-256-128-64-1)\b/.test(x.name))) {
  target(`threads: ${t.name}, ${t.where}, ${t.impl} / 1`, `${t.sp.median.toFixed(2)}×`, 'reported (bit-identical to 1 thread)', null);
}
if (!threadRows.length) target('threads: speed-up on 784-256-128-64-10 and 2-256-128-64-1', 'no threads rows in this run', 'reported', false);
for (const g of gridVsGemm.slice(1)) {
  // "2-256-128-64-1 within 1.5× of the GEMM's measured time" (issue 14): the GEMM is nnbench's
  // gemm-only in the same run (the grid's own products; table above).
  if (g.api) target(`${g.t.id} (JS API) vs its GEMMs alone (${msGrid(g.gemm).split(' ')[0]} ms)`, times(g.api), '≤ 1.5×', g.api.median <= 1.5);
  if (g.into) target(`${g.t.id} (JS API, into the last result) vs its GEMMs alone`, times(g.into), '≤ 1.5×', g.into.median <= 1.5);
  if (g.core) target(`${g.t.id} (WASM core) vs its GEMMs alone, same process`, times(g.core), 'reported (no goal)', null);
}
if (DR.length) {
  const secs = DR.map((r) => r.train.reached?.seconds ?? Infinity);
  const worst = Math.max(...secs);
  target('digits page: Play → 95% test (default settings)', DR.map((r) => (r.train.reached ? `${r.train.reached.seconds.toFixed(1)} s` : `not in ${r.train.limitS} s`)).join(', '), '≤ 30 s', worst <= 30);
  const long = Math.max(...DR.map((r) => r.train.longTasks));
  target('digits page: main-thread tasks > 50 ms while training', DR.map((r) => `${r.train.longTasks} (longest ${fnum(r.train.longestMs)} ms)`).join(', '), 'none', long === 0);
  // the same tasks by their own CPU time (trace): what the page did, apart from waiting for a core
  if (DR.every((r) => r.train.traced)) {
    target('digits page: tasks with > 50 ms of the page\'s own CPU while training', DR.map((r) => `${r.train.longTasksCpuOver50} (most CPU in a task ${fnum(r.train.maxTaskCpuMs, 1)} ms)`).join(', '),
      'none', DR.every((r) => r.train.longTasksCpuOver50 === 0));
  }
  const ratios = DR.map((r) => r.train.samplesPerSec / r.tfjs.samplesPerSec).filter((x) => Number.isFinite(x));
  if (ratios.length) target('digits page samples/s (evaluation included) / tfjs-wasm same network', `${median(ratios).toFixed(2)}×`, 'reported (no goal)', null);
  target('digits: choose → first epoch running', DR.map((r) => `${fnum(r.choose.firstEpochMs)} ms`).join(', '), 'reported (no goal)', null);
}
// ---- TF Playground links vs the real page (issue 11) -----------------------------------------
if (tfPage?.skipped) md.push('## TF Playground links vs the real TF Playground page (issue 11, bench/tf_page.mjs)', '', `Skipped: ${tfPage.skipped}.`, '');
else if (tfPage) {
  md.push('## TF Playground links vs the real TF Playground page (issue 11, bench/tf_page.mjs)', '');
  md.push(`The same TF link opened in TF Playground's page (headless Chromium) and built by nnplay's core (tfMode): training points` +
    ` read from TF's heatmap circles (pixels → data), their colours, and the losses TF displays (3 decimals) after Step ×` +
    ` ${tfPage.meta.steps.join(', ')}. Load ${tfPage.meta.loadavg.map((v) => v.toFixed(1)).join(' ')}.`, '');
  md.push('| link | points TF / nnplay | worst |Δ| point | colours differing | losses shown (train / test) TF → nnplay at the last step | all steps agree |');
  md.push('|---|---|---|---|---|---|');
  for (const r of tfPage.results) {
    const l = r.losses[r.losses.length - 1];
    md.push(`| ${r.case} | ${r.pointsTF} / ${r.pointsNnplay} | ${r.worstPointDiff.toExponential(2)} | ${r.classWrong} | ` +
      `${l.tf.join(' / ')} → ${l.nnplay.join(' / ')} (step ${l.step}) | ${r.lossesAgree ? 'yes' : '**no**'} |`);
  }
  md.push('');
  target('TF Playground links: points and shown losses equal the real page', `${tfPage.results.filter((r) => r.lossesAgree && !r.classWrong && r.pointsTF === r.pointsNnplay).length} of ${tfPage.results.length} links`,
    'all', tfPage.results.every((r) => r.lossesAgree && !r.classWrong && r.pointsTF === r.pointsNnplay));
}
md.push('## Targets (issues 6, 11, 14 and 15)', '');
md.push('| target | measured | goal | |', '|---|---|---|---|');
for (const t of targets) md.push(`| ${t.what} | ${t.value} | ${t.goal} | ${t.met == null ? '' : t.met ? 'met' : '**missed**'} |`);
md.push('');

fs.mkdirSync(OUTDIR, { recursive: true });
fs.writeFileSync(path.join(OUTDIR, 'latest.json'), JSON.stringify({ meta, sizes, startup, frames, digits, tfPage, targets, rows: [...rows.values()] }, null, 1) + '\n');
fs.writeFileSync(path.join(OUTDIR, 'latest.md'), md.join('\n'));
process.stdout.write(md.join('\n'));
log(`run: wrote bench/results/latest.md and latest.json (${meta.seconds} s of runs)`);
