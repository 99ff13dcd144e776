// What a reader sees while a network trains, measured in one headless Chromium: nnplay's page
// (scripts/serve.mjs) and TF Playground's real page (../shared/peers/tf-playground/dist, built
// from its published source; for side-by-side figures only, none of its code is used) opened in
// turn, alternating which goes first, each case `--runs` times. Per case and run:
//   frames/s and p95 frame time: requestAnimationFrame deltas over a fixed window after a warm-up;
//   epochs/s: the page's own epoch counter (nnplay #epoch, TF Playground #iter-number);
//   long tasks: main-thread tasks > 50 ms (PerformanceObserver 'longtask'), count and total ms;
//   map updates/s: 100×100 decision maps drawn (putImageData of a 100-px image, or nnplay's own
//   window.nnplayPerf().mapsDrawn when the page reports it).
// Prints JSON {meta, results: [{case, page, run, fps, p95, epochsPerSec, longTasks, ...}]}.
//   node bench/frames.mjs [--runs=3] [--seconds=5] [--long-seconds=30] [--only=spiral] [--quick]
//   node bench/frames.mjs --baseline=/work/main   also measures another checkout's page (its own
//                                           scripts/serve.mjs and web/), alternating: before/after
//   node bench/frames.mjs --color-scheme=dark   the pages as a reader with a dark system theme sees them
//   node bench/frames.mjs --task-cpu        also traces each main-thread task's own CPU time (long
//                                           tasks that are only waiting for a core; costs frames)
//   node bench/frames.mjs --profile[=case] [--seconds=4]   where a frame's time goes (CDP trace +
//                                           CPU profile of the page's main thread), printed as text
// run.mjs calls it and turns the JSON into the frames table.
import os from 'node:os';
import path from 'node:path';
import { startServer, launch } from '../tests/browser/harness.mjs';
import { CSP } from '../scripts/serve.mjs';
import { findPeer, servePeer } from './peer.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? true];
}));
const QUICK = !!args.quick;
const RUNS = Number(args.runs ?? (QUICK ? 1 : 3));
const SECONDS = Number(args.seconds ?? (QUICK ? 2 : 5));       // measuring window per case
const WARMUP = Number(args.warmup ?? (QUICK ? 1 : 2));         // seconds of training before it
const TASK_CPU = !!args['task-cpu'];  // trace each task's own CPU time (costs frames: see measureOne)
const LONG_SECONDS = Number(args['long-seconds'] ?? (QUICK ? 3 : 30));  // widgets and article
const log = (m) => process.stderr.write(m + '\n');

const SEVEN = 'x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true';
const TWO = 'x=true&y=true&xSquared=false&ySquared=false&xTimesY=false&sinX=false&sinY=false';
// hash: the same keys on both pages (TF Playground's own); nnplay adds `speed`.
export const CASES = [
  { id: 'circle 4-2 tanh, 1 epoch/frame', key: 'circle', hash: `dataset=circle&networkShape=4,2&activation=tanh&${TWO}`, speed: '1', tf: true },
  { id: 'spiral 7 features 6×8 tanh, 1 epoch/frame', key: 'spiral', hash: `dataset=spiral&networkShape=8,8,8,8,8,8&activation=tanh&${SEVEN}`, speed: '1', tf: true },
  { id: 'spiral 7 features 6×8 tanh, max speed', key: 'spiral-max', hash: `dataset=spiral&networkShape=8,8,8,8,8,8&activation=tanh&${SEVEN}`, speed: 'max', tf: false },
  { id: '2-256-128-64-1 tanh circle, 1 epoch/frame', key: 'wide', hash: `dataset=circle&networkShape=256,128,64&activation=tanh&${TWO}`, speed: '1', tf: false },
  { id: '2-256-128-64-1 tanh circle, max speed', key: 'wide-max', hash: `dataset=circle&networkShape=256,128,64&activation=tanh&${TWO}`, speed: 'max', tf: false },
  // issue 15's page: the digits network with its weight images and activations drawn (≥ 30 fps wanted)
  { id: 'digits 784-256-128-64-10, page defaults', key: 'digits', hash: 'dataset=digits', speed: null, tf: false, warmup: 5, noEpochs: true, noMap: true },
  { id: 'ten <nn-playground> widgets training', key: 'ten', ten: true, long: true },
  { id: 'article web/examples/hidden-layers.html', key: 'article', article: true, long: true },
];
const TF_WHY = 'TF Playground allows at most 8 neurons a layer and has no "as fast as possible" speed';

// A page as the options say a reader sees it (--color-scheme=dark: a dark system theme).
async function newPage(browser) {
  const page = await browser.context.newPage();
  if (args['color-scheme']) await page.emulateMedia({ colorScheme: String(args['color-scheme']) });
  return page;
}

// A CPU profile's call frame as "name file:line" (the name alone for native frames).
const frameName = (f) => `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) + ':' + (f.lineNumber + 1) : ''}`.trim();

// Recorder injected before any page script: rAF timestamps and long tasks, from navigation on.
const RECORDER = () => {
  const rec = { t: new Float64Array(1 << 16), n: 0, long: [] };
  window.__frames = rec;
  const tick = (t) => { if (rec.n < rec.t.length) rec.t[rec.n++] = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  // Decision maps drawn (either page): 100×100 ImageData put on a canvas. nnplay also reports
  // window.nnplayPerf().mapsDrawn, which counts maps however they reach the screen.
  rec.put100 = 0;
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (img, ...rest) {
    if (img && img.width === 100) rec.put100++;
    return put.call(this, img, ...rest);
  };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) rec.long.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch { rec.noLongTask = true; }
};

// Maps drawn so far, however they reach the screen: nnplay's page and widgets count the maps
// their worker paints (nnplayPerf().mapsDrawn, nnplayWidgets.stats().maps); TF Playground's are
// 100×100 ImageData put on a canvas.
const MAPS = () => {
  const p = window.nnplayPerf && window.nnplayPerf().mapsDrawn;
  if (p != null) return p;
  const w = window.nnplayWidgets && window.nnplayWidgets.stats ? window.nnplayWidgets.stats().maps || 0 : 0;
  return w + window.__frames.put100;
};

// Ten widgets visible at once (2 columns in a tall viewport), each training its own spiral/circle.
function tenPage() {
  const w = [];
  for (let i = 0; i < 10; i++) {
    const ds = ['spiral', 'circle', 'xor', 'gauss', 'spiral'][i % 5];
    w.push(`<nn-playground id="w${i}" dataset="${ds}" layers="2,8,8,1" activation="tanh" controls="play,reset" seed="${i + 1}" autoplay></nn-playground>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ten playgrounds</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="ten.css">
<script src="../gen/nnplay-widgets.js" defer></script></head>
<body><main class="grid">${w.join('\n')}</main></body></html>`;
}
const TEN_CSS = 'body{margin:0;font-family:sans-serif} .grid{display:grid;grid-template-columns:1fr 1fr;gap:0 8px;padding:4px}' +
  ' nn-playground{margin:4px 0!important}';

function stats(deltas) {
  const s = [...deltas].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN);
  return { p50: q(0.5), p95: q(0.95), max: s.length ? s[s.length - 1] : NaN };
}

async function epochOf(page, peer) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? Number(el.textContent.replace(/[^0-9]/g, '')) : NaN;
  }, peer ? '#iter-number' : '#epoch');
}

async function start(page, c, side, urls) {
  const peer = side === 'tf-playground';
  const base = side === 'nnplay-baseline' ? urls.baseline : urls.nnplay;
  if (c.ten) {
    const ex = base + 'examples/';
    await page.route(ex + 'ten-playgrounds.html', (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': CSP }, body: tenPage() }));
    await page.route(ex + 'ten.css', (r) => r.fulfill({ status: 200, contentType: 'text/css', body: TEN_CSS }));
    await page.setViewportSize({ width: 1600, height: 2400 });
    await page.goto(ex + 'ten-playgrounds.html');
    await page.waitForFunction(() => document.querySelectorAll('nn-playground[data-playing="true"]').length >= 10,
      null, { timeout: 30000 }).catch(() => {});
    return;
  }
  if (c.article) {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(base + 'examples/hidden-layers.html');
    await page.locator('#spiral').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('#spiral')?.dataset.playing === 'true', null, { timeout: 30000 }).catch(() => {});
    return;
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  if (peer) {
    await page.goto(`${urls.tf}#${c.hash}&problem=classification&learningRate=0.03&batchSize=10&seed=0.5`);
    await page.waitForSelector('#play-pause-button');
    await page.waitForTimeout(300);
    await page.click('#play-pause-button');
  } else {
    await page.goto(`${base}#${c.hash}${c.speed ? `&speed=${c.speed}` : ''}`);
    await page.waitForFunction(() => /Ready/.test(document.getElementById('status')?.textContent ?? '') &&
      document.querySelectorAll('#diagram .node').length > 0, null, { timeout: 30000 });
    await page.click('#play');
  }
}

async function measureOne(browser, c, side, urls, run) {
  const peer = side === 'tf-playground';
  const page = await newPage(browser);
  await page.addInitScript(RECORDER);
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await start(page, c, side, urls);
    await page.waitForTimeout((c.warmup ?? WARMUP) * 1000);
    const secs = c.long ? LONG_SECONDS : SECONDS;
    const e0 = c.long || c.noEpochs ? NaN : await epochOf(page, peer);
    // --task-cpu: a trace of the page's tasks over the window; a task's own CPU time tells its work
    // from the time it waited for a core (at a load of 13 on 2 cores, tasks with 3-11 ms of CPU
    // took 70-114 ms of wall time and count as long tasks). Off by default: tracing costs frames
    // on a loaded machine (spiral 55 → 48 fps, ten widgets 34 → 21 fps at load 13).
    const events = [];
    let cdp = null, traced = null;
    if (TASK_CPU) {
      cdp = await page.context().newCDPSession(page);
      cdp.on('Tracing.dataCollected', (d) => { for (const e of d.value) if (e.name === 'RunTask' || e.name === 'thread_name' || e.name === 'FireAnimationFrame') events.push(e); });
      traced = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    const m0 = await page.evaluate(`[performance.now(), (${MAPS})()]`);
    await page.waitForTimeout(secs * 1000);
    const e1 = c.long || c.noEpochs ? NaN : await epochOf(page, peer);
    const r = await page.evaluate(([t0]) => {
      const rec = window.__frames, t1 = performance.now();
      const ts = [];
      for (let i = 0; i < rec.n; i++) if (rec.t[i] >= t0 && rec.t[i] <= t1) ts.push(rec.t[i]);
      const long = rec.long.filter(([s]) => s >= t0 && s <= t1);
      const playing = document.querySelectorAll('nn-playground[data-playing="true"]').length;
      return { t0, t1, ts, long, noLongTask: !!rec.noLongTask, playing };
    }, m0);
    r.maps = await page.evaluate(`(${MAPS})()`);  // a string: no eval in the page (its CSP has none)
    if (cdp) { await cdp.send('Tracing.end'); await traced; }
    const cpu = cdp ? taskCpu(events) : { longCpu: null, maxCpuMs: null };
    const span = (r.t1 - r.t0) / 1000;
    const deltas = r.ts.slice(1).map((t, i) => t - r.ts[i]);
    const st = stats(deltas);
    const out = {
      case: c.key, page: side, run,
      loadavg: os.loadavg()[0], seconds: span,
      fps: deltas.length ? deltas.length / ((r.ts[r.ts.length - 1] - r.ts[0]) / 1000) : 0,
      p50: st.p50, p95: st.p95, maxFrame: st.max,
      epochsPerSec: Number.isFinite(e1 - e0) ? (e1 - e0) / span : null,
      mapsPerSec: !c.noMap && r.maps != null && m0[1] != null ? (r.maps - m0[1]) / span : null,
      longTasks: r.noLongTask ? null : r.long.length, longTaskMs: r.long.reduce((a, [, d]) => a + d, 0),
      longTasksCpu: cpu.longCpu, maxTaskCpuMs: cpu.maxCpuMs,
      widgetsTraining: c.ten || c.article ? r.playing : undefined,
      problems: problems.slice(0, 3),
    };
    log(`frames: ${c.key} ${out.page} run ${run + 1}: ${out.fps.toFixed(1)} fps, p95 ${out.p95.toFixed(1)} ms, ` +
      `${out.epochsPerSec == null ? '' : out.epochsPerSec.toFixed(0) + ' epochs/s, '}long tasks ${out.longTasks} ` +
      `(${out.longTaskMs.toFixed(0)} ms${out.longTasksCpu == null ? '' : `; ${out.longTasksCpu} with > 50 ms CPU, most CPU in a task ${out.maxTaskCpuMs.toFixed(0)} ms`})${out.mapsPerSec == null ? '' : `, maps ${out.mapsPerSec.toFixed(1)}/s`}` +
      `${out.widgetsTraining === undefined ? '' : `, ${out.widgetsTraining} widgets training`} · load ${out.loadavg.toFixed(2)}`);
    return out;
  } finally {
    await page.close();
  }
}

// The page's main thread (the renderer thread that runs animation frames) in a trace: tasks with
// more than 50 ms of their own CPU, and the most CPU any task took.
function taskCpu(events) {
  const main = events.find((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain' &&
    events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FireAnimationFrame'));
  if (!main) return { longCpu: null, maxCpuMs: null };
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.ph === 'X');
  return { longCpu: tasks.filter((e) => (e.tdur ?? 0) > 50000).length, maxCpuMs: Math.max(0, ...tasks.map((e) => e.tdur ?? 0)) / 1000 };
}

// ---- profile: where a frame's time goes ---------------------------------------------------------
const BUCKETS = {
  'script (page JS: tasks, rAF callbacks, events, timers)': ['FunctionCall', 'FireAnimationFrame', 'TimerFire', 'EventDispatch', 'RunMicrotasks', 'v8.callFunction'],
  'style recalc': ['UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation'],
  layout: ['Layout'],
  'pre-paint + paint': ['PrePaint', 'Paint', 'PaintImage', 'Decode Image', 'ImageDecodeTask'],
  'layerize + commit': ['Layerize', 'Commit', 'UpdateLayer', 'CompositeLayers'],
  'garbage collection': ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'BlinkGC.AtomicPhase'],
};

async function profile(browser, c, urls, side) {
  const peer = side === 'tf-playground';
  const page = await newPage(browser);
  try {
    await start(page, c, side, urls);
    await page.waitForTimeout(WARMUP * 1000);
    const cdp = await page.context().newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const done = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    // --thread also records the compositor's own categories (viz, cc, gpu, skia); --worker-js
    // samples every thread's JavaScript (the training worker's too) through the trace
    const cats = 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing' +
      (args.thread ? ',viz,cc,gpu,skia,benchmark' : '') + (args['worker-js'] ? ',disabled-by-default-v8.cpu_profiler' : '');
    await cdp.send('Tracing.start', { categories: cats, transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    const secs = SECONDS;
    await page.waitForTimeout(secs * 1000);
    const { profile: prof } = await cdp.send('Profiler.stop');
    await cdp.send('Tracing.end');
    await done;
    // the renderer's main thread
    const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FireAnimationFrame'));
    const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
    const t0 = Math.min(...onMain.map((e) => e.ts)), t1 = Math.max(...onMain.map((e) => e.ts + e.dur));
    const windowMs = (t1 - t0) / 1000;
    const busy = onMain.filter((e) => e.name === 'RunTask').reduce((a, e) => a + e.dur, 0) / 1000;
    const frames = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.name === 'FireAnimationFrame').length;
    const lines = [`profile: ${c.id} (${side}), ${windowMs.toFixed(0)} ms traced, ` +
      `main thread busy ${busy.toFixed(0)} ms (${(100 * busy / windowMs).toFixed(0)} %), ${frames} animation-frame callbacks, load ${os.loadavg()[0].toFixed(2)}`];
    // Sum each bucket's outermost events only (a FunctionCall inside a TimerFire counts once).
    for (const [bucket, names] of Object.entries(BUCKETS)) {
      const evs = onMain.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts);
      let ms = 0, end = -Infinity;
      for (const e of evs) { if (e.ts >= end) { ms += e.dur; end = e.ts + e.dur; } else if (e.ts + e.dur > end) { ms += e.ts + e.dur - end; end = e.ts + e.dur; } }
      lines.push(`  ${bucket.padEnd(56)} ${(ms / 1000).toFixed(0).padStart(6)} ms  ${(100 * ms / 1000 / windowMs).toFixed(1).padStart(5)} %  ${frames ? (ms / 1000 / frames).toFixed(2) : '-'} ms/frame`);
    }
    // CPU time by thread over the whole browser (tdur: time on the CPU, not waiting): the
    // page's main thread, its worker(s), the compositor and raster threads, the GPU/viz process.
    // Top-level events only (an event inside another on the same thread counts once).
    const names = new Map();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    const perThread = new Map();
    const byThread = new Map();
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur || e.ts < t0 || e.ts > t1) continue;
      const k = `${e.pid}:${e.tid}`;
      if (!byThread.has(k)) byThread.set(k, []);
      byThread.get(k).push(e);
    }
    for (const [k, evs] of byThread) {
      evs.sort((a, b) => a.ts - b.ts);
      let end = -Infinity, cpu = 0;
      for (const e of evs) { if (e.ts >= end) { cpu += (e.tdur ?? e.dur); end = e.ts + e.dur; } }
      const n = (names.get(k) ?? '?').replace(/\d+$/, '');
      perThread.set(n, (perThread.get(n) ?? 0) + cpu / 1000);
    }
    lines.push(`  CPU time by thread (all processes; ${windowMs.toFixed(0)} ms window, 2 cores = ${(2 * windowMs).toFixed(0)} ms):`);
    for (const [n, ms] of [...perThread.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8))
      lines.push(`    ${n.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${frames ? (ms / frames).toFixed(2) : '-'} ms/frame`);
    // Main-thread tasks over 50 ms and what took their time (the nested events with the most).
    const longRuns = onMain.filter((e) => e.name === 'RunTask' && e.dur > 50000);
    lines.push(`  main-thread tasks > 50 ms: ${longRuns.length}`);
    for (const t of longRuns.slice(0, 8)) {
      const inner = new Map();
      for (const e of onMain) if (e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur) inner.set(e.name, (inner.get(e.name) ?? 0) + e.dur / 1000);
      const top = [...inner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ');
      lines.push(`    ${(t.dur / 1000).toFixed(0)} ms (CPU ${((t.tdur ?? t.dur) / 1000).toFixed(0)} ms): ${top}`);
    }
    if (args.events) {
      // every event name on the main thread by total wall time (nested events counted too)
      const tot = new Map();
      for (const e of onMain) tot.set(e.name, (tot.get(e.name) ?? 0) + e.dur / 1000);
      lines.push('  main-thread events by total wall time (nested ones included):');
      for (const [n, ms] of [...tot.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`    ${n.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms`);
    }
    if (args.thread) {
      // --thread=VizCompositorThread: what that thread (any process) spent its time on, by each
      // event's own wall time (its duration less the events nested in it).
      const want = String(args.thread);
      const keys = [...names.entries()].filter(([, n]) => n.replace(/\d+$/, '') === want).map(([k]) => k);
      const own = new Map();
      for (const k of keys) {
        const evs = (byThread.get(k) ?? []).slice().sort((a, b) => a.ts - b.ts || b.dur - a.dur);
        const stack = [];
        for (const e of evs) {
          while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
          if (stack.length) { const p = stack[stack.length - 1]; own.set(p.name, (own.get(p.name) ?? 0) - e.dur / 1000); }
          own.set(e.name, (own.get(e.name) ?? 0) + e.dur / 1000);
          stack.push(e);
        }
      }
      lines.push(`  ${want}: events by own wall time (${frames} frames):`);
      for (const [n, ms] of [...own.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
        lines.push(`    ${n.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms  ${frames ? (ms / frames).toFixed(2) : '-'} ms/frame`);
    }
    // JS self time by function (CPU profile of the page's main thread).
    const self = new Map();
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const dt = prof.timeDeltas;
    const total = (prof.endTime - prof.startTime) / 1000;
    const counts = new Map();
    for (let i = 0; i < prof.samples.length; i++) counts.set(prof.samples[i], (counts.get(prof.samples[i]) ?? 0) + (dt[i + 1] ?? dt[i] ?? 0));
    for (const [id, us] of counts) {
      const n = byId.get(id);
      const f = n.callFrame;
      const k = frameName(f);
      self.set(k, (self.get(k) ?? 0) + us / 1000);
    }
    const top = [...self.entries()].filter(([k]) => !/^\((idle|program)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 18);
    lines.push(`  JS self time, top functions (CPU profile over ${total.toFixed(0)} ms):`);
    for (const [k, ms] of top) lines.push(`    ${ms.toFixed(0).padStart(6)} ms ${(100 * ms / total).toFixed(1).padStart(5)} %  ${k}`);
    if (args['worker-js']) lines.push(...workerJs(events, names, frames));
    return lines.join('\n');
  } finally {
    await page.close();
  }
}

// The dedicated workers' JavaScript by self time, from the trace's sampling profiler
// (ProfileChunk events: nodes, samples and time deltas per profiled thread), wasm functions
// included by name.
function workerJs(events, names, frames) {
  const byTid = new Map();  // "pid:id" of a Profile → {tid, nodes, samples, deltas}
  for (const e of events) {
    if (e.name === 'Profile') byTid.set(`${e.pid}:${e.id}`, { tid: `${e.pid}:${e.tid}`, nodes: new Map(), samples: [], deltas: [] });
    if (e.name !== 'ProfileChunk') continue;
    const p = byTid.get(`${e.pid}:${e.id}`);
    const d = e.args?.data;
    if (!p || !d) continue;
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(d.cpuProfile?.samples ?? []));
    p.deltas.push(...(d.timeDeltas ?? []));
  }
  const out = [];
  for (const p of byTid.values()) {
    const thread = (names.get(p.tid) ?? '?');
    if (!/DedicatedWorker/.test(thread)) continue;
    const self = new Map();
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const n = p.nodes.get(p.samples[i]);
      const us = p.deltas[i + 1] ?? 0;
      if (!n) continue;
      const f = n.callFrame;
      const k = frameName(f);
      if (/^\((idle|program)\)/.test(k)) continue;
      self.set(k, (self.get(k) ?? 0) + us / 1000);
      total += us / 1000;
    }
    out.push(`  ${thread} JavaScript + wasm by self time (${total.toFixed(0)} ms sampled; ${frames} frames):`);
    for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
      out.push(`    ${ms.toFixed(0).padStart(6)} ms ${(100 * ms / total).toFixed(1).padStart(5)} %  ${k}`);
    // inclusive time (a function and everything it called), each function once per sample
    const incl = new Map();
    for (let i = 0; i < p.samples.length; i++) {
      const us = p.deltas[i + 1] ?? 0;
      const seen = new Set();
      for (let n = p.nodes.get(p.samples[i]); n; n = p.nodes.get(n.parent)) {
        const f = n.callFrame;
        if (!f.url || seen.has(f.functionName)) continue;
        seen.add(f.functionName);
        const k = frameName(f);
        incl.set(k, (incl.get(k) ?? 0) + us / 1000);
      }
    }
    out.push(`  ${thread} by inclusive time (named JavaScript functions):`);
    for (const [k, ms] of [...incl.entries()].filter(([k]) => !/^\(anonymous\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 30))
      out.push(`    ${ms.toFixed(0).padStart(6)} ms ${(100 * ms / total).toFixed(1).padStart(5)} %  ${k}`);
  }
  return out.length ? out : ['  --worker-js: no worker samples in the trace'];
}

// ---- main -----------------------------------------------------------------------------------------
const peerDir = findPeer().dir;
const server = await startServer();
const peerSrv = peerDir ? await servePeer(peerDir) : null;
const baseSrv = args.baseline ? await startServer(path.resolve(String(args.baseline), 'scripts', 'serve.mjs')) : null;
const urls = { nnplay: server.url, tf: peerSrv?.url, baseline: baseSrv?.url };
const browser = await launch();
const meta = { date: new Date().toISOString(), runs: RUNS, seconds: SECONDS, warmup: WARMUP, longSeconds: LONG_SECONDS,
  peer: peerDir, baseline: args.baseline ? String(args.baseline) : null, peerMissing: peerDir ? null : 'TF Playground\'s page was not found (../shared/peers/tf-playground/dist or NNPLAY_TF_PLAYGROUND): its column is empty',
  tfWhy: TF_WHY, cases: CASES.map(({ key, id, tf, long }) => ({ key, id, tf: !!tf, long: !!long })),
  chromium: browser.context.browser()?.version() ?? null };
try {
  if (args.profile) {
    const keys = args.profile === true ? ['circle', 'spiral', 'wide'] : String(args.profile).split(',');
    for (const k of keys) {
      const c = CASES.find((x) => x.key === k);
      if (!c) { log(`unknown case ${k}; cases: ${CASES.map((x) => x.key).join(', ')}`); continue; }
      process.stdout.write(await profile(browser, c, urls, 'nnplay') + '\n');
      if (urls.baseline) process.stdout.write(await profile(browser, c, urls, 'nnplay-baseline') + '\n');
      if (args.peer && c.tf && urls.tf) process.stdout.write(await profile(browser, c, urls, 'tf-playground') + '\n');
    }
  } else {
    const only = args.only ? String(args.only).split(',') : null;
    const results = [];
    for (let run = 0; run < RUNS; run++) {
      for (const c of CASES) {
        if (only && !only.includes(c.key)) continue;
        const sides = ['nnplay'];
        if (urls.baseline) sides.push('nnplay-baseline');
        if (c.tf && urls.tf) sides.push('tf-playground');
        if (run % 2) sides.reverse();  // alternate who goes first
        for (const side of sides) {
          try { results.push(await measureOne(browser, c, side, urls, run)); } catch (e) {
            log(`frames: ${c.key} ${side} run ${run + 1} failed: ${e.message.split('\n')[0]}`);
            results.push({ case: c.key, page: side, run, error: e.message.split('\n')[0] });
          }
        }
      }
    }
    process.stdout.write(JSON.stringify({ meta, results }) + '\n');
  }
} finally {
  await browser.close();
  server.stop();
  peerSrv?.stop();
  baseSrv?.stop();
}
